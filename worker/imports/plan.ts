import { sql } from 'drizzle-orm';
import * as v from 'valibot';
import { customerCreateInput, customerDisplayName, customerFieldsEntries, customerUpdateInput, type Customer } from '../../schema/customers';
import { isValidPostalCode } from '../../schema/countries';
import { CUSTOM_FIELD_PREFIX, importFields, type DryRun, type ImportCounts, type ImportRow } from '../../schema/imports';
import { customers, type customFields } from '../../schema/tables';
import { checkCustomFieldValues, mergeCustomFieldValues } from '../customers/customFieldValues';
import { newCustomer, parseTags, tagsJson, toCustomer } from '../customers/rows';
import { nowIso, type TenantScope } from '../db';
import { AppError, Invalid } from '../errors';
import { issuesToFields } from '../../schema/fieldErrors';
import { countryCodeOf } from './mapping';

type Definition = typeof customFields.$inferSelect;

/** A row of the plan: what the dry run shows, plus what the import writes for it. */
export interface PlannedRow extends ImportRow {
  before?: Customer;
  after?: Customer;
}

export interface ImportPlan extends DryRun {
  planned: PlannedRow[];
}

/** Checks a mapping against the fields there are: each field once, and something to match or create by. */
export function checkMapping(mapping: string[], columnCount: number, definitions: Definition[]) {
  const fields: Record<string, string> = {};
  if (mapping.length !== columnCount) fields.mapping = 'mapping_length';
  const seen = new Set<string>();
  mapping.forEach((field, index) => {
    if (field === '') return;
    const customId = field.startsWith(CUSTOM_FIELD_PREFIX) ? field.slice(CUSTOM_FIELD_PREFIX.length) : undefined;
    const known = customId !== undefined ? definitions.some((definition) => definition.id === customId && !definition.archived) : (importFields as readonly string[]).includes(field);
    if (!known) fields[`mapping.${index}`] = 'unknown_field';
    else if (seen.has(field)) fields[`mapping.${index}`] = 'mapped_twice';
    seen.add(field);
  });
  if (!seen.has('customerNumber') && !seen.has('email')) fields.mapping = 'number_or_email_required';
  if (Object.keys(fields).length > 0) throw new Invalid(fields, 'The column mapping is not usable.');
}

/** A cell as a custom field's value: numbers with German or English separators, dates as ISO, 31.12.2026 or an Excel serial. */
function customValue(definition: Definition, cell: string): string | number {
  if (definition.type === 'number') {
    const text = cell.replace(/\s/g, '');
    const normalized = /^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+,\d+$/.test(text) ? text.replace(/\./g, '').replace(',', '.') : text;
    const number = Number(normalized);
    return normalized !== '' && Number.isFinite(number) ? number : cell;
  }
  if (definition.type === 'date') {
    const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(cell);
    if (german) return `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}`;
    if (/^\d{5}(\.\d+)?$/.test(cell)) return new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(cell)) * 86_400_000).toISOString().slice(0, 10);
  }
  return cell;
}

function codesOf(error: unknown): Record<string, string> {
  if (error instanceof Invalid) return error.extra.fields ?? {};
  throw error;
}

/** Existing customers of the reseller by number and by e-mail (one query each, whatever the file's size). */
async function existingCustomers(scope: TenantScope, numbers: string[], emails: string[]) {
  const rows = await scope.db
    .select({ customer: customers, tags: tagsJson })
    .from(customers)
    .where(
      scope.where(
        customers,
        sql`(${customers.customerNumber} IN (SELECT value FROM json_each(${JSON.stringify(numbers)})) OR ${customers.email} IN (SELECT value FROM json_each(${JSON.stringify(emails)})))`,
      ),
    )
    .all();
  const byNumber = new Map<string, Customer>();
  const byEmail = new Map<string, Customer[]>();
  for (const row of rows) {
    const customer = toCustomer(row.customer, parseTags(row.tags));
    byNumber.set(customer.customerNumber, customer);
    const sameEmail = byEmail.get(customer.email) ?? [];
    sameEmail.push(customer);
    byEmail.set(customer.email, sameEmail);
  }
  return { byNumber, byEmail };
}

const editableFields = Object.keys(customerFieldsEntries) as (keyof typeof customerFieldsEntries)[];

/**
 * Every data row, validated with the schemas of the customer routes and classified: created (no
 * customer with its number or e-mail), updated (matched by number, else e-mail), unchanged, or
 * refused with a code per field. Empty cells leave a stored value as it is.
 */
