import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demo, expectAccessible, fileBrowser, screenshot, waitLive } from './browser.mjs';

const chromium = fileBrowser();

async function signedIn(email) {
  const session = await chromium.signedIn(email);
  await waitLive(session.page);
  return session;
}

// As another portal exports it: its own header names ("Nr" is not one we guess), ";" and a BOM.
const HEADER = 'Nr;Firma;E-Mail;Straße;PLZ;Ort;Land;Interne Notiz';
const csv = (...rows) => Buffer.from(`\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`, 'utf8');

async function uploadFile(page, name, buffer) {
  await page.getByTestId('import-customers').click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer });
  await dialog.getByTestId('import-upload').click();
  await dialog.getByTestId('import-mapping-source').waitFor();
  return dialog;
}

const countOf = (dialog, action) => dialog.getByTestId(`import-count-${action}`).innerText();

describe('customer import', () => {
  it('uploads a file, maps its columns, shows the dry run, imports, and a colleague sees the customers arrive', async () => {
    const owner = await signedIn(demo.owner);
    const buyer = await signedIn(demo.buyer);
    await buyer.page.goto('/customers?q=importtest');
    await buyer.page.getByText('Keine passenden Kunden').waitFor();
    await waitLive(buyer.page);

    // Not a spreadsheet: a clear error, and the dialog stays on the file step.
    await owner.page.getByTestId('import-customers').click();
    let dialog = owner.page.getByTestId('import-dialog');
    await dialog.getByTestId('import-file').setInputFiles({ name: 'bild.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) });
    await dialog.getByTestId('import-upload').click();
    await dialog.getByTestId('import-error').getByText('Die Datei ist weder eine CSV-Datei noch eine Excel-Arbeitsmappe (.xlsx oder .xls).').waitFor();
    await owner.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // First file: the number column is not guessed; the user maps it, the note column stays ignored.
    dialog = await uploadFile(owner.page, 'altes-portal.csv', csv('IT-1;Importtest Alpha GmbH;alpha@importtest.example;Weg 1;80331;München;Deutschland;VIP'));
    assert.match(await dialog.getByTestId('import-mapping-source').innerText(), /vorgeschlagen/);
    assert.equal(await dialog.getByTestId('import-map-0').inputValue(), '');
    assert.equal(await dialog.getByTestId('import-map-1').inputValue(), 'company');
    assert.equal(await dialog.getByTestId('import-map-6').inputValue(), 'country');
    await dialog.getByTestId('import-map-0').selectOption('customerNumber');
    await expectAccessible(owner.page, 'import dialog, mapping');
    await dialog.getByTestId('import-dry-run').click();
    await dialog.getByTestId('import-dry-run-result').waitFor();
    assert.equal(await countOf(dialog, 'create'), '1 neu');
    // The import runs as a job: the dialog follows it to the report.
    await dialog.getByTestId('import-run').click();
    await dialog.getByTestId('import-report').waitFor();
    assert.match(await dialog.getByTestId('import-report-summary').innerText(), /altes-portal\.csv, importiert von/);
    await dialog.getByTestId('import-close').click();

    // The colleague's list shows the new customer live and says where it came from.
    await buyer.page.getByTestId('customer-list').locator('tbody tr', { hasText: 'Importtest Alpha GmbH' }).waitFor();
    await buyer.page.getByText(/hat altes-portal\.csv importiert: 1 neue und 0 geänderte Kunden/).waitFor();

    // Second file with the same headers: the mapping is remembered. One update, one new, one refused with its reason.
    dialog = await uploadFile(
      owner.page,
      'altes-portal-2.csv',
      csv(
        'IT-1;Importtest Alpha AG;;;;;;',
        'IT-2;Importtest Beta GmbH;beta@importtest.example;Weg 2;10115;Berlin;DE;',
        'IT-3;Importtest Gamma GmbH;keine-adresse;Weg 3;10115;Berlin;DE;',
      ),
    );
    assert.match(await dialog.getByTestId('import-mapping-source').innerText(), /letzten Import/);
    assert.equal(await dialog.getByTestId('import-map-0').inputValue(), 'customerNumber');
    await dialog.getByTestId('import-dry-run').click();
    await dialog.getByTestId('import-dry-run-result').waitFor();
    assert.deepEqual([await countOf(dialog, 'create'), await countOf(dialog, 'update'), await countOf(dialog, 'refuse')], ['1 neu', '1 geändert', '1 abgelehnt']);
    const refused = dialog.locator('[data-testid="import-row"][data-action="refuse"]');
    assert.match(await refused.innerText(), /E-Mail: Bitte geben Sie eine gültige E-Mail-Adresse ein\./);
    assert.match(await dialog.locator('[data-testid="import-row"][data-action="update"]').innerText(), /Ändert: Firma/);
    await expectAccessible(owner.page, 'import dialog, dry run');
    await screenshot(owner.page, 'import-dry-run');
    await dialog.getByTestId('import-run').click();
    await dialog.getByTestId('import-report').waitFor();
    assert.equal(await countOf(dialog, 'refuse'), '1 abgelehnt');
    await expectAccessible(owner.page, 'import dialog, report');
    await dialog.getByTestId('import-close').click();

    const buyerList = buyer.page.getByTestId('customer-list');
    await buyerList.locator('tbody tr', { hasText: 'Importtest Beta GmbH' }).waitFor();
    await buyerList.locator('tbody tr', { hasText: 'Importtest Alpha AG' }).waitFor();
    assert.equal(await buyerList.locator('tbody tr', { hasText: 'Gamma' }).count(), 0);

    // Leave the demo data as it was for the files after this one.
    await owner.page.evaluate(async () => {
      const page = await (await fetch('/api/v1/customers?q=importtest')).json();
      for (const customer of page.items) await fetch(`/api/v1/customers/${customer.id}`, { method: 'DELETE' });
    });
    for (const session of [owner, buyer]) await session.context.close();
  });

  it('runs a large file as a job: the dialog shows the rows checked, a colleague sees it in the tray, the dialog can close meanwhile', async () => {
    const owner = await signedIn(demo.owner);
    const support = await signedIn(demo.support);
    // The colleague has searched for the new customers: sorted by number they would land past the first page.
    await support.page.goto('/customers?q=grossimport');
    await support.page.getByText('Keine passenden Kunden').waitFor();
    await waitLive(support.page);
    // 1,200 rows: three chunks (the e2e hub pauses 1.5 s between them). Three new customers, the rest refused.
    const rows = Array.from({ length: 1200 }, (_, i) =>
      i < 3 ? `GI-${i};Grossimport ${i} GmbH;gi${i}@grossimport.example;Weg ${i};10115;Berlin;DE;` : `GI-${i};Grossimport ${i} GmbH;keine-adresse;Weg ${i};10115;Berlin;DE;`,
    );
    const dialog = await uploadFile(owner.page, 'gross.csv', csv(...rows));
    await dialog.getByTestId('import-dry-run').click();
    await dialog.getByTestId('import-dry-run-result').waitFor();
    assert.deepEqual([await countOf(dialog, 'create'), await countOf(dialog, 'refuse')], ['3 neu', '1.197 abgelehnt']);
    await dialog.getByTestId('import-run').click();

    // The dialog follows the job's live progress.
    await dialog.getByTestId('import-progress-text').getByText('500 von 1.200 Zeilen geprüft').waitFor();
    await expectAccessible(owner.page, 'import dialog, running');
    // Every colleague's tray shows it too (support may read but not cancel it).
    const inTray = support.page.getByTestId('job-tray').getByTestId('job').filter({ hasText: 'Import gross.csv' });
    await inTray.getByText(/von 1\.200 Zeilen geprüft/).waitFor();
    assert.equal(await inTray.getByTestId('job-cancel').count(), 0);
    await screenshot(support.page, 'import-job-tray-colleague');

    // Closed while it runs: the job goes on, the owner's own tray shows it to its end.
    await dialog.getByTestId('import-close-running').click();
    await dialog.waitFor({ state: 'hidden' });
    const ownTray = owner.page.getByTestId('job-tray').getByTestId('job').filter({ hasText: 'Import gross.csv' });
    await ownTray.and(owner.page.locator('[data-state="succeeded"]')).waitFor({ timeout: 20_000 });
    await inTray.and(support.page.locator('[data-state="succeeded"]')).waitFor();
    assert.equal(await inTray.getByTestId('job-counts').innerText(), '1.200 Zeilen geprüft und gespeichert · 1.197 abgelehnt');
    await support.page.getByTestId('customer-list').locator('tbody tr', { hasText: 'Grossimport 2 GmbH' }).waitFor();

    // The tray's report is the import's own report.
    await inTray.getByTestId('job-report').click();
    const report = support.page.getByTestId('import-job-report');
    await report
      .getByTestId('import-report-summary')
      .getByText(/gross\.csv, importiert von/)
      .waitFor();
    assert.equal(await report.getByTestId('import-count-create').innerText(), '3 neu');
    await expectAccessible(support.page, 'import job report from the tray');
    await support.page.keyboard.press('Escape');

    await owner.page.evaluate(async () => {
      const page = await (await fetch('/api/v1/customers?q=grossimport')).json();
      for (const customer of page.items) await fetch(`/api/v1/customers/${customer.id}`, { method: 'DELETE' });
    });
    for (const session of [owner, support]) await session.context.close();
  });
});
