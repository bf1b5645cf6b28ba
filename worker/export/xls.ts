import { XLS_MAX_DATA_ROWS } from '../../schema/exports';
import { ByteWriter, isLatin1 } from './bytes';
import { compoundFile } from './cfb';
import { type Cell, cellText, columnWidths, type ExportTable, excelSerial, numberFormats, safeSheetName, withFirstPage } from './table';

export class XlsTooManyRows extends Error {
  constructor() {
    super(`An .xls file holds at most ${XLS_MAX_DATA_ROWS} data rows.`);
  }
}

// Record types of MS-XLS used here.
const BOF = 0x0809;
const EOF = 0x000a;
const CODEPAGE = 0x0042;
const DATEMODE = 0x0022;
const WINDOW1 = 0x003d;
const FONT = 0x0031;
const FORMAT = 0x041e;
const XF = 0x00e0;
const STYLE = 0x0293;
const BOUNDSHEET = 0x0085;
const SST = 0x00fc;
const CONTINUE = 0x003c;
const EXTSST = 0x00ff;
const COLINFO = 0x007d;
const DIMENSIONS = 0x0200;
const LABELSST = 0x00fd;
const NUMBER = 0x0203;
const RK = 0x027e;
const WINDOW2 = 0x023e;
const PANE = 0x0041;

const MAX_RECORD_DATA = 8224;
/** Cell XF indexes: 0–14 are the style XFs Excel expects, 15 the default cell format. */
const XF_CELL = 15;
const XF_HEADER = 16;
const XF_MONEY = 17;
const XF_DATE = 18;
const XF_DATETIME = 19;
const FORMAT_MONEY = 164;
const FORMAT_DATE = 165;
const FORMAT_DATETIME = 166;

function bof(out: ByteWriter, substream: 0x0005 | 0x0010) {
  out.u16(BOF);
  out.u16(16);
  out.u16(0x0600);
  out.u16(substream);
  out.u16(0x0dbb);
  out.u16(0x07cc);
  out.u32(0);
  out.u32(0x0006);
}

function record(out: ByteWriter, type: number, size: number) {
  out.u16(type);
  out.u16(size);
}

function font(out: ByteWriter, bold: boolean) {
  const name = 'Arial';
  record(out, FONT, 16 + name.length);
  out.u16(200); // 10 pt in twips
  out.u16(bold ? 1 : 0); // the weight below decides; older readers look at this bit
  out.u16(0x7fff); // automatic colour
  out.u16(bold ? 700 : 400);
  out.u16(0);
  out.u8(0);
  out.u8(2); // swiss family
  out.u8(0);
  out.u8(0);
  out.u8(name.length);
  out.u8(0);
  out.chars(name, 0, name.length, false);
}

function format(out: ByteWriter, id: number, code: string) {
  record(out, FORMAT, 5 + code.length * 2);
  out.u16(id);
  out.u16(code.length);
  out.u8(1);
  out.chars(code, 0, code.length, true);
}

function xf(out: ByteWriter, fontIndex: number, formatId: number, style: boolean) {
  record(out, XF, 20);
  out.u16(fontIndex);
  out.u16(formatId);
  out.u16(style ? 0xfff5 : 0x0001); // style XF (parent 0xFFF) or locked cell XF based on style 0
  out.u8(0x20); // bottom-aligned
  out.u8(0);
  out.u8(0);
  out.u8(style ? 0 : (formatId ? 0x04 : 0) | (fontIndex ? 0x08 : 0)); // which attributes the cell XF sets itself
  out.u32(0);
  out.u32(0);
  out.u16(0x20c0); // default pattern colours
}

/** The shared-string table, split into CONTINUE records at 8,224 bytes as BIFF8 requires. */
class SharedStrings {
  readonly out = new ByteWriter();
  count = 0;
  private recordStart = 0;
  private used = 0;
  /** Every 8th string's position (offset in `out`, offset in its record) for EXTSST. */
  private readonly marks: number[] = [];

  constructor() {
    record(this.out, SST, 0);
    this.out.u32(0);
    this.out.u32(0);
    this.used = 8;
  }

  private nextRecord() {
    this.out.patchU16(this.recordStart + 2, this.used);
    this.recordStart = this.out.length;
    record(this.out, CONTINUE, 0);
    this.used = 0;
  }

