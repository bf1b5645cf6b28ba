// Duplicates seen before they are made and found among those that exist: a colleague entering the same
// company sees the owner's new customer appear as a hint while typing, with a link and the reason, may
// still create it, then finds both in "Mögliche Duplikate" and marks them "kein Duplikat".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertSoon, demo, expectAccessible, fileBrowser, screenshot, waitLive } from './browser.mjs';

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
    assert.equal(await group.getByRole('link').count(), 2);
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
});
