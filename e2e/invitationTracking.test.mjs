import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demo, fileBrowser, newPage, screenshot, waitLive } from './browser.mjs';

const chromium = fileBrowser();

/** An invitation made through the API as the signed-in page, for the first customer without a relationship. */
async function inviteSomeone(page, expiresInDays) {
  return page.evaluate(async (days) => {
    const list = await (await fetch('/api/v1/customers?state=none&sort=name&limit=1')).json();
    const customer = list.items[0];
    const response = await fetch('/api/v1/invitations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ customerId: customer.id, requestedRights: ['delegated_admin', 'billing_view'], expiresInDays: days }),
    });
    return { customer, ...(await response.json()) };
  }, expiresInDays);
}

describe('invitation tracking', () => {
  it('moves from "gesendet" to "geöffnet" live on the invitations page and the customer\'s panel, counts down, and sends a reminder once a day', async () => {
    const staff = await chromium.signedIn(demo.owner);
    const { page } = staff;
    const created = await inviteSomeone(page, 3);
    assert.ok(created.invitation, JSON.stringify(created));

    await page.goto('/invitations?state=pending');
    const row = page.locator(`tr[data-id="${created.invitation.id}"]`);
    await row.waitFor();
    await waitLive(page);
    assert.equal(await row.getByTestId('invitation-stage').innerText(), 'Gesendet');
    assert.match(await row.getByTestId('invitation-timeline').innerText(), /Gesendet[\s\S]*Noch nicht geöffnet[\s\S]*Antwort steht aus/);
    assert.match(await row.getByTestId('invitation-expiry').innerText(), /läuft in 3 Tagen ab/);
    assert.match(await row.getByTestId('rights-compare').innerText(), /Angefragt[\s\S]*Delegierte Administration \(DAP\)[\s\S]*Abrechnung einsehen/);

    // A second tab shows the customer, whose relationship panel follows the invitation too.
    const customerTab = await staff.context.newPage();
    await customerTab.goto(`/customers/${created.customer.id}`);
    const panel = customerTab.getByTestId('relationship-invitation');
    await panel.getByTestId('invitation-stage').filter({ hasText: 'Gesendet' }).waitFor();
    await waitLive(customerTab);

    // The customer opens the link in a browser of its own: both tabs say "Geöffnet" without a reload.
    const customer = await newPage(chromium.browser);
    await customer.page.goto(created.url);
    await customer.page.getByTestId('invite-form').waitFor();
    await row.getByTestId('invitation-stage').filter({ hasText: 'Geöffnet' }).waitFor();
    await panel.getByTestId('invitation-stage').filter({ hasText: 'Geöffnet' }).waitFor();
    assert.doesNotMatch(await row.getByTestId('invitation-timeline').innerText(), /Noch nicht geöffnet/);
    await screenshot(page, 'invitation-opened-live');
    await screenshot(customerTab, 'customer-invitation-opened');

    // Remind: recorded, a draft with a link of its own (the first keeps working), and not again today.
    await row.getByRole('button', { name: /erinnern/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Erinnerung senden' }).waitFor();
    assert.match(await dialog.getByTestId('draft-subject').inputValue(), /^Erinnerung: Einladung zur Vertriebspartnerschaft/);
    const reminderLink = await dialog.getByTestId('invitation-link').inputValue();
    assert.notEqual(reminderLink, created.url);
    assert.ok((await dialog.getByTestId('draft-body').inputValue()).includes(reminderLink));
    await screenshot(page, 'invitation-reminder-draft');
    await dialog.getByRole('button', { name: 'Fertig' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row
      .getByTestId('invitation-timeline')
      .filter({ hasText: /Erinnert[\s\S]*1 Erinnerung, zuletzt von/ })
      .waitFor();
    assert.equal(await row.getByTestId('remind').isDisabled(), true);
    assert.match(await row.innerText(), /Nächste Erinnerung ab/);
    await customer.page.goto(created.url);
    await customer.page.getByTestId('invite-form').waitFor();

    // The customer accepts through the reminder's link, granting fewer rights than asked.
    await customer.page.goto(reminderLink);
    await customer.page.getByLabel('Abrechnung einsehen').uncheck();
    await customer.page.getByRole('button', { name: 'Einladung annehmen' }).click();
    await customer.page.getByTestId('invite-result').and(customer.page.locator('[data-state="accepted"]')).waitFor();
    await page.goto('/invitations?state=accepted');
    const accepted = page.locator(`tr[data-id="${created.invitation.id}"]`);
    await accepted.getByTestId('invitation-stage').filter({ hasText: 'Angenommen' }).waitFor();
    assert.deepEqual(await accepted.getByTestId('rights-granted').locator('.right-chip').allInnerTexts(), ['Delegierte Administration (DAP)']);
    assert.match(await accepted.getByTestId('invitation-timeline').innerText(), /Geöffnet[\s\S]*Angenommen/);
    assert.deepEqual(staff.problems, []);
    await customer.context.close();
    await staff.context.close();
  });

  it('turns an open invitation into "abgelaufen" when its time passes, without a reload, and offers to invite again', async () => {
    const staff = await chromium.signedIn(demo.owner);
    const { page } = staff;
    const created = await inviteSomeone(page, 1);
    await page.clock.install();
    await page.goto('/invitations?state=pending');
    const row = page.locator(`tr[data-id="${created.invitation.id}"]`);
    await row
      .getByTestId('invitation-expiry')
      .filter({ hasText: /läuft in 24 Stunden ab/ })
      .waitFor();
    await page.clock.fastForward('24:01:00');
    await row.getByTestId('invitation-stage').filter({ hasText: 'Abgelaufen' }).waitFor();
    assert.match(await row.getByTestId('invitation-expiry').innerText(), /abgelaufen/);
    assert.equal(await row.getByTestId('remind').count(), 0);
    await row.getByRole('button', { name: /erneut einladen/ }).waitFor();
    await screenshot(page, 'invitation-expired-live');
    await staff.context.close();
  });
});
