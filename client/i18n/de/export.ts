/** German texts of the export menu and the files it writes. */

export const exportTexts = {
  button: 'Excel',
  buttonLabel: 'Exportieren',
  busy: 'Export wird erstellt …',
  formatsTitle: 'Datei',
  formats: {
    xls: '{{ name }} (Excel 97–2003)',
    xlsx: '{{ name }} (Excel)',
    csv: '{{ name }} (CSV, UTF-8)',
  },
  scopeTitle: 'Umfang',
  scope: {
    allCustomers: 'Alle Kunden',
    viewCustomers: 'Nur aktuelle Ansicht',
    allEntries: 'Gesamtes Protokoll',
    viewEntries: 'Nur aktuelle Filter',
    allOrders: 'Alle Bestellungen',
    viewOrders: 'Nur aktuelle Suche',
  },
  separatorTitle: 'CSV-Trennzeichen',
  separator: {
    semicolon: 'Semikolon ( ; )',
    comma: 'Komma ( , )',
  },
  xlsTooLarge: '.xls fasst höchstens 65.535 Zeilen – bitte .xlsx oder .csv wählen.',
  downloaded: '{{ name }} wurde heruntergeladen.',
  sheet: {
    customers: 'Kunden',
    activity: 'Aktivität',
  },
  fileName: {
    activity: 'Aktivitätsprotokoll',
  },
  archived: '(archiviert)',
  columns: {
    countryCode: 'Ländercode',
    createdAt: 'Angelegt am',
    updatedAt: 'Geändert am',
    entryId: 'Nr.',
    actionCode: 'Aktionscode',
    entityType: 'Objektart',
    entityId: 'Objekt-ID',
    customerId: 'Kunden-ID',
    before: 'Vorher (JSON)',
    after: 'Nachher (JSON)',
  },
};
