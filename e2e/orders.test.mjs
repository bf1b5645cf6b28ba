import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASE_URL, demo, fileBrowser, screenshot, showColumns, waitLive } from './browser.mjs';

const chromium = fileBrowser();
const { signedIn } = chromium;

const cell = (page, column) => page.getByTestId('customer-list').locator(`tbody tr td[data-column="${column}"]`).first();
// A field's label, with the asterisk of a required one.
const field = (label) => new RegExp(`^${label}( \\*)?$`);
// Money is formatted with a no-break space before the currency sign.
const spaced = (text) => text.replace(/\s/g, ' ');
// A refused request (422/409) is logged by the browser itself; anything else on the console is a bug.
const realProblems = (problems) => problems.filter((text) => !/Failed to load resource: the server responded with a status of 4(09|22)/.test(text));

async function openTab(page, name) {
  await page.getByRole('tab', { name }).click();
}

describe('orders, subscriptions, licences, domains', () => {
  it('orders from the list, fulfils, shows the subscription, and a colleague’s list shows the new monthly revenue without reload', async () => {
    // The owner watches the list filtered to customer 10150, which has no products yet.
    const watcher = await signedIn(demo.owner);
    await watcher.page.goto('/customers?q=10150');
    await showColumns(watcher.page, ['Produkte']);
    await waitLive(watcher.page);
    assert.equal(spaced(await cell(watcher.page, 'monthlyRevenue').innerText()), '0,00 €');

    // The buyer selects the customer in the list and orders from the bulk bar.
    const buyer = await signedIn(demo.buyer);
    const { page } = buyer;
    await page.goto('/customers?q=10150');
    await waitLive(page);
    await page.getByTestId('customer-list').locator('tbody tr').first().getByRole('checkbox').check();
    await page.getByTestId('bulk-new-order').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'Onlinedienste' }).check();
    const product = dialog.getByLabel(field('Produkt'));
    await product.locator('option', { hasText: 'Microsoft 365 Business Standard' }).waitFor({ state: 'attached' });
    await product.selectOption(await product.locator('option', { hasText: 'Microsoft 365 Business Standard' }).getAttribute('value'));
    await dialog.getByLabel(field('Menge')).fill('5');
    await dialog.getByTestId('order-net-total').getByText('58,50 €').waitFor();
    await screenshot(page, 'orders-new-dialog');
    await dialog.getByRole('button', { name: 'Bestellung aufgeben' }).click();
    const placed = dialog.getByTestId('order-placed');
    await placed.getByText(/Bestellung \d+ wurde aufgegeben/).waitFor();
    const orderNumber = (await placed.locator('dd a').innerText()).trim();

    // Fulfilment (orders.write) creates the subscription; the dialog leads to it.
    await dialog.getByTestId('fulfil-order').click();
    await placed.getByText(`Bestellung ${orderNumber} wurde erfüllt`).waitFor();
    await screenshot(page, 'orders-fulfilled-dialog');
    await dialog.getByRole('link', { name: 'Abonnements anzeigen' }).click();
    const subscriptions = page.getByTestId('subscriptions-table');
    const subscription = subscriptions.locator('tbody tr', { hasText: 'Microsoft 365 Business Standard' });
    await subscription.waitFor();
    assert.equal(await subscription.locator('td[data-column="quantity"]').innerText(), '5');
    assert.match(await subscription.locator('td[data-column="state"]').innerText(), /Aktiv/);
    await screenshot(page, 'orders-subscriptions-tab');

    // The colleague's list got the new MRR (5 × 11,70 €) and product count live.
    await cell(watcher.page, 'monthlyRevenue').getByText('58,50 €').waitFor();
    assert.equal(await cell(watcher.page, 'productCount').innerText(), '1');
    await cell(watcher.page, 'monthlyRevenue').scrollIntoViewIfNeeded();
    await screenshot(watcher.page, 'orders-watcher-mrr');

    // The Orders tab links the order; its page shows lines and history.
    await openTab(page, 'Bestellungen');
    await page.getByRole('searchbox', { name: 'Bestellungen suchen' }).fill(orderNumber);
    await page.getByTestId('orders-table').getByRole('link', { name: orderNumber }).click();
    const orderPage = page.getByTestId('order-page');
    await orderPage.getByRole('heading', { name: `Bestellung ${orderNumber}` }).waitFor();
    assert.match(spaced(await page.getByTestId('order-lines').innerText()), /Microsoft 365 Business Standard[\s\S]*5[\s\S]*58,50 €/);
    assert.match(await page.getByTestId('order-history').innerText(), /Bestellung aufgegeben[\s\S]*Bestellung erfüllt/);
    await screenshot(page, 'orders-order-page');
    await orderPage.getByRole('link', { name: /Zurück zu/ }).click();

    // Three seats in use: the quantity cannot go below them (field error), four is fine and the MRR follows.
    await openTab(page, 'Assets');
    const licence = page.getByTestId('assets-table').locator('tbody tr', { hasText: 'Microsoft 365 Business Standard' });
    await licence.getByRole('button', { name: /Genutzte Plätze bearbeiten/ }).click();
    await page.getByTestId('seats-form').getByLabel(field('Genutzte Plätze')).fill('3');
    await page.getByTestId('seats-form').getByRole('button', { name: 'Speichern' }).click();
    await licence.getByText('3 von 5').waitFor();

    await openTab(page, 'Abonnements');
    await subscription.getByRole('button', { name: /Aktionen/ }).click();
    await page.getByRole('menuitem', { name: 'Menge ändern' }).click();
    const quantityForm = page.getByTestId('quantity-form');
    await quantityForm.getByLabel(field('Menge')).fill('2');
    await quantityForm.getByRole('button', { name: 'Speichern' }).click();
    await quantityForm.locator('.field-error', { hasText: 'nicht kleiner sein als die Zahl der bereits genutzten Lizenzplätze' }).waitFor();
    await screenshot(page, 'orders-quantity-below-seats');
    await quantityForm.getByLabel(field('Menge')).fill('4');
    await quantityForm.getByRole('button', { name: 'Speichern' }).click();
    await quantityForm.waitFor({ state: 'hidden' });
    await subscription.locator('td[data-column="quantity"]', { hasText: '4' }).waitFor();
    await cell(watcher.page, 'monthlyRevenue').getByText('46,80 €').waitFor();

    // Domains: added once; the same name again is refused at the field.
    await openTab(page, 'Domains');
    for (const attempt of [1, 2]) {
      await page.getByTestId('add-domain').click();
      const form = page.getByTestId('domain-form');
      await form.getByLabel(field('Domain')).fill('Baumann-Werkstatt.de');
      await form.getByLabel(field('Vertrag')).fill('V-2026-150');
      await form.getByLabel(field('Registrar')).fill('INWX');
      await form.getByRole('button', { name: 'Hinzufügen' }).click();
      if (attempt === 1) {
        await form.waitFor({ state: 'hidden' });
        await page.getByTestId('domains-table').getByRole('rowheader', { name: 'baumann-werkstatt.de' }).waitFor();
      } else {
        await form.locator('.field-error', { hasText: 'bereits einem Kunden zugeordnet' }).waitFor();
        await screenshot(page, 'orders-domain-taken');
        await page.getByRole('dialog').getByRole('button', { name: 'Abbrechen' }).click();
      }
    }

    // Users: the Plus button adds a portal user, who can be deactivated.
    await openTab(page, 'Benutzer');
    await page.getByTestId('add-portal-user').click();
    const userForm = page.getByTestId('portal-user-form');
    await userForm.getByLabel(field('Benutzername')).fill('L.Baumann');
    await userForm.getByLabel(field('Nachname')).fill('Baumann');
    await userForm.getByLabel(field('E-Mail')).fill('lukas@baumann-werkstatt.de');
    await userForm.getByRole('button', { name: 'Hinzufügen' }).click();
    const user = page.getByTestId('users-table').locator('tbody tr', { hasText: 'l.baumann' });
    await user.getByRole('button', { name: /Deaktivieren/ }).click();
    await user.getByText('Deaktiviert', { exact: true }).waitFor();
    await screenshot(page, 'orders-users-tab');

    assert.deepEqual(realProblems(buyer.problems), []);
    assert.deepEqual(realProblems(watcher.problems), []);
    await buyer.context.close();
    await watcher.context.close();
  });

  it('shows a long domain list a page at a time: "Mehr laden" brings the rest, and a new domain keeps all rows shown', async () => {
    const buyer = await signedIn(demo.buyer);
    const { page } = buyer;
    const [customer] = (await (await page.request.get('/api/v1/customers?q=10240&limit=1')).json()).items;
    const addDomain = async (name) => {
      const added = await page.request.post(`/api/v1/customers/${customer.id}/domains`, { headers: { origin: BASE_URL }, data: { name } });
      assert.equal(added.status(), 201);
    };
    for (let index = 0; index < 55; index++) await addDomain(`seite-${String(index).padStart(2, '0')}.example`);

    await page.goto(`/customers/${customer.id}?tab=domains`);
    await waitLive(page);
    const tab = page.getByTestId('domains-tab');
    const rows = page.getByTestId('domains-table').locator('tbody tr');
    await tab.getByText('Mehr als 50 Einträge').waitFor();
    assert.equal(await rows.count(), 50);
    assert.equal(await rows.last().getByRole('rowheader').innerText(), 'seite-49.example');
    await screenshot(page, 'orders-domains-load-more');

    await tab.getByRole('button', { name: 'Mehr laden' }).click();
    await tab.getByText('55 Einträge').waitFor();
    assert.equal(await rows.count(), 55);
    assert.equal(await rows.last().getByRole('rowheader').innerText(), 'seite-54.example');
    assert.equal(await tab.getByRole('button', { name: 'Mehr laden' }).count(), 0);

    // A colleague's new domain arrives live; the list is read again as long as it was, not cut back to one page.
    await addDomain('seite-99.example');
    await tab.getByText('56 Einträge').waitFor();
    assert.equal(await rows.last().getByRole('rowheader').innerText(), 'seite-99.example');

    assert.deepEqual(realProblems(buyer.problems), []);
    await buyer.context.close();
  });
});
