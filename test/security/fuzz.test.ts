// For every operation, bad inputs made from its succeeding request (test/security/fuzzCases.ts): none
// may answer 5xx or anything but the one error shape, a refused one may not write a single row, an
// accepted one must leave its audit row, and no input reaches another reseller. FUZZ_SEED repeats a
// run (the seed is printed with every failure), FUZZ_CASES widens it.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Operation } from '../../worker/openapi/operation';
import { scenarios } from '../apiScenarios';
import { type ApiWorld, type Call, openWorld } from '../apiWorld';
import { createCustomer, createReseller, createUser, type TestReseller } from '../fixtures';
import { documented, keyOf } from '../operations';
import { fuzzCandidates, fuzzCases } from './fuzzCases';
import {
  auditRowsAfter,
  expectHardened,
  expectUnchanged,
  type Fingerprint,
  figures,
  fingerprint,
  installWriteCounter,
  lastAuditId,
  methodOf,
  seededRandom,
  writesOf,
} from './harness';

const SEED = Number(env.FUZZ_SEED || 20_261_123);
const CASES_PER_OPERATION = Number(env.FUZZ_CASES || 32);
const counted = figures('fuzz');

/** Each operation draws from its own stream, so one operation's cases do not depend on the others'. */
const seedOf = (key: string) => [...key].reduce((hash, char) => Math.imul(hash ^ char.charCodeAt(0), 16_777_619) >>> 0, SEED);

describe(`input fuzz (FUZZ_SEED=${SEED}, ${CASES_PER_OPERATION} cases per operation)`, () => {
  let world: ApiWorld;
  let victim: TestReseller;
  let victimRows: Fingerprint;

  beforeAll(async () => {
    await installWriteCounter();
    world = await openWorld();
    victim = await createReseller();
    await createUser(victim, 'owner');
    await createCustomer(victim);
    victimRows = await fingerprint(victim.id);
  }, 120_000);

  const goodCall = (operation: Operation): Promise<Call> => scenarios[keyOf(operation)]!(world);
  // Public routes count per address (sign-in failures, the invitation page): each case comes from its own.
  const addressOf = (operation: Operation, index: number): Record<string, string> =>
    operation.access === 'public' ? { 'cf-connecting-ip': `10.66.${index >> 8}.${index & 255}` } : {};

  for (const operation of documented) {
    const key = keyOf(operation);
    it(`${key}: bad inputs never answer 5xx, never write when refused, and leave an audit row when accepted`, { timeout: 120_000 }, async () => {
      const method = methodOf(operation);
      let good = await goodCall(operation);
      const cases = fuzzCases(operation, good, victim.id, seededRandom(seedOf(key)), CASES_PER_OPERATION);
      counted.add('candidate inputs', fuzzCandidates(operation, good, victim.id).length);
      let writes = await writesOf(world.reseller.id);
      for (const [index, fuzz] of cases.entries()) {
        const label = `${key} case ${index} (${fuzz.label}; FUZZ_SEED=${SEED})`;
        const auditBefore = await lastAuditId(world.reseller.id);
        const call = fuzz.breaks(good);
        const answer = await world.send(method, { ...call, headers: { ...call.headers, ...addressOf(operation, index) } });
        answer.socket?.accept();
        answer.socket?.close();
        expectHardened(answer, label);
        counted.add('fuzz cases run');
        if (answer.status >= 400) {
          expect(await writesOf(world.reseller.id), `${label} was refused but wrote`).toBe(writes);
          counted.add('refused (4xx, nothing written)');
          continue;
        }
        counted.add('accepted (2xx)');
        if (method !== 'GET') expect((await auditRowsAfter(world.reseller.id, auditBefore)).length, `${label} was accepted without an audit row`).toBeGreaterThan(0);
        // The accepted change may have used up the good request (a delete, a version): take a fresh one.
        good = await goodCall(operation);
        writes = await writesOf(world.reseller.id);
      }
      // Wrong passwords among the cases lock the world's owner out; the sign-out scenarios sign in again.
      if (key === 'POST /api/v1/session') await env.DB.prepare('DELETE FROM sign_in_throttle WHERE key = ?').bind(`email:${world.ownerEmail}`).run();
      await expectUnchanged(victim.id, victimRows, `${key} under fuzz`);
    });
  }

  it('reports its figures', ({ task }) => {
    counted.set('operations × cases', `${documented.length} × ${CASES_PER_OPERATION}`);
    counted.set('seed', SEED);
    counted.report(task);
  });
});
