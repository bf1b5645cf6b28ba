import { IMPORT_LIMITS, ImportFileError, type Sheet } from './limits';

// A strict, minimal reader of the first worksheet of an .xlsx file: the ZIP's central directory, the
// runtime's native inflate (DecompressionStream 'deflate-raw') with a hard cap on the bytes it may
// produce (a zip bomb stops at the cap, whatever the archive claims), and a scanner over the sheet XML
// that moves forward with indexOf only (linear time, no backtracking regular expressions), refuses
// DOCTYPE/ENTITY declarations and resolves only the five XML entities and numeric references.

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

const invalid = () => new ImportFileError('invalid_xlsx');

function centralDirectory(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw invalid();
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (count > 1000 || at >= bytes.length) throw invalid();
  const entries = new Map<string, ZipEntry>();
  for (let index = 0; index < count; index++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw invalid();
    const flags = view.getUint16(at + 8, true);
    if (flags & 1) throw new ImportFileError('xlsx_encrypted');
    const nameLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.set(name, { name, method: view.getUint16(at + 10, true), compressedSize: view.getUint32(at + 20, true), localOffset: view.getUint32(at + 42, true) });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** One entry's bytes, inflated natively; more than `IMPORT_LIMITS.unpackedBytes` is refused as it arrives. */
async function readEntry(bytes: Uint8Array, entry: ZipEntry): Promise<string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw invalid();
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw invalid();
  if (entry.method === 0) {
    if (data.length > IMPORT_LIMITS.unpackedBytes) throw new ImportFileError('file_too_large_unpacked', { limit: IMPORT_LIMITS.unpackedBytes });
    return new TextDecoder().decode(data);
  }
  if (entry.method !== 8) throw invalid();
  const inflater = new DecompressionStream('deflate-raw');
  const writer = inflater.writable.getWriter();
  writer.write(data).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = inflater.readable.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let total = 0;
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      total += read.value.length;
      if (total > IMPORT_LIMITS.unpackedBytes) {
        await reader.cancel().catch(() => undefined);
        throw new ImportFileError('file_too_large_unpacked', { limit: IMPORT_LIMITS.unpackedBytes });
      }
      text += decoder.decode(read.value, { stream: true });
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw invalid();
  }
  return text + decoder.decode();
}

function checkXml(xml: string) {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw invalid();
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, name: string) => {
    if (name.startsWith('#x')) return safeCodePoint(parseInt(name.slice(2), 16)) ?? whole;
    if (name.startsWith('#')) return safeCodePoint(parseInt(name.slice(1), 10)) ?? whole;
    return ENTITIES[name] ?? whole;
  });
}

function safeCodePoint(code: number): string | undefined {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/** The text of all `<t>` runs in a fragment (a shared string or an inline string), without phonetic runs. */
function textRuns(fragment: string): string {
  let rest = fragment;
  for (let phonetic = rest.indexOf('<rPh'); phonetic >= 0; phonetic = rest.indexOf('<rPh')) {
    const end = rest.indexOf('</rPh>', phonetic);
    if (end < 0) throw invalid();
    rest = rest.slice(0, phonetic) + rest.slice(end + 6);
  }
  let text = '';
  for (const run of elements(rest, 't')) text += unescapeXml(run.inner);
  return text;
}

/** Each element `<name …>…</name>` (or `<name …/>`) in order: its attribute text and inner XML. */
function* elements(xml: string, name: string): Generator<{ attributes: string; inner: string }> {
  let at = 0;
  for (;;) {
    const open = xml.indexOf(`<${name}`, at);
    if (open < 0) return;
    const next = xml[open + name.length + 1];
    const close = xml.indexOf('>', open);
    if (close < 0) throw invalid();
    if (next !== ' ' && next !== '>' && next !== '/') {
      at = close + 1;
      continue;
    }
    if (xml[close - 1] === '/') {
      yield { attributes: xml.slice(open + name.length + 1, close - 1), inner: '' };
      at = close + 1;
      continue;
    }
    const end = xml.indexOf(`</${name}>`, close);
    if (end < 0) throw invalid();
    yield { attributes: xml.slice(open + name.length + 1, close), inner: xml.slice(close + 1, end) };
    at = end + name.length + 3;
  }
}

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attributes);
  return match ? unescapeXml(match[1]!) : undefined;
}

