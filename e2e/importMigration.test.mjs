import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { expectAccessible, fileBrowser, screenshot, waitLive } from './browser.mjs';

const chromium = fileBrowser();

// The file a reseller brings from Partner Center ("Kunden exportieren"): tenant IDs, names, domains,
// relationship and tags; no e-mail, no address.
const fixture = path.resolve(import.meta.dirname, '..', 'test', 'fixtures', 'imports', 'partner-center-customers-de.csv');
const lines = readFileSync(fixture, 'utf8')
  .replace(/^\uFEFF/, '')
  .trim()
  .split(/\r?\n/)
  .slice(1);
const companies = lines.map((line) => line.split(',')[1]);
const tenantIds = lines.map((line) => line.split(',')[0]);

describe('moving from Partner Center', () => {
  it('imports Customers.csv, shows the incomplete customers with what they lack, and a customer completed loses the marker', async () => {
    const { page, context } = await chromium.signedIn();
    await waitLive(page);

    await page.getByTestId('import-customers').click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.getByTestId('import-file').setInputFiles(fixture);
    await dialog.getByTestId('import-upload').click();
    await dialog.getByTestId('import-mapping-source').waitFor();
    // Partner Center's German headers map by themselves.
    const mapped = [];
    for (let index = 0; index < 5; index++) mapped.push(await dialog.getByTestId(`import-map-${index}`).inputValue());
    assert.deepEqual(mapped, ['microsoftId', 'company', 'primaryDomain', 'relationship', 'tags']);

    await dialog.getByTestId('import-dry-run').click();
    await dialog.getByTestId('import-dry-run-result').waitFor();
    assert.equal(await dialog.getByTestId('import-count-create').innerText(), `${lines.length} neu`);
    assert.equal(await dialog.getByTestId('import-count-incomplete').innerText(), `${lines.length} unvollständig`);
    const summary = await dialog.getByTestId('import-incomplete-summary').innerText();
    for (const field of ['E-Mail', 'Straße und Hausnummer', 'Postleitzahl', 'Ort', 'Land']) assert.match(summary, new RegExp(`${field} \\(${lines.length}\\)`));
    assert.match(await dialog.getByTestId('import-row').first().innerText(), /Kundennummer neu vergeben/);
    await expectAccessible(page, 'import dialog, dry run with incomplete rows');
    await screenshot(page, 'import-partner-center-dry-run');

    await dialog.getByTestId('import-run').click();
    await dialog.getByTestId('import-report').waitFor();
    await dialog.getByTestId('import-close').click();

    // The list's "Unvollständige" shows exactly them, each marked.
    await page.getByTestId('archive-filter').selectOption('incomplete');
    const rows = page.getByTestId('customer-list').locator('tbody tr');
    await rows.filter({ hasText: companies[0] }).waitFor();
    assert.deepEqual((await rows.locator('[data-column="name"] a').allInnerTexts()).sort(), [...companies].sort());
    assert.equal(await rows.getByTestId('incomplete-badge').count(), lines.length);
    await screenshot(page, 'import-partner-center-incomplete-list');

    // A whole Microsoft ID finds its customer.
    await page.getByTestId('archive-filter').selectOption('');
    await page.getByRole('searchbox').fill(tenantIds[1].toUpperCase());
    // The unfiltered list shows that customer too: wait for the search's answer, which leaves one row.
    await rows.nth(1).waitFor({ state: 'detached' });
    assert.equal(await rows.count(), 1);
    assert.ok((await rows.first().innerText()).includes(companies[1]));

    await page.getByRole('searchbox').fill(tenantIds[0]);
    await rows.filter({ hasText: companies[0] }).locator('a').first().click();
    await page.getByTestId('customer-header').waitFor();
    assert.match(await page.getByTestId('customer-microsoft-id').innerText(), new RegExp(tenantIds[0]));
    const notice = page.getByTestId('incomplete-notice');
    assert.equal(await notice.getByTestId('incomplete-missing').innerText(), 'Es fehlen: E-Mail, Straße und Hausnummer, Postleitzahl, Ort, Land.');
    await expectAccessible(page, 'incomplete customer');

    // A new order waits until the details are there, and says so.
    await page.getByTestId('customer-actions').click();
    await page.getByTestId('menu-new-order').click();
    const waits = page.getByTestId('order-waits');
    await waits.waitFor();
    assert.match(await waits.innerText(), /Neue Bestellungen sind erst möglich/);
    await waits.getByRole('button', { name: 'Schließen' }).click();

    // Another change saves although the address is still missing.
    const form = page.getByTestId('customer-info-form');
    await form.getByLabel(/^Telefon/).fill('+49 89 555111');
    await page.getByRole('button', { name: 'Aktualisieren' }).click();
    await page.getByText('Alle Änderungen gespeichert.').waitFor();
    assert.match(await notice.innerText(), /Es fehlen: E-Mail, Straße/);

    // Completed: the marker goes, in the view and in the list.
    await form.getByLabel(/^E-Mail/).fill('it@contoso-handel.example');
    await form.getByLabel(/^Straße und Hausnummer/).fill('Marienplatz 8');
    await form.getByLabel(/^Postleitzahl/).fill('80331');
    await form.getByLabel(/^Ort/).fill('München');
    await form.getByLabel(/^Land/).selectOption('DE');
    await page.getByRole('button', { name: 'Aktualisieren' }).click();
    await page.getByText('Alle Änderungen gespeichert.').waitFor();
    await notice.waitFor({ state: 'hidden' });
    assert.equal(await page.getByTestId('customer-header').getByTestId('incomplete-badge').count(), 0);
    await screenshot(page, 'import-partner-center-completed');

    await page.goto('/customers?incomplete=1');
    await rows.filter({ hasText: companies[1] }).waitFor();
    assert.deepEqual((await rows.locator('[data-column="name"] a').allInnerTexts()).sort(), companies.slice(1).sort());
    await context.close();
  });
});
