import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demo, fileBrowser, screenshot, waitLive } from './browser.mjs';

const chromium = fileBrowser();
const VIEW = 'E2E Aktive nach Ort';

async function signedIn(email) {
  const session = await chromium.signedIn(email);
  await waitLive(session.page);
  return session;
}

const menuItem = (page, name) => page.getByRole('menuitemradio', { name: new RegExp(`^${name}`) });
const toast = (page, text) => page.locator('.toast').filter({ hasText: text });
const header = (page, label) => page.getByTestId('customer-list').locator('thead th', { hasText: label });

async function openViews(page) {
  await page.getByTestId('views-menu').click();
  await page.getByRole('menu').waitFor();
}

async function closeMenu(page) {
  await page.keyboard.press('Escape');
  await page.getByRole('menu').waitFor({ state: 'hidden' });
}

describe('saved views of the customer list', () => {
  it("saves a team view; a colleague's open list gets it live, applies it, makes it default, and the list opens with it", async () => {
    const owner = await signedIn(demo.owner);
    const admin = await signedIn(demo.admin);
    await admin.page.goto('/customers');
    await admin.page.getByTestId('customer-list').locator('tbody tr').first().waitFor();
    await waitLive(admin.page);

    // The owner filters, sorts and hides a column, then saves that for the team.
    await owner.page.goto('/customers?state=active&sort=city&dir=desc');
    await owner.page.getByTestId('customer-list').locator('tbody tr').first().waitFor();
    await owner.page.getByTestId('columns-menu').click();
    await owner.page.getByRole('menuitemcheckbox', { name: 'Telefon' }).click();
    await closeMenu(owner.page);
    await header(owner.page, 'Telefon').waitFor({ state: 'detached' });
    await openViews(owner.page);
    await owner.page.getByRole('menuitem', { name: 'Ansicht speichern …' }).click();
    const dialog = owner.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.locator('.field-error').waitFor();
    await dialog.getByLabel(/^Name/).fill(VIEW);
    await dialog.getByLabel('Das ganze Team').check();
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await toast(owner.page, `Die Ansicht „${VIEW}“ wurde gespeichert.`).waitFor();
    assert.equal(await owner.page.getByTestId('active-view').innerText(), `Ansicht: ${VIEW}`);
    assert.match(owner.page.url(), /view=view_/);

    // A private view of the owner never reaches the colleague.
    await openViews(owner.page);
    await owner.page.getByRole('menuitem', { name: 'Ansicht speichern …' }).click();
    await dialog.getByLabel(/^Name/).fill('E2E Nur meine');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The admin's open list offers the team view without a reload; applying it sets filters, sort and columns.
    await openViews(admin.page);
    await menuItem(admin.page, VIEW).waitFor();
    assert.equal(await menuItem(admin.page, 'E2E Nur meine').count(), 0, 'a private view stays private');
    await screenshot(admin.page, 'saved-views-menu');
    await menuItem(admin.page, VIEW).click();
    await admin.page.waitForURL(/state=active/);
    const url = new URL(admin.page.url());
    assert.equal(url.searchParams.get('sort'), 'city');
    assert.equal(url.searchParams.get('dir'), 'desc');
    await header(admin.page, 'Telefon').waitFor({ state: 'detached' });
    assert.equal(await admin.page.getByTestId('active-view').innerText(), `Ansicht: ${VIEW}`);
    assert.equal(await admin.page.getByTestId('view-modified').count(), 0);

    // Default: the plain list opens with it, also after a reload.
    await openViews(admin.page);
    await admin.page.getByRole('menuitem', { name: 'Als meine Standardansicht verwenden' }).click();
    await toast(admin.page, `„${VIEW}“ ist jetzt Ihre Standardansicht.`).waitFor();
    await admin.page.goto('/customers');
    await admin.page.waitForURL(/view=view_/);
    await admin.page.getByTestId('active-view').filter({ hasText: VIEW }).waitFor();
    await admin.page.reload();
    await admin.page.getByTestId('active-view').filter({ hasText: VIEW }).waitFor();
    assert.equal(new URL(admin.page.url()).searchParams.get('state'), 'active');
    await waitLive(admin.page);

    // The owner shows the team view too; the admin's own change shows as "geändert", and saving it
    // reaches the owner's open list, which follows because it showed the view unchanged.
    await openViews(owner.page);
    await menuItem(owner.page, VIEW).click();
    await owner.page.getByTestId('active-view').filter({ hasText: VIEW }).waitFor();
    await admin.page.getByTestId('country-filter').selectOption('AT');
    await admin.page.getByTestId('view-modified').waitFor();
    await screenshot(admin.page, 'saved-view-modified');
    await openViews(admin.page);
    await admin.page.getByRole('menuitem', { name: `Änderungen in „${VIEW}“ speichern` }).click();
    await admin.page.getByTestId('view-modified').waitFor({ state: 'hidden' });
    await owner.page.waitForURL(/country=AT/);
    assert.equal(await owner.page.getByTestId('view-modified').count(), 0);

    // Renamed and deleted by the owner: the admin's list follows without a reload.
    await openViews(owner.page);
    await owner.page.getByRole('menuitem', { name: 'Umbenennen …' }).click();
    await dialog.getByLabel(/^Name/).fill(`${VIEW} (AT)`);
    await dialog.getByRole('button', { name: 'Umbenennen' }).click();
    await admin.page
      .getByTestId('active-view')
      .filter({ hasText: `${VIEW} (AT)` })
      .waitFor();
    await openViews(owner.page);
    await owner.page.getByRole('menuitem', { name: 'Ansicht löschen' }).click();
    await owner.page.getByRole('alertdialog').or(owner.page.getByRole('dialog')).getByRole('button', { name: 'Ansicht löschen' }).click();
    await toast(admin.page, `hat die Ansicht „${VIEW} (AT)“ gelöscht`).waitFor();
    await admin.page.getByTestId('active-view').filter({ hasText: 'Ansichten' }).waitFor();

    // The private one goes too, so later tests see the plain list.
    await owner.page.goto('/customers');
    await openViews(owner.page);
    await menuItem(owner.page, 'E2E Nur meine').click();
    await openViews(owner.page);
    await owner.page.getByRole('menuitem', { name: 'Ansicht löschen' }).click();
    await owner.page.getByRole('alertdialog').or(owner.page.getByRole('dialog')).getByRole('button', { name: 'Ansicht löschen' }).click();
    await toast(owner.page, 'Die Ansicht „E2E Nur meine“ wurde gelöscht.').waitFor();
    assert.deepEqual(owner.problems, []);
    assert.deepEqual(admin.problems, []);
    await owner.context.close();
    await admin.context.close();
  });

  it('keeps the archive filter: a view saved on the archived customers opens the archive again', async () => {
    const buyer = await signedIn(demo.buyer);
    const { page } = buyer;
    await page.goto('/customers?archived=1');
    await page.getByTestId('customer-count').waitFor();
    await openViews(page);
    await page.getByRole('menuitem', { name: 'Ansicht speichern …' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Name/).fill('E2E Archiv');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.goto('/customers');
    await page.getByTestId('customer-list').locator('tbody tr').first().waitFor();
    await openViews(page);
    await menuItem(page, 'E2E Archiv').click();
    await page.waitForURL(/archived=1/);
    await page.getByTestId('active-view').filter({ hasText: 'E2E Archiv' }).waitFor();
    assert.equal(await page.getByTestId('view-modified').count(), 0);

    await openViews(page);
    await page.getByRole('menuitem', { name: 'Ansicht löschen' }).click();
    await page.getByRole('alertdialog').or(page.getByRole('dialog')).getByRole('button', { name: 'Ansicht löschen' }).click();
    await toast(page, 'Die Ansicht „E2E Archiv“ wurde gelöscht.').waitFor();
    assert.deepEqual(buyer.problems, []);
    await buyer.context.close();
  });
});
