import { env, runDurableObjectAlarm, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import XLSX from 'xlsx-js-style';
import { isJobOpen, type Job } from '../schema/jobs';
import { streamOf, zipChunks } from '../worker/export/zip';
import { IMPORT_CHUNK } from '../worker/imports/job';
import { Client, countRows, createCustomer, createReseller, createUser, ORIGIN } from './fixtures';
import { customersOf, desk, dryRunOf, hub, importAll, jobWhen, startRun, upload, utf8 } from './importHelpers';
import { LiveSocket } from './liveClient';

const HEADER = 'Kundennummer;Firma;Vorname;Nachname;E-Mail;Straße;PLZ;Ort;Land';

describe('reading files', () => {
  it('reads CSV with ; or , separators, with and without BOM, quoted fields with separators, quotes and line breaks', async () => {
    const { client } = await desk();
    const german = `\uFEFF${HEADER}\r\nK-1;"Müller; Söhne ""GmbH""";Anna;Graf;anna@mueller.example;"Hauptstraße 1\nHinterhaus";80331;München;DE\r\n`;
    const english =
      'Customer number,Company,First name,Last name,Email,Street,Postcode,City,Country\nK-2,"Smith, Ltd",Bob,Smith,bob@smith.example,1 High St,SW1A 1AA,London,United Kingdom\n';
    for (const [file, expected] of [
      [german, ['K-1', 'Müller; Söhne "GmbH"', 'Anna', 'Graf', 'anna@mueller.example', 'Hauptstraße 1\nHinterhaus', '80331', 'München', 'DE']],
      [english, ['K-2', 'Smith, Ltd', 'Bob', 'Smith', 'bob@smith.example', '1 High St', 'SW1A 1AA', 'London', 'United Kingdom']],
    ] as const) {
      const uploaded = await upload(client, file);
      expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
      expect(uploaded.body.customerImport.sample[0]).toEqual(expected);
      expect(uploaded.body.customerImport.mapping).toEqual([
        'customerNumber',
        'company',
        'contactFirstName',
        'contactLastName',
        'email',
        'address',
        'postalCode',
        'city',
        'country',
      ]);
      expect(uploaded.body.customerImport.mappingSource).toBe('guessed');
    }
  });

  it('reads a Windows-1252 CSV as German Excel writes it', async () => {
    const { client } = await desk();
    const bytes = Uint8Array.from([...`${HEADER}\r\nK-3;`].map((char) => char.charCodeAt(0)).concat([0x46, 0xfc, 0x72, 0x20, 0x80]), (code) => code);
    const text = Uint8Array.from([...bytes, ...utf8(';;;x@y.example;Weg 1;10115;Berlin;DE\r\n')]);
    // "Straße" in the header is Latin-1 as well here: 0xDF.
    const latin = Uint8Array.from([...text].map((byte) => byte));
    const uploaded = await upload(client, latin);
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    expect(uploaded.body.customerImport.sample[0][1]).toBe('Für €');
  });

  it('reads .xlsx from another tool (shared strings, numbers) and our own export back', async () => {
    const { client, reseller } = await desk();
    const sheet = XLSX.utils.aoa_to_sheet([
      ['Kundennr', 'Firmenname', 'E-Mail-Adresse', 'Strasse', 'PLZ', 'Stadt', 'Ländercode'],
      [10042, 'Zahlen & Co <KG>', 'zahlen@co.example', 'Ring 2', 80331, 'München', 'de'],
    ]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Tabelle1');
    const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx', bookSST: true }));
    const { record, dryRun } = await dryRunOf(client, bytes, 'fremd.xlsx');
    expect(record.format).toBe('xlsx');
    expect(record.sample[0]).toEqual(['10042', 'Zahlen & Co <KG>', 'zahlen@co.example', 'Ring 2', '80331', 'München', 'de']);
    expect(dryRun.counts).toEqual({ create: 1, update: 0, unchanged: 0, refuse: 0, incomplete: 0 });

    // Our own export, in both formats, imports back as "unchanged" for every customer.
    await createCustomer(reseller, { customerNumber: 'R-1', company: 'Rundreise GmbH', email: 'rund@reise.example', contactFirstName: 'Eva', contactLastName: 'Rund' });
    await createCustomer(reseller, { customerNumber: 'R-2', company: '', contactLastName: 'Solo', email: 'solo@reise.example', country: 'AT', postalCode: '1010', city: 'Wien' });
    for (const format of ['xlsx', 'csv'] as const) {
      const exported = await SELF.fetch(`${ORIGIN}/api/v1/customers/export?format=${format}&scope=all&lang=de`, { headers: { origin: ORIGIN, cookie: client.cookie } });
      expect(exported.status).toBe(200);
      const file = new Uint8Array(await exported.arrayBuffer());
      const roundTrip = await dryRunOf(client, file, `Kunden.${format}`);
      expect(roundTrip.record.mapping.filter(Boolean)).toEqual([
        'customerNumber',
        'company',
        'contactFirstName',
        'contactLastName',
        'email',
        'phone',
        'mobile',
        'website',
        'address',
        'postalCode',
        'city',
        'state',
        'country',
        'primaryDomain',
        'microsoftId',
        'relationship',
        'tags',
        'createdAt',
      ]);
      expect(roundTrip.dryRun.rows.map((row: any) => [row.customerNumber, row.action, row.errors])).toEqual([
        ['R-1', 'unchanged', {}],
        ['R-2', 'unchanged', {}],
      ]);
    }
  });

  it('refuses what is not a spreadsheet, damaged or bomb-like workbooks, and files over the limits, with clear codes', async () => {
    const { client } = await desk();
    const codeOf = async (file: string | Uint8Array, name?: string) => {
      const answer = await upload(client, file, name);
      expect(answer.status, JSON.stringify(answer.body)).toBe(422);
      return answer.body.error.code;
    };
    expect(await codeOf(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]), 'x.csv')).toBe('not_a_spreadsheet');
    expect(await codeOf(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'x.xls')).toBe('invalid_xls');
    expect(await codeOf(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'x.xlsx')).toBe('invalid_xlsx');
    expect(await codeOf(`${HEADER}\n`)).toBe('no_data_rows');
    expect(await codeOf(`${HEADER}\nK-1;"offen`)).toBe('csv_unterminated_quote');
    expect(await codeOf(`${HEADER}\n${Array.from({ length: 5001 }, (_, i) => `K${i};F;;;a${i}@b.example;W;10115;Berlin;DE`).join('\n')}`)).toBe('too_many_rows');
    expect(await codeOf(`${Array.from({ length: 101 }, (_, i) => `c${i}`).join(';')}\n1`)).toBe('too_many_columns');

    // A sheet that inflates far beyond its size (60 MB of spaces): stopped at the unpack limit.
    expect(await codeOf(await inflatedSheet(60 * 1024 * 1024), 'bomb.xlsx')).toBe('file_too_large_unpacked');

    // Over 5 MB: the file is refused before it is read.
    const big = await client.post('/api/v1/customer-imports', { fileName: 'gross.csv', content: 'A'.repeat(Math.ceil((5 * 1024 * 1024) / 3) * 4 + 4) });
    expect([413, 422]).toContain(big.status);
    expect(['payload_too_large', 'validation_failed']).toContain(big.body.error.code);
  }, 60_000);
});

