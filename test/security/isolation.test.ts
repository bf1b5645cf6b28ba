// Reseller B attacks reseller A through every route of the API: B's owner (cookie) and B's token with
// every scope take each of B's own succeeding requests and put one of A's ids where B's id was, in the
// path, the body or the query. Each answer must be the one an id that exists nowhere gets (404 in the
// path), carry none of A's data, and A's rows must stay as they were. Meanwhile B's live sockets
// listen while A works, and B's lists and exports are searched for anything of A.
import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from '../apiScenarios';
import { type Answer, type ApiWorld, type Call, openWorld } from '../apiWorld';
import { Client } from '../fixtures';
import { LiveSocket } from '../liveClient';
import { documented, keyOf, withQuery } from '../operations';
import {
  asCsv,
  errorCode,
  expectHardened,
  expectUnchanged,
  type Fingerprint,
  figures,
  fingerprint,
  idKind,
  idsIn,
  installWriteCounter,
  methodOf,
  replaceId,
  tenantMarkers,
  unknownIdLike,
  writesOf,
} from './harness';

type Markers = Awaited<ReturnType<typeof tenantMarkers>>;
const counted = figures('isolation');
const tenantOperations = documented.filter((operation) => operation.access !== 'public');
/** Query parameters that only page or pick from fixed values: an id there is a 422/400 whoever owns it. */
const notIdParameters = new Set(['limit', 'cursor']);

