import { Hono } from 'hono';
import type * as v from 'valibot';
import {
  bulkArchiveJobInput,
  bulkExportJobInput,
  bulkInviteJobInput,
  bulkJobStarted,
  bulkTagJobInput,
  EXPORT_FILE_HOURS,
  type Job,
  MAX_JOB_ITEMS,
  MAX_SELECTED_IDS,
} from '../../schema/jobs';
import { tags } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { customerFileBaseName } from '../customers/exportFile';
import { tenantScope } from '../db';
import type { AppEnv } from '../env';
import { Invalid, NotFound } from '../errors';
import { termsForWrite } from '../invitations/create';
import { archiveJob, inviteJob, tagJob, untagJob } from '../jobs/customerKinds';
import { expiredExportRows, exportJob } from '../jobs/exportKind';
import { type CustomerTarget, customersNotFound, resolveCustomers, startJob } from '../jobs/start';
import { describeRoute } from '../openapi/describeRoute';
import { readTogether } from '../readTogether';
import { planFromMemory, rowForChange } from '../rowMemory';
import { readJson } from '../validate';
import { GuardFailed } from '../write';

/**
 * Bulk work on the selected customers or on all that match the list's filter, each as a background
 * job (202 with the queued job; progress arrives live as `job.changed`, the report at /jobs/:id/items).
 */
export const bulkCustomerRoutes = new Hono<AppEnv>();

const target = `Either \`customerIds\` (the selected rows, up to ${MAX_SELECTED_IDS}; any id that is not one of the reseller's customers is a 404 and nothing starts) or \`filter\` (the list's \`q\`, \`tag\`, \`state\`, \`country\`, resolved to ids when the job starts; more than ${MAX_JOB_ITEMS} matches is a 422 \`too_many_customers\`).`;

/** A bulk action's description: the common target, 202 with the queued job. */
const describeBulk = (summary: string, detail: string, body: v.GenericSchema) =>
  describeRoute({
    tag: 'Jobs',
    summary,
    description: `${target} ${detail}`,
    body,
    responses: { 202: bulkJobStarted },
    errors: { 404: ['not_found'], 422: ['too_many_customers'] },
  });

const targetOf = (input: { customerIds?: string[]; filter?: CustomerTarget['filter'] }): CustomerTarget =>
  input.customerIds ? { customerIds: input.customerIds } : { filter: input.filter! };

/**
 * Starts a bulk job planned by `start` from what `find` found: a plan from remembered rows (a tag, the
 * invite terms) whose guard failed is made again from D1; from D1, a failed guard means a customer of
 * the selection is not the reseller's (or was deleted a moment ago).
 */
function startPlanned<Found extends { fromMemory: boolean }>(find: (fresh: boolean) => Promise<Found>, start: (found: Found) => Promise<Job>): Promise<Job> {
  return planFromMemory(find, async (found) => {
    try {
      return await start(found);
    } catch (error) {
      throw error instanceof GuardFailed && !found.fromMemory ? customersNotFound() : error;
    }
  });
}

for (const spec of [tagJob, untagJob]) {
  const tagging = spec.kind === 'customers.tag';
  const description = tagging
    ? describeBulk('Tag many customers (a background job)', 'Customers deleted after the start are reported as `not_found`.', bulkTagJobInput)
    : describeBulk('Untag many customers (a background job)', 'Customers without the tag are reported as `not_tagged`.', bulkTagJobInput);
  bulkCustomerRoutes.post(tagging ? '/tag' : '/untag', description, requirePermission(spec.permission), async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const input = await readJson(c, bulkTagJobInput);
    // The tag as the tag picker showed it (else read, together with a filter's customers); an unknown tag is the first answer.
    const find = async (fresh: boolean) => {
      const [tag, resolved] = await readTogether([
        rowForChange(scope, tags, input.tagId, undefined, { fresh }).catch((error: unknown) => {
          throw error instanceof NotFound ? new Invalid({ tagId: 'unknown_tag' }) : error;
        }),
        resolveCustomers(scope, targetOf(input)),
      ]);
      return { tag, resolved, fromMemory: tag.fromMemory };
    };
    const job = await startPlanned(find, ({ tag, resolved }) =>
      startJob(c, actor, scope, spec, {
        params: { tagId: tag.row.id, tagName: tag.row.name },
        label: tag.row.name,
        itemIds: resolved.itemIds,
        guards: [...resolved.guards, tag.unchanged],
      }),
    );
    return c.json({ job }, 202);
  });
}

