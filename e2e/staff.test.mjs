import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demo, launchBrowser, newPage, screenshot, signIn } from './browser.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('staff management', () => {
  it('adds a colleague (errors shown at the fields first), who signs in; deactivating signs them out everywhere', async () => {
    const owner = await newPage(browser);
    await signIn(owner.page, demo.owner);
    await owner.page.getByTestId('customer-list').waitFor();
    await owner.page.getByTestId('nav').getByText('Einstellungen').click();
    await owner.page.getByRole('button', { name: 'Mitarbeiter hinzufügen' }).click();

    const dialog = owner.page.getByRole('dialog');
    await dialog.getByLabel('E-Mail-Adresse').fill('keine-adresse');
    await dialog.getByLabel('Startpasswort').fill('kurz');
    await dialog.getByRole('button', { name: 'Hinzufügen' }).click();
    await dialog.locator('.field-error').first().waitFor();
    const errors = await dialog.locator('.field-error').allInnerTexts();
    assert.ok(errors.length >= 3, `expected errors at name, e-mail and password, got ${errors.join(' | ')}`);
    await screenshot(owner.page, 'staff-add-errors');

    await dialog.getByLabel('Name').fill('Petra Kollegin');
    await dialog.getByLabel('E-Mail-Adresse').fill('petra.kollegin@alpen-it.example');
    await dialog.getByLabel('Startpasswort').fill('Startpasswort-2026');
    await dialog.getByRole('button', { name: 'Hinzufügen' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = owner.page.getByRole('row').filter({ hasText: 'petra.kollegin@alpen-it.example' });
    await row.waitFor();
    assert.match(await row.innerText(), /Aktiv/);

    const colleague = await newPage(browser);
    await signIn(colleague.page, 'petra.kollegin@alpen-it.example', 'Startpasswort-2026');
    await colleague.page.getByTestId('customer-list').waitFor();
    await colleague.page.getByTestId('live-indicator').and(colleague.page.locator('[data-state="live"]')).waitFor();

    await row.getByRole('button', { name: /deaktivieren/i }).click();
    await row.getByText('Deaktiviert').waitFor();
    await screenshot(owner.page, 'staff-deactivated');

    // The colleague's open tab is told at once (its live socket closes as signed out) and shows the sign-in page.
    await colleague.page.waitForURL('**/signin**');
    // A reload does not bring the session back.
    await colleague.page.reload();
    await colleague.page.getByLabel(/E-Mail/).waitFor();
    assert.match(colleague.page.url(), /\/signin/);
    await signIn(colleague.page, 'petra.kollegin@alpen-it.example', 'Startpasswort-2026');
    await colleague.page.getByTestId('signin-error').waitFor();
    await owner.context.close();
    await colleague.context.close();
  });

  it('refuses to demote the last owner with a clear message', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, demo.owner);
    await page.getByTestId('customer-list').waitFor();
    await page.goto('/settings');
    await page.getByRole('combobox', { name: 'Rolle von Anna Berger' }).selectOption('admin');
    await page.getByText('Der letzte Inhaber kann nicht entfernt oder herabgestuft werden.').waitFor();
    await context.close();
  });
});
