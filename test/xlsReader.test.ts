import { describe, expect, it } from 'vitest';
import XLSX from 'xlsx-js-style';
import { compoundFile } from '../worker/export/cfb';
import type { Cell, ExportTable } from '../worker/export/table';
import { xlsFile } from '../worker/export/xls';
import { CompoundFile } from '../worker/imports/compoundFile';
import { ImportFileError } from '../worker/imports/limits';
import { parseXls } from '../worker/imports/xls';
import { numberText, parseXlsx } from '../worker/imports/xlsx';
import { Client, createReseller, createUser } from './fixtures';
import { importFixture } from './importFixtures';
import { seededRandom as random } from './security/harness';

// Our .xls reader against an independent one (SheetJS, as xlsx-js-style bundles it) and against the
// values a sheet was made from: sheets written by SheetJS (LABEL, NUMBER, BOOLERR), by our own export
// writer (SST split over CONTINUE records, RK, date and money formats) and by LibreOffice (RK, MULRK,
// shared formulas with cached results, STRING records).

const alphabets = ['abcdefghij klmnop', 'ÄÖÜäöüß éèñ', '€✓–„“‚‘', '中文字符テスト', '😀🙂', ' ,;"\'<>&=+-@'];

/** Whole characters only: a surrogate pair is never cut in two. */
function randomText(r: ReturnType<typeof random>, maxLength: number): string {
  const length = 1 + r.int(maxLength);
  const alphabet = [...r.pick(alphabets)];
  let text = '';
  while (text.length < length) text += alphabet[r.int(alphabet.length)];
  return text;
}

type Value = string | number | boolean | null;

function randomValue(r: ReturnType<typeof random>): Value {
  switch (r.int(8)) {
    case 0:
      return null;
    case 1:
      return r.int(2_000_001) - 1_000_000;
    case 2:
      return Math.round((r.next() - 0.5) * 1e7) / 100;
    case 3:
      return (r.next() - 0.5) * 10 ** (r.int(30) - 10);
    case 4:
      return r.next() < 0.5;
    default:
      // SheetJS's BIFF8 writer cuts a cell's text at 255 characters; longer texts are in the test of our own writer.
      return randomText(r, r.next() < 0.1 ? 250 : 40);
  }
}

/** A value as the import sees it: text, numbers with at most 15 significant digits, booleans as TRUE/FALSE. */
const asText = (value: Value | undefined): string =>
  value === null || value === undefined ? '' : typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : typeof value === 'number' ? numberText(String(value)) : value;

/** Rows as text, padded to the width of the last column with a value, rows without text dropped (what the import keeps of a sheet). */
function normalise(rows: (Value | undefined)[][]): string[][] {
  const texts = rows.map((row) => row.map(asText)).filter((row) => row.some((cell) => cell.trim() !== ''));
  const width = Math.max(0, ...texts.map((row) => row.reduce((last, cell, index) => (cell !== '' ? index + 1 : last), 0)));
  return texts.map((row) => Array.from({ length: width }, (_, index) => row[index] ?? ''));
}

const readOurs = (bytes: Uint8Array) => normalise(parseXls(new CompoundFile(bytes)).rows);

/** SheetJS's reading of the first sheet, as values. */
function readSheetJs(bytes: Uint8Array): string[][] {
  const book = XLSX.read(bytes, { type: 'array', raw: true, cellDates: false });
  return normalise(XLSX.utils.sheet_to_json<Value[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1, raw: true, defval: null, blankrows: false }));
}

const bytesOf = (chunks: Uint8Array[]) => {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
};

