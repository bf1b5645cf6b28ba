/** German texts of possible duplicates: hints in the new-customer dialog and the import, the "Mögliche Duplikate" view. */

export const duplicates = {
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
