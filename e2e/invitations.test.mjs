import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demo, fileBrowser, newPage, screenshot, showColumns, signIn } from './browser.mjs';

const RESELLER = 'Alpen IT Solutions GmbH';
const PROVIDER = 'ADN Distribution GmbH';

const chromium = fileBrowser();

async function liveReady(page) {
  await page.getByTestId('live-indicator').and(page.locator('[data-state="live"]')).waitFor();
}

async function signedIn(email = demo.owner) {
  const session = await newPage(chromium.browser);
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(session.page, email);
  await session.page.getByTestId('customer-list').waitFor();
  // Staff following relationships show the number and relationship columns.
  await showColumns(session.page, ['Kundennummer', 'Beziehung']);
  await liveReady(session.page);
  return session;
}

/** The customer's own browser: a fresh profile that never signed in. */
const customerBrowser = () => newPage(chromium.browser);

const rows = (page) => page.getByTestId('customer-list').locator('tbody tr');
const toast = (page, text) => page.locator('.toast').filter({ hasText: text });
// 404/410 answers of the public page are expected; script errors are not.
const scriptErrors = (problems) => problems.filter((problem) => !/Failed to load resource/.test(problem));

async function openActions(page, item) {
  await page.getByTestId('customer-actions').click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** Creates an invitation in the open dialog and returns the personal link from the draft. */
async function createInvitation(dialog) {
  await dialog.getByRole('button', { name: 'Einladung erstellen' }).click();
  await dialog.getByTestId('email-draft').waitFor();
  const link = await dialog.getByTestId('invitation-link').inputValue();
  assert.match(link, /\/invite\/[A-Za-z0-9_-]{43,}$/);
  return link;
}

describe('invitations and relationships', () => {
  it('invites an existing customer; the customer grants fewer rights; the open list and the notice follow live', async () => {
    const staff = await signedIn();
    const { page } = staff;
    await page.goto('/customers?state=none');
    const first = rows(page).first();
    await first.waitFor();
    const number = (await first.locator('td[data-column="customerNumber"]').innerText()).trim();
    const name = (await first.locator('[data-column="name"]').innerText()).trim();
    await first.getByRole('link', { name }).click();
    await page.getByTestId('customer-info-form').waitFor();
    await liveReady(page);

    // Vertriebspartnerschaft beantragen: delegated admin is preset, the provider is named and ticked.
    await openActions(page, 'Vertriebspartnerschaft beantragen');
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('invite-form').waitFor();
    assert.equal(await dialog.getByLabel('Delegierte Administration (DAP)').isChecked(), true);
    assert.equal(await dialog.getByLabel(new RegExp(PROVIDER)).isChecked(), true);
    await dialog.getByLabel('Globaler Leser').check();
    await dialog.getByLabel('Abrechnung einsehen').check();
    await screenshot(page, 'invite-dialog');
    const link = await createInvitation(dialog);

    // The draft: German, with the link; removing the link is flagged, and it can be put back.
    assert.equal(await dialog.getByTestId('draft-subject').inputValue(), `Einladung zur Vertriebspartnerschaft mit ${RESELLER}`);
    const body = dialog.getByTestId('draft-body');
    const text = await body.inputValue();
    for (const expected of [link, 'Globaler Leser', 'Abrechnung einsehen', PROVIDER, 'Anna Berger']) assert.ok(text.includes(expected), `draft lacks ${expected}`);
    await body.fill(text.replace(link, ''));
    await dialog.getByTestId('draft-link-missing').waitFor();
    await screenshot(page, 'invite-draft-link-missing');
    await dialog.getByRole('button', { name: 'Link wieder einfügen' }).click();
    await dialog.getByTestId('draft-link-missing').waitFor({ state: 'hidden' });
    assert.equal(await body.inputValue(), text, 'the link is back where it was');
    const mailto = await dialog.getByTestId('draft-mailto').getAttribute('href');
    assert.ok(mailto.startsWith('mailto:') && mailto.includes(encodeURIComponent(link)) && mailto.includes('subject=Einladung%20zur%20Vertriebspartnerschaft'));
    await dialog.getByTestId('draft-copy').click();
    await toast(page, 'Der Entwurf wurde in die Zwischenablage kopiert.').waitFor();
    assert.ok((await page.evaluate(() => navigator.clipboard.readText())).includes(link));
    await screenshot(page, 'invite-draft');
    await dialog.getByRole('button', { name: 'Fertig' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('customer-header').getByText('Einladung offen').waitFor();
    const customerPath = new URL(page.url()).pathname;

    // Staff watch the list filtered to this customer while it answers.
    await page.goto(`/customers?q=${number}`);
    const row = rows(page).filter({ hasText: name });
    await row.locator('td[data-column="relationshipState"]', { hasText: 'Einladung offen' }).waitFor();
    await liveReady(page);

    const customer = await customerBrowser();
    await customer.page.goto(link);
    await customer.page.getByTestId('invite-form').waitFor();
    assert.equal(await customer.page.getByTestId('invite-reseller').innerText(), RESELLER);
    assert.match(await customer.page.getByTestId('invite-provider').innerText(), new RegExp(PROVIDER));
    const boxes = customer.page.getByRole('checkbox');
    assert.equal(await boxes.count(), 3);
    for (let index = 0; index < 3; index++) assert.equal(await boxes.nth(index).isChecked(), true);
    await customer.page.getByLabel('Globaler Leser').uncheck();
    await screenshot(customer.page, 'invite-public-existing');
    await customer.page.getByRole('button', { name: 'Einladung annehmen' }).click();
    const result = customer.page.getByTestId('invite-result');
    await result.and(customer.page.locator('[data-state="accepted"]')).waitFor();
    const granted = await result.locator('.right-chip').allInnerTexts();
    assert.deepEqual(granted, ['Delegierte Administration (DAP)', 'Abrechnung einsehen']);
    await screenshot(customer.page, 'invite-public-accepted');

    // Without a reload: the row turns active and staff get the notice.
    await row.locator('td[data-column="relationshipState"]', { hasText: 'Aktiv' }).waitFor();
    await toast(page, `Kunde ${name} hat die Einladung angenommen.`).waitFor();
    await screenshot(page, 'invite-accepted-live');

    // The link works once only.
    await customer.page.goto(link);
    await customer.page.getByTestId('invite-unusable').and(customer.page.locator('[data-reason="used"]')).waitFor();

    // The customer view shows the granted rights "zu prüfen" until someone acknowledges them.
    await page.goto(customerPath);
    const panel = page.getByTestId('relationship-panel');
    await panel.getByTestId('rights-to-review').waitFor();
    assert.deepEqual(await panel.locator('.right-chip').allInnerTexts(), ['Delegierte Administration (DAP)', 'Abrechnung einsehen']);
    assert.match(await panel.innerText(), new RegExp(PROVIDER));
    await screenshot(page, 'customer-rights-to-review');
    await panel.getByTestId('acknowledge-rights').click();
    await panel.getByTestId('rights-to-review').waitFor({ state: 'hidden' });

    // Delegated admin granted: the account opens, with a banner naming the customer and the way back.
    await openActions(page, 'Kundenkonto öffnen');
    const banner = page.getByTestId('account-banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal(await page.getByTestId('customer-account').locator('section[data-section]').count(), 5);
    await screenshot(page, 'customer-account');
    await banner.getByRole('link', { name: /Zurück zum Kunden/ }).click();
    await page.getByTestId('customer-info-form').waitFor();

    // The Invitations page lists it as accepted, with the right left out struck through.
    await openActions(page, 'Einladungen anzeigen');
    const invitation = page.getByTestId('invitation-list').locator('tbody tr').first();
    await invitation.and(page.locator('[data-state="accepted"]')).waitFor();
    assert.match(await invitation.locator('.right-chip-refused').innerText(), /^Globaler Leser\s*\(nicht gewährt\)$/);
    assert.match(await invitation.innerText(), /Anna Berger/);
    await screenshot(page, 'invitations-for-customer');
    assert.deepEqual(scriptErrors(staff.problems), []);
    assert.deepEqual(scriptErrors(customer.problems), []);
    await staff.context.close();
    await customer.context.close();
  });

  it('"Neue Beziehung": a new customer enters its data, accepts, and appears in the open list', async () => {
    const staff = await signedIn(demo.buyer);
    const { page } = staff;
    await page.goto('/customers?q=Sonnenhof');
    await page.getByText('Keine passenden Kunden').waitFor();
    await page.getByTestId('new-relationship').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Neue Beziehung' }).waitFor();
    await dialog.getByTestId('invite-form').waitFor();
    // A buyer cannot read the settings, yet the dialog names the provider.
    assert.equal(await dialog.getByLabel(new RegExp(PROVIDER)).isChecked(), true);
    await dialog.getByLabel('Produkte verwalten').check();
    await dialog.getByLabel('Sprache der Einladung').selectOption('en');
    const link = await createInvitation(dialog);
    assert.equal(await dialog.getByTestId('draft-subject').inputValue(), `Invitation to a reseller relationship with ${RESELLER}`);
    assert.match(await dialog.getByTestId('draft-body').inputValue(), /Manage products/);
    await dialog.getByRole('button', { name: 'Fertig' }).click();

    const customer = await customerBrowser();
    await customer.page.goto(link);
    // The invitation's language first, then the customer's choice.
    await customer.page.getByRole('heading', { name: 'Invitation to a reseller relationship' }).waitFor();
    await customer.page.getByTestId('lang-switch').getByRole('button', { name: 'DE' }).click();
    await customer.page.getByRole('heading', { name: 'Einladung zur Vertriebspartnerschaft' }).waitFor();
    const form = customer.page.getByTestId('invite-form');
    assert.equal(await form.getByLabel(/Kundennummer/).count(), 0, 'the reseller assigns the number');
    await customer.page.getByRole('button', { name: 'Einladung annehmen' }).click();
    await form.locator('.field-error').first().waitFor();
    await screenshot(customer.page, 'invite-public-new-errors');
    await form.getByLabel(/^Firma/).fill('Sonnenhof Brauerei KG');
    await form.getByLabel(/^E-Mail/).fill('it@sonnenhof.example');
    await form.getByLabel(/Straße und Hausnummer/).fill('Brauhausgasse 4');
    await form.getByLabel(/Postleitzahl/).fill('83022');
    await form.getByLabel(/^Ort/).fill('Rosenheim');
    await customer.page.getByRole('button', { name: 'Einladung annehmen' }).click();
    await customer.page.getByTestId('invite-result').and(customer.page.locator('[data-state="accepted"]')).waitFor();

    const row = rows(page).filter({ hasText: 'Sonnenhof Brauerei KG' });
    await row.locator('td[data-column="relationshipState"]', { hasText: 'Aktiv' }).waitFor();
    await toast(page, 'Kunde Sonnenhof Brauerei KG hat die Einladung angenommen.').waitFor();
    await screenshot(page, 'invite-new-customer-live');
    assert.deepEqual(scriptErrors(staff.problems), []);
    await staff.context.close();
    await customer.context.close();
  });

  it('shows unknown, replaced and revoked links as unusable without naming the reseller', async () => {
    const customer = await customerBrowser();
    await customer.page.goto(`/invite/${'A'.repeat(43)}`);
    await customer.page.getByTestId('invite-unusable').and(customer.page.locator('[data-reason="unknown"]')).waitFor();
    assert.doesNotMatch(await customer.page.locator('body').innerText(), /Alpen/);
    await screenshot(customer.page, 'invite-unknown');

    const staff = await signedIn();
    const { page } = staff;
    const created = await page.evaluate(async () => {
      const response = await fetch('/api/v1/invitations', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ requestedRights: ['billing_view'] }),
      });
      return response.json();
    });
    await page.goto('/invitations?state=pending');
    const row = page.locator(`tr[data-id="${created.invitation.id}"]`);
    await row.waitFor();
    assert.match(await row.innerText(), /Neuer Kunde/);
    await screenshot(page, 'invitations-pending');

    // Resend: a new link, and the old one is dead at once.
    await row.getByRole('button', { name: /erneut senden/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Neuer Einladungslink' }).waitFor();
    const fresh = await dialog.getByTestId('invitation-link').inputValue();
    assert.notEqual(fresh, created.url);
    await dialog.getByRole('button', { name: 'Fertig' }).click();
    await customer.page.goto(created.url);
    await customer.page.getByTestId('invite-unusable').and(customer.page.locator('[data-reason="unknown"]')).waitFor();

    // Revoke after a confirmation.
    await row.getByRole('button', { name: /widerrufen/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Widerrufen' }).click();
    // It leaves the list of open invitations (the page refreshes on the live event) and is listed as revoked.
    await page.locator(`tr[data-id="${created.invitation.id}"][data-state="pending"]`).waitFor({ state: 'detached' });
    await page.goto('/invitations?state=revoked');
    await page.locator(`tr[data-id="${created.invitation.id}"][data-state="revoked"]`).waitFor();
    await page.goto('/invitations?state=pending');
    await customer.page.goto(fresh);
    await customer.page.getByTestId('invite-unusable').and(customer.page.locator('[data-reason="revoked"]')).waitFor();
    assert.doesNotMatch(await customer.page.locator('body').innerText(), /Alpen/);
    await screenshot(customer.page, 'invite-revoked');

    // A declined invitation leaves the open list at once, and staff are told.
    const declined = await page.evaluate(async () => {
      const response = await fetch('/api/v1/invitations', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ requestedRights: ['user_management'], language: 'en' }),
      });
      return response.json();
    });
    await page.reload();
    const declinedRow = page.locator(`tr[data-id="${declined.invitation.id}"]`);
    await declinedRow.waitFor();
    await liveReady(page);
    await customer.page.goto(declined.url);
    await customer.page.getByRole('button', { name: 'Decline invitation' }).click();
    await customer.page.getByRole('dialog').getByRole('button', { name: 'Decline invitation' }).click();
    await customer.page.getByTestId('invite-result').and(customer.page.locator('[data-state="declined"]')).waitFor();
    await toast(page, 'Ein eingeladener neuer Kunde hat die Einladung abgelehnt.').waitFor();
    await declinedRow.waitFor({ state: 'detached' });

    await page.getByTestId('invitation-state-filter').selectOption('revoked');
    await page.locator(`tr[data-id="${created.invitation.id}"][data-state="revoked"]`).waitFor();
    await screenshot(page, 'invitations-revoked');
    assert.deepEqual(scriptErrors(staff.problems), []);
    await staff.context.close();
    await customer.context.close();
  });

  it('removing the relationship states the consequences and hides the customer from every open list', async () => {
    const owner = await signedIn();
    const buyer = await signedIn(demo.buyer);
    await owner.page.goto('/customers?state=active');
    const first = rows(owner.page).first();
    await first.waitFor();
    const number = (await first.locator('td[data-column="customerNumber"]').innerText()).trim();
    const name = (await first.locator('[data-column="name"]').innerText()).trim();
    await buyer.page.goto(`/customers?q=${number}`);
    const watched = rows(buyer.page).filter({ hasText: name });
    await watched.waitFor();
    await liveReady(buyer.page);

    await first.getByRole('link', { name }).click();
    await owner.page.getByTestId('customer-info-form').waitFor();
    await openActions(owner.page, 'Beziehung entfernen');
    const dialog = owner.page.getByRole('dialog');
    const notice = await dialog.getByTestId('removal-notice').innerText();
    assert.match(notice, /delegierten Administratorrechte/);
    assert.match(notice, /Granulare Administratorrollen bleiben bestehen/);
    assert.match(notice, /Daten und sein Verlauf bleiben erhalten/);
    assert.match(notice, /neuen Einladung/);
    await screenshot(owner.page, 'remove-relationship');
    await dialog.getByRole('button', { name: 'Beziehung entfernen' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await owner.page.getByTestId('customer-header').getByText('Beendet').waitFor();

    // The colleague's open list drops the row without a reload; the data stays reachable.
    await watched.waitFor({ state: 'detached' });
    await buyer.page.getByText('Keine passenden Kunden').waitFor();
    await owner.page.goto(`/customers?q=${number}&state=removed`);
    await rows(owner.page).filter({ hasText: name }).waitFor();
    assert.deepEqual(scriptErrors(owner.problems), []);
    await owner.context.close();
    await buyer.context.close();
  });

  it('settings name the indirect provider and the link validity; without a provider the dialog says why it cannot be invited', async () => {
    const staff = await signedIn();
    const { page } = staff;
    await page.goto('/settings');
    const form = page.getByTestId('invitation-settings');
    const provider = form.getByLabel('Indirekter Anbieter');
    assert.equal(await provider.inputValue(), PROVIDER);
    await form.getByLabel(/Gültigkeit/).fill('120');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await form.getByText('Dieser Wert ist zu groß.').waitFor();
    await form.getByLabel(/Gültigkeit/).fill('21');
    await provider.fill('');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await toast(page, 'Änderungen gespeichert.').waitFor();
    await screenshot(page, 'settings-invitations');

    await page.goto('/customers');
    await page.getByTestId('new-relationship').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('invite-form').waitFor();
    const box = dialog.getByLabel('Indirekten Anbieter gleichzeitig einladen');
    assert.equal(await box.isDisabled(), true);
    await dialog.getByText('In den Einstellungen ist kein indirekter Anbieter hinterlegt.').waitFor();
    await dialog.getByText('Der Link ist 21 Tage gültig und nur einmal verwendbar.').waitFor();
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();

    // Put the demo's provider back for whoever runs next.
    await page.goto('/settings');
    await form.getByLabel('Indirekter Anbieter').fill(PROVIDER);
    await form.getByLabel(/Gültigkeit/).fill('14');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await toast(page, 'Änderungen gespeichert.').waitFor();
    assert.deepEqual(scriptErrors(staff.problems), []);
    await staff.context.close();
  });
});
