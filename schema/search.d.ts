export interface SearchableCustomer {
  customerNumber: string;
  company: string;
  contactFirstName: string;
  contactLastName: string;
  email: string;
  city: string;
  postalCode: string;
  primaryDomain: string;
  phone: string;
  mobile: string;
  country: string;
  microsoftId?: string;
}
export const searchFolding: Map<string, string>;
export const callingCodes: Record<string, string>;
export const searchedFields: (keyof SearchableCustomer)[];
export function normalizeSearchText(text: string): string;
export function phoneForms(phone: string, country: string): { digits: string; international: string; national: string } | undefined;
export function phoneDigitTerms(phone: string, country: string): string[];
export function customerSearchTerms(customer: SearchableCustomer): string[];
export function searchQueryPrefixes(query: string, maxWords?: number): string[];