  add(text: string): number {
    const wide = !isLatin1(text);
    const charSize = wide ? 2 : 1;
    // A string's length and flags are never split from its first character.
    if (MAX_RECORD_DATA - this.used < 3 + charSize) this.nextRecord();
    if (this.count % 8 === 0) this.marks.push(this.out.length, this.out.length - this.recordStart);
    this.out.u16(text.length);
    this.out.u8(wide ? 1 : 0);
    this.used += 3;
    let start = 0;
    while (start < text.length) {
      const room = Math.floor((MAX_RECORD_DATA - this.used) / charSize);
      if (room === 0) {
        // The rest continues in the next record, which starts with the width flag of what follows.
        this.nextRecord();
        this.out.u8(wide ? 1 : 0);
        this.used = 1;
        continue;
      }
      const end = Math.min(text.length, start + room);
      this.out.chars(text, start, end, wide);
      this.used += (end - start) * charSize;
      start = end;
    }
    return this.count++;
  }

  /** SST + CONTINUE records and the EXTSST index, for a table that starts at `base` in the stream. */
  finish(base: number): Uint8Array[] {
    this.out.patchU16(this.recordStart + 2, this.used);
    this.out.patchU32(4, this.count);
    this.out.patchU32(8, this.count);
    // EXTSST has at most 128 buckets of `perBucket` strings (a multiple of 8, at least 8).
    const perBucket = Math.max(8, Math.ceil(this.count / 8 / 128) * 8);
    const buckets = Math.ceil(this.count / perBucket);
    const step = (perBucket / 8) * 2;
    record(this.out, EXTSST, 2 + buckets * 8);
    this.out.u16(perBucket);
    for (let bucket = 0; bucket < buckets; bucket += 1) {
      this.out.u32(base + this.marks[bucket * step]!);
      this.out.u16(this.marks[bucket * step + 1]!);
      this.out.u16(0);
    }
    return this.out.finish();
  }
}

/** RK packs integers and two-decimal amounts into 30 bits; anything else is a full NUMBER. */
function rkValue(value: number): number | undefined {
  const fits = (n: number) => Number.isInteger(n) && n >= -(2 ** 29) && n < 2 ** 29;
  if (fits(value)) return ((value << 2) | 2) >>> 0;
  const cents = Math.round(value * 100);
  if (fits(cents) && cents / 100 === value) return ((cents << 2) | 3) >>> 0;
  return undefined;
}

function numberCell(out: ByteWriter, row: number, column: number, xfIndex: number, value: number) {
  const rk = rkValue(value);
  record(out, rk === undefined ? NUMBER : RK, rk === undefined ? 14 : 10);
  out.u16(row);
  out.u16(column);
  out.u16(xfIndex);
  if (rk === undefined) out.f64(value);
  else out.u32(rk);
}

function sheetHead(columnCount: number, rowCount: number, widths: number[]): Uint8Array[] {
  const out = new ByteWriter(4096);
  bof(out, 0x0010);
  widths.forEach((width, index) => {
    record(out, COLINFO, 12);
    out.u16(index);
    out.u16(index);
    out.u16(Math.round(width * 256));
    out.u16(XF_CELL);
    out.u16(0);
    out.u16(0);
  });
  record(out, DIMENSIONS, 14);
  out.u32(0);
  out.u32(rowCount);
  out.u16(0);
  out.u16(columnCount);
  out.u16(0);
  return out.finish();
}

function sheetTail(): Uint8Array[] {
  const out = new ByteWriter(64);
  record(out, WINDOW2, 18);
  out.u16(0x06b6 | 0x0008 | 0x0100); // grid, headings, zeros, selected, active; frozen panes
  out.u16(0);
  out.u16(0);
  out.u32(64);
  out.u16(0);
  out.u16(0);
  out.u32(0);
  record(out, PANE, 10);
  out.u16(0);
  out.u16(1); // the header row stays in view
  out.u16(1);
  out.u16(0);
  out.u8(2);
  out.u8(0);
  record(out, EOF, 0);
  return out.finish();
}

