// Tags, saved views and domains are changed and deleted from the lists that show them: this isolate
// remembers the rows those lists (and the writes' own answers) showed, so such a change waits for its
// batch alone. These tests change the stored row behind that memory (another isolate's edit, a restore
// that repeats a version, a delete, a name taken, another person's private view) and send 50 changes
// at once, and show every answer and every audit row is the one the stored row gives.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { Client, countRows, createCustomer, createProduct, createReseller, createUser } from './fixtures';

const waited = (answer: { headers: Headers }) => Number(answer.headers.get('x-d1-sequential-trips'));
const state = (extra: Record<string, unknown> = {}) => ({ columns: ['customerNumber', 'company'], ...extra });
const audited = (entityId: string, action: string) => countRows('audit_log', 'entity_id = ? AND action = ?', entityId, action);
const auditBefore = async (entityId: string, action: string) =>
  JSON.parse(
    ((await env.DB.prepare('SELECT before FROM audit_log WHERE entity_id = ? AND action = ?').bind(entityId, action).first<{ before: string }>())?.before ?? 'null') as string,
  );

async function signedInOwner() {
  const reseller = await createReseller();
  const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
  // The isolate learns the actor first, as on any page.
  await owner.get('/api/v1/customers?limit=1');
  return { reseller, owner };
}

describe('tags changed from the list', { timeout: 60_000 }, () => {
  it('rename in one trip, and the answer counts the customers carrying the tag as stored', async () => {
    const { reseller, owner } = await signedInOwner();
    const created = (await owner.post('/api/v1/tags', { name: 'Stammkunde', color: 'blue' })).body.tag;
    const customer = await createCustomer(reseller, { company: 'Bäckerei Groß' });
    // Tagged after the list was read: the remembered tag does not know the count.
    const [listed] = (await owner.get('/api/v1/tags')).body.items;
    expect(listed).toMatchObject({ id: created.id, customerCount: 0 });
    expect((await owner.post('/api/v1/customers/bulk-tags', { customerIds: [customer.id], addTagIds: [created.id] })).status).toBeLessThan(300);
    const renamed = await owner.patch(`/api/v1/tags/${created.id}`, { version: listed.version, name: 'Premium' });
    expect([renamed.status, waited(renamed)]).toEqual([200, 1]);
    expect(renamed.body.tag).toEqual({ id: created.id, name: 'Premium', color: 'blue', version: 2, customerCount: 1 });
    // The customer shows the new name.
    expect((await owner.get(`/api/v1/customers/${customer.id}`)).body.customer.tags.map((tag: { name: string }) => tag.name)).toEqual(['Premium']);
    // The answer is remembered: the next change based on it waits for one trip too.
    const recoloured = await owner.patch(`/api/v1/tags/${created.id}`, { version: renamed.body.tag.version, color: 'green' });
    expect([recoloured.status, waited(recoloured), recoloured.body.tag.name]).toEqual([200, 1, 'Premium']);
  });

  it('answers 409 with the tag as stored when another isolate renamed it, and keeps a restored name', async () => {
    const { reseller, owner } = await signedInOwner();
    const tag = (await owner.post('/api/v1/tags', { name: 'Wartung', color: 'blue' })).body.tag;
    await env.DB.prepare('UPDATE tags SET name = ?, name_key = ?, version = version + 1, updated_at = ? WHERE id = ? AND reseller_id = ?')
      .bind('Wartungsvertrag', 'wartungsvertrag', new Date().toISOString(), tag.id, reseller.id)
      .run();
    const stale = await owner.patch(`/api/v1/tags/${tag.id}`, { version: tag.version, color: 'red' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ name: 'Wartungsvertrag', version: tag.version + 1 });
    // As after a restore: the remembered version again, with another name and time of change.
    await env.DB.prepare("UPDATE tags SET name = 'Service', name_key = 'service', version = ?, updated_at = '2026-01-01T00:00:00.000Z' WHERE id = ?")
      .bind(tag.version, tag.id)
      .run();
    const changed = await owner.patch(`/api/v1/tags/${tag.id}`, { version: tag.version, color: 'red' });
    expect(changed.status).toBe(200);
    expect(changed.body.tag).toMatchObject({ name: 'Service', color: 'red' });
    expect(await auditBefore(tag.id, 'tag.updated')).toMatchObject({ name: 'Service', color: 'blue' });
  });

  it('a name taken since the list was read is a 409, and nothing changes', async () => {
    const { owner } = await signedInOwner();
    const tag = (await owner.post('/api/v1/tags', { name: 'Neukunde', color: 'blue' })).body.tag;
    await owner.post('/api/v1/tags', { name: 'Bestandskunde', color: 'blue' });
    const clash = await owner.patch(`/api/v1/tags/${tag.id}`, { version: tag.version, name: 'BESTANDSKUNDE' });
    expect([clash.status, clash.body.error.fields]).toEqual([409, { name: 'tag_name_taken' }]);
    expect(await env.DB.prepare('SELECT name, version FROM tags WHERE id = ?').bind(tag.id).first()).toEqual({ name: 'Neukunde', version: 1 });
  });

  it('tags customers in one trip by the tags as stored when they changed after the picker showed them', async () => {
    const { reseller, owner } = await signedInOwner();
    const kept = (await owner.post('/api/v1/tags', { name: 'Region Nord', color: 'blue' })).body.tag;
    const gone = (await owner.post('/api/v1/tags', { name: 'Messe 2026', color: 'green' })).body.tag;
    const customer = await createCustomer(reseller, { company: 'Fischerei Kutter' });
    await owner.get('/api/v1/tags');
    const tagged = await owner.post('/api/v1/customers/bulk-tags', { customerIds: [customer.id], addTagIds: [kept.id] });
    expect([tagged.status, waited(tagged)]).toEqual([200, 1]);
    await env.DB.prepare("UPDATE tags SET name = 'Region Küste', name_key = 'region küste', version = version + 1, updated_at = ? WHERE id = ?")
      .bind(new Date().toISOString(), kept.id)
      .run();
    await env.DB.prepare('DELETE FROM tags WHERE id = ?').bind(gone.id).run();
    const unknown = await owner.post('/api/v1/customers/bulk-tags', { customerIds: [customer.id], addTagIds: [gone.id] });
    expect([unknown.status, unknown.body.error.fields]).toEqual([422, { addTagIds: 'unknown_tag' }]);
    const removed = await owner.post('/api/v1/customers/bulk-tags', { customerIds: [customer.id], removeTagIds: [kept.id] });
    expect(removed.status).toBe(200);
    const summary = await env.DB.prepare("SELECT after FROM audit_log WHERE reseller_id = ? AND action = 'tags.bulk_changed' ORDER BY id DESC LIMIT 1")
      .bind(reseller.id)
      .first<{ after: string }>();
    expect(JSON.parse(summary!.after)).toMatchObject({ removed: ['Region Küste'] });
  });

  it('of 50 deletes at once one succeeds, the others find nothing, and the customers lose the tag from their sort key', async () => {
    const { reseller, owner } = await signedInOwner();
    const tag = (await owner.post('/api/v1/tags', { name: 'Altkunde', color: 'gray' })).body.tag;
    const customer = await createCustomer(reseller, { company: 'Zimmerei Holz' });
    await owner.post('/api/v1/customers/bulk-tags', { customerIds: [customer.id], addTagIds: [tag.id] });
    await owner.get('/api/v1/tags');
    const answers = await Promise.all(Array.from({ length: 50 }, () => owner.delete(`/api/v1/tags/${tag.id}`)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 204)).toHaveLength(1);
    expect(statuses.filter((status) => status === 404)).toHaveLength(49);
    expect(await audited(tag.id, 'tag.deleted')).toBe(1);
    const stored = await env.DB.prepare('SELECT tags_sort FROM customers WHERE id = ?').bind(customer.id).first<{ tags_sort: string }>();
    expect(stored?.tags_sort ?? '').not.toContain('altkunde');
  });

  it('a delete after another isolate renamed the tag audits the stored name and clears the stored sort key', async () => {
    const { reseller, owner } = await signedInOwner();
    const tag = (await owner.post('/api/v1/tags', { name: 'Alpha', color: 'gray' })).body.tag;
    const customer = await createCustomer(reseller, { company: 'Malerbetrieb Farbe' });
    await owner.post('/api/v1/customers/bulk-tags', { customerIds: [customer.id], addTagIds: [tag.id] });
    // Renamed elsewhere, with the customer's sort key as that rename leaves it.
    await env.DB.prepare("UPDATE tags SET name = 'Omega', name_key = 'omega', version = version + 1, updated_at = ? WHERE id = ?").bind(new Date().toISOString(), tag.id).run();
    await env.DB.prepare("UPDATE customers SET tags_sort = 'omega' WHERE id = ?").bind(customer.id).run();
    const deleted = await owner.delete(`/api/v1/tags/${tag.id}`);
    expect(deleted.status).toBe(204);
    expect(await auditBefore(tag.id, 'tag.deleted')).toMatchObject({ name: 'Omega' });
    const stored = await env.DB.prepare('SELECT tags_sort FROM customers WHERE id = ?').bind(customer.id).first<{ tags_sort: string }>();
    expect(stored?.tags_sort ?? '').not.toContain('omega');
  });
});

