import type { CompoundFile } from './compoundFile';
import { IMPORT_LIMITS, ImportFileError, type Sheet } from './limits';
import { numberText } from './xlsx';

// A strict, minimal reader of the first worksheet of an .xls (BIFF8) workbook, as Excel 97–2019,
// LibreOffice and our own export write it: the compound file's Workbook stream, the shared strings
// (SST, whose strings CONTINUE records may split, each split of characters starting with its own
// flag byte), and the cell records LABELSST, LABEL, RSTRING, NUMBER, RK, MULRK, BOOLERR and FORMULA,
// whose cached result is taken as text (a formula is never evaluated; a string result follows in a
// STRING record). Every length is checked against the record it lies in, and the same limits as the
// .xlsx reader apply.

const BOF = 0x0809;
const EOF = 0x000a;
const FILEPASS = 0x002f;
const BOUNDSHEET = 0x0085;
const SST = 0x00fc;
const CONTINUE = 0x003c;
const LABELSST = 0x00fd;
const LABEL = 0x0204;
const RSTRING = 0x00d6;
const NUMBER = 0x0203;
const RK = 0x027e;
const MULRK = 0x00bd;
const BOOLERR = 0x0205;
const FORMULA = 0x0006;
const STRING = 0x0207;

const BIFF8 = 0x0600;
const GLOBALS = 0x0005;
const WORKSHEET = 0x0010;
const MAX_RECORD = 8224;

const invalid = () => new ImportFileError('invalid_xls');

interface BiffRecord {
  type: number;
  /** Where the record's header starts in the stream. */
  at: number;
  data: Uint8Array;
}

/** The records of a BIFF stream from `start`, each checked to lie within it. */
function* records(stream: Uint8Array, start: number): Generator<BiffRecord> {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  let at = start;
  while (at + 4 <= stream.length) {
    const type = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (size > MAX_RECORD || at + 4 + size > stream.length) throw invalid();
    yield { type, at, data: stream.subarray(at + 4, at + 4 + size) };
    at += 4 + size;
  }
}

/**
 * A record's data with the CONTINUE records after it, read as one: bytes run on across the parts,
 * except that characters of a string carried into the next part start with a new flag byte there
 * (whether the characters go on as one byte or two).
 */
class Segments {
  private part = 0;
  private offset = 0;

  constructor(private readonly parts: Uint8Array[]) {}

  private current(): Uint8Array {
    while (this.part < this.parts.length && this.offset >= this.parts[this.part]!.length) {
      this.part++;
      this.offset = 0;
    }
    const part = this.parts[this.part];
    if (!part) throw invalid();
    return part;
  }

  u8(): number {
    const part = this.current();
    return part[this.offset++]!;
  }

  u16(): number {
    return this.u8() | (this.u8() << 8);
  }

  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }

  skip(count: number) {
    let left = count;
    while (left > 0) {
      const part = this.current();
      const step = Math.min(left, part.length - this.offset);
      this.offset += step;
      left -= step;
    }
  }

  /** `count` characters, one or two bytes each as `wide` says, switching where a CONTINUE's flag byte says so. */
  chars(count: number, wide: boolean): string {
    let text = '';
    let left = count;
    let twoBytes = wide;
    while (left > 0) {
      if (this.offset >= this.parts[this.part]!.length) {
        this.part++;
        this.offset = 0;
        if (!this.parts[this.part]) throw invalid();
        twoBytes = (this.u8() & 0x01) === 1;
      }
      const part = this.parts[this.part]!;
      const fit = Math.min(left, Math.floor((part.length - this.offset) / (twoBytes ? 2 : 1)));
      if (fit === 0) throw invalid();
      for (let index = 0; index < fit; index++) {
        text += String.fromCharCode(twoBytes ? part[this.offset]! | (part[this.offset + 1]! << 8) : part[this.offset]!);
        this.offset += twoBytes ? 2 : 1;
      }
      left -= fit;
    }
    return text;
  }

  /** An XLUnicodeRichExtendedString: count, flags, optional run and extension sizes, characters, then runs and extension (skipped). */
  richString(countBytes: 1 | 2 = 2): string {
    const count = countBytes === 2 ? this.u16() : this.u8();
    const flags = this.u8();
    const runs = flags & 0x08 ? this.u16() : 0;
    const extension = flags & 0x04 ? this.u32() : 0;
    const text = this.chars(count, (flags & 0x01) === 1);
    this.skip(runs * 4 + extension);
    return text;
  }
}

