import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, demo, launchBrowser, newPage, screenshot, signIn } from './browser.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function openSettings() {
  const session = await newPage(browser);
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
  await signIn(session.page, demo.owner);
  await session.page.getByTestId('customer-list').waitFor();
  await session.page.getByTestId('nav').getByText('Einstellungen').click();
  return session;
}

/** What an integration does with the token: plain HTTP, no browser, no cookie. */
const withToken = (secret, path, init = {}) =>
  fetch(`${BASE_URL}${path}`, { ...init, headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', ...init.headers } });

// The refused http address is a 422 the story provokes on purpose; the browser logs it.
const unexpected = (problems) => problems.filter((problem) => !/status of 422/.test(problem));

describe('API tokens and webhooks in Settings', () => {
  it('creates a read-only token whose secret is shown once and works from outside; revoking it locks it out at once', async () => {
    const { context, page, problems } = await openSettings();
    const section = page.getByTestId('api-tokens-tab');
    await section.getByText('Noch keine API-Tokens').waitFor();
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'integrations-empty');

    await section.getByRole('button', { name: 'Token erstellen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Token erstellen' }).click();
    await dialog.getByText('Bitte wählen Sie mindestens eine Berechtigung.').waitFor();
    assert.equal(await dialog.getByLabel('Name').getAttribute('aria-invalid'), 'true');
    await screenshot(page, 'integrations-token-errors');

    await dialog.getByLabel('Name').fill('Warenwirtschaft');
    await dialog.getByRole('checkbox', { name: /Kunden ansehen/ }).check();
    await dialog.getByRole('button', { name: 'Token erstellen' }).click();
    const shown = dialog.getByTestId('one-time-secret');
    await shown.getByText('Nur jetzt sichtbar').waitFor();
    const secret = await shown.getByLabel('Ihr API-Token').inputValue();
    assert.match(secret, /^dsk_/);
    await shown.getByRole('button', { name: 'Kopieren' }).click();
    await shown.getByText('In die Zwischenablage kopiert.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
    await screenshot(page, 'integrations-token-secret');
    await shown.getByRole('button', { name: 'Fertig' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = section.getByRole('row').filter({ hasText: 'Warenwirtschaft' });
    await row.waitFor();
    const rowText = await row.innerText();
    assert.match(rowText, /Kunden ansehen/);
    assert.match(rowText, /Aktiv/);
    assert.ok(rowText.includes(secret.slice(0, 10)), 'the row shows the prefix of the secret');
    assert.ok(!(await page.content()).includes(secret), 'after closing, the page no longer holds the secret');

    const mine = await page.request.get('/api/v1/customers');
    const read = await withToken(secret, '/api/v1/customers');
    assert.equal(read.status, 200);
    const customers = (await read.json()).items.map((customer) => customer.id);
    assert.ok(customers.length > 0);
    assert.deepEqual(
      customers,
      (await mine.json()).items.map((customer) => customer.id),
      "the token sees what the owner sees: Alpen IT's customers",
    );
    const write = await withToken(secret, '/api/v1/customers', {
      method: 'POST',
      body: JSON.stringify({
        customerNumber: 'E2E-TOKEN-1',
        company: 'Token GmbH',
        email: 'erp@token.example',
        address: 'Weg 1',
        postalCode: '12345',
        city: 'Berlin',
        country: 'DE',
      }),
    });
    assert.equal(write.status, 403);

    await row.getByRole('button', { name: /Widerrufen/ }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText(/erhalten sofort keinen Zugriff mehr/).waitFor();
    await confirm.getByRole('button', { name: 'Widerrufen' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await row.locator('.status-badge', { hasText: 'Widerrufen' }).waitFor();
    assert.equal(await row.getByRole('button', { name: /Widerrufen/ }).count(), 0, 'a revoked token offers no second revoke');
    const revoked = await withToken(secret, '/api/v1/customers');
    assert.equal(revoked.status, 401);
    assert.equal((await revoked.json()).error.code, 'invalid_token');
    await screenshot(page, 'integrations-token-revoked');

    // Keyboard: the dialog opens from the button, Escape closes it and focus returns.
    const create = section.getByRole('button', { name: 'Token erstellen' });
    await create.focus();
    await page.keyboard.press('Enter');
    await dialog.getByLabel('Name').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await create.evaluate((button) => button === document.activeElement), true);

    assert.deepEqual(unexpected(problems), []);
    await context.close();
  });

  it('refuses a plain-http webhook at the field, shows the signing secret once, and lists the delivery of a new customer honestly', async () => {
    const { context, page, problems } = await openSettings();
    const section = page.getByTestId('webhooks-tab');
    await section.getByText('Noch keine Webhooks').waitFor();
    await section.getByRole('button', { name: 'Webhook hinzufügen' }).click();
    const dialog = page.getByRole('dialog');
    const url = dialog.getByLabel('Adresse');
    await url.fill('http://example.com');
    await dialog.getByRole('checkbox', { name: /Kunde angelegt/ }).check();
    await dialog.getByRole('button', { name: 'Webhook hinzufügen' }).click();
    const httpsError = dialog.locator('.field-error', { hasText: 'Bitte geben Sie eine verschlüsselte Adresse an, die mit https:// beginnt.' });
    await httpsError.waitFor();
    assert.equal(await url.getAttribute('aria-invalid'), 'true');
    assert.ok((await url.getAttribute('aria-describedby')).split(' ').includes(await httpsError.getAttribute('id')), "the API's https_required is shown at the address field");
    await screenshot(page, 'integrations-webhook-https-error');

    await url.fill('https://example.invalid/hook');
    await dialog.getByLabel('Beschreibung (optional)').fill('Neue Kunden ins ERP');
    await dialog.getByRole('button', { name: 'Webhook hinzufügen' }).click();
    const shown = dialog.getByTestId('one-time-secret');
    await shown.getByText('Nur jetzt sichtbar').waitFor();
    const secret = await shown.getByLabel('Signatur-Secret').inputValue();
    assert.match(secret, /^whsec_/);
    await shown.getByText(/x-desk-signature: t=…,v1=…/).waitFor();
    await screenshot(page, 'integrations-webhook-secret');
    await shown.getByRole('button', { name: 'Fertig' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = section.getByRole('row').filter({ hasText: 'https://example.invalid/hook' });
    await row.waitFor();
    assert.match(await row.innerText(), /Kunde angelegt[\s\S]*Neue Kunden ins ERP[\s\S]*Aktiv/);
    assert.ok(!(await page.content()).includes(secret), 'after closing, the page no longer holds the secret');
    assert.ok(!(await (await page.request.get('/api/v1/webhooks')).text()).includes(secret), 'the API never lists the secret again');

    const created = await page.request.post('/api/v1/customers', {
      headers: { origin: BASE_URL },
      data: {
        customerNumber: `E2E-HOOK-${Date.now()}`,
        company: 'Webhook Test GmbH',
        email: 'hook@test.example',
        address: 'Weg 1',
        postalCode: '12345',
        city: 'Berlin',
        country: 'DE',
      },
    });
    assert.equal(created.status(), 201);

    await row.getByRole('button', { name: /Zustellungen/ }).click();
    const deliveries = page.getByTestId('webhook-deliveries');
    await deliveries.waitFor();
    // No network here: the delivery waits for its first attempt or for a retry; it is never "Zugestellt".
    const delivery = deliveries.getByRole('row').filter({ hasText: 'Kunde angelegt' });
    let state = '';
    for (let tries = 0; tries < 40; tries++) {
      if ((await delivery.count()) > 0) {
        state = await delivery.first().innerText();
        if (/Wird wiederholt|Fehlgeschlagen/.test(state)) break;
      }
      await page.waitForTimeout(500);
      await deliveries.getByRole('button', { name: 'Aktualisieren' }).click();
    }
    assert.match(state, /Ausstehend|Wird wiederholt|Fehlgeschlagen/, `a delivery row with its state, got: ${state}`);
    assert.doesNotMatch(state, /Zugestellt/);
    await screenshot(page, 'integrations-webhook-deliveries');
    await page.keyboard.press('Escape');
    await deliveries.waitFor({ state: 'hidden' });

    await row.getByRole('button', { name: /Deaktivieren/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Deaktivieren' }).click();
    await row.locator('.status-badge', { hasText: 'Deaktiviert' }).waitFor();
    await screenshot(page, 'integrations-webhook-deactivated');

    assert.deepEqual(unexpected(problems), []);
    await context.close();
  });
});
