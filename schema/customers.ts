import * as v from 'valibot';

export const relationshipStates = ['none', 'pending', 'active', 'removed'] as const;

/** A customer as the API returns it. Issue-level fields (tags, custom fields) grow here, not in a second type. */
export const customerOutput = v.object({
  id: v.string(),
  customerNumber: v.string(),
  company: v.string(),
  contactFirstName: v.string(),
  contactLastName: v.string(),
  email: v.string(),
  phone: v.string(),
  mobile: v.string(),
  website: v.string(),
  address: v.string(),
  postalCode: v.string(),
  city: v.string(),
  state: v.string(),
  country: v.string(),
  primaryDomain: v.string(),
  relationshipState: v.picklist(relationshipStates),
  monthlyRevenueCents: v.number(),
  productCount: v.number(),
  customFields: v.record(v.string(), v.unknown()),
  version: v.number(),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type Customer = v.InferOutput<typeof customerOutput>;

/** Company, else the contact person: the name the list and the customer view show. */
export function customerDisplayName(customer: Pick<Customer, 'company' | 'contactFirstName' | 'contactLastName'>): string {
  return customer.company || [customer.contactFirstName, customer.contactLastName].filter(Boolean).join(' ');
}