/** The shared strings: as many as the SST says, each read across its CONTINUE records. */
function sharedStrings(parts: Uint8Array[]): string[] {
  const reader = new Segments(parts);
  reader.u32();
  const unique = reader.u32();
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  // Each string takes at least three bytes: a larger count is a lie, not a reason to loop.
  if (unique > total / 3) throw invalid();
  const strings: string[] = [];
  for (let index = 0; index < unique; index++) strings.push(reader.richString());
  return strings;
}

/** An RK number: a 30-bit integer or the high bits of a double, either possibly divided by 100. */
function rkValue(rk: number): number {
  const value = rk & 0x02 ? rk >> 2 : new DataView(Uint32Array.of(0, rk & 0xfffffffc).buffer).getFloat64(0, true);
  return rk & 0x01 ? value / 100 : value;
}

const u16 = (data: Uint8Array, at: number) => {
  if (at + 2 > data.length) throw invalid();
  return data[at]! | (data[at + 1]! << 8);
};
const u32 = (data: Uint8Array, at: number) => (u16(data, at) | (u16(data, at + 2) << 16)) >>> 0;
const f64 = (data: Uint8Array, at: number) => {
  if (at + 8 > data.length) throw invalid();
  return new DataView(data.buffer, data.byteOffset + at, 8).getFloat64(0, true);
};

/** The cells of a sheet, row by row; limits are checked as cells arrive, so an oversized sheet stops early. */
class SheetCells {
  private readonly rows = new Map<number, string[]>();

  set(row: number, column: number, text: string) {
    if (column >= IMPORT_LIMITS.columns) throw new ImportFileError('too_many_columns', { limit: IMPORT_LIMITS.columns });
    if (text.length > IMPORT_LIMITS.cellChars) throw new ImportFileError('cell_too_long', { line: row + 1 });
    let cells = this.rows.get(row);
    if (!cells) {
      // The header plus the data rows (rows without text are dropped at the end, as in the .xlsx reader).
      if (this.rows.size > IMPORT_LIMITS.rows + 1 && text.trim() !== '') throw new ImportFileError('too_many_rows', { limit: IMPORT_LIMITS.rows });
      cells = [];
      this.rows.set(row, cells);
    }
    while (cells.length < column) cells.push('');
    cells[column] = text;
  }

  sheet(): Sheet {
    const rows = [...this.rows.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, cells]) => Array.from({ length: cells.length }, (_, index) => cells[index] ?? ''))
      .filter((cells) => cells.some((cell) => cell.trim() !== ''));
    if (rows.length > IMPORT_LIMITS.rows + 1) throw new ImportFileError('too_many_rows', { limit: IMPORT_LIMITS.rows });
    return { rows };
  }
}

