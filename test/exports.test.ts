import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import XLSX from 'xlsx-js-style';
import { contentDisposition } from '../worker/export/respond';
import { Client, createCustomer, createReseller, createUser, ORIGIN, type TestReseller } from './fixtures';

interface Download {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  json: () => any;
}

async function download(client: Client, path: string): Promise<Download> {
  const response = await SELF.fetch(`${ORIGIN}${path}`, { headers: { origin: ORIGIN, cookie: client.cookie } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, json: () => JSON.parse(new TextDecoder().decode(bytes)) };
}

/** A spreadsheet parsed back by an independent reader: its sheet name and every row, empty cells as null. */
function sheetOf(bytes: Uint8Array) {
  const book = XLSX.read(bytes, { type: 'array', cellDates: true, cellNF: true, cellStyles: true });
  const name = book.SheetNames[0]!;
  const sheet = book.Sheets[name]!;
  const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: null, blankrows: false });
  // A date is a day count in floating point: the reader may land a millisecond short of the second.
  const toWholeSecond = (value: unknown) => (value instanceof Date ? new Date(Math.round(value.getTime() / 1000) * 1000) : value);
  return { name, sheet, rows: rows.map((row) => row.map(toWholeSecond)) };
}

/** RFC 4180 parsing of what Excel would read, BOM checked separately. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else field += char;
  }
  return rows;
}

const csvText = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(bytes);

const germanHeaders = [
  'Kundennummer',
  'Kundenname',
  'Firma',
  'Vorname (Ansprechpartner)',
  'Nachname (Ansprechpartner)',
  'E-Mail',
  'Telefon',
  'Mobil',
  'Website',
  'Straße und Hausnummer',
  'Postleitzahl',
  'Ort',
  'Bundesland / Kanton',
  'Land',
  'Ländercode',
  'Primäre Domain',
  'Microsoft-ID',
  'Beziehung',
  'Monatlicher Umsatz',
  'Produkte',
  'Tags',
  'Angelegt am (UTC)',
  'Geändert am (UTC)',
  'Vertragsende',
  'Lizenzen',
  'Notiz',
];
const englishHeaders = [
  'Customer number',
  'Customer name',
  'Company',
  'First name (contact)',
  'Last name (contact)',
  'E-mail',
  'Phone',
  'Mobile',
  'Website',
  'Street and number',
  'Postal code',
  'City',
  'State / province',
  'Country',
  'Country code',
  'Primary domain',
  'Microsoft ID',
  'Relationship',
  'Monthly revenue',
  'Products',
  'Tags',
  'Created (UTC)',
  'Changed (UTC)',
  'Vertragsende',
  'Lizenzen',
  'Notiz',
];

const INJECTIONS = ['=HYPERLINK("http://evil.example","Klick")', '+49 89 1234', "-2+3+cmd|'/C calc'!A0", '@SUM(A1:A2)', '\tTab', '\rReturn'];

async function setup() {
  const reseller = await createReseller();
  const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
  const fields = [];
  for (const field of [
    { label: 'Vertragsende', type: 'date' },
    { label: 'Lizenzen', type: 'number' },
    { label: 'Notiz', type: 'text' },
  ]) {
    fields.push((await owner.post('/api/v1/custom-fields', field)).body.field);
  }
  const [contractEnd, licences, note] = fields as { id: string }[];
  const vip = (await owner.post('/api/v1/tags', { name: 'VIP', color: 'purple' })).body.tag;
  const rows = [
    {
      customerNumber: '10001',
      company: 'Bäckerei Müller GmbH',
      contactFirstName: 'Anna',
      contactLastName: 'Müller',
      phone: '+49 89 123456',
      city: 'München',
      monthlyRevenueCents: 123456,
      productCount: 3,
      relationshipState: 'active' as const,
      customFields: { [contractEnd!.id]: '2027-03-31', [licences!.id]: 25, [note!.id]: 'Zahlt pünktlich; "gern" per Rechnung' },
    },
    {
      customerNumber: '10002',
      company: '',
      contactFirstName: 'Jörg',
      contactLastName: 'Weiß',
      city: 'Wien',
      country: 'AT',
      postalCode: '1010',
      monthlyRevenueCents: 5,
      relationshipState: 'pending' as const,
    },
    {
      customerNumber: '10003',
      company: INJECTIONS[0]!,
      city: INJECTIONS[1]!,
      state: INJECTIONS[2]!,
      address: INJECTIONS[3]!,
      contactFirstName: INJECTIONS[4]!,
      contactLastName: INJECTIONS[5]!,
      monthlyRevenueCents: -1999,
    },
    { customerNumber: '10004', company: 'Alte Firma AG', relationshipState: 'removed' as const },
  ];
  const created = [];
  for (const row of rows)
    created.push(
      await createCustomer(reseller, { email: `k${row.customerNumber}@example.com`, updatedAt: '2026-11-20T08:30:15.000Z', createdAt: '2026-01-02T03:04:05.000Z', ...row }),
    );
  await owner.post('/api/v1/customers/bulk-tags', { customerIds: [created[0]!.id, created[1]!.id], addTagIds: [vip.id] });
  return { reseller, owner, created };
}

/** The customers as the database holds them, in the list's default order (number), the removed one left out. */
async function databaseCustomers(reseller: TestReseller) {
  const { results } = await env.DB.prepare(
    `SELECT c.*, (SELECT group_concat(name, ', ') FROM (SELECT t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = c.id ORDER BY t.name_key)) AS tag_names
     FROM customers c WHERE reseller_id = ? AND relationship_state != 'removed' ORDER BY customer_number, id`,
  )
    .bind(reseller.id)
    .all<Record<string, any>>();
  const fields = (await env.DB.prepare('SELECT id FROM custom_fields WHERE reseller_id = ? ORDER BY position').bind(reseller.id).all<{ id: string }>()).results;
  return { rows: results, fieldIds: fields.map((field) => field.id) };
}

