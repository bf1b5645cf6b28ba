export interface SearchableCustomer {
  customerNumber: string;
  company: string;
  contactFirstName: string;
  contactLastName: string;
  email: string;
  city: string;
  primaryDomain: string;
  microsoftId?: string;
}
export function normalizeSearchText(text: string): string;
export function customerSearchTerms(customer: SearchableCustomer): string[];
export function searchQueryPrefixes(query: string, maxWords?: number): string[];
export function sortKey(text: string): string;