describe('saved views changed from the list', { timeout: 60_000 }, () => {
  it('save, rename and delete each wait for one trip', async () => {
    const { owner } = await signedInOwner();
    const saved = await owner.post('/api/v1/saved-views', { name: 'Wien', visibility: 'team', state: state({ country: 'AT' }) });
    expect([saved.status, waited(saved)]).toEqual([201, 1]);
    const renamed = await owner.patch(`/api/v1/saved-views/${saved.body.view.id}`, { version: 1, name: 'Wiener Kunden' });
    expect([renamed.status, waited(renamed), renamed.body.view.name]).toEqual([200, 1, 'Wiener Kunden']);
    const deleted = await owner.delete(`/api/v1/saved-views/${saved.body.view.id}`);
    expect([deleted.status, waited(deleted)]).toEqual([204, 1]);
    expect((await owner.get(`/api/v1/saved-views/${saved.body.view.id}`)).status).toBe(404);
  });

  it('a name taken or a tag deleted since the view was read is refused, and nothing changes', async () => {
    const { reseller, owner } = await signedInOwner();
    const tag = (await owner.post('/api/v1/tags', { name: 'VIP', color: 'red' })).body.tag;
    const view = (await owner.post('/api/v1/saved-views', { name: 'Meine', state: state() })).body.view;
    // Another staff member's team view takes the name; the tag is deleted in another isolate.
    const admin = await Client.signedIn((await createUser(reseller, 'admin')).email);
    expect((await admin.post('/api/v1/saved-views', { name: 'Team Nord', visibility: 'team', state: state() })).status).toBe(201);
    await env.DB.prepare('DELETE FROM tags WHERE id = ?').bind(tag.id).run();
    const clash = await owner.patch(`/api/v1/saved-views/${view.id}`, { version: view.version, name: 'team nord' });
    expect([clash.status, clash.body.error.code]).toEqual([409, 'saved_view_name_taken']);
    const unknownTag = await owner.patch(`/api/v1/saved-views/${view.id}`, { version: view.version, state: state({ tag: tag.id }) });
    expect([unknownTag.status, unknownTag.body.error.fields]).toEqual([422, { 'state.tag': 'unknown_tag' }]);
    const newView = await owner.post('/api/v1/saved-views', { name: 'Team Nord', state: state() });
    expect([newView.status, newView.body.error.code]).toEqual([409, 'saved_view_name_taken']);
    const newWithTag = await owner.post('/api/v1/saved-views', { name: 'Mit Tag', state: state({ tag: tag.id }) });
    expect([newWithTag.status, newWithTag.body.error.fields]).toEqual([422, { 'state.tag': 'unknown_tag' }]);
    expect(await env.DB.prepare('SELECT name, version FROM saved_views WHERE id = ?').bind(view.id).first()).toEqual({ name: 'Meine', version: 1 });
    expect(await countRows('saved_views', "reseller_id = ? AND name = 'Mit Tag'", reseller.id)).toBe(0);
  });

  it("another person's private view is a 404 although this isolate remembers it", async () => {
    const { reseller, owner } = await signedInOwner();
    const mine = (await owner.post('/api/v1/saved-views', { name: 'Privat', state: state() })).body.view;
    await owner.get('/api/v1/saved-views');
    const colleague = await Client.signedIn((await createUser(reseller, 'admin')).email);
    expect((await colleague.patch(`/api/v1/saved-views/${mine.id}`, { version: mine.version, name: 'Gekapert' })).status).toBe(404);
    expect((await colleague.delete(`/api/v1/saved-views/${mine.id}`)).status).toBe(404);
    expect(await env.DB.prepare('SELECT name FROM saved_views WHERE id = ?').bind(mine.id).first()).toEqual({ name: 'Privat' });
    // Another reseller's owner, likewise.
    const { owner: stranger } = await signedInOwner();
    expect((await stranger.patch(`/api/v1/saved-views/${mine.id}`, { version: mine.version, name: 'Fremd' })).status).toBe(404);
    expect((await stranger.delete(`/api/v1/saved-views/${mine.id}`)).status).toBe(404);
  });

  it('of 50 renames based on one version exactly one lands; the others get the view as it is', async () => {
    const { owner } = await signedInOwner();
    const view = (await owner.post('/api/v1/saved-views', { name: 'Start', visibility: 'team', state: state() })).body.view;
    const answers = await Promise.all(Array.from({ length: 50 }, (_, index) => owner.patch(`/api/v1/saved-views/${view.id}`, { version: view.version, name: `Name ${index}` })));
    const winners = answers.filter((answer) => answer.status === 200);
    expect(winners).toHaveLength(1);
    const losers = answers.filter((answer) => answer.status === 409);
    expect(losers).toHaveLength(49);
    for (const loser of losers) expect(loser.body.error.current).toMatchObject({ name: winners[0]!.body.view.name, version: 2 });
    expect(await audited(view.id, 'saved_view.updated')).toBe(1);
  });

  it('50 saves at once stop at the limit of private views', async () => {
    const { reseller, owner } = await signedInOwner();
    const answers = await Promise.all(Array.from({ length: 60 }, (_, index) => owner.post('/api/v1/saved-views', { name: `Ansicht ${index}`, state: state() })));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(50);
    expect(answers.filter((answer) => answer.status === 409).every((answer) => answer.body.error.code === 'saved_view_limit')).toBe(true);
    expect(await countRows('saved_views', 'reseller_id = ?', reseller.id)).toBe(50);
  });
});