describe('.xls reader', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`reads random sheets written by SheetJS as BIFF8 cell by cell like SheetJS does (seed ${seed})`, () => {
      const r = random(seed);
      const rows: Value[][] = Array.from({ length: 1 + r.int(40) }, () => Array.from({ length: 1 + r.int(12) }, () => randomValue(r)));
      const book = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Erste');
      XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['zweites Blatt']]), 'Zweite');
      const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'biff8' }));
      const ours = readOurs(bytes);
      expect(ours).toEqual(readSheetJs(bytes));
      expect(ours).toEqual(normalise(rows));
    });
  }

  for (const seed of [11, 12, 13, 14]) {
    it(`reads random tables written by our own .xls export (shared strings split over CONTINUE records, seed ${seed})`, async () => {
      const r = random(seed);
      const columns = [
        { header: 'Text', kind: 'text' as const },
        { header: 'Zahl', kind: 'integer' as const },
        { header: 'Betrag', kind: 'money' as const },
        { header: 'Lang', kind: 'text' as const },
      ];
      // Long texts overflow the 8,224 bytes of the SST record, so strings are cut mid-way into CONTINUE records.
      const rows: Cell[][] = Array.from({ length: 20 + r.int(60) }, () => [randomText(r, 60), r.int(100_000), Math.round((r.next() - 0.5) * 1e6) / 100, randomText(r, 1800)]);
      const table: ExportTable = {
        sheetName: 'Kunden',
        columns,
        currency: 'EUR',
        locale: 'de',
        pages: (async function* () {
          yield rows;
        })(),
      };
      const bytes = bytesOf(await xlsFile(table));
      const ours = readOurs(bytes);
      expect(ours).toEqual(readSheetJs(bytes));
      expect(ours).toEqual(normalise([columns.map((column) => column.header), ...rows]));
    });
  }

  it('reads the LibreOffice workbook (RK, MULRK, shared formulas with cached text and numbers) like SheetJS, and only its first sheet', async () => {
    const bytes = importFixture('libreoffice-kunden.xls');
    const ours = readOurs(bytes);
    expect(ours).toEqual(readSheetJs(bytes));
    expect(ours[1]!.slice(0, 4)).toEqual(['20001', 'Bäckerei Müller GmbH', 'Jürgen', 'Müller']);
    // Formula results as the file caches them, never computed here.
    expect(ours[1]!.slice(13, 15)).toEqual(['Bäckerei Müller GmbH (München)', '14814.72']);
    expect(JSON.stringify(ours)).not.toContain('Nicht importieren');
    // The same workbook saved by LibreOffice as .xlsx reads the same through the .xlsx reader (dates as day numbers in both).
    expect(normalise((await parseXlsx(importFixture('libreoffice-kunden.xlsx'))).rows)).toEqual(ours);
  });

  it('reads strings whose characters change width in a CONTINUE record (one byte, then two, and back)', () => {
    const r = random(21);
    for (let round = 0; round < 30; round++) {
      const texts = Array.from({ length: 1 + r.int(6) }, () => randomText(r, 30));
      // SST with the strings, each cut at a random point into a CONTINUE whose flag byte sets the width of the rest.
      const parts: number[][] = [[...u32(texts.length), ...u32(texts.length)]];
      for (const text of texts) {
        const cut = [...text].slice(0, r.int([...text].length)).join('').length;
        const widths = [r.next() < 0.5 || !isLatin1(text.slice(0, cut)), r.next() < 0.5 || !isLatin1(text.slice(cut))];
        parts[parts.length - 1]!.push(...u16(text.length), widths[0] ? 1 : 0, ...chars(text.slice(0, cut), widths[0]));
        parts.push([widths[1] ? 1 : 0, ...chars(text.slice(cut), widths[1])]);
      }
      const cells = texts.flatMap((_, index) => record(0x00fd, [...u16(index), ...u16(0), ...u16(15), ...u32(index)]));
      const bytes = workbook([record(0x00fc, parts[0]!), ...parts.slice(1).map((part) => record(0x003c, part))], cells);
      // A row of nothing but spaces is no row to the import, as in the .xlsx reader.
      expect(readOurs(bytes).map((row) => row[0])).toEqual(texts.filter((text) => text.trim() !== ''));
    }
  });
});

