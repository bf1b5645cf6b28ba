import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { archiveCustomer } from '../worker/customers/archive';
import type { Actor } from '../worker/env';
import { Client, countRows, createCustomer, createProduct, createReseller, createUser, ORIGIN, type TestReseller } from './fixtures';
import { LiveSocket } from './liveClient';

async function staff(reseller: TestReseller, role: 'owner' | 'admin' | 'buyer' | 'support' = 'owner') {
  return Client.signedIn((await createUser(reseller, role)).email);
}

async function setup() {
  const reseller = await createReseller();
  return { reseller, owner: await staff(reseller) };
}

const newCustomer = (client: Client, fields: Record<string, unknown> = {}) =>
  client
    .post('/api/v1/customers', {
      customerNumber: `A-${Math.random().toString(36).slice(2, 9)}`,
      company: 'Archivwerk GmbH',
      email: 'info@archivwerk.example',
      address: 'Lagerweg 3',
      postalCode: '10115',
      city: 'Berlin',
      country: 'DE',
      ...fields,
    })
    .then((response) => response.body.customer);

const listIds = async (client: Client, query = '') => ((await client.get(`/api/v1/customers?limit=200${query}`)).body.items as { id: string }[]).map((row) => row.id);
const total = async (client: Client, query = '') => (await client.get(`/api/v1/customers?limit=1${query}`)).body.total as number;

async function exportedNumbers(client: Client, query: string): Promise<string> {
  const response = await SELF.fetch(`${ORIGIN}/api/v1/customers/export?format=csv&${query}`, { headers: { cookie: client.cookie, origin: ORIGIN } });
  expect(response.status).toBe(200);
  return response.text();
}

