// D1's transient failures ("Network connection lost" and the like), injected under the Worker: a read
// that fails now and then still gets its answer, a write whose connection breaks before or after its
// batch committed is done exactly once, and what keeps failing answers 503 with Retry-After. Swept
// over every operation of the API.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { interceptD1 } from '../../worker/d1Intercept';
import { RETRY_AFTER_SECONDS, repeatable } from '../../worker/d1Retries';
import { scenarios } from '../apiScenarios';
import { type Answer, type ApiWorld, customerInput, openWorld } from '../apiWorld';
import { documented, keyOf } from '../operations';
import { auditRowsAfter, errorCode, expectHardened, expectHardenedHeaders, figures, installWriteCounter, lastAuditId, methodOf, writesOf } from './harness';

const counted = figures('transient');
const LOST = 'D1_ERROR: Network connection lost.';

/** What the injected D1 does wrong, counted down as it happens. */
interface Faults {
  /** Reads (first/all/raw of a SELECT, or a batch of SELECTs) that fail before reaching the database. */
  reads?: number;
  /** Write batches that fail before they run. */
  writesBefore?: number;
  /** Write batches that run and commit, and then the connection breaks (the caller never hears). */
  writesAfter?: number;
}

// Reads, and the rate counter a token's lookup carries: what the Worker may run again like a read.
const isRead = repeatable;

/** The test D1 with faults injected below the Worker (and so below its retries, and under its D1 sessions). */
function faultyD1(real: D1Database, faults: Faults): D1Database {
  return interceptD1(real, async ({ queries, batch, run }) => {
    const reads = queries.every((query) => isRead(query));
    if (reads && (faults.reads ?? 0) > 0) {
      faults.reads! -= 1;
      throw new Error(LOST);
    }
    // Writes fail as whole batches (commitWrite's one batch); a lone statement that writes runs as it is.
    if (!batch || reads) return run();
    if ((faults.writesBefore ?? 0) > 0) {
      faults.writesBefore! -= 1;
      throw new Error(LOST);
    }
    const results = await run();
    if ((faults.writesAfter ?? 0) > 0) {
      faults.writesAfter! -= 1;
      throw new Error(LOST);
    }
    return results;
  });
}

const withFaults = (faults: Faults) => ({ ...env, DB: faultyD1(env.DB, faults) });

function expectUnavailable(answer: Answer, label: string) {
  expect([answer.status, errorCode(answer)], label).toEqual([503, 'database_unavailable']);
  expect(answer.headers.get('retry-after'), label).toBe(String(RETRY_AFTER_SECONDS));
}

describe('transient D1 failures', () => {
  let world: ApiWorld;

  beforeAll(async () => {
    await installWriteCounter();
    world = await openWorld();
  }, 120_000);

  it('answers a read that failed twice, and a read that keeps failing with 503 and Retry-After', async () => {
    const expected = await world.send('GET', { path: '/api/v1/customers?limit=5' });
    const twice = await world.send('GET', { path: '/api/v1/customers?limit=5' }, withFaults({ reads: 2 }));
    expect([twice.status, JSON.parse(twice.text).items]).toEqual([200, JSON.parse(expected.text).items]);
    expectUnavailable(await world.send('GET', { path: '/api/v1/customers?limit=5' }, withFaults({ reads: 1_000 })), 'a read that keeps failing');
  });

  it('makes a change whose connection broke after the commit once, and answers it as done', async () => {
    const customer = await world.newCustomer();
    const audited = await lastAuditId(world.reseller.id);
    const answer = await world.send(
      'PATCH',
      { path: `/api/v1/customers/${customer.id}`, body: { version: customer.version, city: 'Potsdam', postalCode: '14467' } },
      withFaults({ writesAfter: 1 }),
    );
    expect([answer.status, JSON.parse(answer.text).customer?.version]).toEqual([200, customer.version + 1]);
    expect((await auditRowsAfter(world.reseller.id, audited)).map((row) => row.action)).toEqual(['customer.updated']);
    const stored = JSON.parse((await world.send('GET', { path: `/api/v1/customers/${customer.id}` })).text).customer;
    expect([stored.city, stored.version]).toEqual(['Potsdam', customer.version + 1]);
  });

  it('runs a change whose batch failed before it ran once more, and answers 503 writing nothing when it fails again', async () => {
    const input = customerInput();
    const audited = await lastAuditId(world.reseller.id);
    const once = await world.send('POST', { path: '/api/v1/customers', body: input }, withFaults({ writesBefore: 1 }));
    expect(once.status).toBe(201);
    expect((await auditRowsAfter(world.reseller.id, audited)).map((row) => row.action)).toEqual(['customer.created']);
    const writes = await writesOf(world.reseller.id);
    expectUnavailable(await world.send('POST', { path: '/api/v1/customers', body: customerInput() }, withFaults({ writesBefore: 2 })), 'a write that failed twice');
    expect(await writesOf(world.reseller.id)).toBe(writes);
  });

  for (const operation of documented.filter((candidate) => candidate.method !== 'get')) {
    const key = keyOf(operation);
    it(`${key}: with the connection lost after its first write committed, answers as done or 503, and audits its change once`, async () => {
      const call = await scenarios[key]!(world);
      const audited = await lastAuditId(world.reseller.id);
      const answer = await world.send(methodOf(operation), call, withFaults({ writesAfter: 1 }));
      answer.socket?.close();
      if (answer.status === 503) {
        expectHardenedHeaders(answer, key);
        expectUnavailable(answer, key);
        counted.add('writes answered 503');
      } else {
        expectHardened(answer, key);
        expect(answer.status, `${key}: ${answer.text.slice(0, 200)}`).toBeLessThan(300);
        counted.add('writes answered as done');
      }
      const changes = (await auditRowsAfter(world.reseller.id, audited)).map((row) => `${row.action} ${row.entityId}`);
      expect(changes.length, `${key} audited a change twice: ${changes}`).toBe(new Set(changes).size);
    });
  }

  it('reports its figures', ({ task }) => {
    counted.report(task);
  });
});
