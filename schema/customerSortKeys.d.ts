export function customerSortKeys(customer: { company: string; contactFirstName: string; contactLastName: string; city: string }): {
  nameSort: string;
  contactSort: string;
  citySort: string;
};