/** The workbook globals; the one sheet follows them directly, so BOUNDSHEET points just past their end. */
function globals(table: ExportTable, strings: SharedStrings): Uint8Array[] {
  const formats = numberFormats(table.locale, table.currency);
  const sheetName = safeSheetName(table.sheetName);
  const out = new ByteWriter(8192);
  bof(out, 0x0005);
  record(out, CODEPAGE, 2);
  out.u16(1200); // UTF-16
  record(out, WINDOW1, 18);
  for (const value of [0, 0, 0x25bc, 0x1572, 0x0038, 0, 0, 1, 0x0258]) out.u16(value);
  record(out, DATEMODE, 2);
  out.u16(0); // 1900 date system
  // Font index 4 does not exist in BIFF: the fifth record is font 5, the bold header font.
  for (let index = 0; index < 4; index += 1) font(out, false);
  font(out, true);
  format(out, FORMAT_MONEY, formats.money);
  format(out, FORMAT_DATE, formats.date);
  format(out, FORMAT_DATETIME, formats.datetime);
  for (let index = 0; index < 15; index += 1) xf(out, 0, 0, true);
  xf(out, 0, 0, false);
  xf(out, 5, 0, false);
  xf(out, 0, FORMAT_MONEY, false);
  xf(out, 0, FORMAT_DATE, false);
  xf(out, 0, FORMAT_DATETIME, false);
  record(out, STYLE, 4);
  out.u16(0x8000);
  out.u8(0); // built-in style "Normal"
  out.u8(0xff);
  record(out, BOUNDSHEET, 8 + sheetName.length * 2);
  const sheetOffsetAt = out.length;
  out.u32(0);
  out.u8(0);
  out.u8(0);
  out.u8(sheetName.length);
  out.u8(1);
  out.chars(sheetName, 0, sheetName.length, true);
  const sstBase = out.length;
  const sst = strings.finish(sstBase);
  const sstLength = sst.reduce((total, chunk) => total + chunk.length, 0);
  const end = new ByteWriter(16);
  record(end, EOF, 0);
  out.patchU32(sheetOffsetAt, sstBase + sstLength + 4);
  return [...out.finish(), ...sst, ...end.finish()];
}

/**
 * A real BIFF8 workbook (Excel 97–2003) in a compound file, written record by record: strings in a
 * shared-string table, numbers as RK/NUMBER, money and dates with number formats, a bold frozen header.
 * The stream's size must be known before the container's header, so the file is built in memory
 * (about 0.6 KB per row of 20 columns; the 65,535-row ceiling bounds it).
 */
export async function xlsFile(table: ExportTable): Promise<Uint8Array[]> {
  const { first, all } = await withFirstPage(table.pages);
  const strings = new SharedStrings();
  const cells = new ByteWriter();
  const kinds = table.columns.map((column) => column.kind);
  const textCell = (row: number, column: number, xfIndex: number, text: string) => {
    record(cells, LABELSST, 10);
    cells.u16(row);
    cells.u16(column);
    cells.u16(xfIndex);
    cells.u32(strings.add(text));
  };
  table.columns.forEach((column, index) => {
    textCell(0, index, XF_HEADER, cellText(column.header));
  });
  let row = 0;
  for (let page = await all.next(); !page.done; page = await all.next()) {
    for (const values of page.value) {
      row += 1;
      if (row > XLS_MAX_DATA_ROWS) throw new XlsTooManyRows();
      values.forEach((value: Cell, column) => {
        const kind = kinds[column]!;
        if (value === null || value === '') return;
        if (kind === 'date' || kind === 'datetime') {
          const serial = excelSerial(value, kind);
          if (serial !== undefined) {
            numberCell(cells, row, column, kind === 'date' ? XF_DATE : XF_DATETIME, serial);
            return;
          }
        } else if (typeof value === 'number' && kind !== 'text' && Number.isFinite(value)) {
          numberCell(cells, row, column, kind === 'money' ? XF_MONEY : XF_CELL, value);
          return;
        }
        textCell(row, column, XF_CELL, cellText(value));
      });
    }
  }
  const head = sheetHead(table.columns.length, row + 1, columnWidths(table.columns, first));
  const body = cells.finish();
  const tail = sheetTail();
  const workbook = [...globals(table, strings), ...head, ...body, ...tail];
  return compoundFile('Workbook', workbook);
}
