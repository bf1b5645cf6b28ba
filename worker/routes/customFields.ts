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
import { changeRow, rememberRows } from '../rowMemory';
import { readJson } from '../validate';
import { commitWrite, GuardFailed, liveEvent } from '../write';

const oneField = v.object({ field: customFieldOutput });

export const customFieldRoutes = new Hono<AppEnv>();

type Row = typeof customFields.$inferSelect;

function toField(row: Row): CustomField {
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
  rememberRows(scope, customFields, [row]);
  return row;
}

/** In the order the form shows them; fields with the same position by age. */
export const customFieldList = tableList<object, typeof customFields.$inferSelect, CustomField>({
  table: customFields,
  order: () => ({ keys: [sortKey(customFields.position, 'position'), sortKey(customFields.createdAt, 'createdAt'), sortKey(customFields.id, 'id')] }),
  item: toField,
  // Changed from this list (Settings → Custom fields): planned without reading the field again.
  seen: (scope, rows) => rememberRows(scope, customFields, rows),
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
    const id = newId('cf');
    const field: Omit<CustomField, 'position'> = { id, ...input, options: input.type === 'choice' ? input.options : [], archived: false, version: 1 };
    // Nothing read first: the new field goes last, its position drawn inside the insert, and the stored row comes back.
    const results = await commitWrite(c, actor, {
      statements: [
        scope.db
          .insert(customFields)
          .values({ ...field, resellerId: actor.resellerId, position: sql`(SELECT coalesce(max(position), -1) + 1 FROM custom_fields WHERE reseller_id = ${actor.resellerId})` })
          .returning(),
      ],
      audit: { action: 'custom_field.created', entityType: 'custom_field', entityId: id, after: field },
      events: async ([inserted]) => {
        const stored = toField((inserted as Row[])[0]!);
        return [liveEvent('custom_field.created', actor, stored, stored)];
      },
    });
    // The batch's answer is lost only after its commit: the field is then read.
    const stored = (results[0] as Row[] | undefined)?.[0] ?? (await loadField(scope, id));
    rememberRows(scope, customFields, [stored]);
    const created = toField(stored);
    return c.json({ field: created }, 201);
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
    const conflict = async (id: string) => new VersionConflict('this field', toField(await loadField(scope, id)));
    const next = await changeRow(scope, customFields, c.req.param('id'), input.version, async (found) => {
      const current = toField(found.row);
      if (current.version !== input.version) throw new VersionConflict('this field', current);
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
      const stored: Row = { ...found.row, ...changes, version, updatedAt: nowIso() };
      try {
        await commitWrite(c, actor, {
          guards: [found.unchanged],
          statements: [
            scope.db
              .update(customFields)
              .set({ ...changes, version, updatedAt: stored.updatedAt })
              .where(scope.where(customFields, eq(customFields.id, id))),
          ],
          audit: { action: 'custom_field.updated', entityType: 'custom_field', entityId: id, before: current, after: next },
          events: [liveEvent('custom_field.updated', actor, next, next)],
        });
      } catch (error) {
        if (error instanceof GuardFailed && !found.fromMemory) throw await conflict(id);
        throw error;
      }
      rememberRows(scope, customFields, [stored]);
      return next;
    });
    return c.json({ field: next });
  },
);
