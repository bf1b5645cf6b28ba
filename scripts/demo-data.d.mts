// Types of what the worker tests use from the demo-data script.
export const DEMO_PASSWORD: string;
export interface DemoReseller {
  id: string;
  name?: string;
  partnerType?: string;
  customers: number;
}
export const demoResellers: (DemoReseller & { name: string; partnerType: string })[];
export const demoUsers: { id: string; resellerId: string; email: string; displayName: string; role: string }[];
export interface DemoCustomer {
  id: string;
  resellerId: string;
  customerNumber: string;
  company: string;
  contactFirstName: string;
  contactLastName: string;
  email: string;
  phone: string;
  mobile: string;
  website: string;
  address: string;
  postalCode: string;
  city: string;
  state: string;
  country: string;
  primaryDomain: string;
  relationshipState: string;
  createdAt: string;
}
export function prng(seed: number): () => number;
export function demoCustomers(reseller: DemoReseller, seed: number): DemoCustomer[];
export function demoStatements(options?: { now?: number; passwordHashOf?: () => string }): string[];
export function demoSql(options?: { now?: number; passwordHashOf?: () => string }): string;
export function hashPassword(password: string, iterations?: number): string;
