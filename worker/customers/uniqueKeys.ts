// A customer's number and its Microsoft ID each name one customer of a reseller (unique indexes on
// both). Checked before a write for a clear field error; the indexes catch what commits in between.
import { and, eq, ne, or, type SQL } from 'drizzle-orm';
import type { Customer } from '../../schema/customers';
import { customers } from '../../schema/tables';
import type { TenantScope } from '../db';
import { Conflict } from '../errors';

export const customerNumberTaken = () => new Conflict('customer_number_taken', 'This customer number is already used.', { fields: { customerNumber: 'customer_number_taken' } });

export const microsoftIdTaken = () => new Conflict('microsoft_id_taken', 'Another customer already has this Microsoft ID.', { fields: { microsoftId: 'microsoft_id_taken' } });

type Keys = Pick<Customer, 'customerNumber' | 'microsoftId'>;

/** Refuses keys another customer of the reseller holds (409 at the field); `exceptId` is the customer being changed. */
export async function assertKeysFree(scope: TenantScope, keys: Keys, exceptId?: string) {
  const clauses: SQL[] = [eq(customers.customerNumber, keys.customerNumber)];
  if (keys.microsoftId) clauses.push(eq(customers.microsoftId, keys.microsoftId));
  const clashes = await scope.db
    .select({ customerNumber: customers.customerNumber, microsoftId: customers.microsoftId })
    .from(customers)
    .where(scope.where(customers, and(or(...clauses), exceptId ? ne(customers.id, exceptId) : undefined)))
    .all();
  if (clashes.some((clash) => clash.customerNumber === keys.customerNumber)) throw customerNumberTaken();
  if (keys.microsoftId && clashes.some((clash) => clash.microsoftId === keys.microsoftId)) throw microsoftIdTaken();
}

/** The 409 for a unique index a batch ran into, or undefined for any other failure. */
export function takenKeyError(error: unknown): Conflict | undefined {
  const text = String(error);
  if (text.includes('customers.customer_number')) return customerNumberTaken();
  if (text.includes('customers.microsoft_id')) return microsoftIdTaken();
  return undefined;
}
