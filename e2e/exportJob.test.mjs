// The export as a bulk job in the browser: a buyer selects three rows, exports them as XLSX from the
// bulk bar with the keyboard; a colleague's tray shows the job to its end; the download holds exactly
// those three customers. Support sees the job's progress but has no download.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import XLSX from 'xlsx-js-style';
import { demo, expectAccessible, fileBrowser, screenshot, waitLive } from './browser.mjs';

const chromium = fileBrowser();

async function signedIn(email) {
  const session = await chromium.signedIn(email);
  await waitLive(session.page);
  return session;
}

const rows = (page) => page.getByTestId('customer-list').locator('tbody tr');
const jobIn = (page, title) => page.getByTestId('job-tray').getByTestId('job').filter({ hasText: title });

/** Customers of their own for this run (made through the API as the signed-in page), found by the marker. */
async function newCustomers(page, marker, count) {
  return page.evaluate(
    async ({ name, count }) => {
      const numbers = [];
      for (let index = 1; index <= count; index++) {
        const response = await fetch('/api/v1/customers', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            customerNumber: `${name}-${index}`,
            company: `${name} ${index} GmbH`,
            email: 'info@exportjob.example',
            address: 'Weg 1',
            postalCode: '10115',
            city: 'Berlin',
            country: 'DE',
          }),
        });
        numbers.push((await response.json()).customer.customerNumber);
      }
      return numbers;
    },
    { name: marker, count },
  );
}

describe('export as a bulk job', () => {
  it('exports three selected rows as XLSX; a colleague watches it finish and the download holds exactly those three', async () => {
    const buyer = await signedIn(demo.buyer);
    const owner = await signedIn(demo.owner);
    const support = await signedIn(demo.support);
    const marker = `Exportjob${Date.now() % 100000}`;
    // Four customers: three are selected, the fourth must not be in the file.
    const numbers = await newCustomers(buyer.page, marker, 4);
    await buyer.page.goto(`/customers?q=${marker}&sort=customerNumber`);
    await waitLive(buyer.page);
    await rows(buyer.page).nth(3).waitFor();
    // Clicked bottom-up: the file still follows the list's order.
    for (const index of [2, 1, 0]) await rows(buyer.page).nth(index).getByRole('checkbox').check();
    await buyer.page.getByTestId('bulk-bar').getByText('3 Kunden ausgewählt').waitFor();

    // Keyboard only: the button, the dialog's format radios (XLSX first and chosen), the start button.
    await buyer.page.getByTestId('bulk-export').focus();
    await buyer.page.keyboard.press('Enter');
    const dialog = buyer.page.getByRole('dialog', { name: 'Kunden exportieren' });
    await dialog.getByText('3 Kunden werden als Datei exportiert.', { exact: false }).waitFor();
    await dialog.getByText('24 Stunden', { exact: false }).waitFor();
    assert.equal(await dialog.getByRole('radio', { name: 'Customers.xlsx (Excel)' }).isChecked(), true);
    await dialog.getByRole('radio', { name: 'Customers.csv (CSV, UTF-8)' }).check();
    await dialog.getByRole('group', { name: 'CSV-Trennzeichen' }).waitFor();
    await dialog.getByRole('radio', { name: 'Customers.xlsx (Excel)' }).focus();
    await buyer.page.keyboard.press('Space');
    assert.equal(await dialog.getByRole('radio', { name: 'Customers.xlsx (Excel)' }).isChecked(), true);
    await dialog.getByRole('group', { name: 'CSV-Trennzeichen' }).waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: 'Export starten' }).focus();
    await buyer.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await buyer.page.getByText('Sammelaktion gestartet: Kunden exportieren (Customers.xlsx).', { exact: false }).waitFor();

    // The colleague's tray shows the job to its end, with its file.
    const title = 'Kunden exportieren (Customers.xlsx)';
    const colleagues = jobIn(owner.page, title).and(owner.page.locator('[data-state="succeeded"]'));
    await colleagues.waitFor();
    assert.equal(await colleagues.getByTestId('job-counts').innerText(), '3 von 3 bearbeitet');
    await colleagues
      .getByTestId('job-file')
      .getByText(/^3 Zeilen · Download bis /)
      .waitFor();
    await colleagues.getByTestId('job-download').waitFor();
    // Support sees the progress too, but may not export: no download.
    const supports = jobIn(support.page, title).and(support.page.locator('[data-state="succeeded"]'));
    await supports.waitFor();
    assert.equal(await supports.getByTestId('job-download').count(), 0);
    await expectAccessible(owner.page, 'job tray with an export file');
    await screenshot(owner.page, 'export-job-tray');

    // The buyer downloads it from the tray.
    const mine = jobIn(buyer.page, title).and(buyer.page.locator('[data-state="succeeded"]'));
    const downloading = buyer.page.waitForEvent('download');
    await mine.getByRole('button', { name: 'Customers.xlsx herunterladen' }).click();
    const download = await downloading;
    assert.equal(download.suggestedFilename(), 'Customers.xlsx');
    await buyer.page.getByText('Customers.xlsx wurde heruntergeladen.').waitFor();
    const book = XLSX.read(await readFile(await download.path()));
    const sheet = XLSX.utils.sheet_to_json(book.Sheets[book.SheetNames[0]], { header: 1, defval: null });
    assert.equal(sheet[0][0], 'Kundennummer');
    assert.deepEqual(
      sheet.slice(1).map((row) => row[0]),
      numbers.slice(0, 3),
    );
    assert.deepEqual(
      sheet.slice(1).map((row) => row[2]),
      [1, 2, 3].map((index) => `${marker} ${index} GmbH`),
    );

    // The colleague downloads the same file.
    const colleaguesDownload = owner.page.waitForEvent('download');
    await colleagues.getByTestId('job-download').click();
    assert.equal((await colleaguesDownload).suggestedFilename(), 'Customers.xlsx');
    for (const session of [buyer, owner, support]) await session.context.close();
  });
});