describe('domains removed from the tab', { timeout: 60_000 }, () => {
  async function domainOnTab() {
    const { reseller, owner } = await signedInOwner();
    const customer = await createCustomer(reseller, { company: 'Dachdeckerei Ziegel' });
    const added = await owner.post(`/api/v1/customers/${customer.id}/domains`, { name: `ziegel-${customer.id.slice(-6)}.de` });
    expect(added.status).toBe(201);
    return { reseller, owner, customer, domain: added.body.domain as { id: string; version: number; name: string } };
  }

  it('waits for one trip, and a change right after adding it too', async () => {
    const { owner, domain } = await domainOnTab();
    const changed = await owner.patch(`/api/v1/domains/${domain.id}`, { version: domain.version, registrar: 'INWX' });
    expect([changed.status, waited(changed)]).toEqual([200, 1]);
    const removed = await owner.delete(`/api/v1/domains/${domain.id}`);
    expect([removed.status, waited(removed)]).toEqual([204, 1]);
    expect(await countRows('domains', 'id = ?', domain.id)).toBe(0);
    expect(await auditBefore(domain.id, 'domain.removed')).toMatchObject({ registrar: 'INWX' });
  });

  it('audits the domain as stored when another isolate changed it, and is a 404 once it is gone', async () => {
    const { owner, domain } = await domainOnTab();
    await env.DB.prepare("UPDATE domains SET registrar = 'Strato', version = version + 1, updated_at = ? WHERE id = ?").bind(new Date().toISOString(), domain.id).run();
    const removed = await owner.delete(`/api/v1/domains/${domain.id}`);
    expect(removed.status).toBe(204);
    expect(await auditBefore(domain.id, 'domain.removed')).toMatchObject({ registrar: 'Strato', version: domain.version + 1 });
    expect((await owner.delete(`/api/v1/domains/${domain.id}`)).status).toBe(404);
    expect(await audited(domain.id, 'domain.removed')).toBe(1);
  });

  it("another reseller's domain is a 404 and stays", async () => {
    const { domain } = await domainOnTab();
    const { owner: stranger } = await signedInOwner();
    expect((await stranger.delete(`/api/v1/domains/${domain.id}`)).status).toBe(404);
    expect(await countRows('domains', 'id = ?', domain.id)).toBe(1);
  });

  it('of 50 removals at once one succeeds and is audited once', async () => {
    const { owner, domain } = await domainOnTab();
    const answers = await Promise.all(Array.from({ length: 50 }, () => owner.delete(`/api/v1/domains/${domain.id}`)));
    expect(answers.filter((answer) => answer.status === 204)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 404)).toHaveLength(49);
    expect(await audited(domain.id, 'domain.removed')).toBe(1);
  });
});

