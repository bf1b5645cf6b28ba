/** English texts of possible duplicates; the same keys as the German file (checked by the compiler). */
import type * as german from '../de/duplicates';

export const duplicates = {
  link: 'Possible duplicates',
  reasons: {
    email: 'same e-mail address',
    phone: 'same phone number',
    domain: 'same domain',
    name: 'same company name',
  },
  hints: {
    title: 'This customer may already exist',
    text: 'Check the matches. You can still create the customer.',
    checking: 'Looking for similar customers …',
    import: 'Looks like {{ customers }}',
  },
  page: {
    title: 'Possible duplicates',
    description: 'Customers sharing an e-mail address, phone number, domain or company name (without its legal form). Strongest reason first.',
    back: 'Back to the customer list',
    emptyTitle: 'No possible duplicates',
    emptyText: 'No customers share an e-mail address, phone number, domain or company name.',
    group: '{{ reason }}: {{ key }}',
    members: '{{ count }} customers',
    moreMembers: 'Showing the first {{ shown }} of {{ count }} customers.',
    archived: 'Archived',
    dismiss: 'Not a duplicate',
    dismissed: 'Marked as "not a duplicate". These customers will not be offered together again.',
    colleagueDismissed: '{{ name }} marked customers as "not a duplicate".',
  },
} satisfies typeof german.duplicates;
