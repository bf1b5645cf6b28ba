// Small things users noticed: each one stays fixed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demo, launchBrowser, newPage, signIn } from './browser.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const numberHint = 'Vorschlag: die nächste freie Nummer. Eindeutig je Reseller.';

describe('details', () => {
  it('explains the proposed customer number when creating a customer, not when editing one', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, demo.owner);
    await page.getByTestId('new-customer').click();
    await page.getByTestId('new-customer-form').getByText(numberHint).waitFor();
    await page.keyboard.press('Escape');

    await page.goto('/customers?q=10050');
    await page.getByTestId('customer-list').locator('tbody tr a').first().click();
    const form = page.getByTestId('customer-info-form');
    await form.getByLabel(/Kundennummer/).waitFor();
    assert.equal(await form.getByText(numberHint).count(), 0);
    await context.close();
  });

  it('offers the newer actions in the Activity filter, each with its name', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, demo.owner);
    await page.getByTestId('customer-list').waitFor();
    await page.goto('/activity');
    const filter = page.getByLabel('Aktion');
    await filter.locator('option').nth(1).waitFor({ state: 'attached' });
    const options = await filter.locator('option').allTextContents();
    for (const expected of ['Bestellung aufgegeben', 'Menge des Abonnements geändert', 'Domain hinzugefügt', 'Einladung angenommen', 'Partnertyp geändert']) {
      assert.ok(options.includes(expected), `the filter offers "${expected}"`);
    }
    assert.ok(
      options.every((option) => !/^[a-z_]+\.[a-z_]+$/.test(option)),
      'no raw action code is shown',
    );

    await filter.selectOption({ label: 'Bestellung aufgegeben' });
    await page.waitForURL(/action=order\.created/);
    await page.getByTestId('activity-list').or(page.locator('main .state')).first().waitFor();
    await context.close();
  });
});
