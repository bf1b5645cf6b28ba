import type { SearchableCustomer } from './search';

export const duplicateReasons: readonly ['email', 'phone', 'domain', 'name'];
export type DuplicateReason = (typeof duplicateReasons)[number];
export const legalForms: string[];
export const legalFormSuffixes: string[];
export const sharedMailDomains: string[];
export function companyKey(company: string): string;
export function emailKey(email: string): string;
export function domainKeys(customer: { primaryDomain?: string; website?: string; email?: string }): string[];
export function phoneKey(phone: string, country: string): string;
export interface MatchKey {
  kind: DuplicateReason;
  key: string;
}
export function customerMatchKeys(
  customer: Partial<Pick<SearchableCustomer, 'company' | 'email' | 'phone' | 'mobile' | 'country' | 'primaryDomain'>> & { website?: string },
): MatchKey[];
