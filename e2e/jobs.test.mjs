// Bulk jobs in the browser: a colleague watches the job tray while another staff member tags, untags,
// invites and works on the whole list; progress, the end and the report (with refusals) arrive live,
// and a job over the whole list can be cancelled by anyone who may start it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demo, fileBrowser, screenshot, waitLive } from './browser.mjs';

const chromium = fileBrowser();

async function signedIn(email) {
  const session = await chromium.signedIn(email);
  await waitLive(session.page);
  return session;
}

/** A tag of its own for each run, made through the API as the signed-in page. */
async function newTag(page, name) {
  return page.evaluate(async (tagName) => {
    const response = await fetch('/api/v1/tags', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: tagName, color: 'teal' }) });
    return (await response.json()).tag;
  }, name);
}

const rows = (page) => page.getByTestId('customer-list').locator('tbody tr');
const jobIn = (page, title) => page.getByTestId('job-tray').getByTestId('job').filter({ hasText: title });

async function selectRows(page, count) {
  await rows(page).first().waitFor();
  for (let index = 0; index < count; index++) await rows(page).nth(index).getByRole('checkbox').check();
}

describe('bulk jobs', () => {
  it('tags and untags selected rows as jobs; a colleague sees progress, the end and the report with the refusals live', async () => {
    const owner = await signedIn(demo.owner);
    const buyer = await signedIn(demo.buyer);
    const tagName = `Kampagne ${Date.now() % 100000}`;
    await newTag(buyer.page, tagName);
    await buyer.page.reload();
    await waitLive(buyer.page);

    await selectRows(buyer.page, 3);
    await buyer.page.getByTestId('bulk-bar').getByText('3 Kunden ausgewählt').waitFor();
    await buyer.page.getByTestId('bulk-assign').click();
    await buyer.page.getByRole('menuitem', { name: tagName }).click();
    await buyer.page.getByText(`Sammelaktion gestartet: Tag „${tagName}“ zuweisen.`, { exact: false }).waitFor();
    // The selection is done with; the colleague's tray shows the job to its end.
    await buyer.page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
    const tagging = jobIn(owner.page, `Tag „${tagName}“ zuweisen`);
    await tagging.and(owner.page.locator('[data-state="succeeded"]')).waitFor();
    assert.equal(await tagging.getByTestId('job-counts').innerText(), '3 von 3 bearbeitet');
    await tagging.getByText('Gestartet von').waitFor();

    // Five rows, two of them without the tag: those two are refused in the report.
    await selectRows(buyer.page, 5);
    await buyer.page.getByTestId('bulk-remove').click();
    await buyer.page.getByRole('menuitem', { name: tagName }).click();
    const untagging = jobIn(owner.page, `Tag „${tagName}“ entfernen`);
    await untagging.and(owner.page.locator('[data-state="succeeded"]')).waitFor();
    assert.equal(await untagging.getByTestId('job-counts').innerText(), '5 von 5 bearbeitet · 2 abgelehnt');
    await screenshot(owner.page, 'jobs-tray-colleague');

    await untagging.getByTestId('job-report').click();
    const report = owner.page.getByRole('dialog', { name: `Bericht: Tag „${tagName}“ entfernen` });
    await report.getByTestId('job-report-summary').getByText('3 erledigt, 2 abgelehnt, 0 nicht bearbeitet von 5.').waitFor();
    await report.getByTestId('job-report-row').nth(1).waitFor();
    const refusals = await report.getByTestId('job-report-row').allInnerTexts();
    assert.equal(refusals.length, 2);
    for (const row of refusals) assert.match(row, /Abgelehnt\s+Kunde hatte den Tag nicht/);
    await screenshot(owner.page, 'jobs-report-refusals');
    await report.getByRole('button', { name: 'Schließen' }).click();
    await owner.context.close();
    await buyer.context.close();
  });

  it('invites selected customers; one with an active relationship is refused in the report', async () => {
    const { context, page } = await signedIn(demo.buyer);
    await page.goto('/customers?state=active');
    await selectRows(page, 1);
    await page.getByTestId('bulk-invite').click();
    const dialog = page.getByRole('dialog', { name: 'Zu einer Beziehung einladen' });
    await dialog.getByText('1 Kunde erhält eine Einladung.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Einladungen anlegen' }).click();
    await dialog.waitFor({ state: 'detached' });
    const job = jobIn(page, 'Zu einer Beziehung einladen');
    await job.and(page.locator('[data-state="succeeded"]')).waitFor();
    assert.equal(await job.getByTestId('job-counts').innerText(), '1 von 1 bearbeitet · 1 abgelehnt');
    await job.getByTestId('job-report').click();
    await page.getByRole('dialog').getByTestId('job-report-row').getByText('Beziehung ist bereits aktiv').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Schließen' }).click();
    await job.getByTestId('job-dismiss').click();
    await job.waitFor({ state: 'detached' });
    await context.close();
  });

  it("archives selected customers as a job; they leave a colleague's list live", async () => {
    const owner = await signedIn(demo.owner);
    const buyer = await signedIn(demo.buyer);
    const marker = `Archivjob${Date.now() % 100000}`;
    await buyer.page.evaluate(async (name) => {
      for (const suffix of ['Eins', 'Zwei']) {
        await fetch('/api/v1/customers', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            customerNumber: `${name}-${suffix}`,
            company: `${name} ${suffix} GmbH`,
            email: 'info@archivjob.example',
            address: 'Weg 1',
            postalCode: '10115',
            city: 'Berlin',
            country: 'DE',
          }),
        });
      }
    }, marker);
    await owner.page.goto(`/customers?q=${marker}`);
    await rows(owner.page).nth(1).waitFor();
    await buyer.page.goto(`/customers?q=${marker}`);
    await selectRows(buyer.page, 2);
    await buyer.page.getByTestId('bulk-archive').click();
    const dialog = buyer.page.getByRole('dialog', { name: 'Kunden archivieren' });
    await dialog.getByRole('button', { name: 'Archivieren' }).click();
    const job = jobIn(owner.page, 'Kunden archivieren');
    await job.and(owner.page.locator('[data-state="succeeded"]')).waitFor();
    assert.equal(await job.getByTestId('job-counts').innerText(), '2 von 2 bearbeitet');
    await owner.page.getByText('Keine passenden Kunden').waitFor();
    await buyer.page.getByText('Keine passenden Kunden').waitFor();
    await owner.context.close();
    await buyer.context.close();
  });

  it('works on every customer of the list, and a colleague cancels it after a chunk: the rest is reported as not processed', async () => {
    const owner = await signedIn(demo.owner);
    const buyer = await signedIn(demo.buyer);
    const tagName = `Alle ${Date.now() % 100000}`;
    await newTag(buyer.page, tagName);
    await buyer.page.reload();
    await waitLive(buyer.page);

    await rows(buyer.page).first().waitFor();
    await buyer.page.getByRole('checkbox', { name: /Alle geladenen/ }).check();
    await buyer.page.getByTestId('bulk-select-all').click();
    const bar = buyer.page.getByTestId('bulk-bar');
    const total = Number((await bar.getByText(/^Alle .* Kunden der Liste ausgewählt$/).innerText()).replace(/\D/g, ''));
    assert.ok(total > 100, `the demo list has more than two chunks (${total})`);
    await buyer.page.getByTestId('bulk-assign').click();
    await buyer.page.getByRole('menuitem', { name: tagName }).click();

    // The owner sees the first chunk done and cancels; the job stops after the chunk it is in.
    const job = jobIn(owner.page, `Tag „${tagName}“ zuweisen`);
    await job
      .getByTestId('job-counts')
      .getByText(/^50 von /)
      .waitFor();
    await job.getByTestId('job-cancel').click();
    await job.and(owner.page.locator('[data-state="cancelled"]')).waitFor();
    // The buyer who started it sees it end too, and who cancelled it.
    const buyersView = jobIn(buyer.page, `Tag „${tagName}“ zuweisen`);
    await buyersView.and(buyer.page.locator('[data-state="cancelled"]')).waitFor();
    await buyersView.getByText('Abgebrochen von').waitFor();
    const processed = Number((await buyersView.getByTestId('job-counts').innerText()).split(' von ')[0].replace(/\D/g, ''));
    assert.ok(processed >= 50 && processed < total, `stopped part way (${processed} of ${total})`);
    await screenshot(buyer.page, 'jobs-cancelled');

    await buyersView.getByTestId('job-report').click();
    const report = buyer.page.getByRole('dialog');
    await report.getByTestId('job-report-filter').selectOption({ label: 'Nicht bearbeitet' });
    await report.getByTestId('job-report-row').first().getByText('Sammelaktion abgebrochen').waitFor();
    await report.getByRole('button', { name: 'Schließen' }).click();
    // What was done stays done: the tag filter finds exactly the processed customers.
    await buyer.page.goto('/customers');
    await buyer.page.getByTestId('tag-filter').click();
    await buyer.page.getByRole('menuitemradio', { name: tagName }).click();
    await buyer.page.getByTestId('customer-count').getByText(`${processed} Kunden`).waitFor();
    await owner.context.close();
    await buyer.context.close();
  });
});
