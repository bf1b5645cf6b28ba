// The texts of possible duplicates (hints in the new-customer dialog and the import, the "Mögliche
// Duplikate" view), spread into the dictionaries as `duplicates`.
export const duplicatesDe = {
  link: 'Mögliche Duplikate',
  reasons: {
    email: 'gleiche E-Mail-Adresse',
    phone: 'gleiche Telefonnummer',
    domain: 'gleiche Domain',
    name: 'gleicher Firmenname',
  },
  hints: {
    title: 'Diesen Kunden gibt es vielleicht schon',
    text: 'Prüfen Sie die Treffer. Sie können den Kunden trotzdem anlegen.',
    checking: 'Suche nach ähnlichen Kunden …',
    import: 'Ähnelt {{ customers }}',
  },
  page: {
    title: 'Mögliche Duplikate',
    description: 'Kunden, die sich in E-Mail-Adresse, Telefonnummer, Domain oder Firmenname (ohne Rechtsform) gleichen. Stärkster Grund zuerst.',
    back: 'Zur Kundenliste',
    emptyTitle: 'Keine möglichen Duplikate',
    emptyText: 'Keine Kunden gleichen sich in E-Mail-Adresse, Telefonnummer, Domain oder Firmenname.',
    group: '{{ reason }}: {{ key }}',
    members: '{{ count }} Kunden',
    moreMembers: 'Gezeigt werden die ersten {{ shown }} von {{ count }} Kunden.',
    archived: 'Archiviert',
    dismiss: 'Kein Duplikat',
    dismissed: 'Als „kein Duplikat“ markiert. Diese Kunden werden nicht mehr zusammen angeboten.',
    colleagueDismissed: '{{ name }} hat Kunden als „kein Duplikat“ markiert.',
  },
};

export const duplicatesEn: typeof duplicatesDe = {
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
};