const relationshipDe: Record<string, string> = { none: 'Keine Beziehung', pending: 'Einladung offen', active: 'Aktiv', removed: 'Beendet' };
const countryDe: Record<string, string> = { DE: 'Deutschland', AT: 'Österreich' };
const orNull = (value: unknown) => (value === '' || value === undefined ? null : value);
/** Spreadsheet times hold whole seconds (the CSV prints them the same way). */
const toSecond = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000);

/** What a typed spreadsheet must hold for each database row: text, numbers, dates as dates. */
function expectedSheetRows(db: Awaited<ReturnType<typeof databaseCustomers>>) {
  return db.rows.map((row) => {
    const custom = JSON.parse(row.custom_fields) as Record<string, unknown>;
    const name = row.company || [row.contact_first_name, row.contact_last_name].filter(Boolean).join(' ');
    return [
      row.customer_number,
      name,
      row.company,
      row.contact_first_name,
      row.contact_last_name,
      row.email,
      row.phone,
      row.mobile,
      row.website,
      row.address,
      row.postal_code,
      row.city,
      row.state,
      countryDe[row.country],
      row.country,
      row.primary_domain,
      row.microsoft_id,
      relationshipDe[row.relationship_state],
      row.monthly_revenue_cents / 100,
      row.product_count,
      row.tag_names,
      toSecond(row.created_at),
      toSecond(row.updated_at),
      custom[db.fieldIds[0]!] ? new Date(`${custom[db.fieldIds[0]!]}T00:00:00Z`) : null,
      custom[db.fieldIds[1]!],
      custom[db.fieldIds[2]!],
    ].map(orNull);
  });
}

