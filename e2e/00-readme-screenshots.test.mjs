// The screenshots in README.md, taken from the demo data: docs/screenshots/<name>.png. The file name
// makes it run first, before other tests add, change or delete demo customers.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { demo, launchBrowser, newPage, signIn } from './browser.mjs';

const folder = path.resolve(import.meta.dirname, '..', 'docs', 'screenshots');
const viewport = { width: 1280, height: 800 };

let browser;
before(async () => {
  browser = await launchBrowser();
  mkdirSync(folder, { recursive: true });
});
after(async () => {
  await browser?.close();
});

async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.state-loading, [aria-busy="true"]'));
  // No blinking caret or half-finished fade in a picture that is kept.
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
}

const save = (page, name) => page.screenshot({ path: path.join(folder, `${name}.png`) });

describe('README screenshots', () => {
  it('shows the customer list and a customer of the demo reseller', async () => {
    const { context, page } = await newPage(browser, { viewport });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await signIn(page, demo.owner);
    await page.getByTestId('customer-list').locator('tbody tr').first().waitFor();
    await page.getByTestId('live-indicator').and(page.locator('[data-state="live"]')).waitFor();
    await settled(page);
    await save(page, 'customer-list');

    await page.goto('/customers?q=10005');
    await page.getByTestId('customer-list').locator('tbody tr a').first().click();
    await page.getByTestId('customer-info-form').waitFor();
    await page.getByTestId('live-indicator').and(page.locator('[data-state="live"]')).waitFor();
    await settled(page);
    await save(page, 'customer-view');
    await context.close();
  });

  it('shows the page a customer opens from an invitation', async () => {
    const staff = await newPage(browser, { viewport });
    await signIn(staff.page, demo.otherBasicOwner);
    await staff.page.getByTestId('customer-list').waitFor();
    await staff.page.goto('/customers?state=none');
    await staff.page.getByTestId('customer-list').locator('tbody tr a').first().click();
    await staff.page.getByTestId('customer-actions').click();
    await staff.page.getByRole('menuitem', { name: 'Vertriebspartnerschaft beantragen' }).click();
    const dialog = staff.page.getByRole('dialog');
    await dialog.getByLabel('Globaler Leser').check();
    await dialog.getByRole('button', { name: 'Einladung erstellen' }).click();
    const link = await dialog.getByTestId('invitation-link').inputValue();
    await staff.context.close();

    const { context, page } = await newPage(browser, { viewport });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(link);
    await page.getByTestId('invite-form').waitFor();
    await settled(page);
    await save(page, 'invitation-page');
    assert.match(await page.getByTestId('invite-reseller').innerText(), /Bergblick/);
    await context.close();
  });
});
