import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { type Customer, missingCustomerFields } from '../schema/customers';
import { Client, countRows, createCustomer, createUser, ORIGIN } from './fixtures';
import { importFixture } from './importFixtures';
import { desk, dryRunMapped, dryRunOf, importAll, runToEnd, upload } from './importHelpers';

// The files resellers bring from the systems they leave (test/fixtures/imports), imported as they come.

/** Every customer of the reseller, the archived ones too, by number. */
async function allCustomers(client: Client): Promise<Customer[]> {
  const listed = (await client.get('/api/v1/customers?limit=200')).body.items as Customer[];
  const archived = (await client.get('/api/v1/customers?limit=200&archived=1')).body.items as Customer[];
  return [...listed, ...archived].sort((a, b) => a.customerNumber.localeCompare(b.customerNumber, 'en', { numeric: true }));
}

const tagNames = (customer: Customer) => customer.tags.map((tag) => tag.name).sort();
const byCompany = (customers: Customer[], company: string) => customers.find((customer) => customer.company === company)!;

async function exported(client: Client, format: 'xls' | 'xlsx' | 'csv') {
  const answer = await SELF.fetch(`${ORIGIN}/api/v1/customers/export?format=${format}&scope=all&lang=de`, { headers: { origin: ORIGIN, cookie: client.cookie } });
  expect(answer.status).toBe(200);
  return new Uint8Array(await answer.arrayBuffer());
}

