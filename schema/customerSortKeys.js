// The German sort keys a customer row stores beside its fields (name, contact, city), so each sort
// of the list pages along its own index. Plain JS so the demo-data script computes the same keys.
import { germanSortKey } from './collation.js';

/** Company, else the contact person: the name the list and the customer view show. */
export function customerDisplayName(customer) {
  return customer.company || [customer.contactFirstName, customer.contactLastName].filter(Boolean).join(' ');
}

/** The contact column sorts by surname, then first name. */
export const contactSortText = (customer) => [customer.contactLastName, customer.contactFirstName].filter(Boolean).join(' ');

export function customerSortKeys(customer) {
  return {
    nameSort: germanSortKey(customerDisplayName(customer)),
    contactSort: germanSortKey(contactSortText(customer)),
    citySort: germanSortKey(customer.city),
  };
}
