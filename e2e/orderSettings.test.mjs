import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demo, fileBrowser, newPage, screenshot, signIn } from './browser.mjs';

const chromium = fileBrowser();
const { signedIn } = chromium;

/** An order for a demo customer, placed through the API the page itself uses. */
async function placeOrder(page, customerNumber) {
  return page.evaluate(async (number) => {
    const json = async (response) => {
      if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
      return response.json();
    };
    const headers = { 'content-type': 'application/json' };
    const customer = (await json(await fetch(`/api/v1/customers?q=${number}`))).items[0];
    const product = (await json(await fetch('/api/v1/products?catalog=online_services'))).items[0];
    const body = JSON.stringify({ catalog: 'online_services', lines: [{ productId: product.id, quantity: 1 }] });
    return (await json(await fetch(`/api/v1/customers/${customer.id}/orders`, { method: 'POST', headers, body }))).order;
  }, customerNumber);
}

describe('order settings', () => {
  it('the owner adds a status; a buyer’s open order page offers it live and the order moves forward through the reseller’s own steps', async () => {
    const buyer = await signedIn(demo.buyer);
    const order = await placeOrder(buyer.page, '10170');
    await buyer.page.goto(`/orders/${order.id}`);
    const actions = buyer.page.locator('.order-status-actions');
    await actions.getByRole('button', { name: 'Auf „Beim Distributor bestellt“ setzen' }).waitFor();
    assert.deepEqual(await actions.getByRole('button').allInnerTexts(), ['Auf „Beim Distributor bestellt“ setzen', 'In Bearbeitung nehmen', 'Erfüllen', 'Stornieren']);

    const owner = await signedIn(demo.owner);
    await owner.page.goto('/settings#order-statuses');
    const form = owner.page.getByTestId('order-statuses-form');
    await form.waitFor();
    // A new status without a name is refused at its row.
    await form.getByTestId('add-order-status').click();
    await form.getByRole('button', { name: 'Speichern' }).click();
    await form.locator('.field-error', { hasText: 'Bitte füllen Sie dieses Feld aus.' }).waitFor();
    await owner.page.keyboard.type('Wartet auf Kunde');
    // Moved up to come right after "Beim Distributor bestellt" (row 6 → 3).
    for (const position of [6, 5, 4]) await form.getByRole('button', { name: `${position}. Status nach oben` }).click();
    await screenshot(owner.page, 'order-settings-edit');
    // Leaving with the unsaved list asks first; staying keeps what was typed.
    await owner.page.getByRole('link', { name: 'Meine Kunden' }).click();
    const guard = owner.page.getByRole('dialog').filter({ has: owner.page.getByTestId('unsaved-changes') });
    await guard.getByRole('button', { name: 'Weiter bearbeiten' }).click();
    assert.equal(await form.getByLabel('Name des 3. Status').inputValue(), 'Wartet auf Kunde');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await owner.page.getByText('Die Bestellstatus wurden gespeichert.').waitFor();

    // The buyer's page learns the new step without reload, in the reseller's order.
    await actions.getByRole('button', { name: 'Auf „Wartet auf Kunde“ setzen' }).waitFor();
    assert.deepEqual(await actions.getByRole('button').allInnerTexts(), [
      'Auf „Beim Distributor bestellt“ setzen',
      'Auf „Wartet auf Kunde“ setzen',
      'In Bearbeitung nehmen',
      'Erfüllen',
      'Stornieren',
    ]);
    await actions.getByRole('button', { name: 'Auf „Wartet auf Kunde“ setzen' }).click();
    await buyer.page.getByText(`Bestellung ${order.orderNumber} hat jetzt den Status „Wartet auf Kunde“.`).waitFor();
    const heading = buyer.page.getByRole('heading', { name: new RegExp(`Bestellung ${order.orderNumber}`) });
    await heading.getByText('Wartet auf Kunde').waitFor();
    // Forward only: the earlier step is no longer offered.
    assert.deepEqual(await actions.getByRole('button').allInnerTexts(), ['In Bearbeitung nehmen', 'Erfüllen', 'Stornieren']);
    assert.match(await buyer.page.getByTestId('order-history').innerText(), /Bestellstatus geändert: Wartet auf Kunde/);
    await screenshot(buyer.page, 'order-settings-order-page');

    // English shows the product's names for built-in statuses and the reseller's own names as typed.
    await buyer.page.getByTestId('lang-switch').getByText('EN', { exact: true }).click();
    await actions.getByRole('button', { name: 'Start processing' }).waitFor();
    await buyer.page
      .getByRole('heading', { name: new RegExp(`Order ${order.orderNumber}`) })
      .getByText('Wartet auf Kunde')
      .waitFor();
  });

  it('a Standard partner sets a markup; a Basic partner sees why it cannot', async () => {
    const standard = await newPage(chromium.browser);
    await signIn(standard.page, demo.standardOwner);
    await standard.page.waitForURL((url) => !url.pathname.startsWith('/signin'));
    await standard.page.goto('/settings');
    const markup = standard.page.getByTestId('markup-settings');
    await markup.getByLabel('Standard-Aufschlag (%)').fill('250');
    await markup.getByRole('button', { name: 'Speichern' }).click();
    await markup.locator('.field-error', { hasText: 'Dieser Wert ist zu groß.' }).waitFor();
    await markup.getByLabel('Standard-Aufschlag (%)').fill('12,5');
    await markup.getByRole('button', { name: 'Speichern' }).click();
    await standard.page.getByText('Der Aufschlag wurde gespeichert').waitFor();
    await standard.page.reload();
    assert.equal(await standard.page.getByTestId('markup-settings').getByLabel('Standard-Aufschlag (%)').inputValue(), '12,50');

    const basic = await signedIn(demo.owner);
    await basic.page.goto('/settings');
    const basicMarkup = basic.page.getByTestId('markup-settings');
    assert.equal(await basicMarkup.getByLabel('Standard-Aufschlag (%)').isDisabled(), true);
    await basicMarkup.getByText('Nur Standard-Partner berechnen einen Aufschlag.').waitFor();
  });
});
