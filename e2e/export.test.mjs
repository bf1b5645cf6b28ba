import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import XLSX from 'xlsx-js-style';
import { demo, launchBrowser, newPage, screenshot, signIn } from './browser.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function openCustomers(email = demo.owner) {
  const session = await newPage(browser);
  await signIn(session.page, email);
  await session.page.getByTestId('customer-list').waitFor();
  return session;
}

/** Opens the Excel menu and picks a file; resolves with the browser's download. */
async function exportFile(page, testId, format) {
  await page.getByTestId(testId).click();
  const menu = page.getByTestId(`${testId}-menu`);
  await menu.waitFor();
  const downloading = page.waitForEvent('download');
  await menu.locator(`[data-format="${format}"]`).click();
  return downloading;
}

async function sheetRows(download) {
  const book = XLSX.read(await readFile(await download.path()), { cellDates: true });
  const sheet = book.Sheets[book.SheetNames[0]];
  return { name: book.SheetNames[0], rows: XLSX.utils.sheet_to_json(sheet, { header: 1, defval: null }) };
}

describe('exports', () => {
  it('downloads Customers.xlsx, Customer.xls and Customers.csv from the Excel button beside the search, full list by default', async () => {
    const { context, page, problems } = await openCustomers();
    const total = Number((await page.getByTestId('customer-count').innerText()).replace(/\D/g, ''));
    assert.ok(total > 100, `the demo reseller has a long list, got ${total}`);
    // Search first: the default scope still exports every customer.
    await page.getByRole('searchbox').fill('zzzz-nothing');
    await page.getByText('Keine passenden Kunden').waitFor();

    const xlsx = await exportFile(page, 'export-customers', 'xlsx');
    assert.equal(xlsx.suggestedFilename(), 'Customers.xlsx');
    const { name, rows } = await sheetRows(xlsx);
    assert.equal(name, 'Kunden');
    assert.deepEqual(rows[0].slice(0, 3), ['Kundennummer', 'Kundenname', 'Firma']);
    assert.equal(rows.length - 1, total);
    await page.getByText('Customers.xlsx wurde heruntergeladen.').waitFor();

    const xls = await exportFile(page, 'export-customers', 'xls');
    assert.equal(xls.suggestedFilename(), 'Customer.xls');
    assert.equal((await sheetRows(xls)).rows.length - 1, total);

    const csv = await exportFile(page, 'export-customers', 'csv');
    assert.equal(csv.suggestedFilename(), 'Customers.csv');
    const text = await readFile(await csv.path(), 'utf8');
    assert.ok(text.startsWith('\uFEFFKundennummer;Kundenname;'), text.slice(0, 40));
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('exports only the current view when asked, shows the busy state while the file is made, and shows errors', async () => {
    const { context, page, problems } = await openCustomers();
    const countOf = async () => Number((await page.getByTestId('customer-count').innerText()).replace(/\D/g, ''));
    const everyone = await countOf();
    await page.getByTestId('country-filter').selectOption('AT');
    await page.waitForFunction((all) => Number(document.querySelector('[data-testid="customer-count"]')?.textContent?.replace(/\D/g, '')) < all, everyone);
    const shown = await countOf();

    // Hold the answer back a moment so the busy state can be seen.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route('**/api/v1/customers/export?**', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByTestId('export-customers').click();
    const menu = page.getByTestId('export-customers-menu');
    await menu.getByRole('menuitemradio', { name: 'Nur aktuelle Ansicht' }).click();
    await screenshot(page, 'export-menu');
    const downloading = page.waitForEvent('download');
    await menu.locator('[data-format="xlsx"]').click();
    const trigger = page.getByTestId('export-customers');
    await page.waitForFunction(() => document.querySelector('[data-testid="export-customers"]')?.getAttribute('aria-busy') === 'true');
    assert.match(await trigger.innerText(), /Export wird erstellt/);
    assert.equal(await trigger.isDisabled(), true);
    await screenshot(page, 'export-busy');
    release();
    const download = await downloading;
    assert.equal(download.suggestedFilename(), 'Customers.xlsx');
    const { rows } = await sheetRows(download);
    assert.equal(rows.length - 1, shown);
    assert.ok(
      rows.slice(1).every((row) => row[14] === 'AT'),
      'only Austrian customers',
    );
    await page.waitForFunction(() => document.querySelector('[data-testid="export-customers"]')?.getAttribute('aria-busy') === 'false');
    await page.unroute('**/api/v1/customers/export?**');

    // The server refuses (as it does for an .xls over 65,535 rows): the reason is shown, not swallowed.
    await page.route('**/api/v1/customers/export?**', (route) =>
      route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'xls_too_many_rows', message: 'Too many rows for .xls.', fields: { format: 'xls_too_many_rows' } } }),
      }),
    );
    await page.getByTestId('export-customers').click();
    await page.getByTestId('export-customers-menu').locator('[data-format="xls"]').click();
    await page
      .locator('.toast-error')
      .getByText(/mehr als 65\.535 Zeilen/)
      .waitFor();
    await screenshot(page, 'export-error');
    assert.deepEqual(
      problems.filter((problem) => !/422/.test(problem)),
      [],
    );
    await context.close();
  });

  it('exports the activity log as Aktivitätsprotokoll.xlsx, and hides the button from a role without the permission', async () => {
    const { context, page } = await openCustomers();
    await page.goto('/activity');
    await page.getByTestId('activity-list').waitFor();
    const download = await exportFile(page, 'export-activity', 'xlsx');
    assert.equal(download.suggestedFilename(), 'Aktivitätsprotokoll.xlsx');
    const { name, rows } = await sheetRows(download);
    assert.equal(name, 'Aktivität');
    assert.deepEqual(rows[0].slice(0, 4), ['Nr.', 'Zeitpunkt (UTC)', 'Wer', 'Aktion']);
    assert.ok(rows.length > 1);
    await context.close();

    const support = await openCustomers(demo.support);
    assert.equal(await support.page.getByTestId('export-customers').count(), 0);
    await support.context.close();
  });
});
