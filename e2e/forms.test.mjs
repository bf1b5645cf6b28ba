// What every form and dialog does alike, because they share one form primitive: the shared schema's
// errors at the fields, the server's field error until that field is edited, a fresh start on every
// opening, and an edit that changes nothing sends nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demo, fileBrowser, screenshot } from './browser.mjs';

const chromium = fileBrowser();

async function settingsOf(email) {
  const session = await chromium.signedIn(email);
  await session.page.goto('/settings#tags');
  await session.page.getByTestId('tags-section').waitFor();
  return session;
}

describe('forms and dialogs', () => {
  it('a tag dialog shows the schema’s error at the field, the server’s until the name is edited, and starts empty again', async () => {
    const { page, context } = await settingsOf(demo.owner);
    const tags = page.getByTestId('tags-section');
    await tags.getByRole('button', { name: 'Tag anlegen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tag anlegen' });
    const name = dialog.getByLabel('Name');
    const fieldErrors = dialog.locator('.field-error');

    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.getByText('Bitte prüfen Sie die markierten Felder.').waitFor();
    assert.deepEqual(await fieldErrors.allInnerTexts(), ['Bitte füllen Sie dieses Feld aus.']);
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    assert.equal(await name.evaluate((input) => input === document.activeElement), true, 'focus moves to the field to fix');

    // Only the server knows the name is taken: its answer shows at the field.
    await name.fill('VIP');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.locator('.field-error', { hasText: 'Ein Tag mit diesem Namen existiert bereits.' }).waitFor();
    await screenshot(page, 'forms-tag-name-taken');
    const unique = `Formtest ${Date.now()}`;
    await name.fill(unique);
    assert.equal(await fieldErrors.count(), 0, 'editing the name takes the server’s error away');

    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await tags.getByRole('row').filter({ hasText: unique }).waitFor();

    await tags.getByRole('button', { name: 'Tag anlegen' }).click();
    await dialog.waitFor();
    assert.equal(await name.inputValue(), '');
    assert.equal(await fieldErrors.count(), 0);
    assert.equal(await dialog.getByText('Bitte prüfen Sie die markierten Felder.').count(), 0);
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Saving an edit that changes nothing closes the dialog without a request.
    const changes = [];
    page.on('request', (request) => request.method() === 'PATCH' && changes.push(request.url()));
    await tags.getByRole('button', { name: `Tag „${unique}“ bearbeiten` }).click();
    const editing = page.getByRole('dialog', { name: 'Tag bearbeiten' });
    assert.equal(await editing.getByLabel('Name').inputValue(), unique);
    await editing.getByRole('button', { name: 'Speichern' }).click();
    await editing.waitFor({ state: 'hidden' });
    assert.deepEqual(changes, []);
    await context.close();
  });

  it('a choice field without values is refused at its values box, before anything is sent', async () => {
    const { page, context } = await settingsOf(demo.owner);
    const sent = [];
    page.on('request', (request) => request.method() === 'POST' && request.url().includes('/custom-fields') && sent.push(request.url()));
    await page.getByRole('button', { name: 'Feld hinzufügen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Feld hinzufügen' });
    await dialog.getByLabel('Bezeichnung').fill('Vertragsart');
    await dialog.getByLabel('Typ').selectOption('choice');
    await dialog.getByLabel('Auswahlwerte').fill('   \n  ');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.getByText('Bitte geben Sie mindestens einen Auswahlwert an.').waitFor();
    assert.equal(await dialog.getByLabel('Auswahlwerte').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(sent, []);
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await context.close();
  });
});