bulkCustomerRoutes.post(
  '/invite',
  describeBulk(
    'Invite many customers to a relationship (a background job)',
    'Each customer gets an invitation as from `POST /api/v1/invitations`; one with an active relationship (`relationship_active`) or an open invitation (`invitation_pending`) is refused in the report. Links are made when each invitation is sent (`POST /api/v1/invitations/:id/resend`), as they are shown only once.',
    bulkInviteJobInput,
  ),
  requirePermission(inviteJob.permission),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const { customerIds, filter, ...params } = await readJson(c, bulkInviteJobInput);
    // The reseller's own settings are checked up front, as for one invitation; each customer's state in the job.
    const find = async (fresh: boolean) => {
      const [terms, resolved] = await readTogether([
        params.includeIndirectProvider ? termsForWrite(scope, { fresh }) : undefined,
        resolveCustomers(scope, targetOf({ customerIds, filter })),
      ]);
      return { terms, resolved, fromMemory: terms?.fromMemory === true };
    };
    const job = await startPlanned(find, ({ terms, resolved }) => {
      if (terms && !terms.terms.indirectProvider) throw new Invalid({ includeIndirectProvider: 'no_indirect_provider' });
      return startJob(c, actor, scope, inviteJob, { params, label: '', itemIds: resolved.itemIds, guards: [...resolved.guards, ...(terms?.fromMemory ? [terms.unchanged] : [])] });
    });
    return c.json({ job }, 202);
  },
);

bulkCustomerRoutes.post(
  '/archive',
  describeBulk(
    'Archive many customers (a background job)',
    'Each customer is archived as by `POST /api/v1/customers/:id/archive` (audited `customer.archived`, published live); one already archived is reported as `already_archived`.',
    bulkArchiveJobInput,
  ),
  requirePermission(archiveJob.permission),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const target = targetOf(await readJson(c, bulkArchiveJobInput));
    const job = await startPlanned(
      async () => ({ resolved: await resolveCustomers(scope, target), fromMemory: false }),
      ({ resolved }) => startJob(c, actor, scope, archiveJob, { params: {}, label: '', ...resolved }),
    );
    return c.json({ job }, 202);
  },
);

/**
 * Export the customers into a file (as `GET /customers/export` writes it), downloadable from
 * `GET /jobs/:id/file` by every colleague who may export, for EXPORT_FILE_HOURS after the job ended.
 * Starting one deletes the reseller's expired snapshots in the same batch.
 */
bulkCustomerRoutes.post(
  '/export',
  describeBulk(
    'Export many customers into a file (a background job)',
    `Each customer is kept as the customer list shows it (archived ones too, when selected); one deleted after the start is reported as \`not_found\`. When the job has succeeded, its \`file\` says so and \`GET /api/v1/jobs/:id/file\` answers the file (Customer.xls, Customers.xlsx or Customers.csv, the columns of \`GET /api/v1/customers/export\`) to everyone of the reseller who may export, for ${EXPORT_FILE_HOURS} hours.`,
    bulkExportJobInput,
  ),
  requirePermission(exportJob.permission),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const { customerIds, filter, ...params } = await readJson(c, bulkExportJobInput);
    const label = `${customerFileBaseName(params.format)}.${params.format}`;
    const job = await startPlanned(
      async () => ({ resolved: await resolveCustomers(scope, targetOf({ customerIds, filter })), fromMemory: false }),
      ({ resolved }) => startJob(c, actor, scope, exportJob, { params, label, ...resolved, alongside: [expiredExportRows(scope)] }),
    );
    return c.json({ job }, 202);
  },
);
