// Census: how many D1 trips each documented write waits for one after another.
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from './apiScenarios';
import { type ApiWorld, openWorld } from './apiWorld';
import { documented, keyOf } from './operations';
import { methodOf } from './security/harness';

describe('census', () => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openWorld();
    cookie = await world.signIn();
  }, 120_000);
  let cookie: string;
  const rows: string[] = [];
  for (const operation of documented.filter((candidate) => candidate.method !== 'get')) {
    const key = keyOf(operation);
    it(key, async () => {
      const scenario = await scenarios[key]!(world);
      const call = scenario.auth === undefined ? { ...scenario, auth: { cookie } } : scenario;
      const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
      const answer = await world.send(methodOf(operation), {
        ...call,
        headers: { ...call.headers, ...(body === undefined ? {} : { 'content-length': String(new TextEncoder().encode(body).length) }) },
      });
      answer.socket?.close();
      rows.push(`${answer.headers.get('x-d1-sequential-trips')}\t${answer.headers.get('x-d1-round-trips')}\t${answer.status}\t${key}`);
      expect(answer.status).toBeLessThan(500);
    });
  }
  it('prints', () => console.log(rows.sort().join('\n')));
});