/** The workbook globals: whether it is BIFF8 and not encrypted, the shared strings, where the first worksheet starts. */
function readGlobals(stream: Uint8Array): { strings: string[]; sheetStart: number } {
  const all = records(stream, 0);
  const first = all.next();
  if (first.done || first.value.type !== BOF) throw invalid();
  if (u16(first.value.data, 0) !== BIFF8 || u16(first.value.data, 2) !== GLOBALS) throw new ImportFileError('xls_unsupported_version');
  let strings: string[] = [];
  let sheetStart: number | undefined;
  let sstParts: Uint8Array[] | undefined;
  for (const record of all) {
    if (sstParts && record.type === CONTINUE) {
      sstParts.push(record.data);
      continue;
    }
    if (sstParts) {
      strings = sharedStrings(sstParts);
      sstParts = undefined;
    }
    if (record.type === FILEPASS) throw new ImportFileError('xls_encrypted');
    // The first worksheet in the workbook's order (charts and macro sheets have other types).
    if (record.type === BOUNDSHEET && sheetStart === undefined && record.data.length >= 6 && record.data[5] === 0) sheetStart = u32(record.data, 0);
    if (record.type === SST) sstParts = [record.data];
    if (record.type === EOF) break;
  }
  if (sstParts) strings = sharedStrings(sstParts);
  if (sheetStart === undefined || sheetStart >= stream.length) throw invalid();
  return { strings, sheetStart };
}

export function parseXls(file: CompoundFile): Sheet {
  const stream = file.stream('Workbook', IMPORT_LIMITS.fileBytes);
  if (!stream) throw new ImportFileError(file.has('Book') ? 'xls_unsupported_version' : 'not_a_spreadsheet');
  const { strings, sheetStart } = readGlobals(stream);
  const cells = new SheetCells();
  const all = records(stream, sheetStart);
  const bof = all.next();
  if (bof.done || bof.value.type !== BOF || u16(bof.value.data, 2) !== WORKSHEET) throw invalid();
  // A formula's string result comes in the STRING record after it (SHRFMLA or ARRAY may stand between).
  let pendingString: { row: number; column: number } | undefined;
  let stringParts: Uint8Array[] | undefined;
  const finishString = () => {
    if (stringParts && pendingString) cells.set(pendingString.row, pendingString.column, new Segments(stringParts).richString());
    stringParts = undefined;
    pendingString = undefined;
  };
  for (const { type, data } of all) {
    if (stringParts) {
      if (type === CONTINUE) {
        stringParts.push(data);
        continue;
      }
      finishString();
    }
    if (type === EOF) break;
    if (type === STRING) {
      stringParts = [data];
      continue;
    }
    if (type === BOF) throw invalid();
    if (![LABELSST, LABEL, RSTRING, NUMBER, RK, MULRK, BOOLERR, FORMULA].includes(type)) continue;
    pendingString = undefined;
    const row = u16(data, 0);
    const column = u16(data, 2);
    switch (type) {
      case LABELSST: {
        const index = u32(data, 6);
        if (index >= strings.length) throw invalid();
        cells.set(row, column, strings[index]!);
        break;
      }
      case LABEL:
      case RSTRING:
        cells.set(row, column, new Segments([data.subarray(6)]).richString());
        break;
      case NUMBER:
        cells.set(row, column, numberText(String(f64(data, 6))));
        break;
      case RK:
        cells.set(row, column, numberText(String(rkValue(u32(data, 6)))));
        break;
      case MULRK: {
        const last = u16(data, data.length - 2);
        if (last < column || 4 + (last - column + 1) * 6 + 2 !== data.length) throw invalid();
        for (let at = 4, current = column; current <= last; at += 6, current++) cells.set(row, current, numberText(String(rkValue(u32(data, at + 2)))));
        break;
      }
      case BOOLERR:
        if (data.length < 8) throw invalid();
        cells.set(row, column, data[7] ? '' : data[6] ? 'TRUE' : 'FALSE');
        break;
      case FORMULA: {
        if (data.length < 20) throw invalid();
        // The cached result: a number, or (0xFFFF in its last two bytes) a string, boolean, error or empty string.
        if (u16(data, 12) !== 0xffff) cells.set(row, column, numberText(String(f64(data, 6))));
        else if (data[6] === 0) pendingString = { row, column };
        else if (data[6] === 1) cells.set(row, column, data[8] ? 'TRUE' : 'FALSE');
        else cells.set(row, column, '');
        break;
      }
    }
  }
  finishString();
  return cells.sheet();
}
