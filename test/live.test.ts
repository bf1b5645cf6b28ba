import { abortAllDurableObjects, env, runInDurableObject, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../schema/realtime';
import { hubOf } from '../worker/live';
import { Client, createCustomer, createReseller, createUser, ORIGIN } from './fixtures';
import { LiveSocket, settle } from './liveClient';

const newCustomer = (customerNumber: string) => ({
  customerNumber,
  company: `Live ${customerNumber} GmbH`,
  email: 'live@example.de',
  address: 'Weg 1',
  postalCode: '12345',
  city: 'Berlin',
  country: 'DE',
});

async function staffOf(reseller: { id: string; name: string }, role: 'owner' | 'admin' | 'buyer' | 'support' = 'owner') {
  const user = await createUser(reseller, role);
  return { user, client: await Client.signedIn(user.email) };
}

describe('the live socket', () => {
  it('needs a signed-in user, a WebSocket upgrade and our own origin', async () => {
    expect((await SELF.fetch(`${ORIGIN}/api/v1/live`, { headers: { upgrade: 'websocket' } })).status).toBe(401);
    const { client } = await staffOf(await createReseller());
    const plain = await client.get('/api/v1/live');
    expect([plain.status, plain.body.error.code]).toEqual([400, 'websocket_expected']);
    const foreign = await SELF.fetch(`${ORIGIN}/api/v1/live`, { headers: { upgrade: 'websocket', cookie: client.cookie, origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
  });

  it("delivers a colleague's change with the row and its version, and never another reseller's", async () => {
    const alpha = await createReseller();
    const beta = await createReseller();
    const writer = await staffOf(alpha, 'buyer');
    const colleague = await LiveSocket.open((await staffOf(alpha, 'support')).client);
    const stranger = await LiveSocket.open((await staffOf(beta)).client);

    const created = (await writer.client.post('/api/v1/customers', newCustomer('L-1'))).body.customer;
    const message = await colleague.next((m) => m.type === 'event' && m.event.entityId === created.id);
    expect(message.type === 'event' && message.event).toMatchObject({
      kind: 'customer.created',
      version: 1,
      data: { company: 'Live L-1 GmbH' },
      actor: { displayName: 'Test buyer' },
    });

    await writer.client.patch(`/api/v1/customers/${created.id}`, { version: 1, city: 'Potsdam', postalCode: '14467' });
    const updated = await colleague.next((m) => m.type === 'event' && m.event.kind === 'customer.updated');
    expect(updated.type === 'event' && updated.event).toMatchObject({ version: 2, data: { city: 'Potsdam' } });
    await settle();
    expect(stranger.events()).toEqual([]);
    colleague.close();
    stranger.close();
  });

  it('ignores the benchmark echo unless the hub runs with BENCH_ECHO=1', async () => {
    const { client } = await staffOf(await createReseller());
    const sender = await LiveSocket.open(client);
    const listener = await LiveSocket.open(client);
    sender.send({ type: 'echo', id: 'probe' });
    sender.send({ type: 'ping' });
    await sender.next((m) => m.type === 'pong');
    await settle();
    expect(listener.messages.some((m) => (m as { type: string }).type === 'echo')).toBe(false);
    expect(sender.messages.some((m) => (m as { type: string }).type === 'echo')).toBe(false);
  });

  it('numbers events per reseller and replays what a reconnecting client missed', async () => {
    const reseller = await createReseller();
    const { client } = await staffOf(reseller);
    const first = await LiveSocket.open(client);
    await client.post('/api/v1/customers', newCustomer('R-1'));
    const one = await first.next((m) => m.type === 'event');
    first.close();
    const seq = one.type === 'event' ? one.seq : -1;

    await client.post('/api/v1/customers', newCustomer('R-2'));
    await client.post('/api/v1/customers', newCustomer('R-3'));
    await settle(300);
    const again = await LiveSocket.open(client, `?since=${seq}`);
    await again.next((m) => m.type === 'event' && m.seq === seq + 2);
    expect(again.events().map((m) => [m.seq, (m.event.data as { customerNumber: string }).customerNumber])).toEqual([
      [seq + 1, 'R-2'],
      [seq + 2, 'R-3'],
    ]);
    again.close();
  });

  it('answers resync when the missed events are no longer kept', async () => {
    const reseller = await createReseller();
    const { client, user } = await staffOf(reseller);
    const hub = hubOf(env, reseller.id);
    const event = (n: number): LiveEvent => ({ kind: 'tag.created', entityId: `t${n}`, actor: { userId: user.id, displayName: 'x' }, at: new Date().toISOString() });
    await hub.publish(reseller.id, [event(1), event(2)]);
    // Make the first events older than a day, then publish past the 1,000 kept.
    await runInDurableObject(hub, (_instance, state) => {
      state.storage.sql.exec('UPDATE events SET at = ?', Date.now() - 2 * 86_400_000);
    });
    await hub.publish(
      reseller.id,
      Array.from({ length: 1_001 }, (_, n) => event(n + 3)),
    );
    const live = await LiveSocket.open(client, '?since=1');
    expect(live.messages[0]).toMatchObject({ type: 'resync', seq: 1_003 });
    live.close();
    const recent = await LiveSocket.open(client, '?since=1000');
    await recent.next((m) => m.type === 'event' && m.seq === 1_003);
    expect(recent.events()).toHaveLength(3);
    recent.close();
  });

  it('keeps its numbering and history across a restart of the hub', async () => {
    const reseller = await createReseller();
    const { client } = await staffOf(reseller);
    await client.post('/api/v1/customers', newCustomer('H-1'));
    await settle(300);
    await abortAllDurableObjects();
    await client.post('/api/v1/customers', newCustomer('H-2'));
    await settle(300);
    const live = await LiveSocket.open(client, '?since=0');
    await live.next((m) => m.type === 'event' && m.seq === 2);
    expect(live.events().map((m) => (m.event.data as { customerNumber: string }).customerNumber)).toEqual(['H-1', 'H-2']);
    live.close();
  });

  it('shows who is online and which customer they view or edit, and clears it when they leave', async () => {
    const reseller = await createReseller();
    const customer = await createCustomer(reseller);
    const anna = await LiveSocket.open((await staffOf(reseller)).client);
    const ben = await staffOf(reseller, 'buyer');
    const benSocket = await LiveSocket.open(ben.client);
    benSocket.send({ type: 'presence', viewing: customer.id, editing: customer.id });
    await anna.next((m) => m.type === 'presence' && m.presence.some((p) => p.userId === ben.user.id && p.editing.includes(customer.id)));
    benSocket.close();
    await anna.next((m) => m.type === 'presence' && !m.presence.some((p) => p.userId === ben.user.id));
    anna.close();
  });

  it('ends a storm of concurrent updates with every accepted change in the row or answered 409', async () => {
    const reseller = await createReseller();
    const customer = await createCustomer(reseller);
    const { client } = await staffOf(reseller);
    const live = await LiveSocket.open(client);
    let version = 1;
    const accepted: string[] = [];
    for (let round = 0; round < 4; round++) {
      const responses = await Promise.all(
        ['phone', 'mobile', 'state'].map((field, i) =>
          client.patch(`/api/v1/customers/${customer.id}`, { version, [field]: field === 'state' ? `Land ${round}` : `+49 30 ${round}${i}000` }),
        ),
      );
      for (const response of responses) {
        expect([200, 409]).toContain(response.status);
        if (response.status === 200) accepted.push(JSON.stringify(response.body.customer));
      }
      version += responses.filter((response) => response.status === 200).length;
    }
    expect(accepted).toHaveLength(4);
    const final = (await client.get(`/api/v1/customers/${customer.id}`)).body.customer;
    expect(final.version).toBe(5);
    expect(JSON.parse(accepted.at(-1)!)).toMatchObject({ phone: final.phone, mobile: final.mobile, state: final.state });
    await live.next((m) => m.type === 'event' && m.event.version === 5);
    expect(live.events().map((m) => m.event.version)).toEqual([2, 3, 4, 5]);
    live.close();
  });
});