describe("Partner Center's Customers.csv", () => {
  for (const [file, relationshipWording] of [
    ['partner-center-customers-de.csv', 'Cloud-Vertriebspartner'],
    ['partner-center-customers-en.csv', 'Cloud Solution Provider'],
  ] as const) {
    it(`maps by itself and creates incomplete customers with numbers, tenant IDs, relationships to review and tags (${file})`, async () => {
      const { client, reseller } = await desk();
      await createCustomer(reseller, { customerNumber: '10041' });
      await createCustomer(reseller, { customerNumber: 'K-99999' });
      const { record, dryRun } = await dryRunOf(client, importFixture(file), 'Customers.csv');
      expect([record.mapping, record.mappingSource]).toEqual([['microsoftId', 'company', 'primaryDomain', 'relationship', 'tags'], 'guessed']);
      const lines = new TextDecoder().decode(importFixture(file)).trim().split(/\r?\n/).slice(1);
      expect(lines.every((line) => line.includes(relationshipWording))).toBe(true);
      // Numbers as the new-customer form proposes them: after the highest numeric one.
      expect(dryRun.rows.map((row: any) => [row.action, row.customerNumber, row.numberAssigned])).toEqual(lines.map((_, index) => ['create', String(10042 + index), true]));
      // Partner Center has no e-mail and no address: every row becomes an incomplete customer, and the dry run says why.
      expect(dryRun.counts).toEqual({ create: lines.length, update: 0, unchanged: 0, refuse: 0, incomplete: lines.length });
      expect(
        dryRun.rows.every((row: any) => JSON.stringify(row.missing) === JSON.stringify(['email', 'address', 'postalCode', 'city', 'country']) && row.relationshipToReview),
      ).toBe(true);

      const { report, job } = await runToEnd(client, reseller, record, dryRun.fingerprint);
      expect(job.state).toBe('succeeded');
      expect(report.counts.create).toBe(lines.length);
      const customers = (await allCustomers(client)).filter((customer) => customer.microsoftId);
      for (const line of lines) {
        const [microsoftId, company, domain, , tags = ''] = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
        const customer = byCompany(customers, company!);
        expect(customer, company).toMatchObject({
          microsoftId,
          primaryDomain: domain,
          relationshipState: 'active',
          grantedRights: [],
          rightsToReview: true,
          email: '',
          address: '',
        });
        expect(tagNames(customer).sort()).toEqual(
          tags
            .replace(/"/g, '')
            .split(/[;,]/)
            .map((tag) => tag.trim())
            .filter(Boolean)
            .sort(),
        );
        // Found by its whole Microsoft ID, and listed under "Angaben unvollständig".
        expect((await client.get(`/api/v1/customers?q=${microsoftId}`)).body.items.map((found: Customer) => found.id)).toEqual([customer.id]);
      }
      expect((await client.get('/api/v1/customers?incomplete=1&limit=50')).body.items).toHaveLength(lines.length);
      // Tags that did not exist were made once each, audited like tags made by hand.
      const tagRows = (await client.get('/api/v1/tags?limit=50')).body.items;
      expect(tagRows.map((tag: any) => tag.customerCount).reduce((sum: number, count: number) => sum + count, 0)).toBe(
        customers.reduce((sum, customer) => sum + customer.tags.length, 0),
      );
      expect(await countRows('audit_log', "reseller_id = ? AND action = 'tag.created'", reseller.id)).toBe(tagRows.length);

      // The same file again: every customer is found by its Microsoft ID and nothing changes.
      const again = await dryRunOf(client, importFixture(file), 'Customers.csv');
      expect(again.dryRun.rows.map((row: any) => [row.action, row.matchedBy])).toEqual(lines.map(() => ['unchanged', 'microsoftId']));
    });
  }

  it('matches customers already on the desk by Microsoft ID, else by primary domain (and records the ID then); another reseller’s are never touched', async () => {
    const { client, reseller } = await desk();
    const withId = await createCustomer(reseller, { customerNumber: '500', company: 'Contoso (alt)', microsoftId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' });
    const withDomain = await createCustomer(reseller, { customerNumber: '501', company: 'Fabrikam', primaryDomain: 'fabrikam-mb.de' });
    const stranger = (await desk()).reseller;
    await createCustomer(stranger, { customerNumber: '900', microsoftId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427' });
    const { dryRun, record } = await dryRunOf(client, importFixture('partner-center-customers-de.csv'), 'Customers.csv');
    expect(dryRun.rows.map((row: any) => [row.customerNumber, row.action, row.matchedBy, row.changes])).toEqual([
      ['500', 'update', 'microsoftId', ['company', 'primaryDomain', 'tags']],
      ['501', 'update', 'primaryDomain', ['company', 'microsoftId', 'tags']],
      ['502', 'create', null, []],
      ['503', 'create', null, []],
    ]);
    await runToEnd(client, reseller, record, dryRun.fingerprint);
    const customers = await allCustomers(client);
    expect(customers.find((customer) => customer.id === withDomain.id)!.microsoftId).toBe('9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d');
    // An update leaves the relationship as it was: it changes by invitations, not by files.
    expect(customers.find((customer) => customer.id === withId.id)!.relationshipState).toBe('none');
    expect(await countRows('customers', "reseller_id = ? AND microsoft_id = '1b4e28ba-2fa1-41d2-883f-0016d3cca427'", stranger.id)).toBe(1);
  });
});

describe('client exports of hosting billing systems', () => {
  it('WHMCS: address line 2 joins the address, "+49.221…" phones, inactive and closed clients archived, creation date kept', async () => {
    const { client, reseller } = await desk();
    const { record, dryRun } = await dryRunOf(client, importFixture('whmcs-clients.csv'), 'clients.csv');
    expect(record.mapping).toEqual([
      '',
      'contactFirstName',
      'contactLastName',
      'company',
      'email',
      'address',
      'addressLine2',
      'city',
      'state',
      'postalCode',
      'country',
      'phone',
      '',
      '',
      '',
      'createdAt',
      '',
      'status',
    ]);
    expect(dryRun.rows.map((row: any) => [row.action, row.archived ?? false, row.missing ?? []])).toEqual([
      ['create', false, []],
      ['create', true, []],
      ['create', true, []],
    ]);
    await runToEnd(client, reseller, record, dryRun.fingerprint);
    const customers = await allCustomers(client);
    expect(customers.map((customer) => [customer.contactLastName, customer.address, customer.phone, customer.createdAt.slice(0, 10), Boolean(customer.archivedAt)])).toEqual([
      ['Schubert', 'Lindenstraße 12, Hinterhaus', '+49 2211234567', '2019-04-12', false],
      ['Kraus', 'Hafenweg 3', '+49 4098765432', '2020-09-30', true],
      ['Nowak', 'Ul. Polna 7', '+48 221234567', '2022-01-05', true],
    ]);
    expect((await client.get('/api/v1/customers')).body.items.map((customer: Customer) => customer.contactLastName)).toEqual(['Schubert']);
  });

  it('WHMCS: the client ID mapped to the customer number is used instead of assigned numbers', async () => {
    const { client, reseller } = await desk();
    const { record, dryRun } = await dryRunMapped(client, importFixture('whmcs-clients.csv'), 'clients.csv', { 0: 'customerNumber' });
    expect(dryRun.rows.map((row: any) => [row.customerNumber, row.numberAssigned ?? false])).toEqual([
      ['1', false],
      ['2', false],
      ['3', false],
    ]);
    await runToEnd(client, reseller, record, dryRun.fingerprint);
    expect((await allCustomers(client)).map((customer) => customer.customerNumber)).toEqual(['1', '2', '3']);
  });

  it('Blesta: "Zip", "Date Added" with time, national phones kept as typed, inactive and fraud archived', async () => {
    const { client, reseller } = await desk();
    const { record, dryRun } = await dryRunOf(client, importFixture('blesta-clients.csv'), 'clients.csv');
    expect(record.mapping).toEqual([
      '',
      'contactFirstName',
      'contactLastName',
      'company',
      'email',
      'address',
      'addressLine2',
      'city',
      'state',
      'postalCode',
      'country',
      'phone',
      'status',
      'createdAt',
    ]);
    await runToEnd(client, reseller, record, dryRun.fingerprint);
    const customers = await allCustomers(client);
    expect(customers.map((customer) => [customer.customerNumber, customer.address, customer.postalCode, customer.phone, customer.createdAt, Boolean(customer.archivedAt)])).toEqual(
      [
        ['10001', 'Karl-Liebknecht-Str. 5, 2. OG', '04109', '0341 9876543', '2020-05-17T08:12:44.000Z', false],
        ['10002', 'Am Markt 1', '01067', '0351 4455667', '2021-02-01T14:00:00.000Z', true],
        ['10003', 'Mariahilfer Straße 20', '1070', '+43 1 2345678', '2023-08-09T09:30:00.000Z', true],
      ],
    );
  });

  it('FOSSBilling: the phone country code joins the number, suspended stays, canceled is archived', async () => {
    const { client, reseller } = await desk();
    const { record, dryRun } = await dryRunOf(client, importFixture('fossbilling-clients.csv'), 'clients.csv');
    expect(record.mapping).toEqual([
      '',
      'email',
      'status',
      'contactFirstName',
      'contactLastName',
      'company',
      'phoneCountryCode',
      'phone',
      'address',
      'addressLine2',
      'city',
      'state',
      'postalCode',
      'country',
      'createdAt',
    ]);
    await runToEnd(client, reseller, record, dryRun.fingerprint);
    const customers = await allCustomers(client);
    expect(customers.map((customer) => [customer.email, customer.phone, customer.address, Boolean(customer.archivedAt), customer.createdAt])).toEqual([
      ['info@gruen-garten.example', '+49 2211234567', 'Gartenweg 4', false, '2021-07-01T12:00:00.000Z'],
      ['k.meyer@example.com', '+49 1761234567', 'Bahnhofstr. 9, Zimmer 12', false, '2022-03-15T10:20:30.000Z'],
      ['ops@alpen-cloud.example', '+43 6641234567', 'Hauptplatz 1', true, '2023-11-20T16:45:00.000Z'],
    ]);
  });
});

describe('spreadsheets written by LibreOffice, and our own exports back', () => {
  for (const file of ['libreoffice-kunden.xls', 'libreoffice-kunden.xlsx']) {
    it(`imports a workbook saved by LibreOffice: numbers, dates, formula results as text, tags split (${file})`, async () => {
      const { client, reseller } = await desk();
      const { record, dryRun } = await dryRunOf(client, importFixture(file), file);
      expect(record.format).toBe(file.endsWith('.xls') ? 'xls' : 'xlsx');
      expect(record.mapping.slice(0, 13)).toEqual([
        'customerNumber',
        'company',
        'contactFirstName',
        'contactLastName',
        'email',
        'phone',
        'address',
        'postalCode',
        'city',
        'country',
        '',
        'createdAt',
        'tags',
      ]);
      expect(dryRun.counts).toEqual({ create: 5, update: 0, unchanged: 0, refuse: 0, incomplete: 0 });
      await runToEnd(client, reseller, record, dryRun.fingerprint);
      const customers = await allCustomers(client);
      expect(customers.map((customer) => [customer.customerNumber, customer.postalCode, customer.country, customer.createdAt.slice(0, 10), tagNames(customer)])).toEqual([
        ['20001', '80331', 'DE', '2019-03-15', ['Bestand', 'Handwerk']],
        ['20002', '04109', 'DE', '2021-11-02', ['Bau']],
        ['20003', '8002', 'CH', '2023-01-31', []],
        ['20004', 'SW1A 1AA', 'GB', '2024-06-30', ['VIP']],
        ['20005', '1010', 'AT', '2020-02-29', ['Bestand', 'VIP']],
      ]);
    });
  }

  it('imports our own Customer.xls, Customers.xlsx and Customers.csv back as "unchanged" for every customer (tenant IDs, tags, custom fields, incomplete ones)', async () => {
    const { client, reseller } = await desk();
    const field = (await client.post('/api/v1/custom-fields', { label: 'Vertragsbeginn', type: 'date' })).body.field;
    await client.post('/api/v1/customers', {
      customerNumber: 'R-1',
      company: 'Rundreise GmbH',
      email: 'rund@reise.example',
      phone: '+49 89 123456',
      address: 'Weg 1',
      postalCode: '10115',
      city: 'Berlin',
      country: 'DE',
      microsoftId: crypto.randomUUID(),
      customFields: { [field.id]: '2025-02-01' },
    });
    await client.post('/api/v1/customers', {
      customerNumber: 'R-2',
      company: '',
      contactLastName: 'Solo',
      email: 'solo@reise.example',
      address: 'Ring 2',
      postalCode: '1010',
      city: 'Wien',
      country: 'AT',
    });
    // Customers as Partner Center's file leaves them: incomplete, tagged, relationship active.
    await importAll(client, reseller, importFixture('partner-center-customers-de.csv'), 'Customers.csv');
    const before = await allCustomers(client);
    expect(before.some((customer) => missingCustomerFields(customer).length > 0)).toBe(true);
    for (const format of ['xls', 'xlsx', 'csv'] as const) {
      const { record, dryRun } = await dryRunOf(client, await exported(client, format), `Kunden.${format}`);
      expect(record.format, format).toBe(format);
      expect(
        dryRun.rows.map((row: any) => [row.customerNumber, row.action, row.errors]),
        format,
      ).toEqual(before.map((customer) => [customer.customerNumber, 'unchanged', {}]));
    }
  });
});

describe('what a row of any file can bring', () => {
  const header = 'Kundennummer;Firma;E-Mail;Primäre Domain;Straße;PLZ;Ort;Land;Tags';

  it('tags from any file with a tags column: existing tags reused whatever their case, new ones made, none taken away', async () => {
    const { client, reseller } = await desk();
    const vip = (await client.post('/api/v1/tags', { name: 'VIP', color: 'red' })).body.tag;
    const existing = await createCustomer(reseller, { customerNumber: 'T-1', company: 'Getaggt GmbH', email: 't1@tags.example' });
    await client.post('/api/v1/customers/bulk-tags', { customerIds: [existing.id], addTagIds: [vip.id] });
    const file = [
      header,
      'T-1;;;;;;;;"vip; Neu"',
      'T-2;Neu GmbH;t2@tags.example;;Weg 2;10115;Berlin;DE;Neu,Andere',
      `T-3;Zu lang GmbH;t3@tags.example;;;;;;${'x'.repeat(41)}`,
    ].join('\n');
    const { dryRun, record } = await dryRunOf(client, file);
    expect(dryRun.rows.map((row: any) => [row.customerNumber, row.action, row.changes, row.tags ?? [], row.errors])).toEqual([
      ['T-1', 'update', ['tags'], ['Neu'], {}],
      ['T-2', 'create', [], ['Andere', 'Neu'], {}],
      ['T-3', 'refuse', [], [], { tags: 'too_long' }],
    ]);
    await runToEnd(client, reseller, record, dryRun.fingerprint);
    const customers = await allCustomers(client);
    expect(customers.map((customer) => [customer.customerNumber, tagNames(customer)])).toEqual([
      ['T-1', ['Neu', 'VIP']],
      ['T-2', ['Andere', 'Neu']],
    ]);
    expect((await client.get('/api/v1/tags')).body.items.map((tag: any) => [tag.name, tag.customerCount])).toEqual([
      ['Andere', 1],
      ['Neu', 2],
      ['VIP', 1],
    ]);
    // The list sorts by the new tags too.
    expect((await client.get('/api/v1/customers?sort=tags')).body.items.map((customer: Customer) => customer.customerNumber)).toEqual(['T-2', 'T-1']);
  });

  it('refuses only rows that cannot be a customer at all (no name, no e-mail, no domain); a domain alone makes an incomplete customer', async () => {
    const { client } = await desk();
    const file = [header, ';;;;Weg 1;10115;Berlin;DE;', ';;;nur-domain.example;;;;;', ';Nur Name AG;;;;;;;', ';;nur@mail.example;;;;;;'].join('\n');
    const { dryRun } = await dryRunOf(client, file);
    expect(dryRun.rows.map((row: any) => [row.action, row.errors, row.missing ?? []])).toEqual([
      ['refuse', { company: 'name_email_or_domain_required' }, []],
      ['create', {}, ['name', 'email', 'address', 'postalCode', 'city', 'country']],
      ['create', {}, ['email', 'address', 'postalCode', 'city', 'country']],
      ['create', {}, ['name', 'address', 'postalCode', 'city', 'country']],
    ]);
    expect(dryRun.counts.incomplete).toBe(3);
  });

  it('refuses a row whose keys name two different customers, and cells it cannot read, each with its reason', async () => {
    const { client, reseller } = await desk();
    const id = crypto.randomUUID();
    await createCustomer(reseller, { customerNumber: 'M-1', microsoftId: id, email: 'm1@match.example' });
    await createCustomer(reseller, { customerNumber: 'M-2', primaryDomain: 'geteilt.example', email: 'm2@match.example' });
    await createCustomer(reseller, { customerNumber: 'M-3', primaryDomain: 'geteilt.example', email: 'm3@match.example' });
    const file = [
      'Kundennummer;Microsoft-ID;Firma;Primäre Domain;Beziehung;Status;Angelegt am',
      `M-2;${id};;;;;`,
      `;${crypto.randomUUID()};Domain GmbH;geteilt.example;;;`,
      ';;Neu GmbH;;Freund;;',
      ';;Neu GmbH;;;in Prüfung;',
      ';;Neu GmbH;;;;31.02.2020',
    ].join('\n');
    const { dryRun } = await dryRunOf(client, file);
    expect(dryRun.rows.map((row: any) => row.errors)).toEqual([
      { customerNumber: 'customer_number_mismatch' },
      { primaryDomain: 'domain_ambiguous' },
      { relationship: 'unknown_relationship' },
      { status: 'unknown_client_status' },
      { createdAt: 'invalid_date' },
    ]);
  });

  it('numbers new customers after the highest number of the desk and of the file, and a colleague’s new customer meanwhile makes the import look again', async () => {
    const { client, reseller } = await desk();
    await createCustomer(reseller, { customerNumber: '10005' });
    const file = [header, ';Eins GmbH;eins@n.example;;;;;;', '20000;Zwei GmbH;zwei@n.example;;;;;;', ';Drei GmbH;drei@n.example;;;;;;'].join('\n');
    const { dryRun, record } = await dryRunOf(client, file);
    expect(dryRun.rows.map((row: any) => row.customerNumber)).toEqual(['20001', '20000', '20002']);
    const colleague = await Client.signedIn((await createUser(reseller, 'admin')).email);
    expect(
      (
        await colleague.post('/api/v1/customers', {
          customerNumber: '20001',
          company: 'Schneller GmbH',
          email: 's@n.example',
          address: 'Weg 1',
          postalCode: '10115',
          city: 'Berlin',
          country: 'DE',
        })
      ).status,
    ).toBe(201);
    const run = await client.post(`/api/v1/customer-imports/${record.id}/run`, { version: record.version, fingerprint: dryRun.fingerprint });
    expect([run.status, run.body.error?.code]).toEqual([409, 'import_changed']);
    const again = (await client.get(`/api/v1/customer-imports/${record.id}/dry-run`)).body;
    expect(again.rows.map((row: any) => row.customerNumber)).toEqual(['20002', '20000', '20003']);
  });

  it('a file with neither number, e-mail nor name columns cannot be mapped', async () => {
    const { client } = await desk();
    const uploaded = (await upload(client, 'Straße;Ort\nWeg 1;Berlin\n')).body.customerImport;
    const mapped = await client.put(`/api/v1/customer-imports/${uploaded.id}/mapping`, { version: uploaded.version, mapping: uploaded.mapping });
    expect([mapped.status, mapped.body.error.fields.mapping]).toEqual([422, 'identifying_column_required']);
    expect(
      await countRows(
        'customers',
        'reseller_id = ?',
        (await env.DB.prepare('SELECT reseller_id FROM customer_imports WHERE id = ?').bind(uploaded.id).first<{ reseller_id: string }>())!.reseller_id,
      ),
    ).toBe(0);
  });
});