describe('custom fields and own products changed from Settings', { timeout: 60_000 }, () => {
  it('fields added at once each go last, with the position the answer shows', async () => {
    const { reseller, owner } = await signedInOwner();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => owner.post('/api/v1/custom-fields', { label: `Feld ${index}`, type: 'text' })));
    expect(answers.every((answer) => answer.status === 201 && waited(answer) === 1)).toBe(true);
    const positions = answers.map((answer) => answer.body.field.position as number).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 20 }, (_, index) => index));
    const stored = (await env.DB.prepare('SELECT id, position FROM custom_fields WHERE reseller_id = ?').bind(reseller.id).all<{ id: string; position: number }>()).results;
    for (const answer of answers) expect(stored).toContainEqual({ id: answer.body.field.id, position: answer.body.field.position });
  });

  it('a field changes in one trip from the list, and a field changed elsewhere is a 409 with it as stored', async () => {
    const { reseller, owner } = await signedInOwner();
    const field = (await owner.post('/api/v1/custom-fields', { label: 'Branche', type: 'text' })).body.field;
    const [listed] = (await owner.get('/api/v1/custom-fields')).body.items;
    const changed = await owner.patch(`/api/v1/custom-fields/${field.id}`, { version: listed.version, required: true });
    expect([changed.status, waited(changed), changed.body.field.required]).toEqual([200, 1, true]);
    await env.DB.prepare("UPDATE custom_fields SET label = 'Sektor', version = version + 1, updated_at = ? WHERE id = ? AND reseller_id = ?")
      .bind(new Date().toISOString(), field.id, reseller.id)
      .run();
    const stale = await owner.patch(`/api/v1/custom-fields/${field.id}`, { version: changed.body.field.version, archived: true });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ label: 'Sektor', archived: false });
    const { owner: stranger } = await signedInOwner();
    expect((await stranger.patch(`/api/v1/custom-fields/${field.id}`, { version: 3, archived: true })).status).toBe(404);
  });

  it("an own product is priced in the reseller's currency, changed in one trip, and a distributor product stays read-only", async () => {
    const { reseller, owner } = await signedInOwner();
    await env.DB.prepare("UPDATE resellers SET currency = 'CHF' WHERE id = ?").bind(reseller.id).run();
    const created = await owner.post('/api/v1/products', { sku: 'WART-1', name: 'Wartungspauschale', billing: 'monthly', priceCents: 4_900 });
    expect([created.status, waited(created), created.body.product.currency]).toEqual([201, 1, 'CHF']);
    const taken = await owner.post('/api/v1/products', { sku: 'WART-1', name: 'Doppelt', billing: 'monthly', priceCents: 100 });
    expect([taken.status, taken.body.error.fields]).toEqual([409, { sku: 'sku_taken' }]);
    const repriced = await owner.patch(`/api/v1/products/${created.body.product.id}`, { version: 1, priceCents: 5_900 });
    expect([repriced.status, waited(repriced), repriced.body.product.priceCents]).toEqual([200, 1, 5_900]);
    // Repriced in another isolate: the next change based on the old version is a 409 with the stored price.
    await env.DB.prepare('UPDATE products SET price_cents = 6900, version = version + 1, updated_at = ? WHERE id = ?')
      .bind(new Date().toISOString(), created.body.product.id)
      .run();
    const stale = await owner.patch(`/api/v1/products/${created.body.product.id}`, { version: 2, archived: true });
    expect([stale.status, stale.body.error.current?.priceCents]).toEqual([409, 6_900]);
    const distributor = await createProduct(reseller);
    await owner.get('/api/v1/products');
    const readOnly = await owner.patch(`/api/v1/products/${distributor.id}`, { version: 1, priceCents: 1 });
    expect([readOnly.status, readOnly.body.error.code]).toEqual([409, 'catalog_read_only']);
    const { owner: stranger } = await signedInOwner();
    expect((await stranger.patch(`/api/v1/products/${created.body.product.id}`, { version: 3, archived: true })).status).toBe(404);
    expect(await env.DB.prepare('SELECT price_cents AS price, archived FROM products WHERE id = ?').bind(created.body.product.id).first()).toEqual({ price: 6_900, archived: 0 });
  });
});

