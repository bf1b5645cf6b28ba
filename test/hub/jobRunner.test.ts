// The hub's job runner with a chunk that keeps failing: it is tried again on the next alarm, and after
// JOB_ATTEMPTS failures in a row the job ends as failed, with the rest of its items reported as skipped.
import { env, runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../schema/jobs';
import { JOB_ATTEMPTS } from '../../worker/hub/jobRunner';
import { CUSTOMER_CHUNK } from '../../worker/jobs/customerKinds';
import { Client, createCustomer, createReseller, createUser } from '../fixtures';

describe('JobRunner', () => {
  it('retries a failing chunk on the next alarms, then ends the job as failed and skips what is left', async () => {
    const reseller = await createReseller();
    const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
    const ids = [];
    for (let index = 0; index < CUSTOMER_CHUNK + 5; index++) ids.push((await createCustomer(reseller)).id);
    const tag = (await owner.post('/api/v1/tags', { name: 'Bricht', color: 'red' })).body.tag;
    const readJob = async (id: string): Promise<Job> => (await owner.get(`/api/v1/jobs/${id}`)).body.job;
    const started = (await owner.post('/api/v1/customers/bulk/tag', { customerIds: ids, tagId: tag.id })).body.job;
    // The first chunk runs with the start; from the second on, every tag link fails to insert.
    for (let waited = 0; (await readJob(started.id)).processed === 0 && waited < 100; waited++) await new Promise((resolve) => setTimeout(resolve, 25));
    await env.DB.prepare(
      `CREATE TRIGGER test_tagging_fails BEFORE INSERT ON customer_tags WHEN NEW.reseller_id = '${reseller.id}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
    ).run();
    try {
      const hub = env.RESELLER_HUB.get(env.RESELLER_HUB.idFromName(reseller.id));
      for (let attempt = 1; attempt < JOB_ATTEMPTS; attempt++) {
        await runDurableObjectAlarm(hub);
        expect((await readJob(started.id)).state, `after failure ${attempt}`).toBe('running');
      }
      await runDurableObjectAlarm(hub);
      const ended = await readJob(started.id);
      expect(ended).toMatchObject({ state: 'failed', processed: CUSTOMER_CHUNK });
      const skipped = (await owner.get(`/api/v1/jobs/${started.id}/items?state=skipped&limit=200`)).body.items;
      expect(skipped).toHaveLength(5);
      expect(skipped.every((item: { reason: string }) => item.reason === 'job_failed')).toBe(true);
    } finally {
      await env.DB.prepare('DROP TRIGGER test_tagging_fails').run();
    }
  });
});
