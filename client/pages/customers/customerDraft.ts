import * as v from 'valibot';
import { type Customer, type CustomerCreateInput, type CustomerUpdateInput, customerCreateInput, customerUpdateInput } from '../../../schema/customers';
import { type CustomField, type CustomFieldValue, customFieldValueError } from '../../../schema/customFields';
import { issuesToFields } from '../../../schema/fieldErrors';
import type { Checked } from '../../lib/form';

/** The customer's own fields, in form order. */
export const baseFieldKeys = [
  'customerNumber',
  'company',
  'contactFirstName',
  'contactLastName',
  'email',
  'phone',
  'mobile',
  'website',
  'primaryDomain',
  'microsoftId',
  'address',
  'postalCode',
  'city',
  'state',
  'country',
] as const;
export type BaseFieldKey = (typeof baseFieldKeys)[number];

/** What the inputs hold: text everywhere, custom values too (converted when validated). */
export type CustomerDraft = Record<BaseFieldKey, string> & { customFields: Record<string, string> };

export const customFieldKey = (id: string) => `customFields.${id}`;

export function emptyDraft(fields: CustomField[]): CustomerDraft {
  const draft = Object.fromEntries(baseFieldKeys.map((key) => [key, ''])) as Record<BaseFieldKey, string>;
  return { ...draft, country: 'DE', customFields: Object.fromEntries(fields.map((field) => [field.id, ''])) };
}

/** Decimal text as people type it here: "12,5" and "12.5" both mean 12.5; anything else is NaN. */
function parseDecimal(text: string): number {
  const compact = text.trim().replace(/\s/g, '');
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(compact)) return Number.NaN;
  return Number(compact.replace(',', '.'));
}

export function customValueFromText(field: CustomField, text: string): CustomFieldValue {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return field.type === 'number' ? parseDecimal(trimmed) : field.type === 'text' ? trimmed : text;
}

export function customTextFromValue(field: CustomField, value: unknown, locale: string): string {
  if (value === null || value === undefined) return '';
  if (field.type === 'number' && typeof value === 'number') return locale.startsWith('de') ? String(value).replace('.', ',') : String(value);
  return String(value);
}

export function draftOf(customer: Customer, fields: CustomField[], locale: string): CustomerDraft {
  const base = Object.fromEntries(baseFieldKeys.map((key) => [key, customer[key] ?? ''])) as Record<BaseFieldKey, string>;
  return {
    ...base,
    customFields: Object.fromEntries(fields.map((field) => [field.id, customTextFromValue(field, customer.customFields[field.id], locale)])),
  };
}

function customErrors(fields: CustomField[], values: Record<string, CustomFieldValue>, errors: Record<string, string>) {
  for (const field of fields) {
    if (!(field.id in values)) continue;
    const error = customFieldValueError(field, values[field.id]);
    if (error) errors[customFieldKey(field.id)] = error;
    else delete errors[customFieldKey(field.id)];
  }
}

/** The schema the API creates customers with, so the form shows the API's errors before it is asked. */
export function validateCreate(draft: CustomerDraft, fields: CustomField[]): Checked<CustomerCreateInput> {
  const values = Object.fromEntries(fields.map((field) => [field.id, customValueFromText(field, draft.customFields[field.id] ?? '')]));
  const { customFields: _text, ...base } = draft;
  const parsed = v.safeParse(customerCreateInput, { ...base, customFields: values });
  const errors = parsed.success ? {} : issuesToFields(parsed.issues);
  customErrors(fields, values, errors);
  if (!parsed.success || Object.keys(errors).length > 0) return { errors };
  return { errors, output: parsed.output };
}

/** Field keys (base and `customFields.<id>`) whose input differs from the stored customer. */
export function changedKeys(base: Customer, draft: CustomerDraft, fields: CustomField[], locale: string): string[] {
  const stored = draftOf(base, fields, locale);
  return [
    ...baseFieldKeys.filter((key) => draft[key] !== stored[key]),
    ...fields.filter((field) => (draft.customFields[field.id] ?? '') !== stored.customFields[field.id]).map((field) => customFieldKey(field.id)),
  ];
}

/** A customer's change as sent: the PATCH body, and how many fields it changes (none: nothing is sent). */
export interface CustomerUpdate {
  patch: CustomerUpdateInput;
  changed: number;
}

/**
 * PATCH body with only the changed fields and the version it is based on, validated with the API's
 * update schema. Cross-field rules need both sides, so a changed company is checked together with
 * the last name (and postal code with a country that is there) although only the changed one is
 * sent. An incomplete customer's still-missing fields are not sent, so other changes save.
 */
export function buildUpdate(base: Customer, draft: CustomerDraft, fields: CustomField[], locale: string): Checked<CustomerUpdate> {
  const changed = changedKeys(base, draft, fields, locale);
  const baseChanged = baseFieldKeys.filter((key) => changed.includes(key));
  const customChanged = fields.filter((field) => changed.includes(customFieldKey(field.id)));
  const check: Partial<Record<BaseFieldKey, string>> = Object.fromEntries(baseChanged.map((key) => [key, draft[key]]));
  const pairs: [BaseFieldKey, BaseFieldKey][] = [
    ['company', 'contactLastName'],
    ['postalCode', 'country'],
  ];
  for (const [a, b] of pairs) {
    if (a in check || b in check) {
      // A postal code is checked against its country once both are there (an imported customer may lack either).
      const both = a === 'company' || (draft[a] !== '' && draft[b] !== '');
      if (both) {
        check[a] ??= draft[a];
        check[b] ??= draft[b];
      }
    }
  }
  const values = Object.fromEntries(customChanged.map((field) => [field.id, customValueFromText(field, draft.customFields[field.id] ?? '')]));
  const parsed = v.safeParse(customerUpdateInput, { version: base.version, ...check, ...(customChanged.length ? { customFields: values } : {}) });
  const errors = parsed.success ? {} : issuesToFields(parsed.issues);
  customErrors(fields, values, errors);
  if (!parsed.success || Object.keys(errors).length > 0) return { errors };

  const output = parsed.output as Record<string, unknown>;
  // Normalised values equal to the stored ones (" Wien " for "Wien") are not changes.
  const sent = baseChanged.filter((key) => output[key] !== base[key]);
  const patch: Record<string, unknown> = { version: base.version };
  for (const key of sent) patch[key] = output[key];
  if (customChanged.length) patch.customFields = values;
  return { errors, output: { patch: patch as CustomerUpdateInput, changed: sent.length + customChanged.length } };
}

/** A copy of `theirs` that takes the listed keys (base or `customFields.<id>`) from `mine`. */
export function mergeDrafts(theirs: CustomerDraft, mine: CustomerDraft, keys: string[]): CustomerDraft {
  const merged: CustomerDraft = { ...theirs, customFields: { ...theirs.customFields } };
  for (const key of keys) {
    if (key.startsWith('customFields.')) {
      const id = key.slice('customFields.'.length);
      merged.customFields[id] = mine.customFields[id] ?? '';
    } else merged[key as BaseFieldKey] = mine[key as BaseFieldKey];
  }
  return merged;
}

/** The value of one field key in a draft, for comparing two drafts field by field. */
export function draftValue(draft: CustomerDraft, key: string): string {
  return key.startsWith('customFields.') ? (draft.customFields[key.slice('customFields.'.length)] ?? '') : draft[key as BaseFieldKey];
}
