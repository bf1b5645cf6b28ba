import { type SQL, sql } from 'drizzle-orm';
import * as v from 'valibot';
import { tagNameKey } from '../../schema/customerOrder';
import {
  type Customer,
  changedCustomerErrors,
  customerDisplayName,
  customerFieldsEntries,
  customerUpdateInput,
  importedCustomerInput,
  missingCustomerFields,
  type TagRef,
} from '../../schema/customers';
import type { FieldErrors } from '../../schema/errorCodes';
import { issuesToFields } from '../../schema/fieldErrors';
import { CUSTOM_FIELD_PREFIX, customerImportFields, type DryRun, type ImportCounts, type ImportRow, importFields } from '../../schema/imports';
import type { customFields } from '../../schema/tables';
import { tagInput } from '../../schema/tags';
import { checkCustomFieldValues, mergeCustomFieldValues } from '../customers/customFieldValues';
import { newCustomer, nextCustomerNumber, nextCustomerNumberSql } from '../customers/rows';
import { newId, nowIso, type TenantScope } from '../db';
import { AppError, Invalid } from '../errors';
import { archivedByStatus, createdDateOf, normalizePhone, relationshipOf, tagNames } from './cells';
import { countryCodeOf } from './mapping';
import { existingCustomers, existingTags, lookupUnchanged, matchRow, type RowKeys } from './matching';

type Definition = typeof customFields.$inferSelect;

/** A row of the plan: what the dry run shows, plus what the import writes for it. */
export interface PlannedRow extends ImportRow {
  before?: Customer;
  after?: Customer;
}

/** Tags the import creates, and which customer gets which tag (new and existing tags). */
export interface TagWrites {
  created: TagRef[];
  links: { customerId: string; tagId: string }[];
  /** Existing tags the links use: they must still be there when the import writes. */
  usedIds: string[];
}

export interface ImportPlan extends DryRun {
  planned: PlannedRow[];
  tagWrites: TagWrites;
  /** Guards that hold a write to what this plan was made on: the customers the rows' keys found, the next free number. */
  unchanged: SQL[];
}

/** Fields that say who a customer is: a row needs one of them to match or create anything. */
const identifyingFields = ['customerNumber', 'microsoftId', 'email', 'company', 'contactFirstName', 'contactLastName', 'primaryDomain'];

