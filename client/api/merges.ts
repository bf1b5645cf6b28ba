// Merging duplicate customers: the merge, its undo, and a customer's merges.
import type { Customer } from '../../schema/customers';
import type { CustomerMerge, CustomerMergeInput } from '../../schema/merges';
import { apiPath, http, withQuery } from './http';

export const mergeCustomers = (input: CustomerMergeInput) => http.post<{ merge: CustomerMerge; customer: Customer }>(apiPath('customers', 'merges'), input);

export const undoMerge = (mergeId: string) => http.post<{ survivor: Customer; merged: Customer }>(apiPath('customers', 'merges', mergeId, 'undo'));

/** The merges a customer took part in (as the one that stayed or the one removed), newest first. */
export const listMerges = (customerId: string) =>
  http.get<{ items: CustomerMerge[] }>(withQuery(apiPath('customers', 'merges'), { customerId, limit: 10 })).then((body) => body.items);