function columnIndex(reference: string): number {
  let index = 0;
  for (const char of reference) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

export function numberText(value: string): string {
  if (/^-?\d{1,15}$/.test(value)) return value;
  const number = Number(value);
  return Number.isFinite(number) ? String(Number(number.toPrecision(15))) : value;
}

/** The path of the workbook's first sheet, from workbook.xml and its relationships. */
async function firstSheetPath(bytes: Uint8Array, entries: Map<string, ZipEntry>): Promise<string> {
  const workbook = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (!workbook) throw new ImportFileError('not_a_spreadsheet');
  const workbookXml = await readEntry(bytes, workbook);
  checkXml(workbookXml);
  const first = elements(workbookXml, 'sheet').next();
  const relationId = first.done ? undefined : attribute(first.value.attributes, 'r:id');
  if (relationId && rels) {
    const relsXml = await readEntry(bytes, rels);
    checkXml(relsXml);
    for (const relation of elements(relsXml, 'Relationship')) {
      if (attribute(relation.attributes, 'Id') !== relationId) continue;
      const target = attribute(relation.attributes, 'Target') ?? '';
      return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    }
  }
  return 'xl/worksheets/sheet1.xml';
}

export async function parseXlsx(bytes: Uint8Array): Promise<Sheet> {
  const entries = centralDirectory(bytes);
  const sheetEntry = entries.get(await firstSheetPath(bytes, entries));
  if (!sheetEntry) throw invalid();
  const sharedEntry = entries.get('xl/sharedStrings.xml');
  const shared: string[] = [];
  if (sharedEntry) {
    const xml = await readEntry(bytes, sharedEntry);
    checkXml(xml);
    for (const item of elements(xml, 'si')) shared.push(textRuns(item.inner));
  }
  const xml = await readEntry(bytes, sheetEntry);
  checkXml(xml);
  const rows: string[][] = [];
  let rowNumber = 0;
  for (const rowElement of elements(xml, 'row')) {
    rowNumber = Number(attribute(rowElement.attributes, 'r') ?? rowNumber + 1);
    if (!Number.isInteger(rowNumber) || rowNumber < 1) throw invalid();
    const row: string[] = [];
    let column = -1;
    for (const cell of elements(rowElement.inner, 'c')) {
      const reference = attribute(cell.attributes, 'r');
      column = reference ? columnIndex(reference) : column + 1;
      if (column < 0) throw invalid();
      if (column >= IMPORT_LIMITS.columns) throw new ImportFileError('too_many_columns', { limit: IMPORT_LIMITS.columns });
      const type = attribute(cell.attributes, 't') ?? 'n';
      const value = /<v>([^<]*)<\/v>/.exec(cell.inner)?.[1];
      let text = '';
      if (type === 'inlineStr') text = textRuns(cell.inner);
      else if (type === 's') text = shared[Number(value)] ?? '';
      else if (type === 'str') text = unescapeXml(value ?? '');
      else if (type === 'b') text = value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : '';
      else if (type === 'e') text = '';
      else text = value === undefined ? '' : numberText(value);
      if (text.length > IMPORT_LIMITS.cellChars) throw new ImportFileError('cell_too_long', { line: rowNumber });
      while (row.length < column) row.push('');
      row[column] = text;
    }
    if (row.some((cell) => cell.trim() !== '')) rows.push(row);
    if (rows.length > IMPORT_LIMITS.rows + 1) throw new ImportFileError('too_many_rows', { limit: IMPORT_LIMITS.rows });
  }
  return { rows };
}
