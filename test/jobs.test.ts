// Background jobs (worker/jobs, the hub's alarm) through the bulk customer actions: chunks, counts and
// the report, cancelling, refusals per customer, tenancy, permissions, live progress and bad input.
import { env, runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { type Job, type JobItem, MAX_JOB_ITEMS } from '../schema/jobs';
import { CUSTOMER_CHUNK } from '../worker/jobs/customerKinds';
import { Client, countRows, createCustomer, createReseller, createUser, type TestReseller } from './fixtures';
import { LiveSocket } from './liveClient';

const hub = (reseller: TestReseller) => env.RESELLER_HUB.get(env.RESELLER_HUB.idFromName(reseller.id));

/** The hub's next chunk now instead of after JOB_CHUNK_PAUSE_MS: its alarm runs early. Whether one was set. */
const alarmRun = (reseller: TestReseller) => runDurableObjectAlarm(hub(reseller));
/**
 * The next chunk, once the hub has set its alarm: a chunk's progress is visible (in D1 and on the
 * sockets) a moment before the hub sets the alarm for the next one.
 */
const nextChunk = (reseller: TestReseller) => vi.waitUntil(() => alarmRun(reseller), { timeout: 5_000, interval: 20 });

/** Polls the job until `done` holds (the start's kick runs after the answer). */
async function jobWhen(client: Client, id: string, done: (job: Job) => boolean): Promise<Job> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const job: Job = (await client.get(`/api/v1/jobs/${id}`)).body.job;
    if (done(job)) return job;
    if (Date.now() > deadline) throw new Error(`job never got there: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function report(client: Client, id: string, state?: string): Promise<JobItem[]> {
  const items: JobItem[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: JobItem[]; nextCursor: string | null } } = await client.get(
      `/api/v1/jobs/${id}/items?limit=200${state ? `&state=${state}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

async function setup(count: number) {
  const reseller = await createReseller();
  const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
  const buyer = await Client.signedIn((await createUser(reseller, 'buyer')).email);
  const customers = [];
  for (let index = 0; index < count; index++) customers.push(await createCustomer(reseller, { customerNumber: String(1000 + index), company: `Firma ${index}` }));
  const tag = (await owner.post('/api/v1/tags', { name: 'Kampagne', color: 'green' })).body.tag;
  return { reseller, owner, buyer, customers, tag, ids: customers.map((customer) => customer.id) };
}

const audited = (reseller: TestReseller, action: string) => countRows('audit_log', 'reseller_id = ? AND action = ?', reseller.id, action);

describe('bulk jobs', () => {
  // Many requests at once: on a loaded machine this takes longer than the default 5 s (nothing here is timed).
  it('tags more customers than one chunk, chunk by chunk, with correct counts, report and audit', { timeout: 30_000 }, async () => {
    const total = 2 * CUSTOMER_CHUNK + 20;
    const { reseller, buyer, owner, ids, tag } = await setup(total);
    const started = await buyer.post('/api/v1/customers/bulk/tag', { customerIds: ids, tagId: tag.id });
    expect(started.status).toBe(202);
    expect(started.body.job).toMatchObject({ kind: 'customers.tag', state: 'queued', label: 'Kampagne', total, processed: 0, startedBy: expect.any(String) });
    const id = started.body.job.id;

    // The first chunk runs at once; the rest waits for the hub's alarm.
    const first = await jobWhen(owner, id, (job) => job.processed > 0);
    expect(first).toMatchObject({ state: 'running', processed: CUSTOMER_CHUNK, succeeded: CUSTOMER_CHUNK, failed: 0 });
    // A colleague deletes one customer still waiting: it is reported as not found, never resurrected.
    const gone = ids[total - 1]!;
    expect((await owner.delete(`/api/v1/customers/${gone}`)).status).toBe(204);

    await nextChunk(reseller);
    expect(await jobWhen(owner, id, (job) => job.processed === 2 * CUSTOMER_CHUNK)).toMatchObject({ state: 'running', succeeded: 2 * CUSTOMER_CHUNK });
    await nextChunk(reseller);
    const done = await jobWhen(owner, id, (job) => job.state !== 'running');
    expect(done).toMatchObject({ state: 'succeeded', total, processed: total, succeeded: total - 1, failed: 1, finishedAt: expect.any(String) });
    // Nothing left to do: no alarm is set.
    expect(await alarmRun(reseller)).toBe(false);

    const items = await report(owner, id);
    expect(items.map((item) => item.seq)).toEqual([...Array(total).keys()]);
    expect(items.filter((item) => item.state === 'succeeded')).toHaveLength(total - 1);
    expect(await report(owner, id, 'failed')).toEqual([{ seq: total - 1, itemId: gone, name: null, state: 'failed', reason: 'not_found' }]);
    expect(items[0]).toMatchObject({ name: 'Firma 0', state: 'succeeded', reason: null });

    expect((await owner.get(`/api/v1/customers?tag=${tag.id}&limit=1`)).body.total).toBe(total - 1);
    expect(await audited(reseller, 'customer.tags_changed')).toBe(total - 1);
    expect(await audited(reseller, 'job.started')).toBe(1);
    expect(await audited(reseller, 'job.finished')).toBe(1);
    const list = await owner.get('/api/v1/jobs');
    expect(list.body.items.map((job: Job) => [job.id, job.state])).toEqual([[id, 'succeeded']]);
  });

  it('untags, reporting customers without the tag as not tagged and leaving them untouched', async () => {
    const { buyer, ids, tag } = await setup(4);
    await buyer.post('/api/v1/customers/bulk-tags', { customerIds: ids.slice(0, 2), addTagIds: [tag.id] });
    const untouched = (await buyer.get(`/api/v1/customers/${ids[3]}`)).body.customer.version;
    const { job } = (await buyer.post('/api/v1/customers/bulk/untag', { customerIds: ids, tagId: tag.id })).body;
    expect(await jobWhen(buyer, job.id, (current) => current.state === 'succeeded')).toMatchObject({ succeeded: 2, failed: 2 });
    expect((await report(buyer, job.id, 'failed')).map((item) => [item.itemId, item.reason])).toEqual([
      [ids[2], 'not_tagged'],
      [ids[3], 'not_tagged'],
    ]);
    expect((await buyer.get(`/api/v1/customers?tag=${tag.id}`)).body.items).toEqual([]);
    expect((await buyer.get(`/api/v1/customers/${ids[3]}`)).body.customer.version).toBe(untouched);
  });

  it('invites each customer to a relationship, refusing active ones and open invitations in the report', async () => {
    const { reseller, buyer, owner, ids } = await setup(3);
    const active = await createCustomer(reseller, { customerNumber: '2000', company: 'Schon Aktiv', relationshipState: 'active', grantedRights: ['delegated_admin'] });
    // One already has an open invitation.
    await owner.post('/api/v1/invitations', { customerId: ids[2], requestedRights: ['delegated_admin'] });
    const started = await buyer.post('/api/v1/customers/bulk/invite', {
      customerIds: [...ids, active.id],
      requestedRights: ['delegated_admin', 'billing_view'],
      language: 'en',
      expiresInDays: 7,
    });
    expect(started.status).toBe(202);
    const done = await jobWhen(buyer, started.body.job.id, (job) => job.state === 'succeeded');
    expect(done).toMatchObject({ kind: 'customers.invite', total: 4, succeeded: 2, failed: 2 });
    expect((await report(buyer, done.id, 'failed')).map((item) => [item.itemId, item.reason])).toEqual([
      [ids[2], 'invitation_pending'],
      [active.id, 'relationship_active'],
    ]);
    const invited = (await buyer.get('/api/v1/invitations?state=pending')).body.items;
    expect(
      invited
        .filter((invitation: { customerId: string }) => invitation.customerId !== ids[2])
        .map((invitation: { customerId: string }) => invitation.customerId)
        .sort(),
    ).toEqual(ids.slice(0, 2).sort());
    expect(invited.find((invitation: { customerId: string }) => invitation.customerId === ids[0])).toMatchObject({
      requestedRights: ['delegated_admin', 'billing_view'],
      language: 'en',
      sentBy: expect.any(String),
    });
    for (const id of ids.slice(0, 2)) expect((await buyer.get(`/api/v1/customers/${id}`)).body.customer.relationshipState).toBe('pending');
    expect((await buyer.get(`/api/v1/customers/${active.id}`)).body.customer.relationshipState).toBe('active');
    expect(await audited(reseller, 'invitation.created')).toBe(3);

    // The reseller has no indirect provider: asking for one is refused up front, as for one invitation.
    const noProvider = await buyer.post('/api/v1/customers/bulk/invite', { customerIds: ids, requestedRights: ['delegated_admin'], includeIndirectProvider: true });
    expect([noProvider.status, noProvider.body.error.fields]).toEqual([422, { includeIndirectProvider: 'no_indirect_provider' }]);
    // Support may not invite at all.
    const support = await Client.signedIn((await createUser(reseller, 'support')).email);
    expect((await support.post('/api/v1/customers/bulk/invite', { customerIds: ids, requestedRights: ['delegated_admin'] })).status).toBe(403);
  });

  it('archives through the archive module: each customer audited and published, one already archived refused', async () => {
    const { reseller, buyer, owner, ids } = await setup(3);
    const colleague = await LiveSocket.open(owner);
    expect((await owner.post(`/api/v1/customers/${ids[2]}/archive`, {})).status).toBe(200);
    const { job } = (await buyer.post('/api/v1/customers/bulk/archive', { customerIds: ids })).body;
    expect(await jobWhen(buyer, job.id, (current) => current.state === 'succeeded')).toMatchObject({ kind: 'customers.archive', succeeded: 2, failed: 1 });
    expect((await report(buyer, job.id, 'failed')).map((item) => [item.itemId, item.reason])).toEqual([[ids[2], 'already_archived']]);
    expect((await buyer.get('/api/v1/customers')).body.items).toEqual([]);
    expect((await buyer.get('/api/v1/customers?archived=1')).body.items.map((customer: { id: string }) => customer.id).sort()).toEqual([...ids].sort());
    expect(await audited(reseller, 'customer.archived')).toBe(3);
    for (const id of ids.slice(0, 2)) await colleague.next((message) => message.type === 'event' && message.event.kind === 'customer.archived' && message.event.entityId === id);
    colleague.close();
    // An archived customer is refused by a bulk invitation too.
    const invite = (await buyer.post('/api/v1/customers/bulk/invite', { customerIds: [ids[0]], requestedRights: ['delegated_admin'] })).body.job;
    await jobWhen(buyer, invite.id, (current) => current.state === 'succeeded');
    expect((await report(buyer, invite.id))[0]).toMatchObject({ state: 'failed', reason: 'customer_archived' });
    // Support may not archive.
    const support = await Client.signedIn((await createUser(reseller, 'support')).email);
    expect((await support.post('/api/v1/customers/bulk/archive', { customerIds: ids })).status).toBe(403);
  });

  it('cancels after the current chunk: what was done stays done, the rest is reported as skipped', async () => {
    const total = 2 * CUSTOMER_CHUNK + 5;
    const { reseller, buyer, owner, ids, tag } = await setup(total);
    const { job } = (await buyer.post('/api/v1/customers/bulk/tag', { customerIds: ids, tagId: tag.id })).body;
    await jobWhen(owner, job.id, (current) => current.processed === CUSTOMER_CHUNK);

    // A colleague cancels between two chunks: the answer says it is asked to stop, and it ends at once.
    const cancelled = await owner.post(`/api/v1/jobs/${job.id}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.job).toMatchObject({ state: 'running', processed: CUSTOMER_CHUNK, succeeded: CUSTOMER_CHUNK, cancelRequested: true, cancelledBy: expect.any(String) });
    expect(await jobWhen(owner, job.id, (current) => current.state !== 'running')).toMatchObject({ state: 'cancelled', processed: CUSTOMER_CHUNK, cancelRequested: true });
    // Its alarm, if one was set, finds nothing more to do.
    await alarmRun(reseller);
    expect((await owner.get(`/api/v1/jobs/${job.id}`)).body.job).toMatchObject({ state: 'cancelled', processed: CUSTOMER_CHUNK });
    const skipped = await report(owner, job.id, 'skipped');
    expect(skipped).toHaveLength(total - CUSTOMER_CHUNK);
    expect(new Set(skipped.map((item) => item.reason))).toEqual(new Set(['cancelled']));
    expect((await owner.get(`/api/v1/customers?tag=${tag.id}&limit=1`)).body.total).toBe(CUSTOMER_CHUNK);
    expect(await audited(reseller, 'customer.tags_changed')).toBe(CUSTOMER_CHUNK);
    expect(await audited(reseller, 'job.cancel_requested')).toBe(1);
    expect(await audited(reseller, 'job.cancelled')).toBe(1);
    expect(await audited(reseller, 'job.finished')).toBe(0);

    const again = await owner.post(`/api/v1/jobs/${job.id}/cancel`, {});
    expect([again.status, again.body.error.code, again.body.error.current.state]).toEqual([409, 'job_closed', 'cancelled']);
  });

  it('takes one cancel of 50 sent at once: one answer, the rest 409, one audit row recording the job as it was asked to stop', async () => {
    const total = 2 * CUSTOMER_CHUNK + 5;
    const { reseller, buyer, owner, ids, tag } = await setup(total);
    const { job } = (await buyer.post('/api/v1/customers/bulk/tag', { customerIds: ids, tagId: tag.id })).body;
    await jobWhen(owner, job.id, (current) => current.processed === CUSTOMER_CHUNK);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, index) => (index % 2 === 0 ? owner : buyer).post(`/api/v1/jobs/${job.id}/cancel`, {})));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status !== 200).map((answer) => [answer.status, answer.body.error.code])).toEqual(Array(49).fill([409, 'job_closed']));
    const audit = await env.DB.prepare("SELECT before FROM audit_log WHERE reseller_id = ? AND action = 'job.cancel_requested'").bind(reseller.id).all<{ before: string }>();
    expect(audit.results.map((row) => JSON.parse(row.before))).toEqual([{ state: 'running', processed: CUSTOMER_CHUNK, total }]);
    expect(await jobWhen(owner, job.id, (current) => current.state !== 'running')).toMatchObject({ state: 'cancelled', processed: CUSTOMER_CHUNK });
  });

  it('works on every customer a filter matches, resolved when the job starts', async () => {
    const { reseller, buyer, customers, tag } = await setup(3);
    const other = await createCustomer(reseller, { customerNumber: '9999', company: 'Zweite Liste', country: 'AT', postalCode: '1010', city: 'Wien' });
    const { job } = (await buyer.post('/api/v1/customers/bulk/tag', { filter: { country: 'DE' }, tagId: tag.id })).body;
    expect(job.total).toBe(customers.length);
    await jobWhen(buyer, job.id, (current) => current.state === 'succeeded');
    const tagged = (await buyer.get(`/api/v1/customers?tag=${tag.id}`)).body.items.map((customer: { id: string }) => customer.id);
    expect(tagged.sort()).toEqual(customers.map((customer) => customer.id).sort());
    expect(tagged).not.toContain(other.id);

    const none = await buyer.post('/api/v1/customers/bulk/tag', { filter: { q: 'gibtesnicht' }, tagId: tag.id });
    expect([none.status, none.body.error.fields]).toEqual([422, { filter: 'no_customers' }]);
  });

  it(`refuses a filter that matches more than ${MAX_JOB_ITEMS} customers, starting nothing`, async () => {
    const { reseller, buyer, tag } = await setup(0);
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO customers (id, reseller_id, customer_number, company, email, address, postal_code, city, country)
       SELECT printf('cus_%032x', i), ?, 'M-' || i, 'Masse ' || i, 'm@masse.example', 'Weg 1', '10115', 'Berlin', 'DE' FROM n`,
    )
      .bind(MAX_JOB_ITEMS + 1, reseller.id)
      .run();
    const answer = await buyer.post('/api/v1/customers/bulk/tag', { filter: { q: '' }, tagId: tag.id });
    expect([answer.status, answer.body.error.code, answer.body.error.fields]).toEqual([422, 'too_many_customers', { filter: 'too_many_customers' }]);
    expect(answer.body.error.message).toContain(String(MAX_JOB_ITEMS));
    expect(await countRows('jobs', 'reseller_id = ?', reseller.id)).toBe(0);
  });

  it("treats another reseller's customer as not found: 404, no job, the other reseller untouched", async () => {
    const { reseller, buyer, ids, tag } = await setup(2);
    const stranger = await createReseller();
    const foreign = await createCustomer(stranger);
    // Every kind of bulk job: the selection is held to the reseller's customers by the start's own batch.
    const selection = [ids[0], foreign.id];
    for (const [path, body] of [
      ['tag', { customerIds: selection, tagId: tag.id }],
      ['untag', { customerIds: selection, tagId: tag.id }],
      ['invite', { customerIds: selection, requestedRights: ['delegated_admin'] }],
      ['archive', { customerIds: selection }],
      ['export', { customerIds: selection, format: 'csv' }],
    ] as const) {
      const answer = await buyer.post(`/api/v1/customers/bulk/${path}`, body);
      expect([path, answer.status, answer.body.error.code]).toEqual([path, 404, 'not_found']);
    }
    expect(await countRows('jobs', 'reseller_id = ?', reseller.id)).toBe(0);
    expect(await countRows('job_items', 'item_id = ?', foreign.id)).toBe(0);
    expect(await countRows('customer_tags', 'customer_id = ?', foreign.id)).toBe(0);
    expect(await countRows('audit_log', 'reseller_id = ? OR customer_id = ?', stranger.id, foreign.id)).toBe(0);
    // Nor can a job, its report or its cancel be reached from another reseller.
    const { job } = (await buyer.post('/api/v1/customers/bulk/tag', { customerIds: ids, tagId: tag.id })).body;
    const outsider = await Client.signedIn((await createUser(stranger, 'owner')).email);
    for (const path of [`/api/v1/jobs/${job.id}`, `/api/v1/jobs/${job.id}/items`]) expect((await outsider.get(path)).status).toBe(404);
    expect((await outsider.post(`/api/v1/jobs/${job.id}/cancel`, {})).status).toBe(404);
    expect((await outsider.get('/api/v1/jobs')).body.items).toEqual([]);
  });

  it('takes the tag as stored when it was renamed or deleted after the tag picker showed it', async () => {
    const { owner, ids, tag } = await setup(1);
    await owner.get('/api/v1/tags');
    await env.DB.prepare("UPDATE tags SET name = 'Frühjahr', name_key = 'frühjahr', version = version + 1, updated_at = ? WHERE id = ?")
      .bind(new Date().toISOString(), tag.id)
      .run();
    const renamed = await owner.post('/api/v1/customers/bulk/tag', { customerIds: ids, tagId: tag.id });
    expect([renamed.status, renamed.body.job.label]).toEqual([202, 'Frühjahr']);
    await owner.get('/api/v1/tags');
    await env.DB.prepare('DELETE FROM tags WHERE id = ?').bind(tag.id).run();
    const gone = await owner.post('/api/v1/customers/bulk/untag', { customerIds: ids, tagId: tag.id });
    expect([gone.status, gone.body.error.fields]).toEqual([422, { tagId: 'unknown_tag' }]);
  });

  it('checks permissions up front: read-only staff see jobs but may neither start nor cancel one', async () => {
    const { reseller, buyer, ids, tag } = await setup(CUSTOMER_CHUNK + 1);
    const support = await Client.signedIn((await createUser(reseller, 'support')).email);
    const refused = await support.post('/api/v1/customers/bulk/tag', { customerIds: ids, tagId: tag.id });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
    expect(await countRows('jobs', 'reseller_id = ?', reseller.id)).toBe(0);
    const { job } = (await buyer.post('/api/v1/customers/bulk/tag', { customerIds: ids, tagId: tag.id })).body;
    await jobWhen(support, job.id, (current) => current.processed === CUSTOMER_CHUNK);
    expect((await support.get('/api/v1/jobs')).body.items).toHaveLength(1);
    expect((await support.post(`/api/v1/jobs/${job.id}/cancel`, {})).status).toBe(403);
    expect((await support.get(`/api/v1/jobs/${job.id}`)).body.job.cancelRequested).toBe(false);
  });

  // Sets up more customers than one chunk: on a loaded machine that alone can take longer than the default 5 s.
  it("publishes progress live to every staff socket of the reseller and to no other reseller's", { timeout: 30_000 }, async () => {
    const { reseller, buyer, owner, ids, tag } = await setup(CUSTOMER_CHUNK + 3);
    const colleague = await LiveSocket.open(owner);
    const stranger = await createReseller();
    const outsider = await LiveSocket.open(await Client.signedIn((await createUser(stranger, 'owner')).email));
    const { job } = (await buyer.post('/api/v1/customers/bulk/tag', { customerIds: ids, tagId: tag.id })).body;
    const progress = (processed: number) =>
      colleague.next((message) => message.type === 'event' && message.event.kind === 'job.changed' && (message.event.data as Job).processed === processed);
    await progress(CUSTOMER_CHUNK);
    await nextChunk(reseller);
    await colleague.next((message) => message.type === 'event' && message.event.kind === 'job.changed' && (message.event.data as Job).state === 'succeeded');
    const states = colleague
      .events()
      .filter((message) => message.event.kind === 'job.changed' && message.event.entityId === job.id)
      .map((message) => [(message.event.data as Job).state, (message.event.data as Job).processed]);
    expect(states).toEqual([
      ['queued', 0],
      ['running', CUSTOMER_CHUNK],
      ['running', ids.length],
      ['succeeded', ids.length],
    ]);
    // The customers' own changes arrive as well, so open lists update.
    expect(colleague.events().filter((message) => message.event.kind === 'customer.updated')).toHaveLength(ids.length);
    await outsider.caughtUp();
    expect(outsider.events()).toEqual([]);
    colleague.close();
    outsider.close();
  });

  it('answers bad input with a 4xx and field errors, writing nothing', async () => {
    const { reseller, buyer, ids, tag } = await setup(1);
    const cases: [unknown, number, Record<string, string> | undefined][] = [
      [{ tagId: tag.id }, 422, { _: 'target_required' }],
      [{ customerIds: ids, filter: { q: 'x' }, tagId: tag.id }, 422, { _: 'target_required' }],
      [{ customerIds: [], tagId: tag.id }, 422, { customerIds: 'required' }],
      [{ customerIds: Array.from({ length: 1001 }, (_, index) => `cus_${index}`), tagId: tag.id }, 422, { customerIds: 'too_many' }],
      [{ customerIds: ids }, 422, { tagId: 'required' }],
      [{ customerIds: ids, tagId: 'tag_gibtesnicht' }, 422, { tagId: 'unknown_tag' }],
      [{ filter: { country: 'XX' }, tagId: tag.id }, 422, { 'filter.country': 'invalid_country' }],
      [{ filter: { tag: 'tag_gibtesnicht' }, tagId: tag.id }, 422, { tag: 'unknown_tag' }],
      ['kein json', 400, undefined],
    ];
    const audit = await countRows('audit_log', 'reseller_id = ?', reseller.id);
    for (const [body, status, fields] of cases) {
      const answer = await buyer.post('/api/v1/customers/bulk/tag', body);
      expect([answer.status, answer.body.error.fields], JSON.stringify(body).slice(0, 80)).toEqual([status, fields]);
    }
    expect((await buyer.get('/api/v1/jobs?state=bogus')).body.error.fields).toEqual({ state: 'invalid_value' });
    expect((await buyer.get('/api/v1/jobs/job_gibtesnicht')).status).toBe(404);
    expect(await countRows('jobs', 'reseller_id = ?', reseller.id)).toBe(0);
    expect(await countRows('audit_log', 'reseller_id = ?', reseller.id)).toBe(audit);
  });
});
