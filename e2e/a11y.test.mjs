// Every page and every dialog passes axe-core's WCAG 2.0/2.1 A and AA rules without a serious or
// critical violation, in the state a user sees it: loaded, with a menu open, a form showing errors.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demo, expectAccessible, fileBrowser, newPage, signIn } from './browser.mjs';

const chromium = fileBrowser();
const { signedIn } = chromium;

/** Waits until nothing in the page says it is still loading. */
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.state-loading, [aria-busy="true"]'));
}

/** Checks the open dialog, closes it with Escape and waits until it is gone. */
async function checkDialog(page, label, { submitEmpty } = {}) {
  const dialog = page.getByRole('dialog').or(page.getByRole('alertdialog'));
  await dialog.waitFor();
  await settled(page);
  await expectAccessible(page, label);
  if (submitEmpty) {
    await dialog.locator('button[type="submit"]').click();
    await dialog.locator('.field-error, .alert-error').first().waitFor();
    await expectAccessible(page, `${label} with errors`);
  }
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
}

/** Opens a Kobalte menu, checks it and closes it again. */
async function checkMenu(page, trigger, label) {
  await trigger.click();
  await page.getByRole('menu').waitFor();
  await expectAccessible(page, label);
  await page.keyboard.press('Escape');
  await page.getByRole('menu').waitFor({ state: 'hidden' });
}

async function openCustomer(page, number) {
  await page.goto(`/customers?q=${number}`);
  await page.getByTestId('customer-list').locator('tbody tr a').first().click();
  await page.getByTestId('customer-header').waitFor();
  await settled(page);
}