export async function planImport(
  scope: TenantScope,
  input: {
    rows: { line: number; cells: string[] }[];
    mapping: string[];
    definitions: Definition[];
    canCreate: boolean;
    importVersion: number;
    /**
     * Classify only the rows from this line on (the import job's chunk): the earlier rows are matched
     * (so a duplicate of one of them is still found) but not validated, and left out of the plan.
     */
    checkFrom?: number;
  },
): Promise<ImportPlan> {
  const { mapping, definitions } = input;
  const definitionById = new Map(definitions.map((definition) => [definition.id, definition]));
  const prepared = input.rows.map(({ line, cells }) => {
    const values: Record<string, string> = {};
    const custom: Record<string, string | number> = {};
    mapping.forEach((field, index) => {
      const cell = (cells[index] ?? '').trim();
      if (!field || cell === '') return;
      if (field.startsWith(CUSTOM_FIELD_PREFIX)) {
        const definition = definitionById.get(field.slice(CUSTOM_FIELD_PREFIX.length));
        if (definition) custom[definition.id] = customValue(definition, cell);
      } else values[field] = field === 'country' ? countryCodeOf(cell) : cell;
    });
    return { line, values, custom, number: values.customerNumber ?? '', email: (values.email ?? '').toLowerCase() };
  });
  const { byNumber, byEmail } = await existingCustomers(
    scope,
    prepared.map((row) => row.number).filter(Boolean),
    prepared.map((row) => row.email).filter(Boolean),
  );

  const seenNumbers = new Set<string>();
  const seenEmails = new Set<string>();
  const seenCustomers = new Set<string>();
  const all: PlannedRow[] = prepared.map((row) => {
    const name = customerDisplayName({ company: row.values.company ?? '', contactFirstName: row.values.contactFirstName ?? '', contactLastName: row.values.contactLastName ?? '' });
    const result: PlannedRow = { line: row.line, action: 'refuse', customerNumber: row.number, name, customerId: null, matchedBy: null, changes: [], errors: {} };
    const refuse = (errors: Record<string, string>) => Object.assign(result, { action: 'refuse', errors });

    let match: Customer | undefined;
    if (row.number) {
      match = byNumber.get(row.number);
      if (match) result.matchedBy = 'customerNumber';
    }
    if (!match && row.email) {
      const candidates = byEmail.get(row.email) ?? [];
      if (candidates.length > 1) return refuse({ email: 'email_ambiguous' });
      match = candidates[0];
      if (match) {
        result.matchedBy = 'email';
        // The file names another number for this e-mail's customer: which one is meant is unclear.
        if (row.number && row.number !== match.customerNumber) return refuse({ customerNumber: 'customer_number_mismatch' });
      }
    }
    // The same customer twice in one file: the second row would silently win.
    const numberKey = match?.customerNumber ?? row.number;
    if ((match && seenCustomers.has(match.id)) || (numberKey && seenNumbers.has(numberKey)) || (!match && row.email && seenEmails.has(row.email))) {
      return refuse({ [row.number ? 'customerNumber' : 'email']: 'duplicate_in_file' });
    }
    if (match) seenCustomers.add(match.id);
    if (numberKey) seenNumbers.add(numberKey);
    if (row.email) seenEmails.add(row.email);
    if (input.checkFrom !== undefined && row.line < input.checkFrom) return result;

    if (!match) {
      if (!input.canCreate) return refuse({ customerNumber: 'not_allowed_to_create' });
      const parsed = v.safeParse(customerCreateInput, { ...row.values, customFields: row.custom });
      if (!parsed.success) return refuse(issuesToFields(parsed.issues));
      const { customFields: values, ...fields } = parsed.output;
      try {
        checkCustomFieldValues(definitions, values, 'create');
      } catch (error) {
        return refuse(codesOf(error));
      }
      const customer = newCustomer({ ...fields, customFields: mergeCustomFieldValues({}, values) });
      return Object.assign(result, { action: 'create', customerId: customer.id, customerNumber: customer.customerNumber, name: customerDisplayName(customer), after: customer });
    }

    const parsed = v.safeParse(customerUpdateInput, { version: match.version, ...row.values, ...(Object.keys(row.custom).length > 0 ? { customFields: row.custom } : {}) });
    if (!parsed.success) return refuse(issuesToFields(parsed.issues));
    const { version: _version, customFields: values, ...changes } = parsed.output;
    if (values) {
      try {
        checkCustomFieldValues(definitions, values, 'update');
      } catch (error) {
        return refuse(codesOf(error));
      }
    }
    const next: Customer = {
      ...match,
      ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
      customFields: values ? mergeCustomFieldValues(match.customFields, values) : match.customFields,
    };
    const merged: Record<string, string> = {};
    if (!next.company && !next.contactLastName) merged.contactLastName = 'company_or_last_name';
    if (!isValidPostalCode(next.country, next.postalCode)) merged.postalCode = 'invalid_postal_code';
    if (Object.keys(merged).length > 0) return refuse(merged);
    const changed = [
      ...editableFields.filter((field) => next[field] !== match[field]),
      ...definitions.filter((definition) => JSON.stringify(next.customFields[definition.id]) !== JSON.stringify(match.customFields[definition.id])).map((definition) => `customFields.${definition.id}`),
    ];
    Object.assign(result, { customerId: match.id, customerNumber: match.customerNumber, name: customerDisplayName(next) || name, changes: changed, before: match });
    if (changed.length === 0) return Object.assign(result, { action: 'unchanged' });
    return Object.assign(result, { action: 'update', after: { ...next, version: match.version + 1, updatedAt: nowIso() } });
  });

  const planned = input.checkFrom === undefined ? all : all.filter((row) => row.line >= input.checkFrom!);
  const counts: ImportCounts = { create: 0, update: 0, unchanged: 0, refuse: 0 };
  for (const row of planned) counts[row.action]++;
  // What the user confirms: the classification and the versions it was based on (new ids are left out).
  const basis = JSON.stringify([input.importVersion, mapping, planned.map((row) => [row.line, row.action, row.action === 'create' ? null : row.customerId, row.before?.version ?? null, row.errors])]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(basis));
  const fingerprint = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return { fingerprint, counts, rows: planned.map(({ before: _b, after: _a, ...row }) => row), planned };
}

export class ImportChanged extends AppError {
  constructor() {
    super(409, 'import_changed', 'Customers changed since the dry run (or the import ran already). Look at the dry run again, then import.');
  }
}
