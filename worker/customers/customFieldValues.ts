import { type CustomFieldValue, customFieldValueError } from '../../schema/customFields';
import type { FieldErrors } from '../../schema/errorCodes';
import { customFields } from '../../schema/tables';
import type { TenantScope } from '../db';
import { Invalid } from '../errors';

type Definition = typeof customFields.$inferSelect;

export async function loadCustomFieldDefinitions(scope: TenantScope): Promise<Definition[]> {
  return scope.db.select().from(customFields).where(scope.where(customFields)).orderBy(customFields.position).all();
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