/** Checks a mapping against the fields there are: each field once, and something to match or create by. */
export function checkMapping(mapping: string[], columnCount: number, definitions: Definition[]) {
  const fields: FieldErrors = {};
  if (mapping.length !== columnCount) fields.mapping = 'mapping_length';
  const seen = new Set<string>();
  mapping.forEach((field, index) => {
    if (field === '') return;
    const customId = field.startsWith(CUSTOM_FIELD_PREFIX) ? field.slice(CUSTOM_FIELD_PREFIX.length) : undefined;
    const known =
      customId !== undefined ? definitions.some((definition) => definition.id === customId && !definition.archived) : (importFields as readonly string[]).includes(field);
    if (!known) fields[`mapping.${index}`] = 'unknown_field';
    else if (seen.has(field)) fields[`mapping.${index}`] = 'mapped_twice';
    seen.add(field);
  });
  if (!identifyingFields.some((field) => seen.has(field))) fields.mapping = 'identifying_column_required';
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

function codesOf(error: unknown): FieldErrors {
  if (error instanceof Invalid) return error.extra.fields ?? {};
  throw error;
}

/** One data row read through the mapping: the customer's fields, custom values, and what only the import uses. */
interface PreparedRow {
  line: number;
  values: Record<string, string>;
  custom: Record<string, string | number>;
  keys: RowKeys;
  tags: string[];
  relationship: ReturnType<typeof relationshipOf>;
  archived?: boolean;
  createdAt?: string;
  /** Cells that cannot be read (an unknown status, a date that is none): the row is refused for them. */
  problems: Record<string, string>;
}

function prepareRow(line: number, cells: string[], mapping: string[], definitionById: Map<string, Definition>): PreparedRow {
  const cell: Record<string, string> = {};
  const custom: Record<string, string | number> = {};
  mapping.forEach((field, index) => {
    const text = (cells[index] ?? '').trim();
    if (!field || text === '') return;
    if (field.startsWith(CUSTOM_FIELD_PREFIX)) {
      const definition = definitionById.get(field.slice(CUSTOM_FIELD_PREFIX.length));
      if (definition) custom[definition.id] = customValue(definition, text);
    } else cell[field] = text;
  });
  const values: Record<string, string> = {};
  for (const field of customerImportFields) if (cell[field] !== undefined) values[field] = cell[field];
  // The second address line belongs to the address ("Hauptstraße 1, Hinterhaus").
  if (cell.addressLine2) values.address = [cell.address, cell.addressLine2].filter(Boolean).join(', ');
  if (values.country) values.country = countryCodeOf(values.country);
  for (const field of ['phone', 'mobile'] as const) if (values[field]) values[field] = normalizePhone(values[field], cell.phoneCountryCode);

  const problems: Record<string, string> = {};
  const tags = tagNames(cell.tags ?? '');
  if (tags.some((name) => !v.safeParse(tagInput, { name }).success)) problems.tags = 'too_long';
  const relationship = relationshipOf(cell.relationship ?? '');
  if (!relationship) problems.relationship = 'unknown_relationship';
  const archived = archivedByStatus(cell.status ?? '');
  if (archived === undefined) problems.status = 'unknown_client_status';
  const createdAt = cell.createdAt ? createdDateOf(cell.createdAt) : undefined;
  if (cell.createdAt && !createdAt) problems.createdAt = 'invalid_date';
  const keys: RowKeys = {
    customerNumber: values.customerNumber ?? '',
    microsoftId: (values.microsoftId ?? '').toLowerCase().replace(/^\{(.*)\}$/, '$1'),
    email: (values.email ?? '').toLowerCase(),
    primaryDomain: (values.primaryDomain ?? '').toLowerCase(),
  };
  return { line, values, custom, keys, tags, relationship, archived, createdAt, problems };
}

const editableFields = Object.keys(customerFieldsEntries) as (keyof typeof customerFieldsEntries)[];
const byNameKey = (a: TagRef, b: TagRef) => tagNameKey(a.name).localeCompare(tagNameKey(b.name));

/**
 * Every data row, validated with the schemas of the customer routes and classified: created (no
 * customer matches it), updated (matched by Microsoft ID, number, e-mail or primary domain),
 * unchanged, or refused with a code per field. Empty cells leave a stored value as it is. A new
 * customer may lack its name, e-mail or address (it is then incomplete), but not all of name, e-mail
 * and domain; without a number in the file it gets the next free one.
 */
export async function planImport(
  scope: TenantScope,
  input: {
    rows: { line: number; cells: string[] }[];
    mapping: string[];
    definitions: Definition[];
    canCreate: boolean;
    importVersion: number;
    /** Who imports: an archived new customer names them as the one who archived it. */
    actorName: string;
    /**
     * Classify only the rows from this line on (the import job's chunk): the earlier rows are matched
     * (so a duplicate of one of them is still found) but not validated, and left out of the plan.
     */
    checkFrom?: number;
  },
): Promise<ImportPlan> {
  const { mapping, definitions } = input;
  const definitionById = new Map(definitions.map((definition) => [definition.id, definition]));
  const prepared = input.rows.map(({ line, cells }) => prepareRow(line, cells, mapping, definitionById));
  const index = await existingCustomers(
    scope,
    prepared.map((row) => row.keys),
  );
  const knownTags = await existingTags(
    scope,
    prepared.flatMap((row) => row.tags),
  );
  const tagWrites: TagWrites = { created: [], links: [], usedIds: [] };
  const tagOf = (name: string): TagRef => {
    const key = tagNameKey(name);
    let tag = knownTags.get(key);
    if (!tag) {
      tag = { id: newId('tag'), name, color: 'gray' };
      knownTags.set(key, tag);
      tagWrites.created.push(tag);
    } else if (!tagWrites.created.includes(tag) && !tagWrites.usedIds.includes(tag.id)) tagWrites.usedIds.push(tag.id);
    return tag;
  };

  const seen = { numbers: new Set<string>(), emails: new Set<string>(), microsoftIds: new Set<string>(), customers: new Set<string>() };
  const now = nowIso();
  const all: PlannedRow[] = prepared.map((row) => {
    const { values, keys } = row;
    const name = customerDisplayName({ company: values.company ?? '', contactFirstName: values.contactFirstName ?? '', contactLastName: values.contactLastName ?? '' });
    const result: PlannedRow = { line: row.line, action: 'refuse', customerNumber: keys.customerNumber, name, customerId: null, matchedBy: null, changes: [], errors: {} };
    const refuse = (errors: Record<string, string>) => Object.assign(result, { action: 'refuse', errors });

    const { customer: match, matchedBy, errors: matchErrors } = matchRow(index, keys);
    result.matchedBy = matchedBy ?? null;
    if (matchErrors) return refuse(matchErrors);
    // The same customer twice in one file: the second row would silently win.
    const numberKey = match?.customerNumber ?? keys.customerNumber;
    const twice =
      (match && seen.customers.has(match.id)) ||
      (numberKey && seen.numbers.has(numberKey)) ||
      (keys.microsoftId && seen.microsoftIds.has(keys.microsoftId)) ||
      (!match && keys.email && seen.emails.has(keys.email));
    if (twice) return refuse({ [keys.customerNumber ? 'customerNumber' : keys.microsoftId ? 'microsoftId' : keys.email ? 'email' : 'primaryDomain']: 'duplicate_in_file' });
    if (match) seen.customers.add(match.id);
    if (numberKey) seen.numbers.add(numberKey);
    if (keys.microsoftId) seen.microsoftIds.add(keys.microsoftId);
    if (keys.email) seen.emails.add(keys.email);
    if (input.checkFrom !== undefined && row.line < input.checkFrom) return result;
    if (Object.keys(row.problems).length > 0) return refuse(row.problems);

    if (!match) {
      if (!input.canCreate) return refuse({ customerNumber: 'not_allowed_to_create' });
      if (!name && !keys.email && !keys.primaryDomain) return refuse({ company: 'name_email_or_domain_required' });
      const parsed = v.safeParse(importedCustomerInput, { ...values, customFields: row.custom });
      if (!parsed.success) return refuse(issuesToFields(parsed.issues));
      const { customFields: customValues, customerNumber, ...fields } = parsed.output;
      try {
        checkCustomFieldValues(definitions, customValues, 'create');
      } catch (error) {
        return refuse(codesOf(error));
      }
      const relationship = row.relationship!;
      const created = newCustomer(
        { ...fields, customerNumber: customerNumber ?? '', customFields: mergeCustomFieldValues({}, customValues) },
        { relationshipState: relationship.state, rightsToReview: relationship.review },
      );
      const customer: Customer = {
        ...created,
        tags: row.tags.map(tagOf).sort(byNameKey),
        ...(row.createdAt ? { createdAt: row.createdAt } : {}),
        ...(row.archived ? { archivedAt: now, archivedBy: input.actorName } : {}),
      };
      for (const tag of customer.tags) tagWrites.links.push({ customerId: customer.id, tagId: tag.id });
      return Object.assign(result, {
        action: 'create',
        customerId: customer.id,
        customerNumber: customer.customerNumber,
        name: customerDisplayName(customer),
        after: customer,
        ...(row.archived ? { archived: true } : {}),
        ...(relationship.review ? { relationshipToReview: true } : {}),
        ...(customer.tags.length > 0 ? { tags: customer.tags.map((tag) => tag.name) } : {}),
      });
    }

    const parsed = v.safeParse(customerUpdateInput, { version: match.version, ...values, ...(Object.keys(row.custom).length > 0 ? { customFields: row.custom } : {}) });
    if (!parsed.success) return refuse(issuesToFields(parsed.issues));
    const { version: _version, customFields: customValues, ...changes } = parsed.output;
    if (customValues) {
      try {
        checkCustomFieldValues(definitions, customValues, 'update');
      } catch (error) {
        return refuse(codesOf(error));
      }
    }
    const next: Customer = {
      ...match,
      ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
      customFields: customValues ? mergeCustomFieldValues(match.customFields, customValues) : match.customFields,
    };
    const merged = changedCustomerErrors(match, next);
    if (Object.keys(merged).length > 0) return refuse(merged);
    // Tags are added, never taken away (an import never blanks what is stored).
    const carried = new Set(match.tags.map((tag) => tagNameKey(tag.name)));
    const addedTags = row.tags.filter((tagName) => !carried.has(tagNameKey(tagName))).map(tagOf);
    next.tags = [...match.tags, ...addedTags].sort(byNameKey);
    const changed = [
      ...editableFields.filter((field) => next[field] !== match[field]),
      ...definitions
        .filter((definition) => JSON.stringify(next.customFields[definition.id]) !== JSON.stringify(match.customFields[definition.id]))
        .map((definition) => `customFields.${definition.id}`),
      ...(addedTags.length > 0 ? ['tags'] : []),
    ];
    for (const tag of addedTags) tagWrites.links.push({ customerId: match.id, tagId: tag.id });
    Object.assign(result, { customerId: match.id, customerNumber: match.customerNumber, name: customerDisplayName(next) || name, changes: changed, before: match });
    if (addedTags.length > 0) result.tags = addedTags.map((tag) => tag.name);
    if (changed.length === 0) return Object.assign(result, { action: 'unchanged', after: next });
    return Object.assign(result, { action: 'update', after: { ...next, version: match.version + 1, updatedAt: now } });
  });

  const nextNumber = await assignNumbers(scope, all);
  for (const row of all) {
    const missing = row.action === 'refuse' || !row.after ? [] : missingCustomerFields(row.after);
    if (missing.length > 0) row.missing = missing;
  }
  const planned = input.checkFrom === undefined ? all : all.filter((row) => row.line >= input.checkFrom!);
  const counts: ImportCounts = { create: 0, update: 0, unchanged: 0, refuse: 0, incomplete: 0 };
  for (const row of planned) {
    counts[row.action]++;
    if (row.missing) counts.incomplete!++;
  }
  // What the user confirms: the classification, the numbers given and the versions it was based on (new ids are left out).
  const basis = JSON.stringify([
    input.importVersion,
    mapping,
    planned.map((row) => [row.line, row.action, row.action === 'create' ? row.customerNumber : row.customerId, row.before?.version ?? null, row.errors]),
  ]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(basis));
  const fingerprint = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  const rows = planned.map(({ before: _b, after: _a, ...row }) => row);
  const unchanged = [
    lookupUnchanged(
      scope,
      prepared.map((row) => row.keys),
      index.found,
    ),
    ...(nextNumber === undefined ? [] : [sql`${nextCustomerNumberSql(scope.resellerId)} = ${nextNumber}`]),
  ];
  return { fingerprint, counts, rows, planned, tagWrites, unchanged };
}

/**
 * New customers without a number in the file get the next free ones, as the new-customer form
 * proposes them: after the highest purely numeric number of the reseller and of the file.
 */
async function assignNumbers(scope: TenantScope, rows: PlannedRow[]): Promise<string | undefined> {
  const unnumbered = rows.filter((row) => row.action === 'create' && !row.after!.customerNumber);
  if (unnumbered.length === 0) return undefined;
  const stored = await nextCustomerNumber(scope);
  const inFile = rows
    .map((row) => row.customerNumber)
    .filter((number) => /^\d{1,15}$/.test(number))
    .map(Number);
  let next = Math.max(Number(stored), ...inFile.map((number) => number + 1));
  for (const row of unnumbered) {
    const customerNumber = String(next++);
    row.after = { ...row.after!, customerNumber };
    Object.assign(row, { customerNumber, numberAssigned: true });
  }
  return stored;
}

export class ImportChanged extends AppError {
  constructor() {
    super(409, 'import_changed', 'Customers changed since the dry run (or the import ran already). Look at the dry run again, then import.');
  }
}
