import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { pageQuery } from '../../schema/common';
import { type CustomField, customFieldInput, customFieldOutput, customFieldUpdateInput } from '../../schema/customFields';
import { customFields } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { newId, nowIso, type TenantScope, tenantScope } from '../db';
import type { AppEnv } from '../env';
import { Invalid, NotFound, VersionConflict } from '../errors';
import { describeList, describeRoute } from '../openapi/describeRoute';
import { pageHandler, sortKey, tableList } from '../pagination';
import { readJson } from '../validate';
import { commitWrite, GuardFailed, liveEvent } from '../write';

const oneField = v.object({ field: customFieldOutput });

export const customFieldRoutes = new Hono<AppEnv>();

function toField(row: typeof customFields.$inferSelect): CustomField {
  const { id, label, type, options, required, position, archived, version } = row;
  return { id, label, type, options, required, position, archived, version };
}

async function loadField(scope: TenantScope, id: string) {
  const row = await scope.db
    .select()
    .from(customFields)
    .where(scope.where(customFields, eq(customFields.id, id)))
    .get();
  if (!row) throw new NotFound();
  return row;
}

/** In the order the form shows them; fields with the same position by age. */
export const customFieldList = tableList<object, typeof customFields.$inferSelect, CustomField>({
  table: customFields,
  order: () => ({ keys: [sortKey(customFields.position, 'position'), sortKey(customFields.createdAt, 'createdAt'), sortKey(customFields.id, 'id')] }),
  item: toField,
});

customFieldRoutes.get(
  '/',
  describeList({ tag: 'Custom fields', summary: 'List custom fields in their order', item: customFieldOutput }),
  requirePermission('customers.read'),
  pageHandler(customFieldList, pageQuery),
);

customFieldRoutes.post(
  '/',
  describeRoute({ tag: 'Custom fields', summary: 'Add a custom field', body: customFieldInput, responses: { 201: oneField } }),
  requirePermission('settings.manage'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const input = await readJson(c, customFieldInput);
    const last = await scope.db
      .select({ position: sql<number | null>`max(${customFields.position})` })
      .from(customFields)
      .where(scope.where(customFields))
      .get();
    const field: CustomField = {
      id: newId('cf'),
      ...input,
      options: input.type === 'choice' ? input.options : [],
      position: (last?.position ?? -1) + 1,
      archived: false,
      version: 1,
    };
    await commitWrite(c, actor, {
      statements: [scope.db.insert(customFields).values({ ...field, resellerId: actor.resellerId })],
      audit: { action: 'custom_field.created', entityType: 'custom_field', entityId: field.id, after: field },
      events: [liveEvent('custom_field.created', actor, field, field)],
    });
    return c.json({ field }, 201);
  },
);

customFieldRoutes.patch(
  '/:id',
  describeRoute({ tag: 'Custom fields', summary: 'Change, reorder or archive a custom field', body: customFieldUpdateInput, responses: { 200: oneField } }),
  requirePermission('settings.manage'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const input = await readJson(c, customFieldUpdateInput);
    const current = toField(await loadField(scope, c.req.param('id')));
    const conflict = (field: CustomField) => new VersionConflict('this field', field);
    if (current.version !== input.version) throw conflict(current);
    const next: CustomField = {
      ...current,
      label: input.label ?? current.label,
      options: input.options ?? current.options,
      required: input.required ?? current.required,
      position: input.position ?? current.position,
      archived: input.archived ?? current.archived,
      version: current.version + 1,
    };
    if (next.type === 'choice' && next.options.length === 0) throw new Invalid({ options: 'options_required' });
    const { id, version, ...changes } = next;
    try {
      await commitWrite(c, actor, {
        guards: [sql`(SELECT version FROM custom_fields WHERE id = ${id}) = ${input.version}`],
        statements: [
          scope.db
            .update(customFields)
            .set({ ...changes, version, updatedAt: nowIso() })
            .where(scope.where(customFields, eq(customFields.id, id))),
        ],
        audit: { action: 'custom_field.updated', entityType: 'custom_field', entityId: id, before: current, after: next },
        events: [liveEvent('custom_field.updated', actor, next, next)],
      });
    } catch (error) {
      if (error instanceof GuardFailed) throw conflict(toField(await loadField(scope, id)));
      throw error;
    }
    return c.json({ field: next });
  },
);
