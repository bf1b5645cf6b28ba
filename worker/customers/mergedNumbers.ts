// A merged customer's number keeps finding the customer it was merged into: its words are kept with
// the merge (customer_merges.search_terms) and added to the survivor's search terms every time those
// are rewritten, for as long as the merge stands.
import { eq, sql } from 'drizzle-orm';
import { customerMerges, customerSearchTerms } from '../../schema/tables';
import type { TenantScope } from '../db';
import { customerSearchTermsOf } from './searchTerms';

/** The search words of a dropped customer number (as the number itself would be indexed). */
export const numberSearchTerms = (customerNumber: string): string[] =>
  customerSearchTermsOf({
    customerNumber,
    company: '',
    contactFirstName: '',
    contactLastName: '',
    email: '',
    city: '',
    postalCode: '',
    primaryDomain: '',
    phone: '',
    mobile: '',
    country: '',
  });

/**
 * The batch statement that adds the numbers merged into these customers to their search terms: after
 * every rewrite of those terms (a change of the customer, an import), or the old number finds nothing.
 */
export function mergedNumberTermsStatement(scope: TenantScope, customerIds: string | string[]) {
  return scope.db
    .insert(customerSearchTerms)
    .select(
      scope.db
        .select({ resellerId: customerMerges.resellerId, term: sql<string>`j.value`.as('term'), customerId: customerMerges.findsId })
        .from(customerMerges)
        .crossJoin(sql`json_each(${customerMerges.searchTerms}) AS j`)
        .where(
          scope.where(
            customerMerges,
            typeof customerIds === 'string'
              ? eq(customerMerges.findsId, customerIds)
              : sql`${customerMerges.findsId} IN (SELECT value FROM json_each(${JSON.stringify(customerIds)}))`,
          ),
        ),
    )
    .onConflictDoNothing();
}