describe('invitations sent, reminded, resent and revoked without a read first', { timeout: 60_000 }, () => {
  async function customerOnScreen() {
    const { reseller, owner } = await signedInOwner();
    const customer = await createCustomer(reseller, { company: 'Steuerbüro Klar' });
    // The customer view, then the invite dialog's terms.
    expect((await owner.get(`/api/v1/customers/${customer.id}`)).status).toBe(200);
    expect((await owner.get('/api/v1/invitations/terms')).status).toBe(200);
    return { reseller, owner, customer };
  }
  const invite = (owner: Client, customerId: string, extra: Record<string, unknown> = {}) =>
    owner.post('/api/v1/invitations', { customerId, requestedRights: ['delegated_admin'], ...extra });
  const daysFromNow = (iso: string) => (Date.parse(iso) - Date.now()) / 86_400_000;

  it('an invitation from the customer view waits for one trip and runs for the stored validity', async () => {
    const { reseller, owner, customer } = await customerOnScreen();
    // Settings changed in another isolate after the dialog read the terms.
    await env.DB.prepare('UPDATE resellers SET invitation_days = 30 WHERE id = ?').bind(reseller.id).run();
    const sent = await invite(owner, customer.id);
    expect(sent.status).toBe(201);
    expect(daysFromNow(sent.body.invitation.expiresAt)).toBeGreaterThan(29.9);
    expect(sent.body.invitation.customerName).toBe('Steuerbüro Klar');
    expect((await owner.get(`/api/v1/customers/${customer.id}`)).body.customer.relationshipState).toBe('pending');
    // Now remembered as stored: the next invitation waits for its batch alone.
    await owner.get(`/api/v1/customers/${customer.id}`);
    const again = await invite(owner, customer.id);
    expect([again.status, waited(again)]).toEqual([201, 1]);
    expect(await countRows('invitations', "customer_id = ? AND state = 'pending'", customer.id)).toBe(1);
  });

  it('refuses by the stored customer and terms: archived, already active, no indirect provider any more', async () => {
    const { reseller, owner, customer } = await customerOnScreen();
    await env.DB.prepare("UPDATE resellers SET indirect_provider = '' WHERE id = ?").bind(reseller.id).run();
    const noProvider = await invite(owner, customer.id, { includeIndirectProvider: true });
    expect([noProvider.status, noProvider.body.error.fields]).toEqual([422, { includeIndirectProvider: 'no_indirect_provider' }]);
    await owner.get(`/api/v1/customers/${customer.id}`);
    await env.DB.prepare("UPDATE customers SET relationship_state = 'active', version = version + 1, updated_at = ? WHERE id = ?")
      .bind(new Date().toISOString(), customer.id)
      .run();
    const active = await invite(owner, customer.id);
    expect([active.status, active.body.error.code]).toEqual([409, 'relationship_active']);
    await owner.get(`/api/v1/customers/${customer.id}`);
    await env.DB.prepare("UPDATE customers SET relationship_state = 'none', archived_at = ?, version = version + 1, updated_at = ? WHERE id = ?")
      .bind(new Date().toISOString(), new Date().toISOString(), customer.id)
      .run();
    const archived = await invite(owner, customer.id);
    expect([archived.status, archived.body.error.code]).toEqual([409, 'customer_archived']);
    expect(await countRows('invitations', 'customer_id = ?', customer.id)).toBe(0);
    const { owner: stranger } = await signedInOwner();
    expect((await invite(stranger, customer.id)).status).toBe(404);
  });

  it('of 50 reminders at once one is sent; the audit names the customer and the count', async () => {
    const { owner, customer } = await customerOnScreen();
    const invitation = (await invite(owner, customer.id)).body.invitation;
    const answers = await Promise.all(Array.from({ length: 50 }, () => owner.post(`/api/v1/invitations/${invitation.id}/remind`, {})));
    const sent = answers.filter((answer) => answer.status === 200);
    expect(sent).toHaveLength(1);
    expect(waited(sent[0]!)).toBe(1);
    expect(sent[0]!.body.invitation).toMatchObject({ reminderCount: 1, customerName: 'Steuerbüro Klar', version: invitation.version + 1 });
    expect(answers.filter((answer) => answer.status === 429).every((answer) => answer.body.error.code === 'reminder_too_soon')).toBe(true);
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(49);
    expect(await countRows('invitation_reminders', 'invitation_id = ?', invitation.id)).toBe(1);
    const audit = await env.DB.prepare("SELECT customer_id AS customerId, after FROM audit_log WHERE entity_id = ? AND action = 'invitation.reminded'").bind(invitation.id).all();
    expect(audit.results).toEqual([{ customerId: customer.id, after: JSON.stringify({ reminderCount: 1 }) }]);
    // Another reseller's invitation: 404, and no reminder is recorded for it.
    const { owner: stranger } = await signedInOwner();
    await env.DB.prepare('UPDATE invitations SET last_reminded_at = NULL WHERE id = ?').bind(invitation.id).run();
    expect((await stranger.post(`/api/v1/invitations/${invitation.id}/remind`, {})).status).toBe(404);
    expect(await countRows('invitation_reminders', 'invitation_id = ?', invitation.id)).toBe(1);
  });

  it('a reminder of an expired or answered invitation says which', async () => {
    const { owner, customer } = await customerOnScreen();
    const invitation = (await invite(owner, customer.id)).body.invitation;
    await env.DB.prepare("UPDATE invitations SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = ?").bind(invitation.id).run();
    const expired = await owner.post(`/api/v1/invitations/${invitation.id}/remind`, {});
    expect([expired.status, expired.body.error.code]).toEqual([409, 'invitation_expired']);
    await env.DB.prepare("UPDATE invitations SET state = 'declined' WHERE id = ?").bind(invitation.id).run();
    const answered = await owner.post(`/api/v1/invitations/${invitation.id}/remind`, {});
    expect([answered.status, answered.body.error.code]).toEqual([409, 'invitation_closed']);
    expect((await owner.post('/api/v1/invitations/inv_unbekannt/remind', {})).status).toBe(404);
  });

  it('revoke from the list waits for one trip and reopens the customer; of 50 revokes one lands', async () => {
    const { owner, customer } = await customerOnScreen();
    const invitation = (await invite(owner, customer.id)).body.invitation;
    await owner.get('/api/v1/invitations');
    const answers = await Promise.all(Array.from({ length: 50 }, () => owner.post(`/api/v1/invitations/${invitation.id}/revoke`, {})));
    const revoked = answers.filter((answer) => answer.status === 200);
    expect(revoked).toHaveLength(1);
    expect(revoked[0]!.body.invitation).toMatchObject({ state: 'revoked', customerName: 'Steuerbüro Klar' });
    expect(answers.filter((answer) => answer.status === 409).every((answer) => answer.body.error.code === 'invitation_closed')).toBe(true);
    expect(await audited(invitation.id, 'invitation.revoked')).toBe(1);
    expect((await owner.get(`/api/v1/customers/${customer.id}`)).body.customer.relationshipState).toBe('none');
    // From the list, one trip.
    const next = (await invite(owner, customer.id)).body.invitation;
    await owner.get('/api/v1/invitations');
    const once = await owner.post(`/api/v1/invitations/${next.id}/revoke`, {});
    expect([once.status, waited(once)]).toEqual([200, 1]);
  });

  it('an invitation answered after the list was read cannot be revoked or resent', async () => {
    const { owner, customer } = await customerOnScreen();
    const invitation = (await invite(owner, customer.id)).body.invitation;
    await owner.get('/api/v1/invitations');
    await env.DB.prepare("UPDATE invitations SET state = 'accepted', version = version + 1, updated_at = ? WHERE id = ?").bind(new Date().toISOString(), invitation.id).run();
    await env.DB.prepare("UPDATE customers SET relationship_state = 'active' WHERE id = ?").bind(customer.id).run();
    for (const action of ['revoke', 'resend']) {
      const refused = await owner.post(`/api/v1/invitations/${invitation.id}/${action}`, {});
      expect([refused.status, refused.body.error.code, refused.body.error.current?.state]).toEqual([409, 'invitation_closed', 'accepted']);
    }
    expect((await owner.get(`/api/v1/customers/${customer.id}`)).body.customer.relationshipState).toBe('active');
  });

  it('resend gives a new link running for the stored validity; of two at once one is refused, so no answer shows a dead link', async () => {
    const { reseller, owner, customer } = await customerOnScreen();
    const first = await invite(owner, customer.id);
    await owner.get('/api/v1/invitations');
    await env.DB.prepare('UPDATE resellers SET invitation_days = 45 WHERE id = ?').bind(reseller.id).run();
    const resent = await owner.post(`/api/v1/invitations/${first.body.invitation.id}/resend`, {});
    expect(resent.status).toBe(200);
    expect(daysFromNow(resent.body.invitation.expiresAt)).toBeGreaterThan(44.9);
    expect(daysFromNow(resent.body.invitation.expiresAt)).toBeLessThan(45.1);
    expect(resent.body.url).not.toBe(first.body.url);
    const twice = await Promise.all([0, 1].map(() => owner.post(`/api/v1/invitations/${first.body.invitation.id}/resend`, {})));
    expect(twice.map((answer) => answer.status).sort()).toEqual([200, 409]);
  });
});

