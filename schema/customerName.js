// How a customer is named in lists, the customer view and sort keys. Plain JS so the demo-data script shares it.

/** Company, else the contact person: the name the list and the customer view show. */
export function customerDisplayName(customer) {
  return customer.company || [customer.contactFirstName, customer.contactLastName].filter(Boolean).join(' ');
}

/** The contact column sorts by surname, then first name. */
export const contactSortText = (customer) => [customer.contactLastName, customer.contactFirstName].filter(Boolean).join(' ');
