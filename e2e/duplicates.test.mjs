// Duplicates seen before they are made and found among those that exist: a colleague entering the same
// company sees the owner's new customer appear as a hint while typing, with a link and the reason, may
// still create it, then finds both in "Mögliche Duplikate" and marks them "kein Duplikat". Another pair
// is merged keeping the new company name, while a colleague's open view of the removed customer says
// where it went; the old number still finds the customer; then the merge is undone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertSoon, demo, expectAccessible, fileBrowser, open, screenshot, waitLive } from './browser.mjs';

const chromium = fileBrowser();

async function signedIn(email) {
  const session = await chromium.signedIn(email);
  await waitLive(session.page);
  return session;
}

/** Calls the API from the signed-in page (same origin, its cookie). */
const call = (page, method, path, body) =>
  page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
      return { status: response.status, body: response.status === 204 ? null : await response.json() };
    },
    { method, path, body },
  );

describe('possible duplicates', () => {
  it('warns while a colleague enters the same customer, then finds the pair and marks it "kein Duplikat"', async () => {
    const owner = await signedIn(demo.owner);
    const colleague = await signedIn(demo.admin);
    const stamp = Date.now().toString(36);
    const company = `Schreinerei Dupli${stamp}`;
    const email = `info@dupli-${stamp}.example`;

    // The colleague starts entering the customer; nothing like it exists yet.
    await colleague.page.getByTestId('new-customer').click();
    const form = colleague.page.getByTestId('new-customer-form');
    await colleague.page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-testid="new-customer-form"] input[name="customerNumber"]')?.value ?? ''));
    await form.getByLabel(/^Firma/).fill(`${company} GmbH`);
    const hints = colleague.page.getByTestId('duplicate-hints');
    await colleague.page.waitForTimeout(800);
    assert.equal(await hints.count(), 0);

    // Meanwhile the owner creates it as a sole trader: the colleague's dialog names it, live.
    const made = await call(owner.page, 'POST', '/api/v1/customers', {
      customerNumber: `DUP-${stamp}`,
      company: `${company} e.K.`,
      email,
      address: 'Holzweg 1',
      postalCode: '10115',
      city: 'Berlin',
      country: 'DE',
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const existing = made.body.customer;
    await hints.waitFor();
    const link = hints.getByRole('link', { name: new RegExp(`${company} e\\.K\\. \\(DUP-${stamp}\\)`) });
    assert.equal(await link.getAttribute('href'), `/customers/${existing.id}`);
    assert.match(await hints.innerText(), /gleicher Firmenname/);

    // Typing the same e-mail adds the stronger reason.
    await form.getByLabel(/^E-Mail/).fill(email);
    await assertSoon(async () => assert.match(await hints.innerText(), /gleiche E-Mail-Adresse, gleiche Domain, gleicher Firmenname/));
    await expectAccessible(colleague.page, 'new-customer dialog with duplicate hints');
    await screenshot(colleague.page, 'duplicates-hints');

    // The user may still create it.
    await form.getByLabel(/Straße und Hausnummer/).fill('Holzweg 2');
    await form.getByLabel(/Postleitzahl/).fill('10115');
    await form.getByLabel(/^Ort/).fill('Berlin');
    await form.getByRole('button', { name: 'OK' }).click();
    await form.waitFor({ state: 'detached' });
    const second = await call(colleague.page, 'GET', `/api/v1/customers?q=${encodeURIComponent(email)}&limit=5`);
    const created = second.body.items.find((customer) => customer.id !== existing.id);
    assert.ok(created, 'the colleague created the customer despite the hint');

    // "Mögliche Duplikate" lists the pair once, under the strongest reason.
    await colleague.page.getByTestId('duplicates-link').click();
    await colleague.page.getByRole('heading', { name: 'Mögliche Duplikate', level: 1 }).waitFor();
    const group = colleague.page.getByTestId('duplicate-group').filter({ hasText: email });
    await group.waitFor();
    assert.match(await group.getByRole('heading').innerText(), new RegExp(`gleiche E-Mail-Adresse: ${email.replaceAll('.', '\\.')}`));
    // Each customer's link, and one "Zusammenführen" for the pair.
    assert.equal(await group.getByRole('link').count(), 3);
    assert.equal(await group.getByRole('link', { name: /zusammenführen$/ }).count(), 1);
    assert.equal(
      await colleague.page
        .getByTestId('duplicate-group')
        .filter({ hasText: `DUP-${stamp}` })
        .count(),
      1,
    );
    await expectAccessible(colleague.page, 'possible duplicates');
    await screenshot(colleague.page, 'duplicates-list');

    // "Kein Duplikat": the pair does not come back, also after a reload.
    await group.getByRole('button', { name: 'Kein Duplikat' }).click();
    await group.waitFor({ state: 'detached' });
    await colleague.page.reload();
    await colleague.page.getByRole('heading', { name: 'Mögliche Duplikate', level: 1 }).waitFor();
    await colleague.page.waitForLoadState('networkidle');
    assert.equal(
      await colleague.page
        .getByTestId('duplicate-group')
        .filter({ hasText: `DUP-${stamp}` })
        .count(),
      0,
    );

    // Leaves the demo data as it was for the other browser tests.
    for (const id of [existing.id, created.id]) assert.equal((await call(owner.page, 'DELETE', `/api/v1/customers/${id}`)).status, 204);
    await owner.context.close();
    await colleague.context.close();
  });

  it('warns, finds the pair, merges it with the chosen values, and undoes the merge', async () => {
    const owner = await signedIn(demo.owner);
    const colleague = await signedIn(demo.admin);
    const stamp = Date.now().toString(36);
    const company = `Elektro Zusammen${stamp}`;

    // The customer as it exists: a GmbH; the sole trader's domain will move to it.
    const existing = (
      await call(owner.page, 'POST', '/api/v1/customers', {
        customerNumber: `MRG-${stamp}`,
        company: `${company} GmbH`,
        email: `info@zusammen-${stamp}.example`,
        address: 'Kabelweg 1',
        postalCode: '80331',
        city: 'München',
        country: 'DE',
      })
    ).body.customer;

    // Warn: the owner types the same company as a sole trader; the dialog names the existing one.
    await owner.page.getByTestId('new-customer').click();
    const form = owner.page.getByTestId('new-customer-form');
    await owner.page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-testid="new-customer-form"] input[name="customerNumber"]')?.value ?? ''));
    await form.getByLabel(/^Firma/).fill(`${company} e.K.`);
    const hints = owner.page.getByTestId('duplicate-hints');
    await hints.getByRole('link', { name: new RegExp(`MRG-${stamp}`) }).waitFor();
    // The user still creates it, with a phone number the existing one lacks.
    await form.getByLabel(/^E-Mail/).fill(`kontakt@zusammen-${stamp}.example`);
    await form.getByLabel(/^Telefon/).fill('+49 89 555 0101');
    await form.getByLabel(/Straße und Hausnummer/).fill('Kabelweg 2');
    await form.getByLabel(/Postleitzahl/).fill('80331');
    await form.getByLabel(/^Ort/).fill('München');
    const newNumber = await form.locator('input[name="customerNumber"]').inputValue();
    await form.getByRole('button', { name: 'OK' }).click();
    await form.waitFor({ state: 'detached' });
    const created = (await call(owner.page, 'GET', `/api/v1/customers?q=${encodeURIComponent(newNumber)}&limit=5`)).body.items.find(
      (customer) => customer.customerNumber === newNumber,
    );
    assert.ok(created, 'the new customer was created despite the hint');
    const domain = await call(owner.page, 'POST', `/api/v1/customers/${created.id}/domains`, { name: `zusammen-${stamp}.example` });
    assert.equal(domain.status, 201, JSON.stringify(domain.body));

    // A colleague has the new customer open.
    await open(colleague.page, `/customers/${created.id}`);
    await colleague.page.getByTestId('customer-header').waitFor();

    // Find: the pair is in "Mögliche Duplikate"; its "Zusammenführen" opens the side-by-side view (keyboard).
    await owner.page.getByTestId('duplicates-link').click();
    await owner.page.getByRole('heading', { name: 'Mögliche Duplikate', level: 1 }).waitFor();
    const group = owner.page
      .getByTestId('duplicate-group')
      .filter({ hasText: `MRG-${stamp}` })
      .first();
    await group.waitFor();
    const mergeLink = group.getByTestId('duplicate-merge');
    await mergeLink.focus();
    await owner.page.keyboard.press('Enter');
    await owner.page.getByRole('heading', { name: 'Kunden zusammenführen', level: 1 }).waitFor();
    const table = owner.page.getByTestId('merge-table');
    await table.waitFor();

    // The group's first member stays; swap if the list put the new one first.
    const survivorHeader = await table.locator('thead th').nth(1).innerText();
    if (!survivorHeader.includes(`MRG-${stamp}`)) {
      await owner.page.getByTestId('merge-swap').click();
      await assertSoon(async () => assert.match(await table.locator('thead th').nth(1).innerText(), new RegExp(`MRG-${stamp}`)));
    }
    // Defaults: the survivor's company, and the other's phone because the survivor has none.
    assert.equal(await owner.page.getByTestId('merge-company-survivor').isChecked(), true);
    assert.equal(await owner.page.getByTestId('merge-phone-merged').isChecked(), true);
    // The company of the sole trader stays: arrow keys move the row's choice.
    await owner.page.getByTestId('merge-company-survivor').focus();
    await owner.page.keyboard.press('ArrowRight');
    assert.equal(await owner.page.getByTestId('merge-company-merged').isChecked(), true);
    await expectAccessible(owner.page, 'merge view');
    await screenshot(owner.page, 'merge-view');

    await owner.page.getByTestId('merge-submit').focus();
    await owner.page.keyboard.press('Enter');

    // The survivor's page: the chosen name, the undo banner for 10 minutes.
    await owner.page.waitForURL(`**/customers/${existing.id}`);
    await owner.page.getByRole('heading', { name: `${company} e.K.`, level: 1 }).waitFor();
    const banner = owner.page.getByTestId('merge-undo-banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), new RegExp(`Mit ${newNumber} zusammengeführt`));

    // The colleague's open view of the removed customer says where it went, with a link.
    const away = colleague.page.getByTestId('customer-merged-away');
    await away.waitFor();
    assert.match(await away.innerText(), new RegExp(`mit MRG-${stamp} zusammengeführt`));
    await away.getByRole('link', { name: `Zu Kunde MRG-${stamp}` }).click();
    await colleague.page.waitForURL(`**/customers/${existing.id}`);
    // What hung on the removed customer is on the survivor now (its domain), and the phone number chosen by default.
    assert.deepEqual(
      (await call(colleague.page, 'GET', `/api/v1/customers/${existing.id}/domains?limit=5`)).body.items.map((item) => item.name),
      [`zusammen-${stamp}.example`],
    );
    assert.equal((await call(colleague.page, 'GET', `/api/v1/customers/${existing.id}`)).body.customer.phone, '+49 89 555 0101');

    // The old number still finds the customer in the list search.
    await open(colleague.page, `/customers?q=${encodeURIComponent(newNumber)}`);
    await assertSoon(async () => {
      const rows = colleague.page.locator('tbody tr');
      assert.equal(await rows.count(), 1);
      assert.equal(await rows.first().locator(`a[href="/customers/${existing.id}"]`).count(), 1);
    });

    // Undo, by keyboard: both customers are back, apart.
    await owner.page.getByTestId('merge-undo').focus();
    await owner.page.keyboard.press('Enter');
    await banner.waitFor({ state: 'detached' });
    await owner.page.getByRole('heading', { name: `${company} GmbH`, level: 1 }).waitFor();
    const back = await call(owner.page, 'GET', `/api/v1/customers/${created.id}`);
    assert.equal(back.status, 200);
    assert.equal(back.body.customer.customerNumber, newNumber);
    assert.deepEqual(
      (await call(owner.page, 'GET', `/api/v1/customers/${created.id}/domains?limit=5`)).body.items.map((item) => item.name),
      [`zusammen-${stamp}.example`],
    );
    // The colleague's search for the number follows live: the customer that carries it is listed again.
    await assertSoon(async () => {
      const rows = colleague.page.locator('tbody tr');
      assert.equal(await rows.count(), 1);
      assert.equal(await rows.first().locator(`a[href="/customers/${created.id}"]`).count(), 1);
    });

    // From the list as well: two selected customers offer "Zusammenführen", which opens the same view.
    await open(owner.page, `/customers?q=${encodeURIComponent(`Zusammen${stamp}`)}`);
    const rows = owner.page.getByTestId('customer-list').locator('tbody tr');
    await assertSoon(async () => assert.equal(await rows.count(), 2));
    for (const index of [0, 1]) {
      await rows.nth(index).getByRole('checkbox').focus();
      await owner.page.keyboard.press('Space');
    }
    await owner.page.getByTestId('bulk-merge').focus();
    await owner.page.keyboard.press('Enter');
    await owner.page.getByTestId('merge-table').waitFor();
    const heads = await owner.page.getByTestId('merge-table').locator('thead').innerText();
    assert.match(heads, new RegExp(`MRG-${stamp}`));
    assert.match(heads, new RegExp(newNumber));

    // Leaves the demo data as it was for the other browser tests.
    for (const id of [existing.id, created.id]) assert.equal((await call(owner.page, 'DELETE', `/api/v1/customers/${id}`)).status, 204);
    await owner.context.close();
    await colleague.context.close();
  });
});
