import { env, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { hubOf, sweepOutbox } from '../worker/live';
import { Client, callWorker, countRows, createReseller, createUser, ORIGIN } from './fixtures';
import { LiveSocket, settle } from './liveClient';

const newCustomer = (customerNumber: string) => ({
  customerNumber,
  company: `Outbox ${customerNumber} GmbH`,
  email: 'outbox@example.de',
  address: 'Weg 1',
  postalCode: '12345',
  city: 'Berlin',
  country: 'DE',
});

/** The bindings of an isolate whose publish dies after the commit: every call to the hub fails. */
const down = () => Promise.reject(new Error('isolate gone'));
const withoutHub = {
  ...env,
  RESELLER_HUB: { idFromName: (name: string) => env.RESELLER_HUB.idFromName(name), get: () => ({ publish: down, disconnect: down, fetch: down, runJob: down }) },
} as unknown as typeof env;

async function setup() {
  const reseller = await createReseller();
  const writer = await Client.signedIn((await createUser(reseller, 'owner')).email);
  const colleague = await Client.signedIn((await createUser(reseller, 'support')).email);
  return { reseller, writer, colleague };
}

/** A write sent to the Worker with the given bindings, its after-response work awaited. */
async function post(client: Client, path: string, body: unknown, bindings: typeof env = env) {
  const response = await callWorker(
    new Request(`${ORIGIN}${path}`, { method: 'POST', headers: { cookie: client.cookie, origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    bindings,
  );
  return { status: response.status, body: (await response.json()) as any };
}

/** Makes the reseller's waiting outbox rows look older than the re-drive grace. */
const ageOutbox = (resellerId: string) =>
  env.DB.prepare('UPDATE live_outbox SET created_at = ? WHERE reseller_id = ?')
    .bind(new Date(Date.now() - 60_000).toISOString(), resellerId)
    .run();

describe('the live outbox', () => {
  it("keeps the events of a write whose publish died after the commit, and the minute's sweep delivers them to every socket", async () => {
    const { reseller, writer, colleague } = await setup();
    const sockets = await Promise.all([LiveSocket.open(colleague), LiveSocket.open(writer), LiveSocket.open(colleague)]);
    const created = await post(writer, '/api/v1/customers', newCustomer('O-1'), withoutHub);
    expect(created.status).toBe(201);
    await settle();
    expect(sockets.flatMap((socket) => socket.events())).toEqual([]);
    expect(await countRows('live_outbox', 'reseller_id = ?', reseller.id)).toBe(1);

    // Still inside the grace the sweep leaves it alone: its publish may be on its way.
    await sweepOutbox(env);
    await settle();
    expect(sockets.flatMap((socket) => socket.events())).toEqual([]);

    await ageOutbox(reseller.id);
    await sweepOutbox(env);
    for (const socket of sockets) {
      const message = await socket.next((m) => m.type === 'event' && m.event.entityId === created.body.customer.id);
      expect(message.type === 'event' && message.event).toMatchObject({ kind: 'customer.created', data: { customerNumber: 'O-1' } });
    }
    expect(await countRows('live_outbox', 'reseller_id = ?', reseller.id)).toBe(0);
    // Delivered once: a second sweep and a late publish of the same row broadcast nothing.
    await sweepOutbox(env);
    await settle();
    for (const socket of sockets) expect(socket.events()).toHaveLength(1);
    for (const socket of sockets) socket.close();
  });

  it('delivers a lost publish to a client that connects later', async () => {
    const { reseller, writer, colleague } = await setup();
    const created = await post(writer, '/api/v1/customers', newCustomer('O-2'), withoutHub);
    await ageOutbox(reseller.id);
    const socket = await LiveSocket.open(colleague);
    await socket.next((m) => m.type === 'event' && m.event.entityId === created.body.customer.id);
    await settle(300);
    expect(await countRows('live_outbox', 'reseller_id = ?', reseller.id)).toBe(0);
    socket.close();
  });

  it('turns a lost event that would arrive after a later one into a resync, also for a client that reconnects from before it', async () => {
    const { reseller, writer, colleague } = await setup();
    const first = (await post(writer, '/api/v1/customers', newCustomer('O-3'))).body.customer;
    const socket = await LiveSocket.open(colleague);
    const hello = socket.messages.find((m) => m.type === 'hello');
    // The update's publish dies; the delete after it arrives.
    const patch = await callWorker(
      new Request(`${ORIGIN}/api/v1/customers/${first.id}`, {
        method: 'PATCH',
        headers: { cookie: writer.cookie, origin: ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ version: 1, city: 'Potsdam', postalCode: '14467' }),
      }),
      withoutHub,
    );
    expect(patch.status).toBe(200);
    await ageOutbox(reseller.id);
    const second = (await post(writer, '/api/v1/customers', newCustomer('O-4'))).body.customer;
    await socket.next((m) => m.type === 'event' && m.event.entityId === second.id);
    // The update may no longer be told as an event after the later one: clients refetch instead.
    const resync = await socket.next((m) => m.type === 'resync');
    expect(socket.events().map((m) => m.event.entityId)).toEqual([second.id]);
    expect(await countRows('live_outbox', 'reseller_id = ?', reseller.id)).toBe(0);
    socket.close();
    // A client that saw only what came before the resync is told to refetch too.
    const since = hello?.type === 'hello' ? hello.seq : 0;
    const reconnected = await LiveSocket.open(colleague, `?since=${since}`);
    expect(reconnected.messages[0]).toMatchObject({ type: 'resync' });
    expect(resync.type === 'resync' && resync.seq).toBeGreaterThan(since);
    reconnected.close();
  });

  it('never broadcasts a row twice when the publish arrives after a re-drive', async () => {
    const { reseller, writer, colleague } = await setup();
    const created = await post(writer, '/api/v1/customers', newCustomer('O-5'), withoutHub);
    const socket = await LiveSocket.open(colleague);
    const row = await env.DB.prepare('SELECT seq, events FROM live_outbox WHERE reseller_id = ?').bind(reseller.id).first<{ seq: number; events: string }>();
    expect(row).not.toBeNull();
    const hub = hubOf(env, reseller.id);
    await ageOutbox(reseller.id);
    expect(await hub.redrive(reseller.id)).toBe(1);
    await hub.publish(reseller.id, JSON.parse(row!.events), row!.seq);
    await settle();
    expect(socket.events().map((m) => m.event.entityId)).toEqual([created.body.customer.id]);
    await runInDurableObject(hub, (_instance, state) => {
      expect(state.storage.sql.exec('SELECT count(*) AS n FROM outbox_delivered WHERE seq = ?', row!.seq).one().n).toBe(1);
    });
    socket.close();
  });
});
