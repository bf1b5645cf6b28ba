import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAccessible, fileBrowser, screenshot } from './browser.mjs';

const chromium = fileBrowser();
const { signedIn } = chromium;

const guard = (page) => page.getByRole('dialog').filter({ has: page.getByTestId('unsaved-changes') });
const nav = (page, name) => page.getByTestId('nav').getByRole('link', { name });

describe('unsaved changes', () => {
  it('asks before leaving a customer with unsaved edits: stay keeps the input, discard goes on', async () => {
    const { context, page, problems } = await signedIn();
    await page.goto('/customers?q=10020');
    await page.getByTestId('customer-list').locator('tbody tr a').first().click();
    const form = page.getByTestId('customer-info-form');
    await form.waitFor();
    const customerUrl = page.url();
    await form.getByLabel(/^Mobil/).fill('+49 170 5550101');

    await nav(page, 'Einstellungen').click();
    await guard(page).waitFor();
    await screenshot(page, 'unsaved-changes-dialog');
    await expectAccessible(page, 'unsaved-changes dialog');
    assert.equal(page.url(), customerUrl, 'the page stays while the question is open');
    await guard(page).getByRole('button', { name: 'Weiter bearbeiten' }).click();
    await guard(page).waitFor({ state: 'hidden' });
    assert.equal(await form.getByLabel(/^Mobil/).inputValue(), '+49 170 5550101');

    // Switching tabs would drop the form too.
    await page.getByRole('tab', { name: 'Domains' }).click();
    await guard(page).waitFor();
    await guard(page).getByRole('button', { name: 'Weiter bearbeiten' }).click();
    assert.equal(await page.getByRole('tab', { name: 'Information' }).getAttribute('aria-selected'), 'true');

    await nav(page, 'Einstellungen').click();
    await guard(page).getByRole('button', { name: 'Verwerfen und weiter' }).click();
    await page.waitForURL(/\/settings$/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('lets a saved or untouched form go without asking', async () => {
    const { context, page } = await signedIn();
    await page.goto('/customers?q=10021');
    await page.getByTestId('customer-list').locator('tbody tr a').first().click();
    await page.getByTestId('customer-info-form').waitFor();
    await nav(page, 'Aktivität').click();
    await page.waitForURL(/\/activity$/);
    assert.equal(await guard(page).count(), 0);
    await context.close();
  });

  it('asks before Back drops a half-filled new customer, and before the settings form loses its input', async () => {
    const { context, page } = await signedIn();
    await nav(page, 'Einstellungen').click();
    await page.waitForURL(/\/settings$/);
    await nav(page, 'Meine Kunden').click();
    await page.waitForURL(/\/customers$/);
    await page.getByTestId('new-customer').click();
    const dialog = page.getByRole('dialog');
    // Only the proposed number is filled in: nothing to lose yet.
    await page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-testid="new-customer-form"] input[name="customerNumber"]')?.value ?? ''));
    await dialog.getByLabel(/^Firma/).fill('Halbfertig GmbH');
    await page.evaluate(() => history.back());
    await guard(page).waitFor();
    assert.match(page.url(), /\/customers$/);
    await guard(page).getByRole('button', { name: 'Weiter bearbeiten' }).click();
    assert.equal(await dialog.getByLabel(/^Firma/).inputValue(), 'Halbfertig GmbH');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await nav(page, 'Einstellungen').click();
    const settings = page.getByTestId('invitation-settings');
    await settings.getByLabel(/Gültigkeit|Tage/).fill('21');
    await nav(page, 'Meine Kunden').click();
    await guard(page).waitFor();
    await guard(page).getByRole('button', { name: 'Verwerfen und weiter' }).click();
    await page.waitForURL(/\/customers$/);
    await context.close();
  });

  it('lets the browser ask before a tab with unsaved edits closes', async () => {
    const { context, page } = await signedIn();
    await page.goto('/customers?q=10022');
    await page.getByTestId('customer-list').locator('tbody tr a').first().click();
    const form = page.getByTestId('customer-info-form');
    await form.getByLabel(/^Telefon/).fill('+49 89 5550102');
    const asked = new Promise((resolve) => page.once('dialog', (dialog) => resolve(dialog)));
    await page.close({ runBeforeUnload: true });
    const dialog = await asked;
    assert.equal(dialog.type(), 'beforeunload');
    await dialog.accept();
    await context.close();
  });
});
