// The customers this isolate read or wrote last, kept as `worker/rowMemory.ts` keeps other rows, with
// their tags: a tag renamed or recoloured does not move the customer's version, so the guard of a
// change planned from memory compares the tags too.
import { type SQL, sql } from 'drizzle-orm';
import type { Customer } from '../../schema/customers';
import type { TenantScope } from '../db';
import { NotFound } from '../errors';
import { IsolateMemory } from '../rowMemory';
import { customerFromRow, customerQuery, tagsJsonOf } from './rows';

interface Kept {
  customer: Customer;
  /** The tags as D1 rendered them (`tagsJson`): compared as a string in the guard. */
  tagsJson: string;
}

/** About 3 MB at the measured size of a customer, far below an isolate's 128 MB; half an hour is longer than anyone edits. */
const kept = new IsolateMemory<Kept>(1_000, 30 * 60_000);
const keyOf = (scope: TenantScope, id: string) => `${scope.resellerId}/${id}`;

/** A customer as just read (or written) with its tags' JSON. */
export function rememberCustomer(scope: TenantScope, customer: Customer, tagsJson: string) {
  kept.set(keyOf(scope, customer.id), { customer, tagsJson });
}

/** A change's customer: the version the user saw from memory, or else read (and remembered); 404 when it is not the reseller's. */
export interface CustomerForChange {
  current: Customer;
  tagsJson: string;
  /** Holds the batch to `current`: its version and tags still as planned from. */
  unchanged: SQL;
  fromMemory: boolean;
}

export async function customerForChange(scope: TenantScope, id: string, version: number | undefined, options: { fresh?: boolean } = {}): Promise<CustomerForChange> {
  // Without a version (a change of whatever is current, an order placed for the customer) any remembered one serves: the guard holds it.
  const entry = options.fresh ? undefined : kept.get(keyOf(scope, id));
  if (entry && (version === undefined || entry.customer.version === version))
    return { current: entry.customer, tagsJson: entry.tagsJson, unchanged: unchangedSince(entry.customer, entry.tagsJson), fromMemory: true };
  const row = await customerQuery(scope, id).get();
  if (!row) throw new NotFound();
  const current = customerFromRow(row);
  rememberCustomer(scope, current, row.tags);
  return { current, tagsJson: row.tags, unchanged: unchangedSince(current, row.tags), fromMemory: false };
}

/** One customer read for the user to see (and later change): remembered at the version read. */
export async function readCustomer(scope: TenantScope, id: string): Promise<Customer> {
  return (await customerForChange(scope, id, undefined, { fresh: true })).current;
}

/**
 * The guard of a change planned from a customer: still at its version and time of change (a database
 * restored to an earlier point may repeat a version with other content), with the same tags (the same
 * SQL renders the same string).
 */
function unchangedSince(customer: Customer, tagsJson: string): SQL {
  return sql`EXISTS (SELECT 1 FROM customers WHERE id = ${customer.id} AND version = ${customer.version} AND updated_at = ${customer.updatedAt})
    AND ${tagsJsonOf(sql`${customer.id}`)} = ${tagsJson}`;
}