describe('tokens and webhooks ended without a read first', { timeout: 60_000 }, () => {
  it("the audit records the token and the endpoint exactly as the API listed them; of 50 ends at once one lands; another reseller's is a 404", async () => {
    const { owner } = await signedInOwner();
    const token = (await owner.post('/api/v1/api-tokens', { name: 'ERP „Nord“', scopes: ['customers.read', 'customers.write'], expiresOn: '2027-12-31' })).body.token;
    const endpoint = (
      await owner.post('/api/v1/webhooks', { url: 'https://hooks.receiver.test/desk', eventTypes: ['customer.created', 'customer.updated'], description: 'Buchhaltung' })
    ).body.endpoint;
    const listedToken = (await owner.get('/api/v1/api-tokens')).body.items.find((item: { id: string }) => item.id === token.id);
    const listedEndpoint = (await owner.get('/api/v1/webhooks')).body.items.find((item: { id: string }) => item.id === endpoint.id);
    const { owner: stranger } = await signedInOwner();
    expect((await stranger.delete(`/api/v1/api-tokens/${token.id}`)).status).toBe(404);
    expect((await stranger.delete(`/api/v1/webhooks/${endpoint.id}`)).status).toBe(404);

    for (const [path, id, action, listed] of [
      ['api-tokens', token.id, 'api_token.revoked', listedToken],
      ['webhooks', endpoint.id, 'webhook.deactivated', listedEndpoint],
    ] as const) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => owner.delete(`/api/v1/${path}/${id}`)));
      expect(answers.filter((answer) => answer.status === 204)).toHaveLength(1);
      expect(answers.filter((answer) => answer.status === 404)).toHaveLength(49);
      expect(Math.min(...answers.map(waited))).toBe(1);
      expect(await audited(id, action)).toBe(1);
      // The stored row as JSON, compared with the list's item: every field, JSON arrays and booleans as such.
      expect(await auditBefore(id, action)).toEqual(listed);
    }
    expect((await owner.get('/api/v1/api-tokens')).body.items.find((item: { id: string }) => item.id === token.id).revokedAt).not.toBeNull();
    expect((await owner.get('/api/v1/webhooks')).body.items.find((item: { id: string }) => item.id === endpoint.id).active).toBe(false);
  });
});

describe("the relationship changed and the account opened from the customer's view", { timeout: 60_000 }, () => {
  async function activeCustomerOnScreen() {
    const { reseller, owner } = await signedInOwner();
    const stored = await createCustomer(reseller, { company: 'Kanzlei Recht', relationshipState: 'active', grantedRights: ['delegated_admin'] });
    const { customer } = (await owner.get(`/api/v1/customers/${stored.id}`)).body;
    return { reseller, owner, customer: customer as { id: string; version: number } };
  }
  const accountLooks = (customerId: string) => countRows('audit_log', "entity_id = ? AND action = 'customer.account_accessed'", customerId);

  it('removes the relationship in one trip; a change made elsewhere meanwhile is a 409 with the customer as stored', async () => {
    const { owner, customer } = await activeCustomerOnScreen();
    const removed = await owner.post(`/api/v1/customers/${customer.id}/relationship/remove`, { version: customer.version });
    expect([removed.status, waited(removed), removed.body.customer.relationshipState]).toEqual([200, 1, 'removed']);
    const other = await activeCustomerOnScreen();
    await env.DB.prepare("UPDATE customers SET city = 'Kassel', version = version + 1, updated_at = ? WHERE id = ?").bind(new Date().toISOString(), other.customer.id).run();
    const stale = await other.owner.post(`/api/v1/customers/${other.customer.id}/relationship/remove`, { version: other.customer.version });
    expect([stale.status, stale.body.error.current?.city]).toEqual([409, 'Kassel']);
    expect((await other.owner.get(`/api/v1/customers/${other.customer.id}`)).body.customer.relationshipState).toBe('active');
  });

  it('opens the account in one trip and records every look; rights withdrawn meanwhile refuse it without a record', async () => {
    const { owner, customer } = await activeCustomerOnScreen();
    const looks = await Promise.all(Array.from({ length: 50 }, () => owner.post(`/api/v1/customers/${customer.id}/account`, {})));
    expect(looks.every((look) => look.status === 200)).toBe(true);
    expect(Math.max(...looks.map(waited))).toBe(1);
    expect(await accountLooks(customer.id)).toBe(50);
    // Withdrawn in another isolate (the customer removed the partner in its tenant): judged on the stored row.
    await env.DB.prepare("UPDATE customers SET relationship_state = 'removed', granted_rights = '[]', version = version + 1, updated_at = ? WHERE id = ?")
      .bind(new Date().toISOString(), customer.id)
      .run();
    const refused = await owner.post(`/api/v1/customers/${customer.id}/account`, {});
    expect([refused.status, refused.body.error.code]).toEqual([403, 'no_delegated_admin']);
    expect(await accountLooks(customer.id)).toBe(50);
    const { owner: stranger } = await signedInOwner();
    expect((await stranger.post(`/api/v1/customers/${customer.id}/account`, {})).status).toBe(404);
  });

  it('rights granted after the view was read open the account', async () => {
    const { reseller, owner } = await signedInOwner();
    const stored = await createCustomer(reseller, { company: 'Praxis Gesund', relationshipState: 'pending' });
    await owner.get(`/api/v1/customers/${stored.id}`);
    await env.DB.prepare("UPDATE customers SET relationship_state = 'active', granted_rights = '[\"delegated_admin\"]', version = version + 1, updated_at = ? WHERE id = ?")
      .bind(new Date().toISOString(), stored.id)
      .run();
    const opened = await owner.post(`/api/v1/customers/${stored.id}/account`, {});
    expect(opened.status).toBe(200);
    expect(opened.body.customer.relationshipState).toBe('active');
    expect(await accountLooks(stored.id)).toBe(1);
  });
});

