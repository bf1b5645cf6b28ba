/** English texts of the export menu and the files it writes; the same keys as the German file (checked by the compiler). */
import { enColumnLabels as labels } from '../../../schema/columnLabels/en';
import type * as german from '../de/export';

export const exportTexts = {
  button: 'Excel',
  buttonLabel: 'Export',
  busy: 'Preparing the export …',
  formatsTitle: 'File',
  formats: {
    xls: '{{ name }} (Excel 97–2003)',
    xlsx: '{{ name }} (Excel)',
    csv: '{{ name }} (CSV, UTF-8)',
  },
  scopeTitle: 'Scope',
  scope: {
    allCustomers: 'All customers',
    viewCustomers: 'Current view only',
    allEntries: 'Whole log',
    viewEntries: 'Current filters only',
    allOrders: 'All orders',
    viewOrders: 'Current search only',
  },
  separatorTitle: 'CSV separator',
  separator: {
    semicolon: 'Semicolon ( ; )',
    comma: 'Comma ( , )',
  },
  xlsTooLarge: '.xls holds at most 65,535 rows – please choose .xlsx or .csv.',
  downloaded: '{{ name }} was downloaded.',
  sheet: labels.export.sheet,
  fileName: labels.export.fileName,
  archived: labels.export.archived,
  columns: labels.export.columns,
} satisfies typeof german.exportTexts;
