import type { Locale } from '../../schema/common';

/**
 * The one shape every export takes: typed columns and the rows as async pages (read from D1 page by
 * page), so a format writer never needs to know where the rows come from (customers, activity, orders).
 */
export type ColumnKind = 'text' | 'integer' | 'number' | 'money' | 'date' | 'datetime';

export interface ExportColumn {
  header: string;
  kind: ColumnKind;
}

/**
 * A cell: text, a number (money in major units, e.g. 1234.5 for 1.234,50 €), an ISO date
 * ("2026-11-23") or timestamp ("2026-11-23T09:15:00.000Z") for date kinds, or null for empty.
 */
export type Cell = string | number | null;

export interface ExportTable {
  /** The worksheet's name in the user's language (xls/xlsx). */
  sheetName: string;
  columns: ExportColumn[];
  /** Pages of rows in export order; each row has one cell per column. */
  pages: AsyncIterable<Cell[][]>;
  /** ISO 4217 code of the money columns. */
  currency: string;
  /** Date and money formats follow the user's language. */
  locale: Locale;
}

/** Excel's limit for one cell's text; longer text is cut there rather than breaking the file. */
export const MAX_CELL_TEXT = 32_767;

export function cellText(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text;
}

/** Days between Excel's epoch (1899-12-30, which absorbs the 1900 leap-year bug) and 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;

/** An ISO date or timestamp as an Excel serial day number (UTC), or undefined when it is not one. */
export function excelSerial(value: Cell, kind: 'date' | 'datetime'): number | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const time = Date.parse(kind === 'date' ? `${value.slice(0, 10)}T00:00:00Z` : value);
  if (Number.isNaN(time)) return undefined;
  // Whole seconds, cut like the CSV's "2026-11-23 09:15:30": Excel keeps no milliseconds worth showing.
  const seconds = Math.floor(time / 1000);
  const days = Math.floor(seconds / 86_400) + EXCEL_EPOCH_OFFSET;
  return kind === 'date' ? days : days + (seconds - (days - EXCEL_EPOCH_OFFSET) * 86_400) / 86_400;
}

const currencySymbols: Record<string, string> = { EUR: '€', USD: '$', GBP: '£', CHF: 'CHF' };

/** Number format codes (locale-neutral syntax; Excel shows separators in the reader's locale). */
export function numberFormats(locale: Locale, currency: string) {
  const symbol = currencySymbols[currency] ?? currency;
  const quoted = `"${symbol.replaceAll('"', '')}"`;
  return locale === 'de'
    ? { money: `#,##0.00\\ ${quoted}`, date: 'dd.mm.yyyy', datetime: 'dd.mm.yyyy hh:mm' }
    : { money: `${quoted}#,##0.00`, date: 'dd/mm/yyyy', datetime: 'dd/mm/yyyy hh:mm' };
}

const fixedWidths: Partial<Record<ColumnKind, number>> = { money: 14, date: 12, datetime: 17 };

/** Column widths in characters from the header and the first page of rows: wide enough, never absurd. */
export function columnWidths(columns: ExportColumn[], sample: Cell[][]): number[] {
  return columns.map((column, index) => {
    let widest = fixedWidths[column.kind] ?? 6;
    for (const row of sample) {
      const value = row[index];
      if (value !== null && value !== undefined && !fixedWidths[column.kind]) widest = Math.max(widest, String(value).length);
    }
    return Math.min(60, Math.max(8, column.header.length + 2, widest + 2));
  });
}

/** Reads the first page ahead (for widths) and hands back every page, the first one included. */
export async function withFirstPage(pages: AsyncIterable<Cell[][]>): Promise<{ first: Cell[][]; all: AsyncIterator<Cell[][]> }> {
  const iterator = pages[Symbol.asyncIterator]();
  const head = await iterator.next();
  const first = head.done ? [] : head.value;
  let handedOut = false;
  const all: AsyncIterator<Cell[][]> = {
    next: async () => {
      if (!handedOut) {
        handedOut = true;
        if (!head.done) return { done: false, value: first };
      }
      return head.done ? { done: true, value: undefined } : iterator.next();
    },
  };
  return { first, all };
}

/** Sheet names: at most 31 characters and none of : \ / ? * [ ] (Excel's rules). */
export function safeSheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';
}

/** A column that knows how to read its cell from a source row (a customer, an audit entry, an order). */
export interface SourceColumn<Row> extends ExportColumn {
  value: (row: Row) => Cell;
}

/** Pages of source rows → the generic table; the rows are turned into cells one page at a time. */
export function tableOf<Row>(meta: Omit<ExportTable, 'columns' | 'pages'>, columns: SourceColumn<Row>[], pages: AsyncIterable<Row[]>): ExportTable {
  async function* cells() {
    for await (const page of pages) yield page.map((row) => columns.map((column) => column.value(row)));
  }
  return { ...meta, columns: columns.map(({ header, kind }) => ({ header, kind })), pages: cells() };
}
