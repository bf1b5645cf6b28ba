// Possible duplicates: customers sharing a key (worker/customers/matchKeys.ts). Hints compare fields being
// entered with every stored customer's keys; the groups list pages through the keys two or more customers
// share (customer_match_groups, kept by triggers), strongest reason first. Both read only indexes.
import { asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Page, PageQuery } from '../../schema/common';
import { type DuplicateCustomer, type DuplicateGroup, type DuplicateHint, type DuplicateReason, duplicateReasons, MAX_GROUP_MEMBERS } from '../../schema/duplicates';
import { customerMatchGroups, customers } from '../../schema/tables';
import type { TenantScope } from '../db';
import { BadRequest, Conflict } from '../errors';
import { decodeCursor, encodeCursor } from '../pagination';
import { type MatchKey, matchKeysOf } from './matchKeys';

/** Hints shown at most for one customer being entered; the strongest come first. */
const MAX_HINTS = 10;

/** The fields of a customer being entered or imported that keys come from; `excludeId` is the customer itself when it exists. */
type EnteredCustomer = Partial<Record<'company' | 'email' | 'phone' | 'mobile' | 'website' | 'primaryDomain' | 'country', string>> & { excludeId?: string };

const strength = (reason: DuplicateReason) => duplicateReasons.indexOf(reason);

/**
 * The customers holding each of `wanted` keys, at most `perKey` per key, as [ref, kind, customer] with
 * what a hint or a group shows of the customer: one statement per chunk (one trip for a page or a
 * dialog's hints), each key an index look-up (reseller, kind, key), each customer its primary key.
 */
async function customersSharing(scope: TenantScope, wanted: (MatchKey & { ref: number })[], perKey: number) {
  const found: { ref: number; kind: DuplicateReason; customer: DuplicateCustomer }[] = [];
  for (let start = 0; start < wanted.length; start += 500) {
    const chunk = JSON.stringify(wanted.slice(start, start + 500).map(({ ref, kind, key }) => [ref, kind, key]));
    const rows = await scope.db.all<{ ref: number; kind: DuplicateReason } & DuplicateCustomer>(sql`
      SELECT w.ref AS ref, k.kind AS kind, c.id AS id, c.customer_number AS customerNumber, c.company AS company,
        c.contact_first_name AS contactFirstName, c.contact_last_name AS contactLastName, c.email AS email, c.phone AS phone,
        c.city AS city, c.primary_domain AS primaryDomain, c.archived_at AS archivedAt
      FROM (SELECT json_extract(value, '$[0]') AS ref, json_extract(value, '$[1]') AS kind, json_extract(value, '$[2]') AS key FROM json_each(${chunk})) w
      JOIN customer_match_keys k ON k.rowid IN (
        SELECT rowid FROM customer_match_keys WHERE reseller_id = ${scope.resellerId} AND kind = w.kind AND key = w.key LIMIT ${perKey})
      JOIN customers c ON c.id = k.customer_id AND c.reseller_id = ${scope.resellerId}`);
    found.push(...rows.map(({ ref, kind, ...customer }) => ({ ref, kind, customer })));
  }
  return found;
}

/** Name, number and contact of customers, for showing a hint or a group (another reseller's ids find nothing). */
export async function duplicateCustomers(scope: TenantScope, ids: string[]): Promise<Map<string, DuplicateCustomer>> {
  const found = new Map<string, DuplicateCustomer>();
  const columns = {
    id: customers.id,
    customerNumber: customers.customerNumber,
    company: customers.company,
    contactFirstName: customers.contactFirstName,
    contactLastName: customers.contactLastName,
    email: customers.email,
    phone: customers.phone,
    city: customers.city,
    primaryDomain: customers.primaryDomain,
    archivedAt: customers.archivedAt,
  };
  const unique = [...new Set(ids)];
  for (let start = 0; start < unique.length; start += 90) {
    const rows = await scope.db
      .select(columns)
      .from(customers)
      .where(scope.where(customers, inArray(customers.id, unique.slice(start, start + 90))))
      .all();
    for (const row of rows) found.set(row.id, row);
  }
  return found;
}

/**
 * For each customer being entered (or imported), the existing customers it looks like and why: at most
 * ten, those sharing the strongest reason first, then those sharing more reasons.
 */
export async function duplicateHintsForMany(scope: TenantScope, entered: EnteredCustomer[]): Promise<DuplicateHint[][]> {
  const wanted = entered.flatMap((fields, ref) => matchKeysOf({ ...fields, country: fields.country ?? '' }).map((key) => ({ ...key, ref })));
  const shared = await customersSharing(scope, wanted, MAX_HINTS + 1);
  const reasonsByRef = entered.map(() => new Map<string, Set<DuplicateReason>>());
  const shown = new Map(shared.map(({ customer }) => [customer.id, customer]));
  for (const { ref, kind, customer } of shared) {
    if (customer.id === entered[ref]!.excludeId) continue;
    const reasons = reasonsByRef[ref]!;
    reasons.set(customer.id, (reasons.get(customer.id) ?? new Set()).add(kind));
  }
  const ranked = reasonsByRef.map((reasons) =>
    [...reasons]
      .map(([customerId, kinds]) => ({ customerId, reasons: [...kinds].sort((a, b) => strength(a) - strength(b)) }))
      .sort((a, b) => strength(a.reasons[0]!) - strength(b.reasons[0]!) || b.reasons.length - a.reasons.length || a.customerId.localeCompare(b.customerId))
      .slice(0, MAX_HINTS),
  );
  return ranked.map((hints) => hints.flatMap(({ customerId, reasons }) => (shown.has(customerId) ? [{ customer: shown.get(customerId)!, reasons }] : [])));
}

