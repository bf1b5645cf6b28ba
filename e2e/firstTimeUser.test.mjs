// What a first-time user of the demo data tripped over: search by the name as listed, German name
// order, the conflict choice out of view, a clipped menu, an id in a filter chip, a generic refusal
// instead of the module explanation, states that were no headings, the either-or of company and last
// name, menu items a role can never use, columns off screen at 1280 px and filters filling a phone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertSoon, demo, fileBrowser, newPage, screenshot, signIn } from './browser.mjs';

const browser = fileBrowser();

async function openCustomer(page, id) {
  await page.goto(`/customers/${id}`);
  await page.getByTestId('customer-header').waitFor();
}

/** The element's box lies wholly inside the viewport (what the user sees without scrolling). */
async function inViewport(locator) {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
  });
}

describe('search and sort as the list shows names', () => {
  it('finds "Elektro Neumann e.K." and "Malerbetrieb Huber GmbH & Co. KG" typed as listed, and a phone number typed with 0', async () => {
    const { context, page } = await browser.signedIn();
    const search = page.getByRole('searchbox');
    for (const [typed, name] of [
      ['Elektro Neumann e.K.', 'Elektro Neumann e.K.'],
      ['Malerbetrieb Huber GmbH & Co. KG', 'Malerbetrieb Huber GmbH & Co. KG'],
      ['0211 631134', 'Elektro Neumann e.K.'],
      ['Co. KG Malerbetrieb Hub', 'Malerbetrieb Huber GmbH & Co. KG'],
    ]) {
      await search.fill(typed);
      await assertSoon(async () => {
        assert.equal(await page.getByTestId('customer-count').innerText(), '1 Kunde', typed);
        assert.deepEqual(
          (await page.getByTestId('customer-list').locator('tbody th[data-column="name"]').allInnerTexts()).map((text) => text.trim()),
          [name],
          typed,
        );
      });
    }
    await screenshot(page, 'search-punctuated-name');
    await context.close();
  });

  it('sorts names the German way: "Anwaltskanzlei Bauer" before "Anwaltskanzlei Baumann", umlauts beside their vowel', async () => {
    const { context, page } = await browser.signedIn();
    await page.goto('/customers?q=Anwaltskanzlei&sort=name');
    const names = page.getByTestId('customer-list').locator('tbody th[data-column="name"]');
    await names.first().waitFor();
    const shown = (await names.allInnerTexts()).map((name) => name.trim());
    assert.ok(shown.length > 3, shown.join(' | '));
    assert.deepEqual(shown, [...shown].sort(new Intl.Collator('de').compare));
    const bauer = shown.findIndex((name) => name.startsWith('Anwaltskanzlei Bauer '));
    const baumann = shown.findIndex((name) => name.startsWith('Anwaltskanzlei Baumann'));
    if (bauer >= 0 && baumann >= 0) assert.ok(bauer < baumann, shown.join(' | '));
    await context.close();
  });
});

