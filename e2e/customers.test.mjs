import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertSoon, demo, launchBrowser, newPage, screenshot, showColumns, signIn } from './browser.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function openCustomers(email = demo.owner) {
  const session = await newPage(browser);
  await signIn(session.page, email);
  await session.page.getByTestId('customer-list').waitFor();
  return session;
}

const countText = (page) => page.getByTestId('customer-count').innerText();

describe('my customers', () => {
  it('creates a customer: a missing required field is shown at the field, fixed, saved and then found by search', async () => {
    const { context, page, problems } = await openCustomers();
    await page.getByTestId('new-customer').click();
    const dialog = page.getByRole('dialog');
    const form = dialog.getByTestId('new-customer-form');
    // A next free number is proposed (it arrives from the server after the dialog opens).
    await page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-testid="new-customer-form"] input[name="customerNumber"]')?.value ?? ''));
    assert.match(await form.getByLabel(/Kundennummer/).inputValue(), /^\d+$/);
    await form.getByLabel(/^Firma/).fill('Bäckerei Wörle GmbH');
    await form.getByLabel(/^E-Mail/).fill('info@woerle.example');
    await form.getByLabel(/Straße und Hausnummer/).fill('Hauptstraße 7');
    await form.getByLabel(/Postleitzahl/).fill('8010');
    await form.getByLabel(/^Ort/).fill('Graz');
    // Country left empty, and 8010 is no German postal code: saving shows errors at those fields.
    await dialog.getByRole('button', { name: 'OK' }).click();
    await form.locator('.field-error').first().waitFor();
    await screenshot(page, 'customer-new-errors');
    const errors = await form.locator('.field-error').allInnerTexts();
    assert.ok(
      errors.some((text) => /Land/.test(text)),
      `country error expected, got ${errors.join(' | ')}`,
    );

    await form.getByLabel(/^Land/).selectOption('DE');
    await form.getByLabel(/Postleitzahl/).fill('8010');
    await form.getByLabel(/Postleitzahl/).blur();
    await form.getByText(/Postleitzahl passt nicht zum Land/).waitFor();
    await form.getByLabel(/^Land/).selectOption('AT');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Accent- and case-insensitive prefix search: "woerle" and "WORLE" both find Wörle.
    for (const query of ['woerle', 'WORL']) {
      const search = page.getByRole('searchbox', { name: 'Kunden suchen' });
      await search.fill(query);
      await page.waitForURL(new RegExp(`q=${query}`));
      await page.getByRole('link', { name: 'Bäckerei Wörle GmbH' }).waitFor();
      // The new row is already shown on top before the search answers: wait for the count to follow.
      await assertSoon(async () => assert.equal(await countText(page), '1 Kunde'));
    }
    // The URL holds the search: a reload shows the same view.
    await page.reload();
    await page.getByRole('link', { name: 'Bäckerei Wörle GmbH' }).waitFor();
    assert.equal(await page.getByRole('searchbox', { name: 'Kunden suchen' }).inputValue(), 'WORL');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('finds Müller as mueller and Muller, sorts by a column, and says when nothing matches', async () => {
    const { context, page } = await openCustomers();
    // Müller may be the contact person: the column shows it.
    await showColumns(page, ['Ansprechpartner']);
    const search = page.getByRole('searchbox', { name: 'Kunden suchen' });
    const names = () => page.getByTestId('customer-list').locator('tbody tr').allInnerTexts();
    await search.fill('mueller');
    await page.waitForURL(/q=mueller/);
    await assertSoon(async () => {
      const rows = await names();
      assert.ok(rows.length > 0 && rows.every((row) => /Müller/.test(row)), 'every row found by "mueller" has Müller');
    });
    const viaAe = await countText(page);
    assert.notEqual(viaAe, '301 Kunden');
    await search.fill('Muller');
    await page.waitForURL(/q=Muller/);
    await page.getByTestId('customer-list').locator('tbody tr').first().waitFor();
    await assertSoon(async () => assert.equal(await countText(page), viaAe));

    await page.getByRole('columnheader', { name: /^Ort/ }).getByRole('button').click();
    await page.waitForURL(/sort=city/);
    await assertSoon(async () => {
      const cities = await page.getByTestId('customer-list').locator('tbody tr td[data-column="city"]').allInnerTexts();
      assert.deepEqual(
        cities,
        [...cities].sort((a, b) => a.localeCompare(b, 'de')),
      );
    });

    await search.fill('zzzz-niemand');
    await page.getByText('Keine passenden Kunden').waitFor();
    await screenshot(page, 'customers-no-match');
    await context.close();
  });

  it('opens a customer, edits it, and shows a conflict instead of overwriting a colleague', async () => {
    const owner = await openCustomers();
    const buyer = await openCustomers(demo.buyer);
    for (const { page } of [owner, buyer]) {
      await page.goto('/customers?q=10150');
      await page.getByTestId('customer-list').locator('tbody tr a').first().click();
      await page.getByTestId('customer-header').waitFor();
    }
    const ownerForm = owner.page.getByTestId('customer-info-form');
    const buyerForm = buyer.page.getByTestId('customer-info-form');
    // Both type into the same field of the version they opened; the owner saves first.
    await buyerForm.getByLabel(/^Telefon/).fill('+49 89 222222');
    await ownerForm.getByLabel(/^Telefon/).fill('+49 89 111111');
    await owner.page.getByRole('button', { name: 'Aktualisieren' }).click();
    await owner.page.getByText('Alle Änderungen gespeichert.').waitFor();

    await buyer.page.getByRole('button', { name: 'Aktualisieren' }).click();
    const banner = buyer.page.getByTestId('conflict-banner');
    await banner.waitFor();
    await screenshot(buyer.page, 'customer-conflict');
    assert.match(await banner.innerText(), /\+49 89 111111/);
    await owner.page.reload();
    await owner.page.getByTestId('customer-info-form').waitFor();
    assert.equal(
      await owner.page
        .getByTestId('customer-info-form')
        .getByLabel(/^Telefon/)
        .inputValue(),
      '+49 89 111111',
    );

    // Reloading takes the colleague's state; saving again then works.
    await banner.getByRole('button', { name: /neu laden/ }).click();
    await banner.waitFor({ state: 'hidden' });
    await buyerForm.getByLabel(/^Mobil/).fill('+49 170 222222');
    await buyer.page.getByRole('button', { name: 'Aktualisieren' }).click();
    await buyer.page.getByText('Alle Änderungen gespeichert.').waitFor();
    assert.equal(await buyerForm.getByLabel(/^Telefon/).inputValue(), '+49 89 111111');
    await owner.context.close();
    await buyer.context.close();
  });

  it('tags selected rows in bulk, and the tag filter then shows exactly them', async () => {
    const { context, page } = await openCustomers();
    await showColumns(page, ['Kundennummer', 'Tags']);
    await page.goto('/customers?sort=customerNumber&dir=desc');
    const rows = page.getByTestId('customer-list').locator('tbody tr');
    await rows.first().waitFor();
    const picked = [];
    for (const index of [0, 1, 2]) {
      const row = rows.nth(index);
      picked.push(await row.locator('td[data-column="customerNumber"]').innerText());
      await row.getByRole('checkbox').check();
    }
    await page.getByTestId('bulk-bar').getByText('3 Kunden ausgewählt').waitFor();
    await page.getByTestId('bulk-assign').click();
    await page.getByRole('menuitem', { name: 'VIP' }).click();
    // A job now: the tray shows it to its end.
    await page.getByTestId('job-tray').getByTestId('job').filter({ hasText: 'Tag „VIP“ zuweisen' }).and(page.locator('[data-state="succeeded"]')).waitFor();

    await page.getByTestId('tag-filter').click();
    await page.getByRole('menuitemradio', { name: 'VIP' }).click();
    await page.waitForURL(/tag=tag_alpen_vip/);
    await assertSoon(async () => {
      const list = page.getByTestId('customer-list');
      const tagCells = await list.locator('tbody td[data-column="tags"]').allInnerTexts();
      assert.ok(tagCells.length > 0 && tagCells.every((cell) => cell.includes('VIP')), 'only VIP customers are listed');
      const numbers = await list.locator('tbody td[data-column="customerNumber"]').allInnerTexts();
      for (const number of picked) assert.ok(numbers.includes(number), `${number} carries VIP now`);
    });
    await screenshot(page, 'customers-bulk-tagged');
    await context.close();
  });

  it('refuses to delete a customer with products (reason shown) and deletes an empty one after confirmation', async () => {
    const { context, page } = await openCustomers();
    await page.goto('/customers?q=10005');
    await page.getByTestId('customer-list').locator('tbody tr a').first().click();
    await page.getByTestId('customer-actions').click();
    const deleteItem = page.getByRole('menuitem', { name: /Kunde löschen/ });
    assert.equal(await deleteItem.getAttribute('aria-disabled'), 'true');
    assert.match(await page.getByTestId('delete-blocked-reason').innerText(), /Produkte/);
    await screenshot(page, 'customer-delete-blocked');
    await page.keyboard.press('Escape');

    await page.goto('/customers?q=10299');
    await page.getByTestId('customer-list').locator('tbody tr a').first().click();
    await page.getByTestId('customer-header').waitFor();
    await page.getByTestId('customer-actions').click();
    await page.getByRole('menuitem', { name: /Kunde löschen/ }).click();
    const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
    await dialog.getByText(/10299/).waitFor();
    await dialog.getByRole('button', { name: 'Löschen', exact: true }).click();
    await page.waitForURL(/\/customers(\?|$)/);
    await page.goto('/customers?q=10299');
    await page.getByText('Keine passenden Kunden').waitFor();
    await context.close();
  });
});