describe('accessibility: axe-core finds no serious or critical WCAG 2 A/AA violation', () => {
  it('on the sign-in page (also with a failed attempt), the not-found page and the public invitation page for a bad link', async () => {
    const { context, page } = await newPage(chromium.browser);
    await page.goto('/signin');
    await page.getByLabel(/E-Mail/).waitFor();
    await expectAccessible(page, 'sign-in');
    await signIn(page, demo.owner, 'not-the-password');
    await page.getByRole('alert').or(page.locator('.alert-error')).first().waitFor();
    await expectAccessible(page, 'sign-in with an error');

    await page.goto('/invite/this-link-was-never-issued-by-anyone-at-all-000000');
    await page.getByTestId('invite-unusable').waitFor();
    await expectAccessible(page, 'public invitation page, unusable link');

    await signIn(page, demo.owner);
    await page.getByTestId('customer-list').waitFor();
    await page.goto('/no-such-page');
    await page
      .getByText(/nicht gefunden/i)
      .first()
      .waitFor();
    await expectAccessible(page, 'not-found page');
    await context.close();
  });

  it('on the customer list, its menus, the new-customer dialog (empty and with errors) and the invite dialog', async () => {
    const { context, page } = await signedIn();
    await page.getByTestId('customer-list').locator('tbody tr').first().waitFor();
    await settled(page);
    await expectAccessible(page, 'customer list');
    await checkMenu(page, page.getByTestId('export-customers'), 'customer list export menu');
    await checkMenu(page, page.getByTestId('tag-filter'), 'customer list tag filter');
    await checkMenu(page, page.getByTestId('views-menu'), 'customer list saved views menu');
    await page.getByTestId('views-menu').click();
    await page.getByRole('menuitem', { name: 'Ansicht speichern …' }).click();
    await checkDialog(page, 'save-view dialog', { submitEmpty: true });
    await page.getByTestId('customer-list').locator('tbody tr').first().getByRole('checkbox').check();
    await page.getByTestId('bulk-bar').waitFor();
    await expectAccessible(page, 'customer list with a selected row');
    await page.getByTestId('bulk-select-all').waitFor();
    await page.getByTestId('bulk-invite').click();
    await checkDialog(page, 'bulk invite dialog');
    // The export dialog with CSV chosen (its separator choice shown too).
    await page.getByTestId('bulk-export').click();
    await page.getByRole('dialog').getByRole('radio', { name: 'Customers.csv (CSV, UTF-8)' }).check();
    await page.getByRole('dialog').getByRole('group', { name: 'CSV-Trennzeichen' }).waitFor();
    await checkDialog(page, 'bulk export dialog');
    // A bulk job of its own (a fresh tag on one row): the job tray, running or finished, and its report.
    const tagName = `A11y ${Date.now() % 100000}`;
    await page.evaluate(async (name) => {
      await fetch('/api/v1/tags', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
    }, tagName);
    await page.getByTestId('bulk-assign').click();
    await page.getByRole('menuitem', { name: tagName }).click();
    const job = page.getByTestId('job-tray').getByTestId('job').filter({ hasText: tagName });
    await job.and(page.locator('[data-state="succeeded"]')).waitFor();
    await expectAccessible(page, 'job tray');
    await job.getByTestId('job-report').click();
    await page.getByRole('dialog').getByTestId('job-report-row').first().waitFor();
    await checkDialog(page, 'job report dialog');
    await job.getByTestId('job-dismiss').click();

    await page.getByTestId('new-customer').click();
    await checkDialog(page, 'new-customer dialog', { submitEmpty: true });
    await page.getByTestId('new-relationship').click();
    await checkDialog(page, 'invite dialog (new relationship)');
    // The import dialog: choosing a file, a refused file, the column mapping.
    await page.getByTestId('import-customers').click();
    await page.getByTestId('import-dialog').waitFor();
    await expectAccessible(page, 'import dialog, file step');
    await page.getByTestId('import-file').setInputFiles({ name: 'leer.csv', mimeType: 'text/csv', buffer: Buffer.from('Kundennummer;Firma\r\n') });
    await page.getByTestId('import-upload').click();
    await page.getByTestId('import-error').waitFor();
    // The upload button fades back from its busy look: check the colours it ends with.
    await page.waitForFunction(() => document.getAnimations().length === 0);
    await expectAccessible(page, 'import dialog with an error');
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'a11y.csv', mimeType: 'text/csv', buffer: Buffer.from('Kundennummer;Firma;E-Mail\r\nA11Y-1;Barrierefrei GmbH;a11y@example.com\r\n') });
    await page.getByTestId('import-upload').click();
    await page.getByTestId('import-mapping-source').waitFor();
    await checkDialog(page, 'import dialog, mapping');

    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('heading', { name: 'My customers' }).waitFor();
    await expectAccessible(page, 'customer list in English');
    await page.getByRole('button', { name: 'DE', exact: true }).click();
    await page.getByRole('heading', { name: 'Meine Kunden' }).waitFor();

    await page.getByRole('searchbox', { name: 'Kunden suchen' }).fill('zzzz-niemand');
    await page.getByText('Keine passenden Kunden').waitFor();
    await expectAccessible(page, 'customer list, nothing found');
    await context.close();
  });

  it('on the customer view: every tab, the actions menu, the edit form with an error, and its dialogs', async () => {
    const { context, page } = await signedIn();
    await openCustomer(page, '10005');
    await expectAccessible(page, 'customer view, information tab');
    const form = page.getByTestId('customer-info-form');
    const email = form.getByLabel(/^E-Mail/);
    const saved = await email.inputValue();
    await email.fill('no-e-mail');
    await email.blur();
    await form.locator('.field-error').first().waitFor();
    // The form settles first (its custom fields may arrive after the view): axe once read the discard
    // button's colours while it was still disabled (4.37:1, the disabled look) and its state as enabled.
    await form.locator('.form-actions .btn-secondary:not([disabled])').waitFor();
    await page.waitForTimeout(200);
    await expectAccessible(page, 'customer edit form with an error');
    await email.fill(saved);

    await checkMenu(page, page.getByTestId('customer-actions'), 'customer actions menu');
    await page.getByTestId('customer-actions').click();
    await page.getByRole('menuitem', { name: 'Vertriebspartnerschaft beantragen' }).click();
    await checkDialog(page, 'invite dialog (existing customer)');
    await page.getByTestId('customer-actions').click();
    await page.getByTestId('menu-new-order').click();
    await checkDialog(page, 'new order dialog');

    for (const [tab, add] of [['Bestellungen'], ['Abonnements'], ['Assets'], ['Dienste'], ['Domains', 'add-domain'], ['Benutzer', 'add-portal-user']]) {
      await page.getByRole('tab', { name: tab }).click();
      await settled(page);
      await expectAccessible(page, `customer view, tab ${tab}`);
      if (add) {
        await page.getByTestId(add).click();
        await checkDialog(page, `customer view, tab ${tab}: add dialog`);
      }
    }
    await page.getByRole('tab', { name: 'Abonnements' }).click();
    await settled(page);
    await page
      .getByTestId('subscriptions-table')
      .locator('tbody tr')
      .first()
      .getByRole('button', { name: /Aktionen/ })
      .click();
    await page.getByRole('menuitem', { name: 'Menge ändern' }).click();
    await checkDialog(page, 'subscription quantity dialog');

    // An empty customer can be deleted: the confirmation dialog.
    await openCustomer(page, '10298');
    await page.getByTestId('customer-actions').click();
    await page.getByRole('menuitem', { name: /Kunde löschen/ }).click();
    await checkDialog(page, 'delete-customer dialog');
    await context.close();
  });

  it('on an archived customer (banner, menu, the toast with Undo) and the list of archived customers', async () => {
    const { context, page } = await signedIn();
    const customer = await page.evaluate(async () => {
      const body = {
        customerNumber: `A11Y-${Date.now()}`,
        company: 'Archiv A11y GmbH',
        email: 'a11y@archiv.example',
        address: 'Weg 1',
        postalCode: '10115',
        city: 'Berlin',
        country: 'DE',
      };
      const response = await fetch('/api/v1/customers', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return (await response.json()).customer;
    });
    await page.goto(`/customers/${customer.id}`);
    await page.getByTestId('customer-header').waitFor();
    await settled(page);
    await page.getByTestId('customer-actions').click();
    await page.getByTestId('archive-customer').click();
    await page.getByTestId('archived-banner').waitFor();
    await page.locator('.toast').getByRole('button', { name: 'Rückgängig' }).waitFor();
    await expectAccessible(page, 'archived customer view with the undo toast');
    await checkMenu(page, page.getByTestId('customer-actions'), 'actions menu of an archived customer');
    await page.goto('/customers?archived=1');
    await page.getByTestId('customer-list').locator('tbody tr').filter({ hasText: 'Archiv A11y GmbH' }).waitFor();
    await settled(page);
    await expectAccessible(page, 'customer list, archived customers');
    // The demo data as it was for the other tests.
    await page.evaluate(async (id) => fetch(`/api/v1/customers/${id}`, { method: 'DELETE' }), customer.id);
    await context.close();
  });

  it('on a customer with an active relationship: its removal dialog and the customer account view', async () => {
    const { context, page } = await signedIn();
    await page.goto('/customers?state=active');
    await page.getByTestId('customer-list').locator('tbody tr a').first().click();
    await page.getByTestId('customer-header').waitFor();
    await settled(page);
    await page.getByTestId('customer-actions').click();
    await page.getByRole('menuitem', { name: 'Beziehung entfernen' }).click();
    await checkDialog(page, 'remove-relationship dialog');
    await page.getByTestId('customer-actions').click();
    await page.getByTestId('open-account').click();
    await page.getByTestId('customer-account').waitFor();
    await settled(page);
    await expectAccessible(page, 'customer account view');
    await context.close();
  });

  it('on an order page', async () => {
    const { context, page } = await signedIn();
    await openCustomer(page, '10005');
    await page.getByRole('tab', { name: 'Bestellungen' }).click();
    await page.getByTestId('orders-table').locator('tbody tr a').first().click();
    await page.getByTestId('order-page').waitFor();
    await settled(page);
    await expectAccessible(page, 'order page');
    await context.close();
  });

  it('on the activity and invitations pages', async () => {
    const { context, page } = await signedIn();
    await page.goto('/activity');
    await page.getByTestId('activity-list').waitFor();
    await settled(page);
    await expectAccessible(page, 'activity page');
    await page.goto('/invitations');
    await page.getByTestId('invitation-list').or(page.locator('.state')).first().waitFor();
    await settled(page);
    await expectAccessible(page, 'invitations page');
    await context.close();
  });

  it('on the settings page and each of its dialogs', async () => {
    const { context, page } = await signedIn();
    await page.goto('/settings');
    await page.getByTestId('tags-section').waitFor();
    await settled(page);
    await expectAccessible(page, 'settings page');
    for (const button of ['Mitarbeiter hinzufügen', 'Tag anlegen', 'Feld hinzufügen', 'Produkt hinzufügen', 'Token erstellen', 'Webhook hinzufügen']) {
      await page.locator('main').getByRole('button', { name: button, exact: true }).click();
      await checkDialog(page, `settings: ${button} dialog`, { submitEmpty: true });
    }
    await page.getByRole('button', { name: 'Tag „VIP“ löschen' }).click();
    await checkDialog(page, 'settings: delete-tag confirmation');
    await context.close();
  });

  it('on a one-time secret, the webhook deliveries dialog and the invitation revoke dialog (a second reseller, so other tests keep their data)', async () => {
    const { context, page } = await signedIn(demo.otherBasicOwner);
    await page.goto('/settings');
    const webhooks = page.getByTestId('webhooks-tab');
    await webhooks.getByRole('button', { name: 'Webhook hinzufügen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Adresse').fill('https://example.invalid/a11y');
    await dialog.getByRole('checkbox').first().check();
    await dialog.getByRole('button', { name: 'Webhook hinzufügen' }).click();
    await dialog.getByTestId('one-time-secret').waitFor();
    await expectAccessible(page, 'settings: webhook signing secret shown once');
    await dialog.getByRole('button', { name: 'Fertig' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const loaded = page.waitForResponse((response) => response.url().includes('/deliveries'));
    await webhooks
      .getByRole('row')
      .filter({ hasText: 'https://example.invalid/a11y' })
      .getByRole('button', { name: /Zustellungen/ })
      .first()
      .click();
    await loaded;
    await checkDialog(page, 'settings: webhook deliveries dialog');

    await page.goto('/customers');
    await page.getByTestId('new-relationship').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Einladung erstellen' }).click();
    await page.getByRole('dialog').getByTestId('email-draft').waitFor();
    await page.keyboard.press('Escape');
    await page.goto('/invitations');
    await page.getByTestId('invitation-list').locator('tbody tr').first().waitFor();
    await page
      .getByTestId('invitation-list')
      .getByRole('button', { name: /widerrufen/i })
      .first()
      .click();
    await checkDialog(page, 'invitations: revoke dialog');
    await page
      .getByTestId('invitation-list')
      .getByRole('button', { name: /erinnern/i })
      .first()
      .click();
    await page.getByRole('dialog').getByTestId('email-draft').waitFor();
    await checkDialog(page, 'invitations: reminder dialog with its e-mail draft');
    await context.close();
  });

  it('on the public invitation page with its form, and on the API reference', async () => {
    const staff = await signedIn(demo.otherBasicOwner);
    await staff.page.getByTestId('new-relationship').click();
    const dialog = staff.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Einladung erstellen' }).click();
    await dialog.getByTestId('email-draft').waitFor();
    await expectAccessible(staff.page, 'invite dialog with the e-mail draft');
    const link = await dialog.getByTestId('invitation-link').inputValue();
    await staff.context.close();

    const { context, page } = await newPage(chromium.browser);
    await page.goto(link);
    await page.getByTestId('invite-form').waitFor();
    await expectAccessible(page, 'public invitation page');
    await page.getByRole('button', { name: /annehmen/ }).click();
    await page.locator('.field-error').first().waitFor();
    await expectAccessible(page, 'public invitation page with errors');

    await page.goto('/api/docs');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(page, 'API reference /api/docs');
    await context.close();
  });

  it("announces a colleague's change to a listed customer in a polite live region", async () => {
    const owner = await signedIn();
    const buyer = await signedIn(demo.buyer);
    await owner.page.goto('/customers?q=10030');
    await owner.page.getByTestId('customer-list').locator('tbody tr').first().waitFor();
    await owner.page.getByTestId('live-indicator').and(owner.page.locator('[data-state="live"]')).waitFor();
    const announcer = owner.page.getByTestId('announcer');
    assert.equal(await announcer.getAttribute('aria-live'), 'polite');

    const name = await buyer.page.evaluate(async () => {
      const { items } = await (await fetch('/api/v1/customers?q=10030')).json();
      const customer = items[0];
      const response = await fetch(`/api/v1/customers/${customer.id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ version: customer.version, phone: '+49 89 5550130' }),
      });
      if (!response.ok) throw new Error(`PATCH answered ${response.status}`);
      return customer.company || `${customer.contactFirstName} ${customer.contactLastName}`;
    });
    await announcer.filter({ hasText: `hat den Kunden „${name}“ geändert` }).waitFor();
    assert.match(await announcer.innerText(), /^Lena Schmid hat den Kunden/);
    await owner.context.close();
    await buyer.context.close();
  });

  it('works by keyboard: skip link, visible focus, a dialog opened with Enter closes with Escape and gives focus back', async () => {
    const { context, page } = await signedIn();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
    assert.equal(await skip.evaluate((link) => link === document.activeElement), true, 'the first Tab reaches the skip link');
    const outline = (locator) => locator.evaluate((element) => getComputedStyle(element).outlineStyle);
    assert.notEqual(await outline(skip), 'none', 'the focused skip link shows a focus ring');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main', 'the skip link moves focus to the content');

    const newCustomer = page.getByTestId('new-customer');
    await newCustomer.focus();
    assert.notEqual(await outline(newCustomer), 'none', 'a focused button shows a focus ring');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.equal(await dialog.evaluate((element) => element.contains(document.activeElement)), true, 'focus moves into the dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await newCustomer.evaluate((button) => button === document.activeElement), true, 'focus returns to the opener');
    await context.close();
  });
});
