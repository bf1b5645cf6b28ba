import type { CsvSeparator } from '../../schema/exports';
import { type Cell, type ColumnKind, cellText, type ExportTable } from './table';

/** OWASP CSV injection: a cell a spreadsheet would read as a formula (or a DDE call) starts like this. */
export const formulaStart = /^[=+\-@\t\r]/;

/** Text as a CSV field: formula starters get a leading apostrophe, then RFC 4180 quoting. */
export function csvField(text: string, separator: CsvSeparator): string {
  const safe = formulaStart.test(text) ? `'${text}` : text;
  return /["\r\n]/.test(safe) || safe.includes(separator) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * Numbers and dates are written by us, not typed by users, so they are never neutralized: a negative
 * amount stays a number. With `;` (German Excel) the decimal mark is a comma, with `,` a point.
 */
function csvValue(value: Cell, kind: ColumnKind, separator: CsvSeparator): string {
  if (value === null || value === '') return '';
  if (typeof value === 'number' && kind !== 'text') {
    const text = kind === 'money' ? value.toFixed(2) : String(value);
    return separator === ';' ? text.replace('.', ',') : text;
  }
  if (kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  // "2026-11-23 09:15:00": Excel reads it as a date and time in every locale (UTC, as the header says).
  if (kind === 'datetime' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(value)) return `${value.slice(0, 10)} ${value.slice(11, 19)}`;
  return csvField(cellText(value), separator);
}

const BOM = '\uFEFF';

/**
 * UTF-8 CSV with a BOM (so Excel reads umlauts right), CRLF line ends, streamed: each pull reads one
 * page of rows and encodes it, so memory stays flat however long the list is.
 */
export function csvStream(table: ExportTable, separator: CsvSeparator): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pages = table.pages[Symbol.asyncIterator]();
  const kinds = table.columns.map((column) => column.kind);
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          const header = table.columns.map((column) => csvField(column.header, separator)).join(separator);
          controller.enqueue(encoder.encode(`${BOM}${header}\r\n`));
          return;
        }
        const page = await pages.next();
        if (page.done) {
          controller.close();
          return;
        }
        let text = '';
        for (const row of page.value) text += `${row.map((value, index) => csvValue(value, kinds[index]!, separator)).join(separator)}\r\n`;
        controller.enqueue(encoder.encode(text));
      },
      async cancel() {
        await pages.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}
