import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { MAX_PRIVATE_VIEWS } from '../schema/savedViews';
import { Client, createReseller, createUser, type TestReseller } from './fixtures';
import { LiveSocket } from './liveClient';

async function staff(reseller: TestReseller, role: 'owner' | 'admin' | 'buyer' | 'support' = 'buyer') {
  return Client.signedIn((await createUser(reseller, role)).email);
}

const state = (overrides: Record<string, unknown> = {}) => ({
  q: 'gmbh',
  state: 'active',
  country: 'DE',
  sort: 'city',
  dir: 'desc',
  columns: ['customerNumber', 'name', 'city'],
  ...overrides,
});
const namesOf = (body: { items: { name: string }[] }) => body.items.map((view) => view.name);

describe('saved views', () => {
  it('keeps a private view to its owner: colleagues neither list, read, change nor hear it', async () => {
    const reseller = await createReseller();
    const buyer = await staff(reseller, 'buyer');
    const owner = await staff(reseller, 'owner');
    const ownersSocket = await LiveSocket.open(owner);
    const created = await buyer.post('/api/v1/saved-views', { name: '  Meine Wiener Kunden ', state: state({ country: 'AT' }) });
    expect(created.status).toBe(201);
    expect(created.body.view).toMatchObject({ name: 'Meine Wiener Kunden', visibility: 'private', state: { country: 'AT', sort: 'city', dir: 'desc', q: 'gmbh', tag: null } });
    const { id } = created.body.view;

    expect(namesOf((await buyer.get('/api/v1/saved-views')).body)).toEqual(['Meine Wiener Kunden']);
    expect(namesOf((await owner.get('/api/v1/saved-views')).body)).toEqual([]);
    expect((await owner.get(`/api/v1/saved-views/${id}`)).status).toBe(404);
    expect((await owner.patch(`/api/v1/saved-views/${id}`, { version: 1, name: 'Übernommen' })).status).toBe(404);
    expect((await owner.delete(`/api/v1/saved-views/${id}`)).status).toBe(404);
    expect((await owner.put('/api/v1/saved-views/default', { viewId: id })).body.error.fields).toEqual({ viewId: 'unknown_view' });

    expect((await buyer.patch(`/api/v1/saved-views/${id}`, { version: 1, name: 'Wien' })).status).toBe(200);
    expect((await buyer.delete(`/api/v1/saved-views/${id}`)).status).toBe(204);
    await ownersSocket.caughtUp();
    expect(ownersSocket.events().filter((message) => message.event.kind.startsWith('saved_view.'))).toEqual([]);
    expect(JSON.stringify(ownersSocket.messages)).not.toContain(id);
    // Audited, but without the private name or filters.
    const audit = await env.DB.prepare('SELECT action, after, before FROM audit_log WHERE reseller_id = ? AND entity_id = ? ORDER BY id')
      .bind(reseller.id, id)
      .all<{ action: string; after: string | null; before: string | null }>();
    expect(audit.results.map((row) => row.action)).toEqual(['saved_view.created', 'saved_view.updated', 'saved_view.deleted']);
    expect(JSON.stringify(audit.results)).not.toMatch(/Wien|gmbh/);
    ownersSocket.close();
  });

  it('shares a team view with every staff member and publishes its changes live (renamed, changed, deleted)', async () => {
    const reseller = await createReseller();
    const admin = await staff(reseller, 'admin');
    const support = await staff(reseller, 'support');
    const supportSocket = await LiveSocket.open(support);
    const created = await admin.post('/api/v1/saved-views', { name: 'Aktive in DE', visibility: 'team', state: state() });
    expect(created.status).toBe(201);
    const { id } = created.body.view;
    const heard = await supportSocket.next((m) => m.type === 'event' && m.event.kind === 'saved_view.changed' && m.event.entityId === id);
    expect(heard.type === 'event' && heard.event.data).toMatchObject({ name: 'Aktive in DE', visibility: 'team' });
    expect(namesOf((await support.get('/api/v1/saved-views')).body)).toEqual(['Aktive in DE']);

    const read = await support.get(`/api/v1/saved-views/${id}`);
    expect(read.headers.get('etag')).toBe('"v1"');
    const renamed = await admin.request('PATCH', `/api/v1/saved-views/${id}`, { name: 'Aktive Kunden DE', state: state({ sort: 'name' }) }, { 'if-match': '"v1"' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.view).toMatchObject({ name: 'Aktive Kunden DE', version: 2, state: { sort: 'name' } });
    await supportSocket.next((m) => m.type === 'event' && m.event.kind === 'saved_view.changed' && m.event.version === 2);

    const stale = await admin.request('PATCH', `/api/v1/saved-views/${id}`, { name: 'Zu spät' }, { 'if-match': '"v1"' });
    expect([stale.status, stale.body.error.code, stale.body.error.current.name]).toEqual([412, 'precondition_failed', 'Aktive Kunden DE']);
    const staleBody = await admin.patch(`/api/v1/saved-views/${id}`, { version: 1, name: 'Zu spät' });
    expect([staleBody.status, staleBody.body.error.code]).toEqual([409, 'version_conflict']);

    expect((await admin.delete(`/api/v1/saved-views/${id}`)).status).toBe(204);
    await supportSocket.next((m) => m.type === 'event' && m.event.kind === 'saved_view.deleted' && m.event.entityId === id);
    expect((await support.get('/api/v1/saved-views')).body.items).toEqual([]);
    supportSocket.close();
  });

  it('keeps the archive filter: a view of archived customers opens the archive, older views the list', async () => {
    const reseller = await createReseller();
    const buyer = await staff(reseller, 'buyer');
    const archive = await buyer.post('/api/v1/saved-views', { name: 'Archiv Wien', state: state({ country: 'AT', archived: true }) });
    expect([archive.status, archive.body.view.state.archived]).toEqual([201, true]);
    const list = await buyer.post('/api/v1/saved-views', { name: 'Liste', state: state() });
    expect(list.body.view.state.archived).toBe(false);
    expect((await buyer.post('/api/v1/saved-views', { name: 'Kaputt', state: state({ archived: 'ja' }) })).body.error.fields).toEqual({ 'state.archived': 'invalid_type' });
    // A view stored before the filter existed has no `archived`: it shows the list.
    await env.DB.prepare("UPDATE saved_views SET state = json_remove(state, '$.archived') WHERE id = ?").bind(list.body.view.id).run();
    expect((await buyer.get(`/api/v1/saved-views/${list.body.view.id}`)).body.view.state.archived).toBe(false);
    const changed = await buyer.patch(`/api/v1/saved-views/${list.body.view.id}`, { version: 1, state: state({ archived: true }) });
    expect(changed.body.view.state).toMatchObject({ archived: true, country: 'DE' });
  });

  it('lets read-only support use views and choose a default, but not save or change them', async () => {
    const reseller = await createReseller();
    const buyer = await staff(reseller, 'buyer');
    const support = await staff(reseller, 'support');
    const view = (await buyer.post('/api/v1/saved-views', { name: 'Für alle', visibility: 'team', state: state() })).body.view;
    expect((await support.post('/api/v1/saved-views', { name: 'Meine', state: state() })).status).toBe(403);
    expect((await support.patch(`/api/v1/saved-views/${view.id}`, { version: 1, name: 'Anders' })).status).toBe(403);
    expect((await support.delete(`/api/v1/saved-views/${view.id}`)).status).toBe(403);
    expect((await support.put('/api/v1/saved-views/default', { viewId: view.id })).body).toEqual({ viewId: view.id });
    expect((await support.get('/api/v1/saved-views/default')).body).toEqual({ viewId: view.id });
    expect((await buyer.get('/api/v1/saved-views/default')).body).toEqual({ viewId: null });
  });

  it("keeps each person's default until they choose none or the view is deleted", async () => {
    const reseller = await createReseller();
    const owner = await staff(reseller, 'owner');
    const buyer = await staff(reseller, 'buyer');
    const team = (await owner.post('/api/v1/saved-views', { name: 'Team', visibility: 'team', state: state() })).body.view;
    const mine = (await buyer.post('/api/v1/saved-views', { name: 'Meine', state: state() })).body.view;
    await owner.put('/api/v1/saved-views/default', { viewId: team.id });
    await buyer.put('/api/v1/saved-views/default', { viewId: mine.id });
    expect((await buyer.put('/api/v1/saved-views/default', { viewId: team.id })).status).toBe(200);
    expect((await buyer.put('/api/v1/saved-views/default', { viewId: null })).body).toEqual({ viewId: null });
    expect((await buyer.get('/api/v1/saved-views/default')).body.viewId).toBeNull();
    await buyer.put('/api/v1/saved-views/default', { viewId: team.id });
    expect((await owner.delete(`/api/v1/saved-views/${team.id}`)).status).toBe(204);
    expect((await owner.get('/api/v1/saved-views/default')).body.viewId).toBeNull();
    expect((await buyer.get('/api/v1/saved-views/default')).body.viewId).toBeNull();
    expect((await buyer.put('/api/v1/saved-views/default', { viewId: team.id })).body.error).toMatchObject({ code: 'validation_failed', fields: { viewId: 'unknown_view' } });
  });

  it('refuses a name in use (any case), bad filters and columns with field errors, and writes nothing then', async () => {
    const reseller = await createReseller();
    const other = await createReseller();
    const buyer = await staff(reseller);
    const tagOfOther = (await (await staff(other, 'owner')).post('/api/v1/tags', { name: 'Fremd' })).body.tag;
    await buyer.post('/api/v1/saved-views', { name: 'Wien', visibility: 'team', state: state() });
    const duplicate = await buyer.post('/api/v1/saved-views', { name: ' wien ', state: state() });
    expect([duplicate.status, duplicate.body.error.code, duplicate.body.error.fields]).toEqual([409, 'saved_view_name_taken', { name: 'saved_view_name_taken' }]);

    const cases: [unknown, Record<string, string>][] = [
      [{ name: '', state: state() }, { name: 'required' }],
      [{ name: 'x'.repeat(61), state: state() }, { name: 'too_long' }],
      [{ name: 'A', visibility: 'everyone', state: state() }, { visibility: 'invalid_value' }],
      [{ name: 'A', state: state({ sort: 'password' }) }, { 'state.sort': 'invalid_sort' }],
      [{ name: 'A', state: state({ country: 'XX' }) }, { 'state.country': 'invalid_country' }],
      [{ name: 'A', state: state({ columns: [] }) }, { 'state.columns': 'required' }],
      [{ name: 'A', state: state({ columns: ['<script>'] }) }, { 'state.columns.0': 'invalid_value' }],
      [{ name: 'A', state: state({ tag: tagOfOther.id }) }, { 'state.tag': 'unknown_tag' }],
    ];
    for (const [body, fields] of cases) {
      const answer = await buyer.post('/api/v1/saved-views', body);
      expect([answer.status, answer.body.error.fields], JSON.stringify(body)).toEqual([422, fields]);
    }
    expect(namesOf((await buyer.get('/api/v1/saved-views')).body)).toEqual(['Wien']);
  });

  it(`keeps at most ${MAX_PRIVATE_VIEWS} private views per person, and another reseller reaches none of them`, async () => {
    const reseller = await createReseller();
    const buyer = await staff(reseller);
    const colleague = await staff(reseller);
    const stranger = await staff(await createReseller(), 'owner');
    const me = (await buyer.post('/api/v1/saved-views', { name: 'Erste', state: state() })).body.view;
    const rows = Array.from({ length: MAX_PRIVATE_VIEWS - 1 }, (_, index) =>
      env.DB.prepare(
        "INSERT INTO saved_views (id, reseller_id, owner_id, owner_name, visibility, scope_key, name, name_key, state) VALUES (?, ?, ?, 'x', 'private', ?, ?, ?, '{}')",
      ).bind(`view_${index.toString(16).padStart(32, '0')}`, reseller.id, me.ownerId, me.ownerId, `Sicht ${index}`, `sicht ${index}`),
    );
    await env.DB.batch(rows);
    const full = await buyer.post('/api/v1/saved-views', { name: 'Eine zu viel', state: state() });
    expect([full.status, full.body.error.code]).toEqual([409, 'saved_view_limit']);
    // Colleagues have limits of their own.
    expect((await colleague.post('/api/v1/saved-views', { name: 'Eine zu viel', state: state() })).status).toBe(201);

    const page = await buyer.get('/api/v1/saved-views?limit=20');
    expect(page.body.items).toHaveLength(20);
    const next = await buyer.get(`/api/v1/saved-views?limit=200&cursor=${page.body.nextCursor}`);
    expect(page.body.items.length + next.body.items.length).toBe(MAX_PRIVATE_VIEWS);
    expect(next.body.nextCursor).toBeNull();
    expect((await buyer.get('/api/v1/saved-views?limit=201')).status).toBe(422);

    expect((await stranger.get(`/api/v1/saved-views/${me.id}`)).status).toBe(404);
    expect((await stranger.patch(`/api/v1/saved-views/${me.id}`, { version: 1, name: 'Fremd' })).status).toBe(404);
    expect((await stranger.get('/api/v1/saved-views')).body.items).toEqual([]);
  });
});
