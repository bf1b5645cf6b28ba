import type * as v from 'valibot';
import type { Customer, relationshipChangeInput } from '../../schema/customers';
import type { CustomerAccountView } from '../../schema/orders';
import { apiPath, http } from './http';

type RelationshipChange = v.InferOutput<typeof relationshipChangeInput>;
type OneCustomer = { customer: Customer };

/** Ends the reseller relationship (delegated admin goes, granular roles stay). */
export const removeRelationship = (customerId: string, change: RelationshipChange) =>
  http.post<OneCustomer>(apiPath('customers', customerId, 'relationship', 'remove'), change).then((body) => body.customer);

/** Marks the rights the customer granted as looked at. */
export const acknowledgeRights = (customerId: string, change: RelationshipChange) =>
  http.post<OneCustomer>(apiPath('customers', customerId, 'rights', 'acknowledge'), change).then((body) => body.customer);

/** The customer's account as delegated admin sees it; every call is an audited access. */
export const openCustomerAccount = (customerId: string) => http.post<CustomerAccountView>(apiPath('customers', customerId, 'account'));
