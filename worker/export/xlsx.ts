import { type Cell, type ColumnKind, cellText, columnWidths, type ExportTable, excelSerial, numberFormats, safeSheetName, withFirstPage } from './table';
import { streamOf, zipChunks } from './zip';

const xmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
// Control characters other than tab and line ends are not allowed in XML 1.0 at all.
const needsEscaping = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const xmlText = (text: string) =>
  needsEscaping.test(text) ? text.replace(/[&<>"]/g, (char) => xmlEscapes[char]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '') : text;

/** A1-style column letters: 0 → A, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Cell styles by index in styles.xml's cellXfs. */
const STYLE = { normal: 0, header: 1, money: 2, date: 3, datetime: 4 } as const;
const styleOf: Partial<Record<ColumnKind, number>> = { money: STYLE.money, date: STYLE.date, datetime: STYLE.datetime };

function stylesXml(table: ExportTable): string {
  const formats = numberFormats(table.locale, table.currency);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="3"><numFmt numFmtId="164" formatCode="${xmlText(formats.money)}"/><numFmt numFmtId="165" formatCode="${xmlText(formats.date)}"/><numFmt numFmtId="166" formatCode="${xmlText(formats.datetime)}"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;

function workbookXml(sheetName: string, filterRange: string): string {
  const name = xmlText(sheetName);
  // The hidden _FilterDatabase name is how Excel itself records the autofilter's range.
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'${name.replaceAll("'", "''")}'!${filterRange}</definedName></definedNames></workbook>`;
}

function sheetHead(widths: number[]): string {
  const cols = widths.map((width, index) => `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`;
}

/** One cell as XML: numbers and dates as typed numbers, everything else as an inline string (never a formula). */
function cellXml(ref: string, value: Cell, kind: ColumnKind): string {
  if (value === null || value === '') return '';
  if (kind === 'date' || kind === 'datetime') {
    const serial = excelSerial(value, kind);
    if (serial !== undefined) return `<c r="${ref}" s="${styleOf[kind]}"><v>${serial}</v></c>`;
  } else if (typeof value === 'number' && kind !== 'text' && Number.isFinite(value)) {
    return kind === 'money' ? `<c r="${ref}" s="${STYLE.money}"><v>${value}</v></c>` : `<c r="${ref}"><v>${value}</v></c>`;
  }
  const text = cellText(value);
  // Without xml:space="preserve" readers trim the text; it costs bytes, so only where it matters.
  const space = text !== text.trim() ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`;
}

/** Text parts as a one-chunk stream. */
const textPart = (text: string) => () => new Blob([text]).stream() as ReadableStream<Uint8Array>;

/**
 * The worksheet XML as a stream: the head (its column widths from the first page), then one chunk of
 * rows per page, then the autofilter over however many rows there were.
 */
function sheetStream(table: ExportTable, counted: (rows: number) => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const letters = table.columns.map((_, index) => columnLetters(index));
  const kinds = table.columns.map((column) => column.kind);
  const lastColumn = letters.at(-1) ?? 'A';
  let pages: AsyncIterator<Cell[][]> | undefined;
  let rowNumber = 1;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!pages) {
          const { first, all } = await withFirstPage(table.pages);
          pages = all;
          const header = table.columns.map((column, index) => `<c r="${letters[index]}1" t="inlineStr" s="${STYLE.header}"><is><t>${xmlText(column.header)}</t></is></c>`).join('');
          controller.enqueue(encoder.encode(`${sheetHead(columnWidths(table.columns, first))}<row r="1">${header}</row>`));
          return;
        }
        const page = await pages.next();
        if (page.done) {
          counted(rowNumber);
          controller.enqueue(
            encoder.encode(
              `</sheetData><autoFilter ref="A1:${lastColumn}${rowNumber}"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
            ),
          );
          controller.close();
          return;
        }
        let xml = '';
        for (const row of page.value) {
          rowNumber += 1;
          xml += `<row r="${rowNumber}">`;
          for (let index = 0; index < kinds.length; index += 1) xml += cellXml(`${letters[index]}${rowNumber}`, row[index] ?? null, kinds[index]!);
          xml += '</row>';
        }
        controller.enqueue(encoder.encode(xml));
      },
      async cancel() {
        await pages?.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Office Open XML written as a stream: the sheet's rows go into the zip page by page, with inline
 * strings instead of a shared-string table, so nothing grows with the number of rows.
 */
export function xlsxStream(table: ExportTable): ReadableStream<Uint8Array> {
  let rows = 1;
  const lastColumn = columnLetters(Math.max(0, table.columns.length - 1));
  return streamOf(
    zipChunks([
      { name: '[Content_Types].xml', data: textPart(CONTENT_TYPES) },
      { name: '_rels/.rels', data: textPart(ROOT_RELS) },
      { name: 'xl/_rels/workbook.xml.rels', data: textPart(WORKBOOK_RELS) },
      { name: 'xl/styles.xml', data: textPart(stylesXml(table)) },
      { name: 'xl/worksheets/sheet1.xml', data: () => sheetStream(table, (count) => (rows = count)) },
      // Written after the sheet: the autofilter's defined name needs the final row count.
      { name: 'xl/workbook.xml', data: () => textPart(workbookXml(safeSheetName(table.sheetName), `$A$1:$${lastColumn}$${rows}`))() },
    ]),
  );
}
