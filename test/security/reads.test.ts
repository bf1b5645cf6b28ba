// What reading may do: no GET changes anything (a link, a prefetch or an image tag can send one), with
// one exception — an export writes its audit row — and presence, which names staff and the customers they
// have open, reaches only sockets that may read customers.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Permission, permissions } from '../../schema/permissions';
import { isRawBody, type Operation } from '../../worker/openapi/operation';
import { scenarios } from '../apiScenarios';
import { type ApiWorld, openWorld } from '../apiWorld';
import { Client, createUser } from '../fixtures';
import { LiveSocket } from '../liveClient';
import { documented, keyOf } from '../operations';
import { auditRowsAfter, expectHardened, figures, installWriteCounter, lastAuditId, writesOf } from './harness';

const counted = figures('reads');
const reads = documented.filter((operation) => operation.method === 'get');
/** A file download: the one kind of GET that writes, its audit row (who exported what, and when). */
const isExport = (operation: Operation) => Object.values(operation.responses).some((response) => isRawBody(response) && response.contentTypes.includes('text/csv'));

describe('reading changes nothing', () => {
  let world: ApiWorld;
  let cookie: string;

  beforeAll(async () => {
    await installWriteCounter();
    world = await openWorld();
    cookie = await world.signIn();
  }, 120_000);

  for (const operation of reads) {
    const key = keyOf(operation);
    it(`${key}: ${isExport(operation) ? 'writes only its export audit row' : 'writes nothing'}, with a token and with a session`, async () => {
      for (const auth of ['token', { cookie }] as const) {
        const call = await scenarios[key]!(world);
        const writesBefore = await writesOf(world.reseller.id);
        const auditBefore = await lastAuditId(world.reseller.id);
        const answer = await world.send('GET', { ...call, auth: call.auth === 'none' ? 'none' : auth });
        answer.socket?.accept();
        answer.socket?.close();
        expectHardened(answer, key);
        expect(answer.status, `${key}: ${answer.text.slice(0, 200)}`).toBeLessThan(300);
        const audited = (await auditRowsAfter(world.reseller.id, auditBefore)).map((row) => row.action);
        const written = (await writesOf(world.reseller.id)) - writesBefore;
        if (isExport(operation)) {
          expect(
            audited.every((action) => action.endsWith('.exported')),
            `${key} audited ${audited}`,
          ).toBe(true);
          expect(written, `${key} wrote more than its audit row`).toBe(audited.length);
          counted.add('exports that wrote only their audit row');
        } else {
          expect(written, `${key} wrote ${written} rows (${audited.join(', ')})`).toBe(0);
          counted.add('GET requests that wrote nothing');
        }
      }
    });
  }
});

describe('presence', () => {
  let world: ApiWorld;

  beforeAll(async () => {
    world = await openWorld();
  }, 120_000);

  it('reaches exactly the sockets that may read customers: nobody else learns who is online or which customer they have open', async ({ task }) => {
    const reader = await createUser(world.reseller, 'support');
    const readerBrowser = await Client.signedIn(reader.email);
    const listeners: { label: string; reads: boolean; socket: LiveSocket }[] = [];
    for (const permission of permissions) {
      const { secret } = await world.made('POST', '/api/v1/api-tokens', { name: `Präsenz ${permission}`, scopes: [permission] });
      listeners.push({ label: `token with ${permission}`, reads: permission === ('customers.read' satisfies Permission), socket: await LiveSocket.open({ bearer: secret }) });
    }
    // A reseller without the customer module: its staff never read customers.
    await env.DB.prepare("UPDATE resellers SET partner_type = 'standard' WHERE id = ?").bind(world.reseller.id).run();
    const outsideModule = await Client.signedIn((await createUser(world.reseller, 'owner')).email);
    listeners.push({ label: 'an owner without the customer module', reads: false, socket: await LiveSocket.open(outsideModule) });
    await env.DB.prepare("UPDATE resellers SET partner_type = 'basic' WHERE id = ?").bind(world.reseller.id).run();

    // The reader opens a customer; a socket without customers.read also claims to (it may not).
    const viewer = await LiveSocket.open(readerBrowser);
    viewer.send({ type: 'presence', viewing: world.holder.id, editing: world.holder.id });
    const claimer = listeners.find((listener) => !listener.reads)!;
    claimer.socket.send({ type: 'presence', viewing: world.holder.id, editing: null });
    await viewer.next((message) => message.type === 'presence' && message.presence.some((entry) => entry.viewing.includes(world.holder.id)));
    for (const { label, reads, socket } of listeners) {
      await socket.caughtUp();
      const named = socket.messages.filter((message) => (message.type === 'presence' || message.type === 'hello') && message.presence.length > 0);
      if (reads) expect(named.length, `${label} hears presence`).toBeGreaterThan(0);
      else expect(named, `${label} heard presence`).toEqual([]);
      socket.close();
      counted.add(reads ? 'sockets that heard presence' : 'sockets kept from presence');
    }
    await viewer.caughtUp();
    const last = viewer.messages.filter((message) => message.type === 'presence').at(-1);
    const claims = last?.type === 'presence' ? last.presence.filter((entry) => entry.viewing.includes(world.holder.id)) : [];
    expect(
      claims.map((entry) => entry.userId),
      'only the reader has the customer open',
    ).toEqual([reader.id]);
    viewer.close();
    counted.set('GET routes checked', reads.length);
    counted.report(task);
  });
});
