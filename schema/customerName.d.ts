type Named = { company: string; contactFirstName: string; contactLastName: string };
export function customerDisplayName(customer: Named): string;
export function contactSortText(customer: Pick<Named, 'contactFirstName' | 'contactLastName'>): string;