describe('customers deleted from their view', { timeout: 60_000 }, () => {
  it('in one trip; of 50 deletes at once one lands; the audit shows the customer and its domains as stored', async () => {
    const { reseller, owner } = await signedInOwner();
    const stored = await createCustomer(reseller, { company: 'Abbruch GmbH' });
    await owner.post(`/api/v1/customers/${stored.id}/domains`, { name: `abbruch-${stored.id.slice(-6)}.de` });
    const { customer } = (await owner.get(`/api/v1/customers/${stored.id}`)).body;
    // Renamed in another isolate after the view was read: the delete still goes through, the audit shows the stored name.
    await env.DB.prepare("UPDATE customers SET company = 'Abriss GmbH', version = version + 1, updated_at = ? WHERE id = ?").bind(new Date().toISOString(), customer.id).run();
    const answers = await Promise.all(Array.from({ length: 50 }, () => owner.delete(`/api/v1/customers/${customer.id}`)));
    expect(answers.filter((answer) => answer.status === 204)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 404)).toHaveLength(49);
    expect(await audited(customer.id, 'customer.deleted')).toBe(1);
    expect(await auditBefore(customer.id, 'customer.deleted')).toMatchObject({ company: 'Abriss GmbH', domains: [`abbruch-${stored.id.slice(-6)}.de`] });
    const again = await createCustomer(reseller, { company: 'Zweiter Versuch' });
    await owner.get(`/api/v1/customers/${again.id}`);
    const once = await owner.delete(`/api/v1/customers/${again.id}`);
    expect([once.status, waited(once)]).toEqual([204, 1]);
  });

  it('an order placed after the view was read still keeps the customer, and another reseller gets a 404', async () => {
    const { reseller, owner } = await signedInOwner();
    const stored = await createCustomer(reseller, { company: 'Bleibt AG' });
    const product = await createProduct(reseller);
    await owner.get(`/api/v1/customers/${stored.id}`);
    await owner.get('/api/v1/products');
    expect((await owner.post(`/api/v1/customers/${stored.id}/orders`, { catalog: 'online_services', lines: [{ productId: product.id, quantity: 1 }] })).status).toBe(201);
    const refused = await owner.delete(`/api/v1/customers/${stored.id}`);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'customer_in_use']);
    expect(refused.body.error.reasons.length).toBeGreaterThan(0);
    const { owner: stranger } = await signedInOwner();
    expect((await stranger.delete(`/api/v1/customers/${stored.id}`)).status).toBe(404);
    expect(await countRows('customers', 'id = ?', stored.id)).toBe(1);
  });
});

describe('settings and order statuses saved from their forms', { timeout: 60_000 }, () => {
  it('save in one trip; a change made elsewhere meanwhile is a 409 with the stored values, and nothing is written', async () => {
    const { reseller, owner } = await signedInOwner();
    const settings = (await owner.get('/api/v1/settings')).body.settings;
    const saved = await owner.patch('/api/v1/settings', { version: settings.version, invitationDays: 21 });
    expect([saved.status, waited(saved), saved.body.settings.invitationDays]).toEqual([200, 1, 21]);
    await env.DB.prepare("UPDATE resellers SET name = 'Umfirmiert GmbH', version = version + 1, updated_at = ? WHERE id = ?").bind(new Date().toISOString(), reseller.id).run();
    const stale = await owner.patch('/api/v1/settings', { version: saved.body.settings.version, invitationDays: 30 });
    expect([stale.status, stale.body.error.current?.name, stale.body.error.current?.invitationDays]).toEqual([409, 'Umfirmiert GmbH', 21]);

    const statuses = (await owner.get('/api/v1/order-statuses')).body.orderStatuses;
    const added = await owner.put('/api/v1/order-statuses', { version: statuses.version, statuses: [...statuses.statuses, { label: 'Wartet auf Kunde', kind: 'open' }] });
    expect([added.status, waited(added)]).toEqual([200, 1]);
    await env.DB.prepare('UPDATE resellers SET order_statuses_version = order_statuses_version + 1 WHERE id = ?').bind(reseller.id).run();
    const behind = await owner.put('/api/v1/order-statuses', { version: added.body.orderStatuses.version, statuses: added.body.orderStatuses.statuses });
    expect([behind.status, behind.body.error.current?.version]).toEqual([409, added.body.orderStatuses.version + 1]);
    expect(await audited(reseller.id, 'order_statuses.updated')).toBe(1);
  });
});

