import { type SQL, sql } from 'drizzle-orm';
import { type CustomFieldValue, customFieldValueError } from '../../schema/customFields';
import type { FieldErrors } from '../../schema/errorCodes';
import { customFields } from '../../schema/tables';
import type { TenantScope } from '../db';
import { Invalid } from '../errors';

export type Definition = typeof customFields.$inferSelect;

/** The reseller's definitions; every read also renews the isolate's memory of them (the new-customer form reads them before its create). */
export async function loadCustomFieldDefinitions(scope: TenantScope): Promise<Definition[]> {
  const definitions = await scope.db.select().from(customFields).where(scope.where(customFields)).orderBy(customFields.position).all();
  remembered.set(scope.resellerId, { definitions, at: Date.now() });
  return definitions;
}

// The definitions this isolate read last, per reseller, so creating a customer need not read them first:
// the write's batch then checks they are still the ones it validated against (every change of a
// definition raises its version; a new one adds an id), and reads them again when not.
const KEEP_MS = 5 * 60_000;
const remembered = new Map<string, { definitions: Definition[]; at: number }>();

const fingerprintOf = (definitions: Definition[]) =>
  definitions
    .map((definition) => `${definition.id}:${definition.version}`)
    .sort()
    .join(',');

/** The reseller's definitions for a write, from memory when this isolate has them, and the guard that holds the write to them. */
export async function definitionsForWrite(scope: TenantScope, options: { fresh?: boolean } = {}) {
  const kept = remembered.get(scope.resellerId);
  const fromMemory = !options.fresh && kept !== undefined && Date.now() - kept.at < KEEP_MS;
  const definitions = fromMemory ? kept.definitions : await loadCustomFieldDefinitions(scope);
  return { definitions, unchanged: definitionsUnchanged(scope, definitions), fromMemory };
}

/** The guard of a write planned on `definitions`: the reseller's custom fields are still exactly these, at these versions. */
export function definitionsUnchanged(scope: TenantScope, definitions: Definition[]): SQL {
  // Plain SQL ordered like fingerprintOf (byte order of "id:version"); no definitions is the empty string.
  return sql`coalesce((SELECT group_concat(entry, ',') FROM (SELECT id || ':' || version AS entry FROM custom_fields WHERE reseller_id = ${scope.resellerId} ORDER BY entry)), '') = ${fingerprintOf(definitions)}`;
}

/**
 * Checks the custom field values sent with a create or update against the reseller's definitions.
 * On create every required field must be filled; on update only the fields sent are checked, so a
 * field made required later does not block unrelated edits.
 */
export function checkCustomFieldValues(definitions: Definition[], values: Record<string, CustomFieldValue>, mode: 'create' | 'update') {
  const errors: FieldErrors = {};
  const byId = new Map(definitions.map((definition) => [definition.id, definition]));
  for (const [id, value] of Object.entries(values)) {
    const definition = byId.get(id);
    if (!definition) errors[`customFields.${id}`] = 'unknown_field';
    else if (definition.archived) errors[`customFields.${id}`] = 'archived_field';
    else {
      const error = customFieldValueError(definition, value);
      if (error) errors[`customFields.${id}`] = error;
    }
  }
  if (mode === 'create') {
    for (const definition of definitions) {
      if (definition.required && !definition.archived && !(definition.id in values)) errors[`customFields.${definition.id}`] = 'required';
    }
  }
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
}

/** Empty values are removed instead of stored as empty strings. */
export function mergeCustomFieldValues(current: Record<string, unknown>, changes: Record<string, CustomFieldValue>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  for (const [id, value] of Object.entries(changes)) {
    if (value === null || value === '') delete merged[id];
    else merged[id] = value;
  }
  return merged;
}