describe('archive', () => {
  it('takes a customer out of the list, its count, search and the whole-list export, and the archived filter shows it', async () => {
    const { reseller, owner } = await setup();
    const kept = await newCustomer(owner, { company: 'Bleibt AG', email: 'info@bleibt.example' });
    const archived = await newCustomer(owner, { company: 'Archivwerk GmbH', customerNumber: 'ARCH-1' });
    expect(await total(owner)).toBe(2);

    const response = await owner.post(`/api/v1/customers/${archived.id}/archive`, { version: archived.version });
    expect(response.status).toBe(200);
    expect(response.body.customer).toMatchObject({ id: archived.id, version: archived.version + 1, archivedBy: expect.any(String) });
    expect(response.body.customer.archivedAt).toEqual(expect.any(String));

    expect(await listIds(owner)).toEqual([kept.id]);
    expect(await total(owner)).toBe(1);
    expect(await countRows('customer_counts', 'reseller_id = ? AND listed = 1', reseller.id)).toBe(1);
    expect(await listIds(owner, '&q=archivwerk')).toEqual([]);
    expect(await total(owner, '&q=archivwerk')).toBe(0);
    const wholeList = await exportedNumbers(owner, 'scope=all');
    expect(wholeList).toContain(kept.customerNumber);
    expect(wholeList).not.toContain('ARCH-1');

    expect(await listIds(owner, '&archived=1')).toEqual([archived.id]);
    expect(await total(owner, '&archived=1')).toBe(1);
    expect(await listIds(owner, '&archived=1&q=archivwerk')).toEqual([archived.id]);
    expect(await exportedNumbers(owner, 'scope=view&archived=1')).toContain('ARCH-1');
    // Its page still opens by link, with its history.
    const detail = await owner.get(`/api/v1/customers/${archived.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.customer.archivedAt).toBe(response.body.customer.archivedAt);
    expect(await countRows('audit_log', "reseller_id = ? AND action = 'customer.archived' AND customer_id = ?", reseller.id, archived.id)).toBe(1);
  });

  it('restores an archived customer into the list and the count', async () => {
    const { reseller, owner } = await setup();
    const customer = await newCustomer(owner);
    await owner.post(`/api/v1/customers/${customer.id}/archive`, {});
    expect(await total(owner)).toBe(0);
    const restored = await owner.post(`/api/v1/customers/${customer.id}/restore`, {});
    expect(restored.status).toBe(200);
    expect(restored.body.customer).toMatchObject({ archivedAt: null, archivedBy: null, version: customer.version + 2 });
    expect(await listIds(owner)).toEqual([customer.id]);
    expect(await total(owner)).toBe(1);
    expect(await listIds(owner, '&archived=1')).toEqual([]);
    expect(await countRows('audit_log', "reseller_id = ? AND action = 'customer.unarchived' AND customer_id = ?", reseller.id, customer.id)).toBe(1);
  });

  it('keeps the count right when a customer with a removed relationship is archived, restored and deleted', async () => {
    const { reseller, owner } = await setup();
    const removed = await createCustomer(reseller, { relationshipState: 'removed' });
    await newCustomer(owner);
    expect(await total(owner)).toBe(1);
    await owner.post(`/api/v1/customers/${removed.id}/archive`, {});
    expect(await total(owner)).toBe(1);
    await owner.post(`/api/v1/customers/${removed.id}/restore`, {});
    expect(await total(owner)).toBe(1);
    await owner.post(`/api/v1/customers/${removed.id}/archive`, {});
    expect((await owner.delete(`/api/v1/customers/${removed.id}`)).status).toBe(204);
    expect(await total(owner)).toBe(1);
    expect(await total(owner, '&state=none')).toBe(1);
  });

  it('answers twice-archived, not-archived and stale versions with 409 and writes nothing', async () => {
    const { owner } = await setup();
    const customer = await newCustomer(owner);
    expect((await owner.post(`/api/v1/customers/${customer.id}/restore`, {})).body.error.code).toBe('customer_not_archived');
    await owner.post(`/api/v1/customers/${customer.id}/archive`, {});
    const twice = await owner.post(`/api/v1/customers/${customer.id}/archive`, {});
    expect([twice.status, twice.body.error.code]).toEqual([409, 'customer_archived']);
    const stale = await owner.post(`/api/v1/customers/${customer.id}/restore`, { version: customer.version });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'version_conflict']);
    expect(stale.body.error.current.archivedAt).toEqual(expect.any(String));
    const audits = await countRows('audit_log', "customer_id = ? AND action IN ('customer.archived', 'customer.unarchived')", customer.id);
    for (const body of [{ version: 'drei' }, { version: 0 }, 'kaputt']) {
      const bad = await owner.post(`/api/v1/customers/${customer.id}/restore`, body);
      expect([400, 422]).toContain(bad.status);
    }
    expect(await countRows('audit_log', "customer_id = ? AND action IN ('customer.archived', 'customer.unarchived')", customer.id)).toBe(audits);
    expect((await owner.get(`/api/v1/customers/${customer.id}`)).body.customer.version).toBe(customer.version + 1);
  });

  it('refuses new orders and invitations for an archived customer (409 customer_archived) but keeps what it has', async () => {
    const { reseller, owner } = await setup();
    const customer = await newCustomer(owner);
    const product = await createProduct(reseller, { catalog: 'reseller' });
    expect((await owner.post(`/api/v1/customers/${customer.id}/orders`, { catalog: 'reseller', lines: [{ productId: product.id, quantity: 1 }] })).status).toBe(201);
    await owner.post(`/api/v1/customers/${customer.id}/archive`, {});
    const order = await owner.post(`/api/v1/customers/${customer.id}/orders`, { catalog: 'reseller', lines: [{ productId: product.id, quantity: 1 }] });
    expect([order.status, order.body.error.code]).toEqual([409, 'customer_archived']);
    const invitation = await owner.post('/api/v1/invitations', { customerId: customer.id, requestedRights: ['delegated_admin'] });
    expect([invitation.status, invitation.body.error.code]).toEqual([409, 'customer_archived']);
    expect(await countRows('orders', 'customer_id = ?', customer.id)).toBe(1);
    expect(await countRows('invitations', 'customer_id = ?', customer.id)).toBe(0);
    expect((await owner.get(`/api/v1/customers/${customer.id}/orders`)).body.items).toHaveLength(1);
  });

  it('needs customers.write: support may not, a buyer and a token with that scope may; another reseller gets 404', async () => {
    const { reseller, owner } = await setup();
    const customer = await newCustomer(owner);
    expect((await (await staff(reseller, 'support')).post(`/api/v1/customers/${customer.id}/archive`, {})).status).toBe(403);
    const stranger = await staff(await createReseller());
    for (const action of ['archive', 'restore', 'undo-delete']) expect((await stranger.post(`/api/v1/customers/${customer.id}/${action}`, {})).status).toBe(404);
    expect((await (await staff(reseller, 'buyer')).post(`/api/v1/customers/${customer.id}/archive`, {})).status).toBe(200);
    const { secret } = (await owner.post('/api/v1/api-tokens', { name: 'ERP', scopes: ['customers.write'] })).body;
    const viaToken = await SELF.fetch(`${ORIGIN}/api/v1/customers/${customer.id}/restore`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(viaToken.status).toBe(200);
    const { secret: readOnly } = (await owner.post('/api/v1/api-tokens', { name: 'Lesen', scopes: ['customers.read'] })).body;
    const refused = await SELF.fetch(`${ORIGIN}/api/v1/customers/${customer.id}/archive`, {
      method: 'POST',
      headers: { authorization: `Bearer ${readOnly}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(403);
  });

  it('tells colleagues live: the archived row, then the restored one', async () => {
    const { reseller, owner } = await setup();
    const customer = await newCustomer(owner);
    const colleague = await LiveSocket.open(await staff(reseller, 'support'));
    await owner.post(`/api/v1/customers/${customer.id}/archive`, {});
    await owner.post(`/api/v1/customers/${customer.id}/restore`, {});
    const restored = await colleague.next((message) => message.type === 'event' && message.event.kind === 'customer.unarchived');
    const kinds = colleague.events().map((message) => message.event.kind);
    expect(kinds).toEqual(['customer.archived', 'customer.unarchived']);
    expect(restored.type === 'event' && (restored.event.data as { archivedAt: string | null }).archivedAt).toBeNull();
    colleague.close();
  });

  it('is one reusable function for other callers (bulk): same checks, same audit', async () => {
    const { reseller, owner } = await setup();
    const customer = await newCustomer(owner);
    const session = (await owner.get('/api/v1/session')).body;
    const actorOf = (permissions: string[]): Actor =>
      ({ userId: session.user.id, resellerId: reseller.id, displayName: 'Bulk', permissions: new Set(permissions), reseller: { partnerType: 'basic' } }) as unknown as Actor;
    const context = createExecutionContext();
    await expect(archiveCustomer({ env, executionCtx: context }, actorOf(['customers.read']), customer.id)).rejects.toMatchObject({ status: 403 });
    await expect(archiveCustomer({ env, executionCtx: context }, { ...actorOf(['customers.write']), resellerId: (await createReseller()).id }, customer.id)).rejects.toMatchObject({
      status: 404,
    });
    const archived = await archiveCustomer({ env, executionCtx: context }, actorOf(['customers.write']), customer.id);
    await waitOnExecutionContext(context);
    expect(archived.archivedBy).toBe('Bulk');
    expect(await total(owner)).toBe(0);
    expect(await countRows('audit_log', "action = 'customer.archived' AND customer_id = ? AND actor_label = 'Bulk'", customer.id)).toBe(1);
  });
});

describe('undo a delete', () => {
  async function deletedWithEverything() {
    const { reseller, owner } = await setup();
    const field = (await owner.post('/api/v1/custom-fields', { label: 'Vertragsart', type: 'text' })).body.field;
    const customer = await newCustomer(owner, { company: 'Zurückholbar GmbH', customerNumber: 'BACK-1', customFields: { [field.id]: 'CSP' } });
    const tag = (await owner.post('/api/v1/tags', { name: 'Wichtig', color: 'red' })).body.tag;
    await owner.post('/api/v1/customers/bulk-tags', { customerIds: [customer.id], addTagIds: [tag.id] });
    const domain = (await owner.post(`/api/v1/customers/${customer.id}/domains`, { name: 'zurueck.example', registrar: 'INWX' })).body.domain;
    const invitation = (await owner.post('/api/v1/invitations', { customerId: customer.id, requestedRights: ['delegated_admin'] })).body.invitation;
    const before = (await owner.get(`/api/v1/customers/${customer.id}`)).body.customer;
    expect((await owner.delete(`/api/v1/customers/${customer.id}`)).status).toBe(204);
    return { reseller, owner, before, field, tag, domain, invitation };
  }

  it('brings the customer back with the same id, number, tags, custom field values, domains and invitations, in the list and search', async () => {
    const { reseller, owner, before, tag, domain, invitation } = await deletedWithEverything();
    expect(await total(owner)).toBe(0);
    const colleague = await LiveSocket.open(await staff(reseller, 'support'));
    const response = await owner.post(`/api/v1/customers/${before.id}/undo-delete`, {});
    expect(response.status).toBe(201);
    const { version: _v, updatedAt: _u, ...same } = before;
    expect(response.body.customer).toMatchObject({ ...same, tags: [{ id: tag.id, name: 'Wichtig', color: 'red' }] });
    expect(response.body.customer.version).toBeGreaterThan(before.version + 1);
    expect(await listIds(owner, '&q=zurueckholbar')).toEqual([before.id]);
    expect(await total(owner)).toBe(1);
    const domains = (await owner.get(`/api/v1/customers/${before.id}/domains`)).body.items;
    expect(domains).toEqual([expect.objectContaining({ id: domain.id, name: 'zurueck.example', registrar: 'INWX' })]);
    // The open invitation was revoked by the delete and stays revoked, but belongs to the customer again.
    expect((await owner.get(`/api/v1/invitations/${invitation.id}`)).body.invitation).toMatchObject({ customerId: before.id, state: 'revoked' });
    expect(await countRows('deleted_customers', 'customer_id = ?', before.id)).toBe(0);
    expect(await countRows('audit_log', "reseller_id = ? AND action = 'customer.delete_undone' AND customer_id = ?", reseller.id, before.id)).toBe(1);
    const event = await colleague.next((message) => message.type === 'event' && message.event.kind === 'customer.restored');
    expect(event.type === 'event' && event.event.entityId).toBe(before.id);
    colleague.close();
    // Undone once: a second undo finds nothing.
    expect((await owner.post(`/api/v1/customers/${before.id}/undo-delete`, {})).status).toBe(404);
  });

  it('is over after ten minutes (410 undo_expired) and nothing comes back', async () => {
    const { owner, before } = await deletedWithEverything();
    await env.DB.prepare("UPDATE deleted_customers SET undo_until = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 second') WHERE customer_id = ?").bind(before.id).run();
    const response = await owner.post(`/api/v1/customers/${before.id}/undo-delete`, {});
    expect([response.status, response.body.error.code]).toEqual([410, 'undo_expired']);
    expect(await countRows('customers', 'id = ?', before.id)).toBe(0);
  });

  it('refuses with 409 when the number was given to another customer meanwhile, and writes nothing', async () => {
    const { reseller, owner, before } = await deletedWithEverything();
    await newCustomer(owner, { customerNumber: 'BACK-1' });
    const response = await owner.post(`/api/v1/customers/${before.id}/undo-delete`, {});
    expect([response.status, response.body.error.code, response.body.error.fields]).toEqual([409, 'customer_number_taken', { customerNumber: 'customer_number_taken' }]);
    expect(await countRows('customers', 'id = ?', before.id)).toBe(0);
    expect(await countRows('domains', "reseller_id = ? AND name = 'zurueck.example'", reseller.id)).toBe(0);
    expect(await countRows('deleted_customers', 'customer_id = ?', before.id)).toBe(1);
    expect(await countRows('audit_log', "action = 'customer.delete_undone' AND customer_id = ?", before.id)).toBe(0);
  });

  it('needs customers.delete (a buyer gets 403) and leaves out a tag deleted meanwhile', async () => {
    const { reseller, owner, before, tag } = await deletedWithEverything();
    expect((await (await staff(reseller, 'buyer')).post(`/api/v1/customers/${before.id}/undo-delete`, {})).status).toBe(403);
    await owner.delete(`/api/v1/tags/${tag.id}`);
    const response = await owner.post(`/api/v1/customers/${before.id}/undo-delete`, {});
    expect(response.status).toBe(201);
    expect(response.body.customer.tags).toEqual([]);
  });
});
