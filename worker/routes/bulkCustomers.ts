import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { bulkArchiveJobInput, bulkExportJobInput, bulkInviteJobInput, bulkTagJobInput } from '../../schema/jobs';
import { tags } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { tenantScope } from '../db';
import type { AppEnv } from '../env';
import { Invalid } from '../errors';
import { customerFileBaseName } from '../customers/exportFile';
import { archiveJob, inviteJob, tagJob, untagJob } from '../jobs/customerKinds';
import { expiredExportRows, exportJob } from '../jobs/exportKind';
import { resellerTerms } from '../invitations/create';
import { resolveCustomers, startJob, type CustomerTarget } from '../jobs/start';
import { readJson } from '../validate';

/**
 * Bulk work on the selected customers or on all that match the list's filter, each as a background
 * job (202 with the queued job; progress arrives live as `job.changed`, the report at /jobs/:id/items).
 */
export const bulkCustomerRoutes = new Hono<AppEnv>();

const targetOf = (input: { customerIds?: string[]; filter?: CustomerTarget['filter'] }): CustomerTarget =>
  input.customerIds ? { customerIds: input.customerIds } : { filter: input.filter! };

for (const spec of [tagJob, untagJob]) {
  bulkCustomerRoutes.post(spec.kind === 'customers.tag' ? '/tag' : '/untag', requirePermission(spec.permission), async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const input = await readJson(c, bulkTagJobInput);
    const tag = await scope.db.select({ id: tags.id, name: tags.name }).from(tags).where(scope.where(tags, eq(tags.id, input.tagId))).get();
    if (!tag) throw new Invalid({ tagId: 'unknown_tag' });
    const itemIds = await resolveCustomers(scope, targetOf(input));
    const job = await startJob(c, actor, scope, spec, { params: { tagId: tag.id, tagName: tag.name }, label: tag.name, itemIds });
    return c.json({ job }, 202);
  });
}

bulkCustomerRoutes.post('/invite', requirePermission(inviteJob.permission), async (c) => {
  const actor = currentActor(c);
  const scope = tenantScope(c.env, actor);
  const { customerIds, filter, ...params } = await readJson(c, bulkInviteJobInput);
  // The reseller's own settings are checked up front, as for one invitation; each customer's state in the job.
  if (params.includeIndirectProvider && !(await resellerTerms(scope)).indirectProvider) throw new Invalid({ includeIndirectProvider: 'no_indirect_provider' });
  const itemIds = await resolveCustomers(scope, targetOf({ customerIds, filter }));
  const job = await startJob(c, actor, scope, inviteJob, { params, label: '', itemIds });
  return c.json({ job }, 202);
});

bulkCustomerRoutes.post('/archive', requirePermission(archiveJob.permission), async (c) => {
  const actor = currentActor(c);
  const scope = tenantScope(c.env, actor);
  const itemIds = await resolveCustomers(scope, targetOf(await readJson(c, bulkArchiveJobInput)));
  const job = await startJob(c, actor, scope, archiveJob, { params: {}, label: '', itemIds });
  return c.json({ job }, 202);
});

/**
 * Export the customers into a file (as `GET /customers/export` writes it), downloadable from
 * `GET /jobs/:id/file` by every colleague who may export, for EXPORT_FILE_HOURS after the job ended.
 * Starting one deletes the reseller's expired snapshots in the same batch.
 */
bulkCustomerRoutes.post('/export', requirePermission(exportJob.permission), async (c) => {
  const actor = currentActor(c);
  const scope = tenantScope(c.env, actor);
  const { customerIds, filter, ...params } = await readJson(c, bulkExportJobInput);
  const itemIds = await resolveCustomers(scope, targetOf({ customerIds, filter }));
  const label = `${customerFileBaseName(params.format)}.${params.format}`;
  const job = await startJob(c, actor, scope, exportJob, { params, label, itemIds, alongside: [expiredExportRows(scope)] });
  return c.json({ job }, 202);
});