/** An .xlsx-shaped ZIP (written by the export's own ZIP writer) whose sheet is `size` bytes of spaces that deflate to almost nothing. */
async function inflatedSheet(size: number): Promise<Uint8Array> {
  const entry = (name: string, bytes: Uint8Array) => ({ name, data: () => new Blob([bytes]).stream() });
  const chunks = zipChunks([
    entry('xl/workbook.xml', utf8('<workbook><sheets><sheet name="A" r:id="rId1"/></sheets></workbook>')),
    entry('xl/worksheets/sheet1.xml', new Uint8Array(size).fill(0x20)),
  ]);
  return new Uint8Array(await new Response(streamOf(chunks)).arrayBuffer());
}

describe('mapping, dry run and import', () => {
  it('classifies each row: created, updated by number or e-mail, unchanged, refused with the field and why', async () => {
    const { client, reseller } = await desk();
    await createCustomer(reseller, { customerNumber: 'A-1', company: 'Alt GmbH', email: 'alt@alt.example' });
    await createCustomer(reseller, { customerNumber: 'A-2', company: 'Mail GmbH', email: 'mail@alt.example' });
    await createCustomer(reseller, { customerNumber: 'A-3', company: 'Gleich GmbH', email: 'gleich@alt.example', city: 'München' });
    await createCustomer(reseller, { customerNumber: 'A-4', company: 'Zwilling 1', email: 'zwei@alt.example' });
    await createCustomer(reseller, { customerNumber: 'A-5', company: 'Zwilling 2', email: 'zwei@alt.example' });
    const file = [
      HEADER,
      'N-1;Neu GmbH;;;neu@neu.example;Weg 1;10115;Berlin;DE',
      'A-1;Alt & Neu GmbH;;;;;;;',
      ';;;;MAIL@alt.example;;;Hamburg;',
      'A-3;Gleich GmbH;;;;;;München;',
      ';;;;zwei@alt.example;;;;',
      'N-2;Fehler;;;kein-mail;Weg 2;1234;Berlin;DE',
      'N-1;Doppelt GmbH;;;doppelt@neu.example;Weg 1;10115;Berlin;DE',
      'X-9;Falsch;;;mail@alt.example;;;;',
      'N-3;=HYPERLINK("http://evil.example","klick");;;formel@neu.example;@SUM(1+1);10115;Berlin;Deutschland',
    ].join('\n');
    const { dryRun } = await dryRunOf(client, file);
    expect(dryRun.counts).toEqual({ create: 2, update: 2, unchanged: 1, refuse: 4, incomplete: 0 });
    expect(dryRun.rows.map((row: any) => [row.line, row.action, row.matchedBy, row.changes, row.errors])).toEqual([
      [2, 'create', null, [], {}],
      [3, 'update', 'customerNumber', ['company'], {}],
      [4, 'update', 'email', ['city'], {}],
      [5, 'unchanged', 'customerNumber', [], {}],
      [6, 'refuse', null, [], { email: 'email_ambiguous' }],
      [7, 'refuse', null, [], { email: 'invalid_email', postalCode: 'invalid_postal_code' }],
      [8, 'refuse', null, [], { customerNumber: 'duplicate_in_file' }],
      [9, 'refuse', 'email', [], { customerNumber: 'customer_number_mismatch' }],
      [10, 'create', null, [], {}],
    ]);
    // Nothing is written by a dry run.
    expect(await countRows('customers', 'reseller_id = ?', reseller.id)).toBe(5);
  });

  it('imports all rows in one go: customers created and updated, formulas kept as text, audited, report kept, colleagues told', async () => {
    const { client, reseller } = await desk();
    await createCustomer(reseller, { customerNumber: 'A-1', company: 'Alt GmbH', email: 'alt@alt.example' });
    const colleague = await LiveSocket.open(await Client.signedIn((await createUser(reseller, 'buyer')).email));
    const file = [HEADER, 'N-1;=HYPERLINK("http://evil.example");;;neu@neu.example;Weg 1;10115;Berlin;Deutschland', 'A-1;Alt & Neu GmbH;;;;;;;', 'N-2;;;;bad;;;;'].join('\n');
    const { record, report, job } = await importAll(client, reseller, file);
    expect(job).toMatchObject({ state: 'succeeded', label: 'kunden.csv', total: 3, processed: 3, succeeded: 2, failed: 1 });
    // A colleague's screen hears the job, each customer and the import itself.
    await colleague.next((message) => message.type === 'event' && message.event.kind === 'job.changed' && (message.event.data as Job).state === 'succeeded');
    expect(
      colleague
        .events()
        .filter((message) => message.event.kind !== 'job.changed')
        .map((message) => [message.event.kind, (message.event.data as { company?: string; status?: string }).company ?? (message.event.data as { status?: string }).status]),
    ).toEqual([
      ['customer.created', '=HYPERLINK("http://evil.example")'],
      ['customer.updated', 'Alt & Neu GmbH'],
      ['customer_import.changed', 'imported'],
    ]);
    colleague.close();
    expect(report.counts).toEqual({ create: 1, update: 1, unchanged: 0, refuse: 1, incomplete: 0 });
    expect(await customersOf(reseller)).toEqual([
      { customer_number: 'A-1', company: 'Alt & Neu GmbH', email: 'alt@alt.example', city: 'München', country: 'DE', version: 2 },
      { customer_number: 'N-1', company: '=HYPERLINK("http://evil.example")', email: 'neu@neu.example', city: 'Berlin', country: 'DE', version: 1 },
    ]);
    // The new customer is found by the list's search like one made by hand.
    const found = await client.get('/api/v1/customers?q=berlin');
    expect(found.body.items.map((customer: any) => customer.customerNumber)).toEqual(['N-1']);
    const audit = await env.DB.prepare(
      'SELECT action, entity_type, json_extract(after, "$.company") AS company FROM audit_log WHERE reseller_id = ? AND action LIKE "customer%" ORDER BY id',
    )
      .bind(reseller.id)
      .all();
    expect(audit.results.map((row: any) => `${row.action} ${row.company ?? ''}`.trim())).toEqual([
      'customer_import.uploaded',
      'customer.created =HYPERLINK("http://evil.example")',
      'customer.updated Alt & Neu GmbH',
      'customer_import.imported',
    ]);
    // The report stays readable; a second run of the same import is refused.
    const read = await client.get(`/api/v1/customer-imports/${record.id}`);
    expect(read.body.customerImport.status).toBe('imported');
    expect(read.body.customerImport.report.rows[2].errors).toEqual({ email: 'invalid_email' });
    const again = await client.post(`/api/v1/customer-imports/${record.id}/run`, { version: read.body.customerImport.version, fingerprint: 'x' });
    expect(again.body.error.code).toBe('import_changed');
    expect(await countRows('customer_import_rows', 'import_id = ?', record.id)).toBe(0);
  });

  it('remembers the chosen mapping for the next file with the same headers, per reseller', async () => {
    const { client } = await desk();
    const file = 'Nr;Name;Mail;Anschrift;Postleitzahl;Stadt;Staat\n1;A GmbH;a@a.example;Weg 1;10115;Berlin;DE\n';
    const first = (await upload(client, file)).body.customerImport;
    const chosen = ['customerNumber', 'company', 'email', 'address', 'postalCode', 'city', 'country'];
    expect(first.mapping).not.toEqual(chosen);
    const mapped = await client.put(`/api/v1/customer-imports/${first.id}/mapping`, { version: first.version, mapping: chosen });
    expect(mapped.status, JSON.stringify(mapped.body)).toBe(200);
    const second = (await upload(client, file.replace('A GmbH', 'B GmbH'))).body.customerImport;
    expect([second.mapping, second.mappingSource]).toEqual([chosen, 'remembered']);
    // Another reseller with the same headers gets a guess, not this reseller's choice.
    const other = (await upload((await desk()).client, file)).body.customerImport;
    expect(other.mappingSource).toBe('guessed');
    // A mapping that maps a field twice, an unknown field, or nothing that names a customer is refused.
    for (const [mapping, field, code] of [
      [['customerNumber', 'customerNumber', '', '', '', '', ''], 'mapping.1', 'mapped_twice'],
      [['customerNumber', 'shoeSize', '', '', '', '', ''], 'mapping.1', 'unknown_field'],
      [['', '', '', 'address', 'postalCode', 'city', 'country'], 'mapping', 'identifying_column_required'],
    ] as const) {
      const current = (await client.get(`/api/v1/customer-imports/${second.id}`)).body.customerImport;
      const refused = await client.put(`/api/v1/customer-imports/${second.id}/mapping`, { version: current.version, mapping });
      expect([refused.status, refused.body.error.fields?.[field]]).toEqual([422, code]);
    }
  });

  it('writes nothing when a statement of the import fails midway: the job fails with the reason, the import can run again', async () => {
    const { client, reseller } = await desk();
    await createCustomer(reseller, { customerNumber: 'A-1', company: 'Alt GmbH', email: 'alt@alt.example' });
    const rows = Array.from({ length: 450 }, (_, i) => `N-${i};Firma ${i};;;n${i}@neu.example;Weg ${i};10115;Berlin;DE`);
    rows.splice(300, 0, 'N-X;Explodiert GmbH;;;x@neu.example;Weg;10115;Berlin;DE');
    const { record, dryRun } = await dryRunOf(client, [HEADER, 'A-1;Alt & Neu GmbH;;;;;;;', ...rows].join('\n'));
    expect(dryRun.counts).toEqual({ create: 451, update: 1, unchanged: 0, refuse: 0, incomplete: 0 });
    await env.DB.prepare(
      `CREATE TRIGGER test_import_fails BEFORE INSERT ON customers WHEN NEW.company = 'Explodiert GmbH' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
    ).run();
    let failed: Job;
    try {
      const job = await startRun(client, record, dryRun.fingerprint);
      failed = await jobWhen(client, job.id, (current) => !isJobOpen(current.state), reseller);
    } finally {
      await env.DB.prepare('DROP TRIGGER test_import_fails').run();
    }
    // Every row was checked; the write of all of them failed at row 300, so none landed.
    expect(failed).toMatchObject({ state: 'failed', processed: 452, succeeded: 452, failed: 0 });
    expect(await customersOf(reseller)).toEqual([{ customer_number: 'A-1', company: 'Alt GmbH', email: 'alt@alt.example', city: 'München', country: 'DE', version: 1 }]);
    expect(await countRows('audit_log', "reseller_id = ? AND action LIKE 'customer.%'", reseller.id)).toBe(0);
    expect(await countRows('customer_search_terms', 'reseller_id = ?', reseller.id)).toBe(0);
    const after = (await client.get(`/api/v1/customer-imports/${record.id}`)).body.customerImport;
    expect([after.status, after.report.failure]).toEqual(['failed', 'import_failed']);
    expect(await countRows('audit_log', "reseller_id = ? AND action = 'customer_import.failed'", reseller.id)).toBe(1);
    // The import is still there to look at and run again, and then it works.
    const again = (await client.get(`/api/v1/customer-imports/${record.id}/dry-run`)).body;
    const retry = await jobWhen(client, (await startRun(client, after, again.fingerprint)).id, (current) => !isJobOpen(current.state), reseller);
    expect(retry.state).toBe('succeeded');
    expect(await countRows('customers', 'reseller_id = ?', reseller.id)).toBe(452);
    expect((await client.get(`/api/v1/customer-imports/${record.id}`)).body.customerImport.status).toBe('imported');
  }, 60_000);

  it('refuses the import when a colleague changed a matched customer or took a number after the dry run', async () => {
    const { client, reseller } = await desk();
    const existing = await createCustomer(reseller, { customerNumber: 'A-1', company: 'Alt GmbH', email: 'alt@alt.example' });
    const { record, dryRun } = await dryRunOf(client, [HEADER, 'A-1;Import GmbH;;;;;;;', 'N-1;Neu GmbH;;;neu@neu.example;Weg 1;10115;Berlin;DE'].join('\n'));
    const colleague = await client.patch(`/api/v1/customers/${existing.id}`, { version: 1, city: 'Augsburg', postalCode: '86150' });
    expect(colleague.status).toBe(200);
    // Changed before the run: refused at once, no job.
    const run = await client.post(`/api/v1/customer-imports/${record.id}/run`, { version: record.version, fingerprint: dryRun.fingerprint });
    expect([run.status, run.body.error.code]).toEqual([409, 'import_changed']);
    expect(await countRows('jobs', 'reseller_id = ?', reseller.id)).toBe(0);
    expect((await customersOf(reseller)).map((row) => row.company)).toEqual(['Alt GmbH']);
    // Looked at again, the same rows import, on top of the colleague's change.
    const again = (await client.get(`/api/v1/customer-imports/${record.id}/dry-run`)).body;
    await jobWhen(client, (await startRun(client, record, again.fingerprint)).id, (job) => job.state === 'succeeded', reseller);
    expect((await customersOf(reseller)).map((row) => [row.customer_number, row.company, row.city])).toEqual([
      ['A-1', 'Import GmbH', 'Augsburg'],
      ['N-1', 'Neu GmbH', 'Berlin'],
    ]);

    // While the job checks a large file, a colleague changes a matched customer and takes a number the
    // file creates: the job fails with import_changed and writes nothing.
    const many = Array.from({ length: IMPORT_CHUNK + 20 }, (_, i) => `V-${i};Viele ${i} GmbH;;;v${i}@neu.example;Weg ${i};10115;Berlin;DE`);
    const second = await dryRunOf(client, [HEADER, 'A-1;Noch einmal GmbH;;;;;;;', ...many].join('\n'));
    const job = await startRun(client, second.record, second.dryRun.fingerprint);
    await jobWhen(client, job.id, (current) => current.processed === IMPORT_CHUNK);
    const current = (await client.get(`/api/v1/customers/${existing.id}`)).body.customer;
    expect((await client.patch(`/api/v1/customers/${existing.id}`, { version: current.version, company: 'Kollegin GmbH' })).status).toBe(200);
    const failed = await jobWhen(client, job.id, (state) => !isJobOpen(state.state), reseller);
    expect(failed.state).toBe('failed');
    const after = (await client.get(`/api/v1/customer-imports/${second.record.id}`)).body.customerImport;
    expect([after.status, after.report.failure]).toEqual(['failed', 'import_changed']);
    expect((await customersOf(reseller)).map((row) => row.company)).toEqual(['Kollegin GmbH', 'Neu GmbH']);

    // A number the file would create, taken by a colleague after the dry run: refused, nothing written.
    const third = await dryRunOf(client, [HEADER, 'N-2;Zweit GmbH;;;zweit@neu.example;Weg 2;10115;Berlin;DE', 'A-1;Noch einmal GmbH;;;;;;;'].join('\n'));
    const taken = await client.post('/api/v1/customers', {
      customerNumber: 'N-2',
      company: 'Kollegin GmbH',
      email: 'kollegin@neu.example',
      address: 'Weg 9',
      postalCode: '10115',
      city: 'Berlin',
      country: 'DE',
    });
    expect(taken.status).toBe(201);
    const refused = await client.post(`/api/v1/customer-imports/${third.record.id}/run`, { version: third.record.version, fingerprint: third.dryRun.fingerprint });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'import_changed']);
    expect((await customersOf(reseller)).map((row) => row.company)).toEqual(['Kollegin GmbH', 'Neu GmbH', 'Kollegin GmbH']);
  }, 60_000);

  it('shows every colleague the progress chunk by chunk, then the writing, then the customers; a second run is refused meanwhile', async () => {
    const { client, reseller } = await desk();
    const colleague = await LiveSocket.open(await Client.signedIn((await createUser(reseller, 'support')).email));
    const total = 2 * IMPORT_CHUNK + 100;
    const rows = Array.from({ length: total }, (_, i) => `L-${i};Live ${i} GmbH;;;l${i}@live.example;Weg ${i};10115;Berlin;DE`);
    const { record, dryRun } = await dryRunOf(client, [HEADER, ...rows].join('\n'), 'live.csv');
    const job = await startRun(client, record, dryRun.fingerprint);
    expect(job).toMatchObject({ state: 'queued', label: 'live.csv', total, processed: 0 });
    // The job checks; nothing is written yet.
    await jobWhen(client, job.id, (current) => current.processed === IMPORT_CHUNK);
    expect(await countRows('customers', 'reseller_id = ?', reseller.id)).toBe(0);
    const second = await client.post(`/api/v1/customer-imports/${record.id}/run`, { version: record.version + 1, fingerprint: dryRun.fingerprint });
    expect([second.status, second.body.error.code]).toEqual([409, 'import_running']);
    expect((await client.get(`/api/v1/customer-imports/${record.id}/dry-run`)).body.error.code).toBe('import_running');
    await jobWhen(client, job.id, (current) => !isJobOpen(current.state), reseller);
    await colleague.next((message) => message.type === 'event' && message.event.kind === 'customer_import.changed');
    await colleague.caughtUp();
    const progress = colleague
      .events()
      .filter((message) => message.event.kind === 'job.changed')
      .map((message) => [(message.event.data as Job).state, (message.event.data as Job).processed]);
    // Queued, each chunk checked (the last one at `total`, running: the writing step), then succeeded.
    expect(progress).toEqual([
      ['queued', 0],
      ['running', IMPORT_CHUNK],
      ['running', 2 * IMPORT_CHUNK],
      ['running', total],
      ['succeeded', total],
    ]);
    // The customers arrive with the commit, before the job's end.
    const kinds = colleague.events().map((message) => message.event.kind);
    expect(kinds.filter((kind) => kind === 'customer.created')).toHaveLength(total);
    expect(kinds.filter((kind, index) => kind !== kinds[index - 1])).toEqual(['job.changed', 'customer.created', 'customer_import.changed', 'job.changed']);
    colleague.close();
    expect(await countRows('customers', 'reseller_id = ?', reseller.id)).toBe(total);
    // The job's report: every line checked, in file order.
    const items = (await client.get(`/api/v1/jobs/${job.id}/items?limit=3`)).body.items;
    expect(items.map((item: any) => [item.itemId, item.state])).toEqual([
      ['2', 'succeeded'],
      ['3', 'succeeded'],
      ['4', 'succeeded'],
    ]);
  }, 60_000);

  it('cancelled before the write, imports nothing and can run again', async () => {
    const { client, reseller } = await desk();
    const rows = Array.from({ length: IMPORT_CHUNK + 10 }, (_, i) => `C-${i};Abbruch ${i} GmbH;;;c${i}@neu.example;Weg ${i};10115;Berlin;DE`);
    rows.push('C-0;Doppelt GmbH;;;doppelt@neu.example;Weg;10115;Berlin;DE');
    const { record, dryRun } = await dryRunOf(client, [HEADER, ...rows].join('\n'));
    const job = await startRun(client, record, dryRun.fingerprint);
    await jobWhen(client, job.id, (current) => current.processed === IMPORT_CHUNK);
    // A colleague (sales) cancels it in the tray; support may not.
    const support = await Client.signedIn((await createUser(reseller, 'support')).email);
    expect((await support.post(`/api/v1/jobs/${job.id}/cancel`, {})).status).toBe(403);
    const buyer = await Client.signedIn((await createUser(reseller, 'buyer')).email);
    expect((await buyer.post(`/api/v1/jobs/${job.id}/cancel`, {})).status).toBe(200);
    const cancelled = await jobWhen(client, job.id, (current) => !isJobOpen(current.state), reseller);
    expect(cancelled).toMatchObject({ state: 'cancelled', processed: IMPORT_CHUNK });
    expect(await countRows('customers', 'reseller_id = ?', reseller.id)).toBe(0);
    const after = (await client.get(`/api/v1/customer-imports/${record.id}`)).body.customerImport;
    expect([after.status, after.report]).toEqual(['uploaded', null]);
    // Run again: the duplicate in the last chunk (a row of the first chunk) is refused, the rest imported.
    const again = (await client.get(`/api/v1/customer-imports/${record.id}/dry-run`)).body;
    const done = await jobWhen(client, (await startRun(client, after, again.fingerprint)).id, (current) => !isJobOpen(current.state), reseller);
    expect(done).toMatchObject({ state: 'succeeded', succeeded: IMPORT_CHUNK + 10, failed: 1 });
    expect((await client.get(`/api/v1/jobs/${done.id}/items?state=failed`)).body.items.map((item: any) => [item.itemId, item.reason])).toEqual([
      [String(IMPORT_CHUNK + 12), 'row_refused'],
    ]);
    expect(await countRows('customers', 'reseller_id = ?', reseller.id)).toBe(IMPORT_CHUNK + 10);
  }, 60_000);

  it('imports 5,000 rows, the limit, as one job in one transaction', async () => {
    const { client, reseller } = await desk();
    const rows = Array.from({ length: 5000 }, (_, i) => `M-${i};Massen ${i} GmbH;Vorname;Nachname ${i};m${i}@masse.example;Straße ${i};10115;Berlin;DE`);
    const uploaded = Date.now();
    const { record, dryRun } = await dryRunOf(client, [HEADER, ...rows].join('\n'));
    const started = Date.now();
    const job = await startRun(client, record, dryRun.fingerprint);
    // The first chunk runs on the start's kick; the others one after another (the hub's pause between them skipped here).
    await jobWhen(client, job.id, (current) => current.processed >= IMPORT_CHUNK);
    const steps: number[] = [];
    for (;;) {
      const stepStarted = Date.now();
      if (!(await runDurableObjectAlarm(hub(reseller)))) break;
      steps.push(Date.now() - stepStarted);
    }
    const done = await jobWhen(client, job.id, (current) => !isJobOpen(current.state), reseller);
    const ended = Date.now();
    console.log(
      `[imports] 5,000 rows uploaded, dry-run and imported in ${ended - uploaded} ms; the job alone (start, ${Math.ceil(5000 / IMPORT_CHUNK)} chunks checked, one write) ${ended - started} ms; hub steps after the first: ${steps.join(', ')} ms (the last one checks the last chunk and writes everything)`,
    );
    expect(done).toMatchObject({ state: 'succeeded', total: 5000, succeeded: 5000 });
    const report = (await client.get(`/api/v1/customer-imports/${record.id}`)).body.customerImport.report;
    expect(report.counts).toEqual({ create: 5000, update: 0, unchanged: 0, refuse: 0, incomplete: 0 });
    expect(await countRows('customers', 'reseller_id = ?', reseller.id)).toBe(5000);
    expect(await countRows('audit_log', "reseller_id = ? AND action = 'customer.created'", reseller.id)).toBe(5000);
    const listed = await client.get('/api/v1/customers?limit=1');
    expect(listed.body.total).toBe(5000);
  }, 120_000);

  it('never matches or touches another reseller’s customers, and follows the permission matrix', async () => {
    const { client, reseller } = await desk();
    const stranger = await createReseller();
    await createCustomer(stranger, { customerNumber: 'A-1', company: 'Fremd GmbH', email: 'fremd@fremd.example' });
    const { report } = await importAll(client, reseller, [HEADER, 'A-1;Eigen GmbH;;;fremd@fremd.example;Weg 1;10115;Berlin;DE'].join('\n'));
    expect(report.rows[0].action).toBe('create');
    expect((await customersOf(stranger)).map((row) => [row.company, row.version])).toEqual([['Fremd GmbH', 1]]);
    expect((await customersOf(reseller)).map((row) => row.company)).toEqual(['Eigen GmbH']);

    // Support reads but cannot import; another reseller's import is not found.
    const support = await Client.signedIn((await createUser(reseller, 'support')).email);
    expect((await upload(support, `${HEADER}\nA;B;;;c@d.example;W;10115;Berlin;DE`)).status).toBe(403);
    const mine = (await upload(client, `${HEADER}\nA;B;;;c@d.example;W;10115;Berlin;DE`)).body.customerImport;
    const strangerClient = await Client.signedIn((await createUser(stranger, 'owner')).email);
    expect((await strangerClient.get(`/api/v1/customer-imports/${mine.id}`)).status).toBe(404);
    expect((await strangerClient.get(`/api/v1/customer-imports/${mine.id}/dry-run`)).status).toBe(404);
    const fingerprint = (await client.get(`/api/v1/customer-imports/${mine.id}/dry-run`)).body.fingerprint;
    expect((await strangerClient.post(`/api/v1/customer-imports/${mine.id}/run`, { version: mine.version, fingerprint })).status).toBe(404);
    expect((await support.post(`/api/v1/customer-imports/${mine.id}/run`, { version: mine.version, fingerprint })).status).toBe(403);
    expect((await client.get(`/api/v1/customer-imports/${mine.id}`)).body.customerImport.status).toBe('uploaded');

    // Where only the owner adds customers, a buyer's import updates but refuses new customers.
    const strict = await desk({ onlyOwnerAddsCustomers: true });
    await createCustomer(strict.reseller, { customerNumber: 'S-1', company: 'Da GmbH', email: 'da@da.example' });
    const buyer = await Client.signedIn((await createUser(strict.reseller, 'buyer')).email);
    const { dryRun } = await dryRunOf(buyer, [HEADER, 'S-1;Da & Dort GmbH;;;;;;;', 'S-2;Neu;;;neu@da.example;Weg 1;10115;Berlin;DE'].join('\n'));
    expect(dryRun.rows.map((row: any) => [row.action, row.errors])).toEqual([
      ['update', {}],
      ['refuse', { customerNumber: 'not_allowed_to_create' }],
    ]);
    // The job keeps the buyer's rights: the new row stays refused, the update lands.
    const buyerImport = (await buyer.get('/api/v1/jobs')).body.items.length;
    expect(buyerImport).toBe(0);
    const { job } = await importAll(buyer, strict.reseller, [HEADER, 'S-1;Da & Dort GmbH;;;;;;;', 'S-2;Neu;;;neu@da.example;Weg 1;10115;Berlin;DE'].join('\n'));
    expect(job).toMatchObject({ state: 'succeeded', succeeded: 1, failed: 1 });
    expect((await customersOf(strict.reseller)).map((row) => row.company)).toEqual(['Da & Dort GmbH']);
  });
});

// The wizard's upload and mapping are planned from what this isolate remembers (the custom fields, the
// import as uploaded or shown); whatever changed behind that memory, the answer is the one D1 gives.
describe('upload and mapping planned from memory', () => {
  const file = 'Nr;Firma;E-Mail;Branche\n1;A GmbH;a@a.example;Handel\n';

  it('guesses a custom field added since the custom fields were remembered (elsewhere)', async () => {
    const { reseller, client } = await desk();
    expect((await upload(client, file)).body.customerImport.mapping[3]).toBe('');
    await env.DB.prepare(
      "INSERT INTO custom_fields (id, reseller_id, label, type, required, options, position, archived, version, created_at, updated_at) VALUES ('cf_behind', ?, 'Branche', 'text', 0, '[]', 0, 0, 1, ?, ?)",
    )
      .bind(reseller.id, new Date().toISOString(), new Date().toISOString())
      .run();
    expect((await upload(client, file)).body.customerImport.mapping[3]).toBe('customField:cf_behind');
  });

  it('refuses a mapping to a custom field deleted since (elsewhere), and a version changed since, as a fresh read does', async () => {
    const { client } = await desk();
    const field = (await client.post('/api/v1/custom-fields', { label: 'Branche', type: 'text' })).body.field;
    const uploaded = (await upload(client, file)).body.customerImport;
    expect(uploaded.mapping[3]).toBe(`customField:${field.id}`);
    await env.DB.prepare('DELETE FROM custom_fields WHERE id = ?').bind(field.id).run();
    const refused = await client.put(`/api/v1/customer-imports/${uploaded.id}/mapping`, { version: uploaded.version, mapping: uploaded.mapping });
    expect([refused.status, refused.body.error.fields?.['mapping.3']]).toEqual([422, 'unknown_field']);
    await env.DB.prepare('UPDATE customer_imports SET version = version + 1 WHERE id = ?').bind(uploaded.id).run();
    const stale = await client.put(`/api/v1/customer-imports/${uploaded.id}/mapping`, { version: uploaded.version, mapping: ['customerNumber', 'company', 'email', ''] });
    expect([stale.status, stale.body.error.code, stale.body.error.current.version]).toEqual([409, 'version_conflict', uploaded.version + 1]);
  });

  it('starts the import the dry run showed in one D1 trip when only customers its rows do not name changed since', async () => {
    const { client, reseller } = await desk();
    const other = await createCustomer(reseller, { customerNumber: 'X-1', company: 'Andere GmbH', email: 'andere@x.example' });
    const { record, dryRun } = await dryRunOf(client, [HEADER, 'N-1;Neu GmbH;;;neu@neu.example;Weg 1;10115;Berlin;DE'].join('\n'));
    expect((await client.patch(`/api/v1/customers/${other.id}`, { version: 1, city: 'Augsburg', postalCode: '86150' })).status).toBe(200);
    const run = await client.post(`/api/v1/customer-imports/${record.id}/run`, { version: record.version, fingerprint: dryRun.fingerprint });
    expect(run.status).toBe(202);
    expect(run.headers.get('x-d1-sequential-trips')).toBe('1');
  });

  it('refuses the run when a customer its rows name appeared since the dry run (an e-mail it would create), or the next free number moved', async () => {
    const { client, reseller } = await desk();
    const byEmail = await dryRunOf(client, [HEADER, 'N-1;Neu GmbH;;;neu@neu.example;Weg 1;10115;Berlin;DE'].join('\n'));
    await createCustomer(reseller, { customerNumber: 'K-1', company: 'Kollegin GmbH', email: 'neu@neu.example' });
    const refused = await client.post(`/api/v1/customer-imports/${byEmail.record.id}/run`, { version: byEmail.record.version, fingerprint: byEmail.dryRun.fingerprint });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'import_changed']);
    // A row without a number gets the next free one: a higher number taken since moves it.
    const unnumbered = await dryRunOf(client, [HEADER, ';Ohne Nummer GmbH;;;ohne@neu.example;Weg 2;10115;Berlin;DE'].join('\n'));
    await createCustomer(reseller, { customerNumber: '50000', company: 'Hoch GmbH', email: 'hoch@neu.example' });
    const moved = await client.post(`/api/v1/customer-imports/${unnumbered.record.id}/run`, { version: unnumbered.record.version, fingerprint: unnumbered.dryRun.fingerprint });
    expect([moved.status, moved.body.error.code]).toEqual([409, 'import_changed']);
    expect(await countRows('jobs', 'reseller_id = ?', reseller.id)).toBe(0);
  });

  it('starts one job of 50 runs sent at once: the rest are refused, the import runs once', async () => {
    const { client, reseller } = await desk();
    const { record, dryRun } = await dryRunOf(client, [HEADER, 'N-1;Neu GmbH;;;neu@neu.example;Weg 1;10115;Berlin;DE'].join('\n'));
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => client.post(`/api/v1/customer-imports/${record.id}/run`, { version: record.version, fingerprint: dryRun.fingerprint })),
    );
    expect(answers.filter((answer) => answer.status === 202)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status !== 202).every((answer) => answer.status === 409)).toBe(true);
    expect(await countRows('jobs', 'reseller_id = ?', reseller.id)).toBe(1);
  });

  it('takes one of 50 mappings sent at once on the same version: the rest 409, one audit row', async () => {
    const { reseller, client } = await desk();
    const uploaded = (await upload(client, file)).body.customerImport;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        client.put(`/api/v1/customer-imports/${uploaded.id}/mapping`, { version: uploaded.version, mapping: ['customerNumber', 'company', index % 2 ? 'email' : '', ''] }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status !== 200).map((answer) => answer.body.error.code)).toEqual(Array(49).fill('version_conflict'));
    expect(await countRows('audit_log', "reseller_id = ? AND action = 'customer_import.mapped'", reseller.id)).toBe(1);
  });
});
