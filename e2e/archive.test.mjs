// Archive instead of losing data, and undo: a customer archived from its view leaves colleagues'
// lists live and comes back with the toast's "Rückgängig"; the archived filter finds and restores it;
// a delete is undone from its toast.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demo, fileBrowser, screenshot, showColumns, waitLive } from './browser.mjs';

const chromium = fileBrowser();

async function signedIn(email) {
  const session = await chromium.signedIn(email);
  await waitLive(session.page);
  return session;
}

/** A fresh, empty customer made through the API from the signed-in page (same origin, its cookie). */
async function createCustomer(page, company) {
  const body = { customerNumber: `AR-${Date.now()}`, company, email: 'info@archivtest.example', address: 'Lagerweg 3', postalCode: '10115', city: 'Berlin', country: 'DE' };
  const answer = await page.evaluate(async (input) => {
    const response = await fetch('/api/v1/customers', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
    return { status: response.status, body: await response.json() };
  }, body);
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body.customer;
}

/** Leaves the demo data as it was for the other browser tests. */
async function deleteCustomer(page, id) {
  const status = await page.evaluate(async (customerId) => (await fetch(`/api/v1/customers/${customerId}`, { method: 'DELETE' })).status, id);
  assert.equal(status, 204);
}

const rowOf = (page, name) => page.getByTestId('customer-list').locator('tbody tr').filter({ hasText: name });
const undoIn = (page) =>
  page
    .locator('.toast')
    .filter({ hasText: /archiviert|gelöscht/ })
    .getByRole('button', { name: 'Rückgängig' });

async function chooseAction(page, testId) {
  await page.getByTestId('customer-actions').click();
  await page.getByTestId(testId).click();
}

/**
 * The owner opens a new customer's view while a colleague (another browser) watches it in a search of
 * the list: the starting point of both stories.
 */
async function ownerViewWithColleagueWatching(company) {
  const owner = await signedIn(demo.owner);
  const colleague = await signedIn(demo.admin);
  // The colleague reads the customer's number in the list.
  await showColumns(colleague.page, ['Kundennummer']);
  const customer = await createCustomer(owner.page, company);
  await colleague.page.goto('/customers?q=archivtest');
  const colleagueRow = rowOf(colleague.page, company);
  await colleagueRow.waitFor();
  await waitLive(colleague.page);
  await owner.page.goto(`/customers/${customer.id}`);
  await owner.page.getByTestId('customer-header').waitFor();
  await waitLive(owner.page);
  return { owner, colleague, customer, colleagueRow };
}

describe('archive and undo', () => {
  it('archives from the customer view; a colleague’s list drops the row live, and the toast’s Undo brings it back', async () => {
    const { owner, colleague, customer, colleagueRow } = await ownerViewWithColleagueWatching('Archivtest Lager GmbH');
    await chooseAction(owner.page, 'archive-customer');
    const banner = owner.page.getByTestId('archived-banner');
    await banner.getByText('Archiviert', { exact: true }).waitFor();
    await owner.page.locator('.toast').getByText('Kunde „Archivtest Lager GmbH“ wurde archiviert.').waitFor();
    await screenshot(owner.page, 'archive-customer-view-archived');

    // The colleague's row leaves without a reload, and a screen reader hears why.
    await colleagueRow.waitFor({ state: 'detached' });
    await colleague.page.getByText('Keine passenden Kunden').waitFor();
    await colleague.page
      .getByTestId('announcer')
      .getByText(/hat den Kunden „Archivtest Lager GmbH“ archiviert/)
      .waitFor();

    // Undo from the toast: the banner goes, the colleague's row comes back.
    await undoIn(owner.page).click();
    await banner.waitFor({ state: 'detached' });
    await colleagueRow.waitFor();
    await colleague.page
      .getByTestId('announcer')
      .getByText(/aus dem Archiv geholt/)
      .waitFor();
    assert.equal(await colleague.page.getByTestId('customer-count').innerText(), '1 Kunde');

    // Archived again, the colleague finds it under "Archiviert" and restores it from its page.
    await chooseAction(owner.page, 'archive-customer');
    await banner.waitFor();
    await colleagueRow.waitFor({ state: 'detached' });
    await colleague.page.getByTestId('archive-filter').selectOption('archived');
    await colleagueRow.waitFor();
    assert.match(colleague.page.url(), /archived=1/);
    await screenshot(colleague.page, 'archive-list-archived-filter');
    await colleagueRow.getByRole('link', { name: 'Archivtest Lager GmbH' }).click();
    await colleague.page.getByTestId('archived-banner-restore').click();
    await colleague.page.locator('.toast').getByText('Kunde „Archivtest Lager GmbH“ ist wieder in der Kundenliste.').waitFor();
    await colleague.page.getByTestId('archived-banner').waitFor({ state: 'detached' });
    // The owner's open view follows live.
    await banner.waitFor({ state: 'detached' });

    await deleteCustomer(owner.page, customer.id);
    for (const session of [owner, colleague]) await session.context.close();
  });

  it('undoes a delete from the toast: the row vanishes from a colleague’s list and comes back with its number', async () => {
    const { owner, colleague, customer, colleagueRow } = await ownerViewWithColleagueWatching('Archivtest Löschbar KG');
    await owner.page.getByTestId('customer-actions').click();
    await owner.page.getByRole('menuitem', { name: /Kunde löschen/ }).click();
    await owner.page.getByRole('dialog').getByRole('button', { name: 'Löschen', exact: true }).click();
    await owner.page.getByTestId('customer-list').waitFor();
    await colleagueRow.waitFor({ state: 'detached' });

    await undoIn(owner.page).click();
    await owner.page.locator('.toast').getByText(`Kunde „Archivtest Löschbar KG“ (${customer.customerNumber}) ist wieder da.`).waitFor();
    await colleagueRow.waitFor();
    assert.match(await colleagueRow.innerText(), new RegExp(customer.customerNumber));
    await colleague.page
      .getByTestId('announcer')
      .getByText(/Löschen des Kunden „Archivtest Löschbar KG“ rückgängig gemacht/)
      .waitFor();

    await deleteCustomer(owner.page, customer.id);
    await colleagueRow.waitFor({ state: 'detached' });
    for (const session of [owner, colleague]) await session.context.close();
  });
});
