// The German sort keys a customer row stores beside its fields (name, contact, city), so each sort
// of the list pages along its own index. Plain JS so the demo-data script computes the same keys.
import { germanSortKey } from './collation.js';
import { contactSortText, customerDisplayName } from './customerName.js';

export function customerSortKeys(customer) {
  return {
    nameSort: germanSortKey(customerDisplayName(customer)),
    contactSort: germanSortKey(contactSortText(customer)),
    citySort: germanSortKey(customer.city),
  };
}
