// Loading, error and optimistic states, made to happen by holding or failing API answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demo, launchBrowser, newPage, screenshot, signIn } from './browser.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Holds matching requests until `release` is called; `held` resolves with the first one. */
async function holdRequests(page, pattern) {
  let releaseAll;
  const released = new Promise((resolve) => (releaseAll = resolve));
  let markHeld;
  const held = new Promise((resolve) => (markHeld = resolve));
  await page.route(pattern, async (route) => {
    markHeld(route.request());
    const how = await released;
    await (how === 'fail'
      ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'Service unavailable' } }) })
      : route.continue());
  });
  return { held, release: (how = 'continue') => releaseAll(how) };
}

describe('loading, error and optimistic states', () => {
  it('shows the list loading, then a failure with a retry that brings the rows', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, demo.owner);
    await page.getByTestId('customer-list').waitFor();

    const first = await holdRequests(page, /\/api\/v1\/customers\?.*q=mueller/);
    await page.goto('/customers?q=mueller');
    await first.held;
    await page.locator('main .state-loading').waitFor();
    first.release('fail');
    const failure = page.locator('main .state-error');
    await failure.waitFor();
    await screenshot(page, 'state-list-error');
    await page.unroute(/\/api\/v1\/customers\?.*q=mueller/);
    await failure.getByRole('button', { name: 'Erneut versuchen' }).click();
    await page.getByTestId('customer-list').locator('tbody tr').first().waitFor();
    assert.equal(await failure.count(), 0);
    await context.close();
  });

  it('shows a new tag on the customer at once, and takes it back with the reason when saving fails', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, demo.owner);
    await page.getByTestId('customer-list').waitFor();
    await page.goto('/customers?q=10040');
    await page.getByTestId('customer-list').locator('tbody tr a').first().click();
    const chips = page.getByTestId('customer-tags');
    await chips.waitFor();
    const before = await chips.locator('.tag-name').allInnerTexts();
    const choice = await chips.locator('select option:not([value=""])').first().innerText();

    const save = await holdRequests(page, /\/api\/v1\/customers\/bulk-tags$/);
    await chips.getByRole('combobox').selectOption({ label: choice });
    await save.held;
    // The answer is still out: the chip is there already.
    await chips.locator('.tag-name', { hasText: choice }).waitFor();
    save.release('fail');
    await page.locator('.toast-error').waitFor();
    await chips.locator('.tag-name', { hasText: choice }).waitFor({ state: 'detached' });
    assert.deepEqual(await chips.locator('.tag-name').allInnerTexts(), before);
    await context.close();
  });
});
