import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demo, fileBrowser, screenshot, waitLive } from './browser.mjs';

const chromium = fileBrowser();

async function signedIn(email) {
  const session = await chromium.signedIn(email);
  await waitLive(session.page);
  return session;
}

const rowOf = (page, name) => page.getByTestId('customer-list').locator('tbody tr').filter({ hasText: name });

async function openCustomer(page, number) {
  await page.goto(`/customers?q=${number}`);
  await page.getByTestId('customer-list').locator('tbody tr a').first().click();
  await page.getByTestId('customer-info-form').waitFor();
  await waitLive(page);
}

describe('live collaboration', () => {
  it('shows a colleague’s new and edited customer without reload, never to another reseller', async () => {
    const owner = await signedIn(demo.owner);
    const buyer = await signedIn(demo.buyer);
    const stranger = await signedIn(demo.otherBasicOwner);
    // The owner watches a search; the buyer's new customer matches it and appears there.
    await owner.page.goto('/customers?q=livetest');
    await owner.page.getByText('Keine passenden Kunden').waitFor();
    await owner.page.getByTestId('online-colleagues').waitFor();

    await buyer.page.getByTestId('new-customer').click();
    const form = buyer.page.getByTestId('new-customer-form');
    await form.getByLabel(/^Firma/).fill('Livetest Kälte GmbH');
    await form.getByLabel(/^E-Mail/).fill('info@livetest.example');
    await form.getByLabel(/Straße und Hausnummer/).fill('Ringstraße 1');
    await form.getByLabel(/Postleitzahl/).fill('80331');
    await form.getByLabel(/^Ort/).fill('München');
    await buyer.page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    await buyer.page.getByRole('dialog').waitFor({ state: 'hidden' });

    const row = rowOf(owner.page, 'Livetest Kälte GmbH');
    await row.waitFor();
    assert.equal(await owner.page.getByTestId('customer-count').innerText(), '1 Kunde');
    assert.match(await row.getAttribute('class'), /row-flash/);

    // The buyer edits the city; the owner's row changes in place.
    await buyer.page.goto('/customers?q=livetest');
    await buyer.page.getByRole('link', { name: 'Livetest Kälte GmbH' }).click();
    const buyerForm = buyer.page.getByTestId('customer-info-form');
    await buyerForm.getByLabel(/^Ort/).fill('Augsburg');
    await buyerForm.getByLabel(/Postleitzahl/).fill('86150');
    await buyer.page.getByRole('button', { name: 'Aktualisieren' }).click();
    await buyer.page.getByText('Alle Änderungen gespeichert.').waitFor();
    await row.locator('td[data-column="city"]', { hasText: 'Augsburg' }).waitFor();
    await screenshot(owner.page, 'live-row-updated');

    // The stranger of another reseller searched for it too and sees nothing.
    await stranger.page.goto('/customers?q=livetest');
    await stranger.page.getByText('Keine passenden Kunden').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await rowOf(stranger.page, 'Livetest').count(), 0);
    for (const session of [owner, buyer, stranger]) await session.context.close();
  });

  it('shows who views and edits a customer, merges edits of different fields and lets the user choose on the same field', async () => {
    const owner = await signedIn(demo.owner);
    const buyer = await signedIn(demo.buyer);
    await openCustomer(owner.page, '10200');
    await openCustomer(buyer.page, '10200');
    const ownerForm = owner.page.getByTestId('customer-info-form');
    const buyerForm = buyer.page.getByTestId('customer-info-form');

    // Presence: each sees the other; typing turns "views" into "edits".
    await owner.page
      .getByTestId('customer-presence')
      .getByText(/Max Vertrieb|sieht sich diesen Kunden an/)
      .waitFor();
    await buyerForm.getByLabel(/^Mobil/).fill('+49 170 3333333');
    await owner.page
      .getByTestId('customer-presence')
      .getByText(/bearbeitet diesen Kunden/)
      .waitFor();
    await screenshot(owner.page, 'live-presence-editing');

    // Different fields: the owner saves the phone, the buyer's mobile is merged onto it by itself.
    await ownerForm.getByLabel(/^Telefon/).fill('+49 89 4444444');
    await owner.page.getByRole('button', { name: 'Aktualisieren' }).click();
    await owner.page.getByText('Alle Änderungen gespeichert.').waitFor();
    await buyer.page.getByTestId('customer-changed-by').waitFor();
    assert.equal(await buyerForm.getByLabel(/^Telefon/).inputValue(), '+49 89 4444444', 'the colleague’s phone arrived live');
    assert.equal(await buyerForm.getByLabel(/^Mobil/).inputValue(), '+49 170 3333333', 'the buyer’s input is kept');
    await buyer.page.getByRole('button', { name: 'Aktualisieren' }).click();
    await buyer.page.getByText('Alle Änderungen gespeichert.').waitFor();
    await owner.page.getByTestId('customer-changed-by').waitFor();
    assert.equal(await ownerForm.getByLabel(/^Mobil/).inputValue(), '+49 170 3333333');
    assert.equal(await ownerForm.getByLabel(/^Telefon/).inputValue(), '+49 89 4444444');

    // The same field: both values are shown and the later saver chooses.
    await buyerForm.getByLabel(/^Ort/).fill('Rosenheim');
    await ownerForm.getByLabel(/^Ort/).fill('Freising');
    await owner.page.getByRole('button', { name: 'Aktualisieren' }).click();
    await owner.page.getByText('Alle Änderungen gespeichert.').waitFor();
    await buyer.page.getByRole('button', { name: 'Aktualisieren' }).click();
    const banner = buyer.page.getByTestId('conflict-banner');
    await banner.waitFor();
    const cityRow = banner.locator('tr[data-field="city"]');
    assert.match(await cityRow.innerText(), /Rosenheim[\s\S]*Freising/);
    await screenshot(buyer.page, 'live-conflict-choice');
    await cityRow.getByRole('radio', { name: 'Freising' }).check();
    await banner.getByRole('button', { name: 'Auswahl übernehmen und speichern' }).click();
    await banner.waitFor({ state: 'hidden' });
    assert.equal(await buyerForm.getByLabel(/^Ort/).inputValue(), 'Freising');
    assert.equal(await buyer.page.getByTestId('customer-info-form').locator('.form-status').innerText(), 'Alle Änderungen gespeichert.');

    // Leaving the customer clears the presence.
    await buyer.page.goto('/customers');
    await owner.page.getByTestId('customer-presence').waitFor({ state: 'hidden' });
    await owner.context.close();
    await buyer.context.close();
  });
});
