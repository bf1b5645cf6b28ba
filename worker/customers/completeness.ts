// An incomplete customer (schema/customers.ts: completionFields) is listed and kept, but takes no new
// orders until its name, e-mail and billing address are there.
import { sql } from 'drizzle-orm';
import { type Customer, missingCustomerFields } from '../../schema/customers';
import { customers } from '../../schema/tables';
import { Conflict } from '../errors';

/** The list's "Angaben unvollständig" filter: the same rule as missingCustomerFields, in SQL. */
export const incompleteCustomer = sql`((${customers.company} = '' AND ${customers.contactLastName} = '') OR ${customers.email} = '' OR ${customers.address} = '' OR ${customers.postalCode} = '' OR ${customers.city} = '' OR ${customers.country} = '')`;

/** Refuses a new order for an incomplete customer: 409 `customer_incomplete`, the missing fields in `reasons`. */
export function assertComplete(customer: Customer) {
  const missing = missingCustomerFields(customer);
  if (missing.length > 0) {
    throw new Conflict('customer_incomplete', `This customer's data is incomplete (${missing.join(', ')}); complete it before ordering.`, { reasons: missing });
  }
}
