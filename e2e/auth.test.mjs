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

describe('signing in and out', () => {
  it('signs the owner in to the customer list with the full menu, no console or CSP errors', async () => {
    const { context, page, problems } = await newPage(browser);
    await signIn(page, demo.owner);
    await page.waitForURL('**/customers');
    await page.getByTestId('customer-list').waitFor();
    assert.match(await page.getByTestId('user-menu').innerText(), /Anna Berger/);
    const nav = await page.getByTestId('nav').innerText();
    for (const entry of ['Meine Kunden', 'Einladungen', 'Aktivität', 'Einstellungen']) assert.match(nav, new RegExp(entry));
    assert.match(await page.locator('body').innerText(), /300 Kunden/);
    await screenshot(page, 'customers-owner');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('shows a clear error for a wrong password and stays on the sign-in page', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, demo.buyer, 'falsches-passwort');
    const error = page.getByTestId('signin-error');
    await error.waitFor();
    assert.match(await error.innerText(), /E-Mail-Adresse oder Passwort/);
    assert.match(page.url(), /\/signin/);
    await screenshot(page, 'signin-wrong-password');
    await context.close();
  });

  it('signs out: back to sign-in, and the customer list asks for a sign-in again', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, demo.admin);
    await page.getByTestId('customer-list').waitFor();
    await page.getByTestId('signout').click();
    await page.waitForURL('**/signin**');
    await page.goto('/customers');
    await page.waitForURL('**/signin**');
    await page.getByTestId('signin-form').waitFor();
    await context.close();
  });

  it('shows support staff only what they may see', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, demo.support);
    await page.getByTestId('customer-list').waitFor();
    const nav = await page.getByTestId('nav').innerText();
    assert.match(nav, /Meine Kunden/);
    for (const hidden of ['Einladungen', 'Aktivität', 'Einstellungen']) assert.doesNotMatch(nav, new RegExp(hidden));
    await context.close();
  });
});

describe('one person, two resellers', () => {
  it('asks which desk to open when the same address and password sign in to two resellers, and opens the chosen one', async () => {
    const consultant = { email: `beraterin.${Date.now()}@beispiel.example`, displayName: 'Berta Beraterin', role: 'buyer', password: 'Zwei-Haendler-2026' };
    // Each reseller's owner adds her; neither learns that the other did.
    for (const owner of [demo.owner, demo.otherBasicOwner]) {
      const { context, page } = await newPage(browser);
      await signIn(page, owner);
      await page.getByTestId('customer-list').waitFor();
      const status = await page.evaluate(
        async (body) => (await fetch('/api/v1/staff', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status,
        consultant,
      );
      assert.equal(status, 201);
      await context.close();
    }
    const { context, page, problems } = await newPage(browser);
    await signIn(page, consultant.email, consultant.password);
    const choices = page.getByTestId('signin-choices');
    await choices.waitFor();
    assert.match(await choices.innerText(), /mehrere Händler/);
    assert.deepEqual(await page.getByTestId('signin-choice').allInnerTexts(), ['Alpen IT Solutions GmbH', 'Bergblick Systeme GmbH']);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Alpen IT Solutions GmbH');
    await screenshot(page, 'signin-choose-reseller');
    await page.getByTestId('signin-choice').filter({ hasText: 'Bergblick' }).click();
    await page.getByTestId('customer-list').waitFor();
    assert.match(await page.locator('body').innerText(), /25 Kunden/);
    assert.deepEqual(
      problems.filter((problem) => !/409/.test(problem)),
      [],
    );
    await context.close();
  });
});

describe('the module gate', () => {
  it("explains to a Standard reseller's user why My Customers is not available instead of a broken page", async () => {
    const { context, page, problems } = await newPage(browser);
    await signIn(page, demo.standardOwner);
    await page.waitForURL('**/customers');
    const gate = page.getByTestId('module-gate');
    await gate.waitFor();
    assert.match(await gate.innerText(), /Basic/);
    assert.equal(await page.getByTestId('customer-list').count(), 0);
    await screenshot(page, 'module-gate-standard');
    assert.deepEqual(
      problems.filter((p) => !/403/.test(p)),
      [],
    );
    await context.close();
  });
});

describe('language', () => {
  it('switches to English and remembers it after a reload', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, demo.owner);
    await page.getByTestId('customer-list').waitFor();
    await page.getByTestId('lang-switch').getByText('EN', { exact: true }).click();
    await page.getByText('My Customers').first().waitFor();
    await page.reload();
    await page.getByTestId('customer-list').waitFor();
    assert.match(await page.getByTestId('nav').innerText(), /My Customers/);
    assert.match(await page.getByTestId('signout').innerText(), /Sign out/);
    await context.close();
  });
});

describe('static assets', () => {
  it('serves the app shell with a Content-Security-Policy and the SPA fallback for deep links', async () => {
    for (const path of ['/', '/customers/some-deep-link', '/signin']) {
      const response = await fetch(`${BASE_URL}${path}`);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/, path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.match(await response.text(), /<div id="(app|root)"/);
    }
  });
});
