// A phone (375 × 812) and a wide screen: nothing sticks out sideways except inside a scroller of
// its own (the tables, the tab strip), and the main steps still work.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demo, launchBrowser, newPage, screenshot, signIn } from './browser.mjs';

const phone = { width: 375, height: 812 };

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Elements reaching past the right edge of the viewport that no scroll container of their own clips. */
async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const scrolls = (element) => /(auto|scroll|hidden|clip)/.test(getComputedStyle(element).overflowX);
    const sticking = [];
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.right <= window.innerWidth + 0.5) continue;
      let clipped = false;
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (scrolls(parent)) {
          clipped = true;
          break;
        }
      }
      if (!clipped)
        sticking.push(`${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).trim().replace(/\s+/g, '.')}` : ''} (${Math.round(box.right)} px)`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, sticking: sticking.slice(0, 10) };
  });
}

async function assertNoOverflow(page, label) {
  const { scrollWidth, innerWidth, sticking } = await horizontalOverflow(page);
  assert.deepEqual(sticking, [], `${label}: elements stick out of the ${innerWidth} px viewport`);
  assert.ok(scrollWidth <= innerWidth, `${label}: the page is ${scrollWidth} px wide on a ${innerWidth} px screen`);
}

async function assertSignOutFits(page) {
  const box = await page.getByTestId('signout').boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= page.viewportSize().width, `"Abmelden" fits the screen (ends at ${box && Math.round(box.x + box.width)} px)`);
}

async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.state-loading, [aria-busy="true"]'));
}

describe('responsive layout', () => {
  it('on a 375 px phone: the list, a customer with every tab, and the new-customer dialog fit the width', async () => {
    // A colleague online widens the top bar ("1 Kollege online"): it once pushed "Abmelden" off the screen.
    const colleague = await newPage(browser);
    await signIn(colleague.page, demo.buyer);
    await colleague.page.getByTestId('customer-list').waitFor();
    const { context, page, problems } = await newPage(browser, { viewport: phone });
    await signIn(page, demo.owner);
    const list = page.getByTestId('customer-list');
    await list.locator('tbody tr').first().waitFor();
    await page.getByTestId('online-colleagues').waitFor();
    await settled(page);
    await assertNoOverflow(page, 'customer list');
    await assertSignOutFits(page);
    await screenshot(page, 'phone-customer-list');

    // The menu folds out under the top bar.
    await page.getByRole('button', { name: 'Menü' }).click();
    await page.getByTestId('nav').getByRole('link', { name: 'Einladungen' }).waitFor();
    await assertNoOverflow(page, 'open menu');
    await page.getByRole('button', { name: 'Menü' }).click();

    await page.goto('/customers?q=10005');
    await list.locator('tbody tr a').first().click();
    await page.getByTestId('customer-header').waitFor();
    await settled(page);
    await assertNoOverflow(page, 'customer view');
    await screenshot(page, 'phone-customer-view');

    // More tabs than the width holds: the strip scrolls by itself and every tab stays reachable.
    const strip = page.getByRole('tablist');
    assert.ok(await strip.evaluate((element) => element.scrollWidth > element.clientWidth), 'the tab strip scrolls sideways');
    for (const tab of ['Bestellungen', 'Abonnements', 'Assets', 'Dienste', 'Domains', 'Benutzer']) {
      await page.getByRole('tab', { name: tab }).click();
      assert.equal(await page.getByRole('tab', { name: tab }).getAttribute('aria-selected'), 'true');
      await settled(page);
      await assertNoOverflow(page, `tab ${tab}`);
    }
    await page.getByRole('tab', { name: 'Abonnements' }).click();
    await settled(page);
    await screenshot(page, 'phone-customer-subscriptions');

    await page.goto('/customers');
    await page.getByTestId('new-customer').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Firma/).waitFor();
    await assertNoOverflow(page, 'new-customer dialog');
    const box = await dialog.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= phone.width, 'the dialog fits the screen');
    await screenshot(page, 'phone-new-customer');
    assert.deepEqual(problems, []);

    // A longer name and role beside "1 Kollege online": the top bar wraps instead of cutting "Abmelden" off.
    const buyerPhone = await newPage(browser, { viewport: phone });
    await signIn(buyerPhone.page, demo.buyer);
    await buyerPhone.page.getByTestId('online-colleagues').waitFor();
    await assertNoOverflow(buyerPhone.page, 'top bar of the buyer');
    await assertSignOutFits(buyerPhone.page);
    await screenshot(buyerPhone.page, 'phone-top-bar-buyer');
    await buyerPhone.context.close();
    await context.close();
    await colleague.context.close();
  });

  it('at 1280 px the list header keeps its buttons on one line', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, demo.owner);
    await page.getByTestId('customer-list').locator('tbody tr').first().waitFor();
    const tops = await page
      .locator('.page-actions > *')
      .evaluateAll((elements) => elements.map((element) => Math.round(element.getBoundingClientRect().top + element.getBoundingClientRect().height / 2)));
    assert.equal(new Set(tops).size, 1, `count, search and buttons share one line (middles at ${tops.join(', ')})`);
    await assertNoOverflow(page, 'customer list at 1280 px');
    await context.close();
  });

  it('on a wide screen (1920 px) nothing stretches past the edge', async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 1920, height: 1080 } });
    await signIn(page, demo.owner);
    await page.getByTestId('customer-list').locator('tbody tr').first().waitFor();
    await assertNoOverflow(page, 'customer list at 1920 px');
    await context.close();
  });
});
