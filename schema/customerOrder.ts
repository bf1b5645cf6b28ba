// Where a customer belongs in a list query, computed the way the worker's SQL does it, so a client
// that receives a live change can place, move or drop the row without asking the server again.

import { customerSortKeys } from './customerSortKeys.js';
import { type Customer, type CustomerListQuery, type CustomerSortField, missingCustomerFields } from './customers';
import { customerSearchTerms, searchQueryPrefixes } from './search.js';

/** Tags are unique per reseller regardless of case; this key is what the unique index and the sort use. */
export const tagNameKey = (name: string) => name.toLowerCase();

/** The stored sort key of the tags column: the customer's tag keys in order. */
export const tagsSortKey = (tags: { name: string }[]) =>
  tags
    .map((tag) => tagNameKey(tag.name))
    .sort()
    .join(' ');

/** The value the list's ORDER BY reads for a sort: a stored sort key (name, contact, city, tags) or the field itself. */
export function customerSortValue(customer: Customer, sort: CustomerSortField): string | number {
  switch (sort) {
    case 'name':
      return customerSortKeys(customer).nameSort;
    case 'contact':
      return customerSortKeys(customer).contactSort;
    case 'city':
      return customerSortKeys(customer).citySort;
    case 'tags':
      return tagsSortKey(customer.tags);
    case 'monthlyRevenue':
      return customer.monthlyRevenueCents;
    default:
      return customer[sort];
  }
}

/** SQLite's BINARY collation order (code units), then the id, as the list's ORDER BY. */
export function compareCustomers(a: Customer, b: Customer, sort: CustomerSortField, dir: 'asc' | 'desc'): number {
  const left = customerSortValue(a, sort);
  const right = customerSortValue(b, sort);
  const byValue = left < right ? -1 : left > right ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return dir === 'desc' ? -byValue : byValue;
}

/** Whether the customer passes the query's search and filters (every search word a prefix of a term). */
export function customerMatchesQuery(customer: Customer, query: Partial<Pick<CustomerListQuery, 'q' | 'tag' | 'state' | 'country' | 'archived' | 'incomplete'>>): boolean {
  if ((query.archived === '1') !== Boolean(customer.archivedAt)) return false;
  if (query.incomplete === '1' && missingCustomerFields(customer).length === 0) return false;
  if (query.tag && !customer.tags.some((tag) => tag.id === query.tag)) return false;
  if (query.state ? customer.relationshipState !== query.state : customer.relationshipState === 'removed') return false;
  if (query.country && customer.country !== query.country) return false;
  const prefixes = searchQueryPrefixes(query.q ?? '');
  if (prefixes.length === 0) return true;
  const terms = customerSearchTerms(customer);
  return prefixes.every((prefix) => terms.some((term) => term.startsWith(prefix)));
}