describe('tenant isolation: reseller B reaches nothing of reseller A', () => {
  let a: ApiWorld;
  let b: ApiWorld;
  let markersOfA: Markers;
  let rowsOfA: Fingerprint;
  let writesOfA: number;
  let credentialsOfB: { name: string; auth: Call['auth'] }[];
  const socketsOfB: LiveSocket[] = [];
  let socketOfA: LiveSocket;

  beforeAll(async () => {
    await installWriteCounter();
    [a, b] = await Promise.all([openWorld(), openWorld()]);
    const cookieOfB = await b.signIn();
    credentialsOfB = [
      { name: "cookie of B's owner", auth: { cookie: cookieOfB } },
      { name: 'token of B with every scope', auth: 'token' },
    ];
    const browserOfB = Object.assign(new Client(), { cookie: cookieOfB });
    socketsOfB.push(await LiveSocket.open(browserOfB), await LiveSocket.open({ bearer: b.secret }));
    socketOfA = await LiveSocket.open({ bearer: a.secret });
    // A at work: every documented request once, so A holds one of everything (and publishes events).
    for (const operation of documented) {
      const answer = await a.send(methodOf(operation), await scenarios[keyOf(operation)]!(a));
      expect(answer.status, `A's own ${keyOf(operation)}`).toBeLessThan(400);
      answer.socket?.accept();
      answer.socket?.close();
    }
    markersOfA = await tenantMarkers(a.reseller.id);
    rowsOfA = await fingerprint(a.reseller.id);
    writesOfA = await writesOf(a.reseller.id);
    counted.set('routes × credentials of B', `${tenantOperations.length} × ${credentialsOfB.length}`);
    counted.set('id kinds of A', `${markersOfA.idsByKind.size} (${[...markersOfA.idsByKind.keys()].sort().join(' ')})`);
  }, 120_000);

  // B's activity log and its export echo the filters B typed, A's ids among them: those are B's words, not A's data.
  const typedByB = new Set<string>();

  /** B sends the call; the answer must be safe and free of A's data. */
  async function sendAsB(method: string, call: Call, label: string): Promise<Answer> {
    const answer = await b.send(method, call);
    counted.add('requests as B');
    expectHardened(answer, label);
    answer.socket?.accept();
    answer.socket?.close();
    expect(
      markersOfA.foundIn(answer.text).filter((marker) => !typedByB.has(marker)),
      `${label} shows A's data`,
    ).toEqual([]);
    return answer;
  }

  const shape = (answer: Answer) => [answer.status, errorCode(answer), answer.status < 300 && answer.text.startsWith('{"items"') ? JSON.parse(answer.text).items.length : null];

  /** The call with `id` replaced by one of A's existing ids, answered as the call with an id that exists nowhere. */
  async function expectLikeUnknown(method: string, call: Call, id: string, foreignId: string, unknown: Answer, position: 'path' | 'body' | 'query', label: string) {
    typedByB.add(foreignId);
    const foreign = await sendAsB(method, replaceId(call, id, foreignId), `${label} with A's ${idKind(foreignId)}`);
    expect(shape(foreign), `${label}: A's ${idKind(foreignId)} is answered unlike an id that exists nowhere`).toEqual(shape(unknown));
    if (position === 'path') expect(foreign.status, label).toBe(404);
    if (method !== 'GET') expect(foreign.status, `${label} accepted A's ${idKind(foreignId)}`).toBeGreaterThanOrEqual(400);
    counted.add(`A's ids tried in the ${position}`);
  }

  /** A's id of the kind B's call holds, in the place it holds it. */
  async function tryForeignId(method: string, call: Call, id: string, label: string) {
    const position = call.path.split('?')[0]!.includes(id) ? 'path' : call.path.includes(id) ? 'query' : 'body';
    const foreignIds = markersOfA.idsByKind.get(idKind(id));
    expect(foreignIds, `A has no id of kind ${idKind(id)} to try in ${label}`).toBeDefined();
    const unknown = await sendAsB(method, replaceId(call, id, unknownIdLike(id)), `${label} with an unknown ${idKind(id)}`);
    await expectLikeUnknown(method, call, id, foreignIds![0]!, unknown, position, `${label}, ${idKind(id)} in the ${position}`);
  }

  /** A filter or search parameter that takes an id gets one of A's ids of every kind; an id that exists nowhere sets the expected answer. */
  async function probeParameter(call: Call, parameter: string, accepts: (value: string) => boolean, label: string) {
    const tried = [...markersOfA.idsByKind.values()].map(([foreignId]) => foreignId!).filter(accepts);
    if (tried.length === 0) return;
    const placeholder = `zzz_${'0'.repeat(32)}`;
    const probe = { ...call, path: withQuery(asCsv(call).path, { [parameter]: placeholder }) };
    const unknown = await sendAsB('GET', replaceId(probe, placeholder, unknownIdLike(placeholder)), `${label}, ?${parameter}=<unknown id>`);
    for (const foreignId of tried) await expectLikeUnknown('GET', probe, placeholder, foreignId, unknown, 'query', `${label}, ?${parameter}=<A's ${idKind(foreignId)}>`);
  }

  for (const operation of tenantOperations) {
    const key = keyOf(operation);
    it(`${key}: answers B for A's ids exactly as for ids that exist nowhere, and shows B nothing of A`, { timeout: 60_000 }, async () => {
      for (const [index, { name, auth }] of credentialsOfB.entries()) {
        const scenario = await scenarios[key]!(b);
        // A scenario that brings its own credentials (signing out needs a session of its own) keeps them.
        const call: Call = { ...scenario, auth: scenario.auth ?? auth };
        const label = `${key} (${name})`;
        for (const id of idsIn(call)) await tryForeignId(methodOf(operation), call, id, label);
        // The credential does not matter past sign-in, so the parameters take turns between B's two.
        for (const [turn, [parameter, schema]] of Object.entries(operation.query?.entries ?? {}).entries()) {
          if (notIdParameters.has(parameter) || turn % credentialsOfB.length !== index) continue;
          await probeParameter(call, parameter, (value) => v.safeParse(schema, value).success, label);
        }
        // B's own reads (lists, exports as CSV) hold nothing of A.
        if (operation.method === 'get') await sendAsB('GET', asCsv(call), `${label}, B's own read`);
      }
      expect(await writesOf(a.reseller.id), `${key} as B wrote to A`).toBe(writesOfA);
    });
  }

  it("gives B's live sockets (cookie and token) none of A's events, while A's own socket heard them", async () => {
    for (const socket of [socketOfA, ...socketsOfB]) await socket.caughtUp();
    expect(socketOfA.events().length, "A's work published events").toBeGreaterThan(10);
    for (const socket of socketsOfB) {
      // B heard its own work during the sweep, and nothing that names A.
      expect(markersOfA.foundIn(JSON.stringify(socket.messages))).toEqual([]);
      counted.add('live messages to B checked', socket.messages.length);
      socket.close();
    }
    socketOfA.close();
  });

  it('leaves A exactly as it was and reports its figures', async ({ task }) => {
    await expectUnchanged(a.reseller.id, rowsOfA, 'the isolation sweep');
    counted.report(task);
  });
});
