import { formulaStart } from '../export/csv';
import { IMPORT_LIMITS, ImportFileError, type Sheet } from './limits';

/** Windows-1252's 0x80–0x9F (€, „, “, …); the rest of the single-byte range is Latin-1. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * UTF-8 with or without BOM; a file that is not valid UTF-8 is read as Windows-1252, which is what
 * older German Excel versions write for "CSV (Trennzeichen-getrennt)".
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    let text = '';
    for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
    return text;
  }
}

/** The separator of the header line outside quotes: `;` (German Excel), `,`, or a tab. */
function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char]!++;
  }
  const [best, count] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return count > 0 ? best : ';';
}

/**
 * RFC 4180 with the usual relaxations (LF or CR line ends, a header line decides the separator), in one
 * pass over the text with no regular expressions: time is linear in the size, whatever the input.
 * Limits are checked while reading, so an oversized file stops early with a clear error.
 */
export function parseCsv(bytes: Uint8Array): Sheet {
  if (bytes.includes(0)) throw new ImportFileError('not_a_spreadsheet');
  const text = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 1;
  const endField = () => {
    if (field.length > IMPORT_LIMITS.cellChars) throw new ImportFileError('cell_too_long', { line });
    // Our own CSV export (as OWASP advises) guards text that starts like a formula with an apostrophe: the text is what counts.
    row.push(field.startsWith("'") && formulaStart.test(field.slice(1)) ? field.slice(1) : field);
    field = '';
    if (row.length > IMPORT_LIMITS.columns) throw new ImportFileError('too_many_columns', { limit: IMPORT_LIMITS.columns });
  };
  const endRow = () => {
    endField();
    if (row.some((cell) => cell.trim() !== '')) rows.push(row);
    // The header plus the data rows.
    if (rows.length > IMPORT_LIMITS.rows + 1) throw new ImportFileError('too_many_rows', { limit: IMPORT_LIMITS.rows });
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (char === delimiter) endField();
    else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
    } else field += char;
  }
  if (quoted) throw new ImportFileError('csv_unterminated_quote', { line: quoteLine });
  if (field !== '' || row.length > 0) endRow();
  return { rows };
}