describe('.xls reader on damaged and hostile files', () => {
  it('answers every damaged file with a clear 422 (never a 500 or a hang): cut, bytes flipped, sector chains looping', async () => {
    const reseller = await createReseller();
    const client = await Client.signedIn((await createUser(reseller, 'owner')).email);
    const good = importFixture('libreoffice-kunden.xls');
    const r = random(31);
    const cases: [string, Uint8Array][] = [];
    for (let index = 0; index < 40; index++) {
      const bytes = good.slice();
      if (index % 4 === 0) cases.push([`cut at ${index}`, bytes.slice(0, 512 + r.int(good.length - 512))]);
      else {
        for (let flips = 0; flips < 1 + r.int(8); flips++) bytes[r.int(bytes.length)] = r.int(256);
        cases.push([`flipped ${index}`, bytes]);
      }
    }
    // The FAT's first entry pointing at itself: a chain that would never end.
    const looping = good.slice();
    const fatSector = new DataView(looping.buffer).getUint32(0x4c, true);
    const directoryStart = new DataView(looping.buffer).getUint32(0x30, true);
    new DataView(looping.buffer).setUint32((fatSector + 1) * 512 + directoryStart * 4, directoryStart, true);
    cases.push(['directory chain loops', looping]);
    for (const [label, bytes] of cases) {
      const started = Date.now();
      const answer = await client.post('/api/v1/customer-imports', { fileName: 'kaputt.xls', content: btoa(String.fromCharCode(...bytes)) });
      expect([201, 422], `${label}: ${JSON.stringify(answer.body)}`).toContain(answer.status);
      if (answer.status === 422) expect(answer.body.error.fields.content, label).toBe(answer.body.error.code);
      expect(Date.now() - started, label).toBeLessThan(5_000);
    }
    expect(cases.find(([label]) => label === 'directory chain loops')).toBeTruthy();
    const loopAnswer = await client.post('/api/v1/customer-imports', { fileName: 'kreis.xls', content: btoa(String.fromCharCode(...looping)) });
    expect([loopAnswer.status, loopAnswer.body.error.code]).toEqual([422, 'invalid_xls']);
  }, 60_000);

  it('refuses encrypted, pre-97 and oversized workbooks with their own codes', () => {
    const codeOf = (bytes: Uint8Array) => {
      try {
        parseXls(new CompoundFile(bytes));
        return 'read';
      } catch (error) {
        return error instanceof ImportFileError ? error.code : String(error);
      }
    };
    expect(codeOf(workbook([record(0x002f, [0, 0, 1, 0, 1, 0])], []))).toBe('xls_encrypted');
    expect(codeOf(workbook([], [], 0x0500))).toBe('xls_unsupported_version');
    expect(codeOf(bytesOf(compoundFile('Book', [new Uint8Array(600)])))).toBe('xls_unsupported_version');
    expect(codeOf(bytesOf(compoundFile('WordDocument', [new Uint8Array(600)])))).toBe('not_a_spreadsheet');
    // A cell beyond the 100th column, a cell longer than 2,000 characters, more rows than 5,000.
    expect(codeOf(workbook([], record(0x0203, [...u16(0), ...u16(100), ...u16(15), ...new Array(8).fill(0)])))).toBe('too_many_columns');
    expect(codeOf(workbook([], record(0x0204, [...u16(0), ...u16(0), ...u16(15), ...u16(2001), 0, ...chars('x'.repeat(2001), false)])))).toBe('cell_too_long');
    const manyRows = Array.from({ length: 5002 }, (_, row) => record(0x027e, [...u16(row), ...u16(0), ...u16(15), ...u32((row << 2) | 2)])).flat();
    expect(codeOf(workbook([], manyRows))).toBe('too_many_rows');
    // An SST that claims more strings than its bytes could hold.
    expect(codeOf(workbook([record(0x00fc, [...u32(1e9), ...u32(1e9)])], []))).toBe('invalid_xls');
  });
});

// A minimal BIFF8 workbook for the cases above: globals (BOF, the given records, one BOUNDSHEET), the sheet's cells.
const u16 = (value: number) => [value & 0xff, (value >> 8) & 0xff];
const u32 = (value: number) => [...u16(value & 0xffff), ...u16((value >>> 16) & 0xffff)];
const isLatin1 = (text: string) => [...text].every((char) => char.charCodeAt(0) < 256 && char.length === 1);
const chars = (text: string, wide: boolean) => [...Array(text.length).keys()].flatMap((index) => (wide ? u16(text.charCodeAt(index)) : [text.charCodeAt(index)]));
const record = (type: number, data: number[]) => [...u16(type), ...u16(data.length), ...data];
const bof = (kind: number, version = 0x0600) => record(0x0809, [...u16(version), ...u16(kind), ...new Array(12).fill(0)]);

function workbook(globals: number[][], cells: number[], version = 0x0600): Uint8Array {
  const name = chars('Blatt', false);
  const sheetRecord = (at: number) => record(0x0085, [...u32(at), 0, 0, 5, 0, ...name]);
  const head = [...bof(0x0005, version), ...globals.flat()];
  const sheetStart = head.length + sheetRecord(0).length + record(0x000a, []).length;
  const stream = [...head, ...sheetRecord(sheetStart), ...record(0x000a, []), ...bof(0x0010, version), ...cells, ...record(0x000a, [])];
  return bytesOf(compoundFile('Workbook', [Uint8Array.from(stream)]));
}