describe('staff changed from the staff list', { timeout: 60_000 }, () => {
  it('in one trip; a member changed elsewhere is a 409 as stored; of two owners demoting each other at once one stays owner', async () => {
    const { reseller, owner } = await signedInOwner();
    const added = (await owner.post('/api/v1/staff', { email: `neu.${reseller.id.slice(-6)}@example.test`, displayName: 'Nina Neu', role: 'buyer', password: 'lang-genug-2026' }))
      .body.staff;
    const renamed = await owner.patch(`/api/v1/staff/${added.id}`, { version: added.version, displayName: 'Nina Neumann' });
    expect([renamed.status, waited(renamed), renamed.body.staff.displayName]).toEqual([200, 1, 'Nina Neumann']);
    await env.DB.prepare("UPDATE users SET role = 'support', version = version + 1, updated_at = ? WHERE id = ?").bind(new Date().toISOString(), added.id).run();
    const stale = await owner.patch(`/api/v1/staff/${added.id}`, { version: renamed.body.staff.version, role: 'admin' });
    expect([stale.status, stale.body.error.current?.role]).toEqual([409, 'support']);
    // A second owner; each demotes the other from the list at the same moment: the last owner stays.
    const second = (
      await owner.post('/api/v1/staff', { email: `zweite.${reseller.id.slice(-6)}@example.test`, displayName: 'Zweite Inhaberin', role: 'owner', password: 'lang-genug-2026' })
    ).body.staff;
    const secondClient = await Client.signedIn(`zweite.${reseller.id.slice(-6)}@example.test`, 'lang-genug-2026');
    const members = (await owner.get('/api/v1/staff')).body.items as { id: string; version: number; role: string }[];
    const first = members.find((member) => member.role === 'owner' && member.id !== second.id)!;
    const [a, b] = await Promise.all([
      owner.patch(`/api/v1/staff/${second.id}`, { version: second.version, role: 'admin' }),
      secondClient.patch(`/api/v1/staff/${first.id}`, { version: first.version, role: 'admin' }),
    ]);
    expect([a.status, b.status].filter((status) => status === 200).length).toBeLessThanOrEqual(1);
    expect(await countRows('users', "reseller_id = ? AND role = 'owner' AND active = 1", reseller.id)).toBe(1);
  });
});

describe('customers merged from the merge dialog', { timeout: 60_000 }, () => {
  it('in one trip when both were viewed; a change made elsewhere to either meanwhile is a 409 with it as stored, and nothing is merged', async () => {
    const { reseller, owner } = await signedInOwner();
    const [a, b] = [await createCustomer(reseller, { company: 'Doppelt GmbH' }), await createCustomer(reseller, { company: 'Doppelt GmbH & Co.' })];
    const [survivor, merged] = [(await owner.get(`/api/v1/customers/${a.id}`)).body.customer, (await owner.get(`/api/v1/customers/${b.id}`)).body.customer];
    await env.DB.prepare("UPDATE customers SET city = 'Ulm', version = version + 1, updated_at = ? WHERE id = ?").bind(new Date().toISOString(), merged.id).run();
    const stale = await owner.post('/api/v1/customers/merges', { survivorId: survivor.id, survivorVersion: survivor.version, mergedId: merged.id, mergedVersion: merged.version });
    expect([stale.status, stale.body.error.current?.city]).toEqual([409, 'Ulm']);
    expect(await countRows('customers', 'id = ?', merged.id)).toBe(1);
    const fresh = (await owner.get(`/api/v1/customers/${merged.id}`)).body.customer;
    const done = await owner.post('/api/v1/customers/merges', { survivorId: survivor.id, survivorVersion: survivor.version, mergedId: fresh.id, mergedVersion: fresh.version });
    expect([done.status, waited(done)]).toEqual([201, 1]);
    expect(await countRows('customers', 'id = ?', merged.id)).toBe(0);
    // Another reseller naming this survivor: a 404, and its own customer stays.
    const { reseller: other, owner: stranger } = await signedInOwner();
    const own = await createCustomer(other, { company: 'Eigene KG' });
    const foreign = await stranger.post('/api/v1/customers/merges', { survivorId: survivor.id, survivorVersion: done.body.customer.version, mergedId: own.id, mergedVersion: 1 });
    expect(foreign.status).toBe(404);
    expect(await countRows('customers', 'id = ?', own.id)).toBe(1);
  });
});

describe('"Rückgängig" right after a delete', { timeout: 60_000 }, () => {
  it('brings the customer back in one trip; of two undos at once one lands; an expired or foreign one is refused', async () => {
    const { reseller, owner } = await signedInOwner();
    const stored = await createCustomer(reseller, { company: 'Zurück GmbH' });
    await owner.get(`/api/v1/customers/${stored.id}`);
    expect((await owner.delete(`/api/v1/customers/${stored.id}`)).status).toBe(204);
    const { owner: stranger } = await signedInOwner();
    expect((await stranger.post(`/api/v1/customers/${stored.id}/undo-delete`, {})).status).toBe(404);
    const answers = await Promise.all([0, 1].map(() => owner.post(`/api/v1/customers/${stored.id}/undo-delete`, {})));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 404]);
    const back = answers.find((answer) => answer.status === 201)!;
    expect([waited(back), back.body.customer.company]).toEqual([1, 'Zurück GmbH']);
    expect(await audited(stored.id, 'customer.delete_undone')).toBe(1);
    // Deleted again; its time runs out behind the memory: 410.
    await owner.get(`/api/v1/customers/${stored.id}`);
    expect((await owner.delete(`/api/v1/customers/${stored.id}`)).status).toBe(204);
    await env.DB.prepare("UPDATE deleted_customers SET undo_until = '2020-01-01T00:00:00.000Z' WHERE customer_id = ?").bind(stored.id).run();
    const expired = await owner.post(`/api/v1/customers/${stored.id}/undo-delete`, {});
    expect([expired.status, expired.body.error.code]).toEqual([410, 'undo_expired']);
    expect(await countRows('customers', 'id = ?', stored.id)).toBe(0);
  });
});