describe('customer export', () => {
  for (const format of ['xlsx', 'xls'] as const) {
    it(`gives exactly the database's customers in ${format} with German headers, typed money and dates`, async () => {
      const { reseller, owner } = await setup();
      const other = await createReseller();
      await createCustomer(other, { company: 'Fremdkunde des anderen Resellers', customerNumber: '10001' });

      const file = await download(owner, `/api/v1/customers/export?format=${format}`);
      expect(file.status).toBe(200);
      const name = format === 'xls' ? 'Customer.xls' : 'Customers.xlsx';
      expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
      if (format === 'xls') expect([...file.bytes.slice(0, 8)]).toEqual([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      else expect(new TextDecoder().decode(file.bytes.slice(0, 2))).toBe('PK');

      const { name: sheetName, sheet, rows } = sheetOf(file.bytes);
      expect(sheetName).toBe('Kunden');
      expect(rows[0]).toEqual(germanHeaders);
      expect(rows.slice(1)).toEqual(expectedSheetRows(await databaseCustomers(reseller)));
      expect(JSON.stringify(rows)).not.toContain('Fremdkunde');
      // Money carries a currency format, dates a date format; no cell is a formula.
      expect(sheet.S2!.z).toContain('€');
      expect(sheet.V2!.t).toBe('d');
      expect(sheet.V2!.z).toBe('dd.mm.yyyy hh:mm');
      expect(sheet.X2!.z).toBe('dd.mm.yyyy');
      const cells = Object.keys(sheet).filter((key) => !key.startsWith('!'));
      expect(cells.filter((key) => sheet[key].f !== undefined)).toEqual([]);
      expect(sheet.C4).toMatchObject({ t: 's', v: INJECTIONS[0] });
      if (format === 'xlsx') {
        expect(sheet['!autofilter']).toEqual({ ref: 'A1:Z4' });
        expect(sheet['!cols']!.every((column) => (column.wch ?? 0) >= 7 && (column.wch ?? 0) <= 61)).toBe(true);
      }
    });
  }

  it('writes Customers.csv as UTF-8 with BOM, ";" and decimal commas in German, neutralizing formula cells', async () => {
    const { reseller, owner } = await setup();
    const file = await download(owner, '/api/v1/customers/export?format=csv');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toContain("filename*=UTF-8''Customers.csv");
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(csvText(file.bytes).slice(1), ';');
    expect(rows[0]).toEqual(germanHeaders);
    const db = await databaseCustomers(reseller);
    expect(rows.slice(1).map((row) => row[0])).toEqual(db.rows.map((row) => row.customer_number));
    const changed = db.rows[0]!.updated_at as string;
    expect(rows[1]!.slice(17, 23)).toEqual(['Aktiv', '1234,56', '3', 'VIP', '2026-01-02 03:04:05', `${changed.slice(0, 10)} ${changed.slice(11, 19)}`]);
    expect(rows[1]!.slice(23)).toEqual(['2027-03-31', '25', 'Zahlt pünktlich; "gern" per Rechnung']);
    const injected = rows[3]!;
    expect([injected[2], injected[11], injected[12], injected[9], injected[3], injected[4]]).toEqual(INJECTIONS.map((text) => `'${text}`));
    expect(injected[18]).toBe('-19,99');
  });

  it('speaks English on request: English headers, "," as separator and decimal points', async () => {
    const { owner } = await setup();
    const csv = await download(owner, '/api/v1/customers/export?format=csv&lang=en');
    const rows = parseCsv(csvText(csv.bytes).slice(1), ',');
    expect(rows[0]).toEqual(englishHeaders);
    expect(rows[1]!.slice(17, 19)).toEqual(['Active', '1234.56']);
    const semicolons = parseCsv(csvText((await download(owner, '/api/v1/customers/export?format=csv&lang=en&separator=%3B')).bytes).slice(1), ';');
    expect(semicolons[1]!.slice(17, 19)).toEqual(['Active', '1234,56']);
    const xlsx = sheetOf((await download(owner, '/api/v1/customers/export?format=xlsx&lang=en')).bytes);
    expect([xlsx.name, xlsx.rows[0]]).toEqual(['Customers', englishHeaders]);
  });

  it("exports the full list by default and only the current view with scope=view, in the list's sort", async () => {
    const { owner } = await setup();
    const all = sheetOf((await download(owner, '/api/v1/customers/export?format=xlsx&country=AT&sort=customerNumber&dir=desc')).bytes);
    expect(all.rows.slice(1).map((row) => row[0])).toEqual(['10003', '10002', '10001']);
    const view = sheetOf((await download(owner, '/api/v1/customers/export?format=xlsx&scope=view&country=AT')).bytes);
    expect(view.rows.slice(1).map((row) => row[0])).toEqual(['10002']);
    const removed = sheetOf((await download(owner, '/api/v1/customers/export?format=xlsx&scope=view&state=removed')).bytes);
    expect(removed.rows.slice(1).map((row) => row[0])).toEqual(['10004']);
  });

  it('reads long lists page by page: 2,500 customers arrive once each, in order', async () => {
    const reseller = await createReseller();
    const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
    await env.DB.prepare(
      `INSERT INTO customers (id, reseller_id, customer_number, email, address, postal_code, city, country)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)
       SELECT 'cus_page_' || i, ?, printf('%05d', i), 'k' || i || '@example.com', 'Weg ' || i, '10115', 'Berlin', 'DE' FROM n`,
    )
      .bind(reseller.id)
      .run();
    const numbers = Array.from({ length: 2500 }, (_, index) => String(index + 1).padStart(5, '0'));
    const csv = parseCsv(csvText((await download(owner, '/api/v1/customers/export?format=csv')).bytes).slice(1), ';');
    expect(csv.slice(1).map((row) => row[0])).toEqual(numbers);
    for (const format of ['xlsx', 'xls']) {
      const { rows } = sheetOf((await download(owner, `/api/v1/customers/export?format=${format}`)).bytes);
      expect(rows.slice(1).map((row) => row[0])).toEqual(numbers);
    }
  }, 30_000);

  it('fits exactly 65,535 rows into an .xls and answers 422 xls_too_many_rows for one more, pointing to xlsx and csv', async () => {
    const reseller = await createReseller();
    const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
    const insert = (from: number, to: number) =>
      env.DB.prepare(
        `INSERT INTO customers (id, reseller_id, customer_number, email, address, postal_code, city, country)
         WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         SELECT 'cus_big_' || i, ?, 'B' || i, 'x@example.com', 'Weg 1', '10115', 'Berlin', 'DE' FROM n`,
      )
        .bind(from, to, reseller.id)
        .run();
    await insert(1, 65_535);
    const full = await download(owner, '/api/v1/customers/export?format=xls');
    expect(full.status).toBe(200);
    expect(XLSX.read(full.bytes, { type: 'array', sheetRows: 1 }).Sheets.Kunden!['!fullref']).toBe('A1:W65536');
    await insert(65_536, 65_536);
    const refused = await download(owner, '/api/v1/customers/export?format=xls');
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/json');
    expect(refused.json().error).toMatchObject({ code: 'xls_too_many_rows', fields: { format: 'xls_too_many_rows' } });
    expect(refused.json().error.message).toContain('.xlsx or .csv');
  }, 120_000);

  it('needs customers.export (403 for support) and the module; bad options are field errors', async () => {
    const reseller = await createReseller();
    const support = await Client.signedIn((await createUser(reseller, 'support')).email);
    const refused = await download(support, '/api/v1/customers/export?format=csv');
    expect([refused.status, refused.json().error.code]).toEqual([403, 'forbidden']);
    const standard = await Client.signedIn((await createUser(await createReseller('standard'), 'owner')).email);
    expect((await download(standard, '/api/v1/customers/export?format=csv')).json().error.code).toBe('module_unavailable');
    const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
    const bad = await download(owner, '/api/v1/customers/export?format=pdf&separator=x&scope=some');
    expect(bad.status).toBe(422);
    expect(bad.json().error.fields).toEqual({ format: 'invalid_value', separator: 'invalid_value', scope: 'invalid_value' });
    expect((await download(new Client(), '/api/v1/customers/export?format=csv')).status).toBe(401);
  });

  it('records each export in the audit log through the write path', async () => {
    const { reseller, owner } = await setup();
    await download(owner, '/api/v1/customers/export?format=csv&scope=view&country=AT');
    const row = await env.DB.prepare("SELECT * FROM audit_log WHERE reseller_id = ? AND action = 'customers.exported'").bind(reseller.id).first<Record<string, string>>();
    expect(row).toMatchObject({ entity_type: 'export', actor_label: 'Test owner' });
    expect(JSON.parse(row!.after!)).toMatchObject({ fileName: 'Customers.csv', format: 'csv', rows: 1, scope: 'view', separator: ';', filters: { country: 'AT' } });
  });
});

describe('activity log export', () => {
  it("gives exactly the reseller's log rows, newest first, in all three formats, without its own row", async () => {
    const { reseller, owner } = await setup();
    const other = await createReseller();
    const otherOwner = await Client.signedIn((await createUser(other, 'owner')).email);
    await otherOwner.post('/api/v1/tags', { name: 'Fremder Tag', color: 'gray' });
    const { results: log } = await env.DB.prepare('SELECT * FROM audit_log WHERE reseller_id = ? ORDER BY id DESC').bind(reseller.id).all<Record<string, any>>();
    const expected = log.map((row) => [row.id, toSecond(row.created_at), row.actor_label]);

    const xlsx = await download(owner, '/api/v1/audit/export?format=xlsx');
    expect(xlsx.headers.get('content-disposition')).toBe(`attachment; filename="Aktivitatsprotokoll.xlsx"; filename*=UTF-8''Aktivit%C3%A4tsprotokoll.xlsx`);
    const sheet = sheetOf(xlsx.bytes);
    expect(sheet.name).toBe('Aktivität');
    expect(sheet.rows[0]).toEqual(['Nr.', 'Zeitpunkt (UTC)', 'Wer', 'Aktion', 'Aktionscode', 'Objektart', 'Was', 'Objekt-ID', 'Kunden-ID', 'Vorher (JSON)', 'Nachher (JSON)']);
    expect(sheet.rows.slice(1).map((row) => row.slice(0, 3))).toEqual(expected);
    const tagRow = sheet.rows.find((row) => row[4] === 'tag.created')!;
    expect(tagRow.slice(3, 7)).toEqual(['Tag angelegt', 'tag.created', 'Tag', 'VIP']);
    expect(JSON.parse(tagRow[10] as string)).toMatchObject({ name: 'VIP', color: 'purple' });
    expect(JSON.stringify(sheet.rows)).not.toContain('Fremder Tag');

    const xls = sheetOf((await download(owner, '/api/v1/audit/export?format=xls')).bytes);
    // The xlsx export just now is in the log too: it comes first, then the same rows.
    expect(xls.rows[1]![4]).toBe('audit.exported');
    expect(xls.rows.slice(2).map((row) => row.slice(0, 3))).toEqual(expected);
    const csv = parseCsv(csvText((await download(owner, '/api/v1/audit/export?format=csv&lang=en')).bytes).slice(1), ',');
    expect(csv[0]![0]).toBe('No.');
    // The earlier exports are in the log now; this file starts with them and then holds the same rows.
    expect(csv.slice(3).map((row) => Number(row[0]))).toEqual(log.map((row) => row.id));
    expect(csv[1]![4]).toBe('audit.exported');
  });

  it("keeps the Activity page's filters with scope=view and needs audit.read (403 for a buyer)", async () => {
    const { owner, reseller } = await setup();
    const view = sheetOf((await download(owner, '/api/v1/audit/export?format=xlsx&scope=view&action=tag.created')).bytes);
    expect(view.rows.slice(1).map((row) => row[4])).toEqual(['tag.created']);
    const buyer = await Client.signedIn((await createUser(reseller, 'buyer')).email);
    expect((await download(buyer, '/api/v1/audit/export?format=csv')).status).toBe(403);
  });
});

describe('Content-Disposition', () => {
  it('keeps quotes, line breaks and paths out of the header and the exact name in filename*', () => {
    expect(contentDisposition('Kunden "Ä"\r\n../x.csv')).toBe(`attachment; filename="Kunden _A___.._x.csv"; filename*=UTF-8''Kunden%20_%C3%84___.._x.csv`);
  });
});