export async function duplicateHints(scope: TenantScope, entered: EnteredCustomer): Promise<DuplicateHint[]> {
  return (await duplicateHintsForMany(scope, [entered]))[0]!;
}

/**
 * `checkDuplicates` of a create: refused with 409 `possible_duplicates` and the customers it looks like,
 * so an integration can ask its user; sent again without the option, the customer is created.
 */
export async function assertNoLikelyDuplicates(scope: TenantScope, entered: EnteredCustomer) {
  const duplicates = await duplicateHints(scope, entered);
  if (duplicates.length > 0) {
    throw new Conflict('possible_duplicates', 'This customer looks like customers that exist; send it again without checkDuplicates to create it anyway.', { duplicates });
  }
}

/**
 * A group is offered while two of its members are neither marked "kein Duplikat" nor listed together
 * under a stronger reason (a pair sharing e-mail and domain shows once, under e-mail). Groups larger
 * than MAX_GROUP_MEMBERS are always offered: checking every pair would read too much.
 */
function stillOffered(reason: DuplicateReason) {
  const stronger = duplicateReasons.slice(0, strength(reason));
  const notStronger = stronger.length
    ? sql`AND NOT EXISTS (SELECT 1 FROM customer_match_keys sa JOIN customer_match_keys sb
          ON sb.reseller_id = sa.reseller_id AND sb.kind = sa.kind AND sb.key = sa.key AND sb.customer_id = b.customer_id
          WHERE sa.customer_id = a.customer_id AND sa.kind IN (${sql.join(
            stronger.map((kind) => sql`${kind}`),
            sql`, `,
          )}))`
    : sql``;
  return sql`(${customerMatchGroups.members} > ${MAX_GROUP_MEMBERS} OR EXISTS (
    SELECT 1 FROM customer_match_keys a JOIN customer_match_keys b
      ON b.reseller_id = a.reseller_id AND b.kind = a.kind AND b.key = a.key AND b.customer_id > a.customer_id
    WHERE a.reseller_id = customer_match_groups.reseller_id AND a.kind = customer_match_groups.kind AND a.key = customer_match_groups.key
      AND NOT EXISTS (SELECT 1 FROM duplicate_dismissals d WHERE d.reseller_id = a.reseller_id AND d.first_id = a.customer_id AND d.second_id = b.customer_id)
      ${notStronger}))`;
}

/** The shared keys of one reason after `afterKey`, in order: read from the partial index of shared keys. */
export function groupsOfReason(scope: TenantScope, reason: DuplicateReason, afterKey: string | undefined, limit: number) {
  return scope.db
    .select({ key: customerMatchGroups.key, members: customerMatchGroups.members })
    .from(customerMatchGroups)
    .where(
      scope.where(
        customerMatchGroups,
        eq(customerMatchGroups.kind, reason),
        gt(customerMatchGroups.members, 1),
        afterKey === undefined ? undefined : gt(customerMatchGroups.key, afterKey),
        stillOffered(reason),
      ),
    )
    .orderBy(asc(customerMatchGroups.key))
    .limit(limit);
}

/** One page of groups: by reason (strongest first), then by the shared value; the cursor is [reason, value]. */
export async function listDuplicateGroups(scope: TenantScope, query: PageQuery): Promise<Page<DuplicateGroup>> {
  const cursor = decodeCursor(query.cursor, ['number', 'string']) as [number, string] | undefined;
  if (cursor && !duplicateReasons[cursor[0]]) throw new BadRequest('invalid_cursor', 'The cursor is malformed; start again from the first page.');
  // The groups of every reason from the cursor on, read at once (each an index range of its own), then
  // taken strongest reason first: one trip instead of one per reason.
  const first = cursor?.[0] ?? 0;
  const perReason = await Promise.all(
    duplicateReasons.slice(first).map(async (reason, offset) => {
      const rows = await groupsOfReason(scope, reason, cursor && offset === 0 ? cursor[1] : undefined, query.limit + 1).all();
      return rows.map((row) => ({ reason, ...row }));
    }),
  );
  const groups = perReason.flat().slice(0, query.limit + 1);
  const more = groups.length > query.limit;
  const page = groups.slice(0, query.limit);
  const members = await customersSharing(
    scope,
    page.map((group, ref) => ({ ref, kind: group.reason, key: group.key })),
    MAX_GROUP_MEMBERS,
  );
  const items = page.map((group, ref) => ({
    reason: group.reason,
    key: group.key,
    memberCount: group.members,
    customers: members.filter((member) => member.ref === ref).map((member) => member.customer),
  }));
  const last = page.at(-1);
  return { items, nextCursor: more && last ? encodeCursor([strength(last.reason), last.key]) : null };
}

/** Every pair of the given customers, first id before second, as "kein Duplikat" stores them. */
export function pairsOf(ids: string[]): [string, string][] {
  const sorted = [...ids].sort();
  return sorted.flatMap((first, index) => sorted.slice(index + 1).map((second) => [first, second] as [string, string]));
}

/** Batch guard: at least one of the pairs is not marked "kein Duplikat" yet. */
export const somePairNotDismissed = (scope: TenantScope, pairs: [string, string][]) =>
  sql`EXISTS (SELECT 1 FROM json_each(${JSON.stringify(pairs)}) p WHERE NOT EXISTS (
    SELECT 1 FROM duplicate_dismissals d WHERE d.reseller_id = ${scope.resellerId} AND d.first_id = json_extract(p.value, '$[0]') AND d.second_id = json_extract(p.value, '$[1]')))`;