describe('what a first-time user trips over', () => {
  it("a save that meets a colleague's change brings the choice into view and moves focus to it", async () => {
    const owner = await browser.signedIn(demo.owner);
    const buyer = await browser.signedIn(demo.buyer);
    for (const { page } of [owner, buyer]) await openCustomer(page, 'cus_alpen_00120');
    // Both change the city, far down the form; the owner saves first.
    await buyer.page.getByTestId('customer-info-form').getByLabel(/^Ort/).fill('Rosenheim');
    await owner.page.getByTestId('customer-info-form').getByLabel(/^Ort/).fill('Freising');
    await owner.page.getByRole('button', { name: 'Aktualisieren' }).click();
    await owner.page.getByText('Alle Änderungen gespeichert.').waitFor();

    const update = buyer.page.getByRole('button', { name: 'Aktualisieren' });
    assert.ok(await inViewport(update), 'the buyer clicks "Aktualisieren" in the bar at the bottom');
    await update.click();
    const banner = buyer.page.getByTestId('conflict-banner');
    await banner.waitFor();
    await assertSoon(async () => assert.ok(await inViewport(banner), 'the choice is on the screen'));
    await banner.getByRole('button', { name: 'Auswahl übernehmen und speichern' }).waitFor();
    assert.ok(await banner.evaluate((element) => element === document.activeElement), 'focus moved to the conflict');
    await screenshot(buyer.page, 'conflict-in-view');
    await owner.context.close();
    await buyer.context.close();
  });

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1366, height: 768 },
    { width: 1280, height: 720 },
  ]) {
    it(`the Aktionen menu shows why a customer cannot be deleted in full (${viewport.width} × ${viewport.height})`, async () => {
      const { context, page } = await newPage(browser.browser, { viewport });
      await signIn(page, demo.owner);
      await page.getByTestId('customer-list').waitFor();
      await openCustomer(page, 'cus_alpen_00001');
      await page.getByTestId('customer-actions').click();
      const reason = page.getByTestId('delete-blocked-reason');
      await reason.waitFor();
      assert.match(await reason.innerText(), /Bestellungen/);
      const fits = await reason.evaluate((element) => {
        const menu = element.closest('[role="menu"]');
        const box = element.getBoundingClientRect();
        const frame = menu.getBoundingClientRect();
        return {
          clipped: menu.scrollHeight > menu.clientHeight + 1,
          inside: box.top >= frame.top && box.bottom <= frame.bottom && box.right <= frame.right,
          onScreen: box.bottom <= window.innerHeight,
        };
      });
      assert.deepEqual(fits, { clipped: false, inside: true, onScreen: true });
      if (viewport.width === 1366) await screenshot(page, 'actions-delete-reason');
      await context.close();
    });
  }

  it('the invitations filter names the customer and its number, with or without invitations', async () => {
    const { context, page } = await browser.signedIn();
    const ids = await page.evaluate(async () => {
      const get = async (path) => (await fetch(path)).json();
      const invited = (await get('/api/v1/invitations?state=pending&limit=1')).items[0].customerId;
      for (const customer of (await get('/api/v1/customers?state=none&limit=50')).items) {
        if ((await get(`/api/v1/invitations?customerId=${customer.id}&limit=1`)).items.length === 0) return [invited, customer.id];
      }
      throw new Error('no customer without an invitation');
    });
    for (const id of ids) {
      const customer = await page.evaluate(async (customerId) => (await (await fetch(`/api/v1/customers/${customerId}`)).json()).customer, id);
      await openCustomer(page, id);
      await page.getByTestId('customer-actions').click();
      await page.getByRole('menuitem', { name: 'Einladungen anzeigen' }).click();
      const chip = page.getByTestId('invitation-customer-chip');
      const name = customer.company || `${customer.contactFirstName} ${customer.contactLastName}`;
      await chip.getByText(`Kunde: ${name} (${customer.customerNumber})`).waitFor();
      assert.doesNotMatch(await chip.innerText(), /cus_/);
    }
    await screenshot(page, 'invitations-customer-chip');
    await context.close();
  });

  it('a Standard partner gets the module explanation on every page of the module, not a refusal', async () => {
    const { context, page } = await newPage(browser.browser);
    await signIn(page, demo.standardOwner);
    await page.getByTestId('module-gate').waitFor();
    for (const path of ['/customers', '/invitations', '/customers/cus_nordlicht_00001', '/customers/cus_nordlicht_00001/account', '/orders/ord_nordlicht_00001']) {
      await page.goto(path);
      await page.getByRole('heading', { name: 'Modul „Meine Kunden“ nicht verfügbar' }).waitFor();
      assert.equal(await page.getByText('Dafür fehlt Ihnen die Berechtigung').count(), 0, path);
    }
    await screenshot(page, 'standard-partner-invitations');
    await context.close();
  });

  it('"Kunde nicht gefunden" and the other not-found and error pages are headings', async () => {
    const { context, page } = await browser.signedIn();
    for (const [path, heading] of [
      ['/customers/cus_gibt_es_nicht', 'Kunde nicht gefunden'],
      ['/orders/ord_gibt_es_nicht', 'Bestellung nicht gefunden'],
      ['/gibt-es-nicht', 'Seite nicht gefunden'],
      // Customer 10003 granted no delegated admin: its account cannot be opened.
      ['/customers/cus_alpen_00003/account', 'Das hat nicht geklappt'],
    ]) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    }
    const support = await browser.signedIn(demo.support);
    await support.page.goto('/invitations');
    await support.page.getByRole('heading', { level: 1, name: 'Das hat nicht geklappt' }).waitFor();
    await support.page.getByText('Dafür fehlt Ihnen die Berechtigung').waitFor();
    await support.context.close();
    await context.close();
  });

  it('the new-customer form marks company and last name as a pair of which one is enough, and says so once', async () => {
    const { context, page } = await browser.signedIn();
    await page.getByTestId('new-customer').click();
    const dialog = page.getByRole('dialog');
    const pair = dialog.getByTestId('company-or-contact');
    await pair.waitFor();
    assert.match(await pair.locator('legend').innerText(), /Firma oder Ansprechpartner \*/);
    assert.equal(await dialog.getByText('Eines genügt: die Firma oder der Nachname des Ansprechpartners.').count(), 1, 'the rule is said once');
    const company = dialog.getByLabel('Firma', { exact: true });
    const lastName = dialog.getByLabel('Nachname (Ansprechpartner)');
    await dialog.getByRole('button', { name: 'OK', exact: true }).click();
    await assertSoon(async () => assert.deepEqual([await company.getAttribute('aria-invalid'), await lastName.getAttribute('aria-invalid')], ['true', 'true']));
    assert.equal(await dialog.getByText('Bitte geben Sie eine Firma oder den Nachnamen des Ansprechpartners an.').count(), 1, 'the error is said once');
    assert.equal(await dialog.getByText(/Eines genügt|Firma oder Nachname angeben/).count(), 0, 'the rule is not repeated beside the error');
    // Each field points to the one message.
    for (const field of [company, lastName]) {
      const ids = (await field.getAttribute('aria-describedby')).split(' ');
      const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
      assert.ok(
        texts.some((text) => /Firma oder den Nachnamen/.test(text)),
        texts.join(' | '),
      );
    }
    await screenshot(page, 'new-customer-company-or-contact');
    await lastName.fill('Hofer');
    await assertSoon(async () => assert.deepEqual([await company.getAttribute('aria-invalid'), await lastName.getAttribute('aria-invalid')], ['false', 'false']));
    await context.close();
  });

  it("support's Aktionen menu holds only what support can do; an admin's keeps the delete with the data's reason", async () => {
    const support = await browser.signedIn(demo.support);
    await openCustomer(support.page, 'cus_alpen_00001');
    await support.page.getByTestId('customer-actions').click();
    const items = (await support.page.getByRole('menuitem').allInnerTexts()).map((text) => text.trim());
    assert.deepEqual(items, ['Abonnements anzeigen', 'Assets anzeigen', 'Dienste anzeigen']);
    await screenshot(support.page, 'support-actions');
    await support.context.close();

    const buyer = await browser.signedIn(demo.buyer);
    await openCustomer(buyer.page, 'cus_alpen_00250');
    await buyer.page.getByTestId('customer-actions').click();
    await buyer.page.getByRole('menuitem', { name: /Archivieren/ }).waitFor();
    assert.equal(await buyer.page.getByRole('menuitem', { name: /Kunde löschen/ }).count(), 0, 'buyers may never delete');
    await buyer.context.close();

    const admin = await browser.signedIn(demo.admin);
    await openCustomer(admin.page, 'cus_alpen_00001');
    await admin.page.getByTestId('customer-actions').click();
    const remove = admin.page.getByRole('menuitem', { name: /Kunde löschen/ });
    assert.equal(await remove.getAttribute('aria-disabled'), 'true');
    assert.match(await admin.page.getByTestId('delete-blocked-reason').innerText(), /Bestellungen/);
    await admin.context.close();
  });

  it("at 1280 px the list's default columns (name, phone, city, e-mail, monthly revenue) fit; the others are there to choose", async () => {
    const { context, page } = await browser.signedIn();
    const table = page.getByTestId('customer-list');
    await table.locator('tbody tr').first().waitFor();
    const headers = (await table.locator('thead th').allInnerTexts()).map((text) => text.replace(/[↕▲▼]/g, '').replace(/\s+/g, ' ').trim()).filter(Boolean);
    assert.deepEqual(headers, ['Kundenname', 'Telefon', 'Ort', 'E-Mail', 'Monatlicher Umsatz']);
    const layout = await table.evaluate((element) => {
      const scroller = element.closest('.card');
      const right = Math.max(...[...element.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect().right));
      return { scrolls: scroller.scrollWidth > scroller.clientWidth, right, edge: Math.min(scroller.getBoundingClientRect().right, window.innerWidth) };
    });
    assert.equal(layout.scrolls, false, 'the table does not scroll sideways');
    assert.ok(layout.right <= layout.edge + 0.5, `the last column ends at ${layout.right} px, the card at ${layout.edge} px`);
    assert.ok(await inViewport(table.locator('tbody tr').first().locator('td[data-column="monthlyRevenue"]')), 'the monthly revenue is on the screen');
    await screenshot(page, 'customer-list-1280');

    await page.getByTestId('columns-menu').click();
    await page.getByRole('menuitemcheckbox', { name: 'Kundennummer' }).click();
    await page.keyboard.press('Escape');
    await table.locator('thead th', { hasText: 'Kundennummer' }).waitFor();
    await page.getByTestId('columns-menu').click();
    await page.getByRole('menuitem', { name: 'Standardspalten' }).click();
    await page.keyboard.press('Escape');
    await table.locator('thead th', { hasText: 'Kundennummer' }).waitFor({ state: 'detached' });
    await context.close();
  });

  it('on a 375 × 812 phone the filters fold behind one button and at least five customers show on the first screen', async () => {
    const { context, page } = await newPage(browser.browser, { viewport: { width: 375, height: 812 } });
    await signIn(page, demo.owner);
    const rows = page.getByTestId('customer-list').locator('tbody tr');
    await rows.nth(5).waitFor();
    // One line per customer: the table scrolls sideways on a phone instead of wrapping.
    const heights = await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
    assert.ok(Math.max(...heights) - Math.min(...heights) < 2, `row heights ${Math.min(...heights)}–${Math.max(...heights)} px`);
    const bottoms = await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().bottom));
    assert.ok(bottoms.filter((bottom) => bottom <= 812).length >= 5, `rows end at ${bottoms.slice(0, 6).map(Math.round).join(', ')} px on an 812 px screen`);
    assert.equal(await page.getByLabel('Beziehung').isVisible(), false, 'the filters are folded away');
    await screenshot(page, 'phone-first-screen');

    const toggle = page.getByTestId('filters-toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await page.getByLabel('Beziehung').selectOption({ label: 'Einladung offen' });
    await page.waitForURL(/state=pending/);
    await page.getByRole('button', { name: 'Filter (1)' }).waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the open filters fit the screen');
    await screenshot(page, 'phone-filters-open');
    await context.close();
  });
});
