/** German texts of the export menu and the files it writes. */
import { deColumnLabels as labels } from '../../../schema/columnLabels/de';

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
  sheet: labels.export.sheet,
  fileName: labels.export.fileName,
  archived: labels.export.archived,
  columns: labels.export.columns,
};
