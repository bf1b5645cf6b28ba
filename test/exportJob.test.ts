// The export as a bulk job (issue 12 line 4): the selected or filtered customers kept chunk by chunk,
// the file written from that snapshot for every colleague who may export, parsed back with the repo's
// own readers; deleted customers, cancelling, expiry, tenancy and roles.
import { env, runDurableObjectAlarm, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { EXPORT_FILE_HOURS, type Job, type JobItem } from '../schema/jobs';
import { parseCsv } from '../worker/imports/csv';
import { parseXlsx } from '../worker/imports/xlsx';
import { CUSTOMER_CHUNK } from '../worker/jobs/customerKinds';
import { Client, countRows, createCustomer, createReseller, createUser, ORIGIN, type TestReseller } from './fixtures';
import { LiveSocket } from './liveClient';

const hub = (reseller: TestReseller) => env.RESELLER_HUB.get(env.RESELLER_HUB.idFromName(reseller.id));

async function jobWhen(client: Client, id: string, done: (job: Job) => boolean): Promise<Job> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const job: Job = (await client.get(`/api/v1/jobs/${id}`)).body.job;
    if (done(job)) return job;
    if (Date.now() > deadline) throw new Error(`job never got there: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function download(client: Client, id: string) {
  const response = await SELF.fetch(`${ORIGIN}/api/v1/jobs/${id}/file`, { headers: { origin: ORIGIN, cookie: client.cookie } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, json: () => JSON.parse(new TextDecoder().decode(bytes)) };
}

/** The file's customer numbers (first column) below its header, read back by the import's own readers. */
async function numbersIn(format: 'xlsx' | 'csv', bytes: Uint8Array) {
  const sheet = format === 'xlsx' ? await parseXlsx(bytes) : parseCsv(bytes);
  return { header: sheet.rows[0]!, rows: sheet.rows.slice(1), numbers: sheet.rows.slice(1).map((row) => row[0]) };
}

async function setup(count: number) {
  const reseller = await createReseller();
  const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
  const buyer = await Client.signedIn((await createUser(reseller, 'buyer')).email);
  const customers = [];
  for (let index = 0; index < count; index++) customers.push(await createCustomer(reseller, { customerNumber: String(1000 + index), company: `Firma ${index}` }));
  return { reseller, owner, buyer, customers, ids: customers.map((customer) => customer.id) };
}

const exportedAudits = async (reseller: TestReseller) =>
  (await env.DB.prepare("SELECT after FROM audit_log WHERE reseller_id = ? AND action = 'customers.exported'").bind(reseller.id).all<{ after: string }>()).results.map((row) =>
    JSON.parse(row.after),
  );

describe('export as a bulk job', () => {
  it('exports exactly the selected customers into an XLSX file a colleague downloads, audited with the job', async () => {
    const { reseller, owner, buyer, ids } = await setup(5);
    const picked = [ids[3]!, ids[0]!, ids[4]!];
    // An archived customer the user picked is exported as picked.
    expect((await owner.post(`/api/v1/customers/${ids[4]}/archive`, {})).status).toBe(200);
    const colleague = await LiveSocket.open(owner);
    const started = await buyer.post('/api/v1/customers/bulk/export', { customerIds: picked, format: 'xlsx', lang: 'de' });
    expect(started.status).toBe(202);
    expect(started.body.job).toMatchObject({ kind: 'customers.export', state: 'queued', label: 'Customers.xlsx', total: 3, file: null });
    const id = started.body.job.id;
    // The colleague sees it finish live, with the file announced.
    const finished = await colleague.next((message) => message.type === 'event' && message.event.kind === 'job.changed' && (message.event.data as Job).state === 'succeeded');
    colleague.close();
    const done = (finished as Extract<typeof finished, { type: 'event' }>).event.data as Job;
    expect(done).toMatchObject({ id, succeeded: 3, failed: 0, file: { format: 'xlsx', rows: 3 } });
    expect(Date.parse(done.file!.expiresAt) - Date.parse(done.finishedAt!)).toBe(EXPORT_FILE_HOURS * 3_600_000);

    // The owner, who did not start it, downloads it.
    const file = await download(owner, id);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.headers.get('content-disposition')).toContain('filename="Customers.xlsx"');
    const sheet = await numbersIn('xlsx', file.bytes);
    expect([sheet.header[0], sheet.header[2]]).toEqual(['Kundennummer', 'Firma']);
    expect(sheet.numbers).toEqual(['1003', '1000', '1004']);
    expect(sheet.rows.map((row) => row[2])).toEqual(['Firma 3', 'Firma 0', 'Firma 4']);
    expect(await exportedAudits(reseller)).toEqual([expect.objectContaining({ jobId: id, fileName: 'Customers.xlsx', format: 'xlsx', rows: 3, language: 'de' })]);
  });

  it('exports every customer a filter matches as CSV with the chosen separator and language', async () => {
    const { owner, buyer, ids } = await setup(4);
    const tag = (await owner.post('/api/v1/tags', { name: 'Export', color: 'green' })).body.tag;
    await owner.post('/api/v1/customers/bulk-tags', { customerIds: [ids[1], ids[2]], addTagIds: [tag.id] });
    const { job } = (await buyer.post('/api/v1/customers/bulk/export', { filter: { tag: tag.id }, format: 'csv', separator: ',', lang: 'en' })).body;
    expect(job).toMatchObject({ total: 2, label: 'Customers.csv' });
    await jobWhen(buyer, job.id, (current) => current.state === 'succeeded');
    const file = await download(buyer, job.id);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('filename="Customers.csv"');
    const sheet = await numbersIn('csv', file.bytes);
    expect([sheet.header[0], sheet.header[2]]).toEqual(['Customer number', 'Company']);
    expect(sheet.numbers).toEqual(['1001', '1002']);
    expect(new TextDecoder().decode(file.bytes)).toContain('1001,Firma 1,Firma 1');
  });

  it('reports a customer deleted after the start as not found and leaves it out of the file; XLS is Customer.xls', async () => {
    const total = CUSTOMER_CHUNK + 5;
    const { reseller, owner, buyer, ids } = await setup(total);
    const { job } = (await buyer.post('/api/v1/customers/bulk/export', { customerIds: ids, format: 'xls' })).body;
    const first = await jobWhen(owner, job.id, (current) => current.processed > 0);
    expect(first).toMatchObject({ state: 'running', processed: CUSTOMER_CHUNK, file: null });
    // While it runs there is no file yet.
    expect([(await download(owner, job.id)).status, (await download(owner, job.id)).json().error.code]).toEqual([409, 'export_not_ready']);
    const gone = ids[total - 1]!;
    expect((await owner.delete(`/api/v1/customers/${gone}`)).status).toBe(204);
    expect(await runDurableObjectAlarm(hub(reseller))).toBe(true);
    const done = await jobWhen(owner, job.id, (current) => current.state !== 'running');
    expect(done).toMatchObject({ state: 'succeeded', succeeded: total - 1, failed: 1, file: { format: 'xls', rows: total - 1 } });
    const failed: JobItem[] = (await owner.get(`/api/v1/jobs/${job.id}/items?state=failed`)).body.items;
    expect(failed).toEqual([{ seq: total - 1, itemId: gone, name: null, state: 'failed', reason: 'not_found' }]);
    const file = await download(owner, job.id);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/vnd.ms-excel');
    expect(file.headers.get('content-disposition')).toContain('filename="Customer.xls"');
    expect(await countRows('job_export_rows', 'job_id = ?', job.id)).toBe(total - 1);
  });

  it('cancels between chunks: the job has no file and its rows go with the next export start', async () => {
    const { reseller, buyer, ids } = await setup(CUSTOMER_CHUNK + 3);
    const { job } = (await buyer.post('/api/v1/customers/bulk/export', { customerIds: ids, format: 'csv' })).body;
    await jobWhen(buyer, job.id, (current) => current.processed > 0);
    expect((await buyer.post(`/api/v1/jobs/${job.id}/cancel`, {})).status).toBe(200);
    const cancelled = await jobWhen(buyer, job.id, (current) => current.state === 'cancelled');
    expect(cancelled).toMatchObject({ processed: CUSTOMER_CHUNK, file: null });
    const refused = await download(buyer, job.id);
    expect([refused.status, refused.json().error.code]).toEqual([409, 'job_has_no_file']);
    expect(await countRows('job_export_rows', 'job_id = ?', job.id)).toBe(CUSTOMER_CHUNK);
    await buyer.post('/api/v1/customers/bulk/export', { customerIds: [ids[0]], format: 'csv' });
    expect(await countRows('job_export_rows', 'job_id = ?', job.id)).toBe(0);
    expect(await countRows('job_export_rows', 'reseller_id = ?', reseller.id)).toBeLessThanOrEqual(1);
  });

  it(`keeps the file ${EXPORT_FILE_HOURS} hours: then 410 export_expired, and the next export start deletes its rows`, async () => {
    const { buyer, ids } = await setup(2);
    const { job } = (await buyer.post('/api/v1/customers/bulk/export', { customerIds: ids, format: 'xlsx' })).body;
    await jobWhen(buyer, job.id, (current) => current.state === 'succeeded');
    const almost = new Date(Date.now() - (EXPORT_FILE_HOURS * 3_600_000 - 60_000)).toISOString();
    await env.DB.prepare('UPDATE jobs SET finished_at = ? WHERE id = ?').bind(almost, job.id).run();
    expect((await download(buyer, job.id)).status).toBe(200);
    const expired = new Date(Date.now() - (EXPORT_FILE_HOURS * 3_600_000 + 1_000)).toISOString();
    await env.DB.prepare('UPDATE jobs SET finished_at = ? WHERE id = ?').bind(expired, job.id).run();
    const gone = await download(buyer, job.id);
    expect([gone.status, gone.json().error.code]).toEqual([410, 'export_expired']);
    expect(await countRows('job_export_rows', 'job_id = ?', job.id)).toBe(2);
    const next = (await buyer.post('/api/v1/customers/bulk/export', { customerIds: [ids[0]], format: 'xlsx' })).body.job;
    expect(await countRows('job_export_rows', 'job_id = ?', job.id)).toBe(0);
    await jobWhen(buyer, next.id, (current) => current.state === 'succeeded');
    expect((await download(buyer, next.id)).status).toBe(200);
  });

  it("is the reseller's own: another reseller's job is a 404; support may neither start nor download; other kinds have no file", async () => {
    const { reseller, owner, buyer, ids } = await setup(2);
    const { job } = (await buyer.post('/api/v1/customers/bulk/export', { customerIds: ids, format: 'csv' })).body;
    await jobWhen(buyer, job.id, (current) => current.state === 'succeeded');

    const other = await createReseller();
    const stranger = await Client.signedIn((await createUser(other, 'owner')).email);
    const foreign = await download(stranger, job.id);
    expect([foreign.status, foreign.json().error.code]).toEqual([404, 'not_found']);
    expect((await stranger.post('/api/v1/customers/bulk/export', { customerIds: ids, format: 'csv' })).status).toBe(404);

    const support = await Client.signedIn((await createUser(reseller, 'support')).email);
    expect((await support.post('/api/v1/customers/bulk/export', { customerIds: ids, format: 'csv' })).status).toBe(403);
    expect((await download(support, job.id)).status).toBe(403);
    // Support still sees the job's progress in the tray, without the file.
    expect((await support.get(`/api/v1/jobs/${job.id}`)).body.job).toMatchObject({ state: 'succeeded', file: { format: 'csv', rows: 2 } });

    const tag = (await owner.post('/api/v1/tags', { name: 'Kein Export', color: 'blue' })).body.tag;
    const tagJob = (await owner.post('/api/v1/customers/bulk/tag', { customerIds: ids, tagId: tag.id })).body.job;
    await jobWhen(owner, tagJob.id, (current) => current.state === 'succeeded');
    const noFile = await download(owner, tagJob.id);
    expect([noFile.status, noFile.json().error.code]).toEqual([409, 'job_has_no_file']);
    expect((await owner.get(`/api/v1/jobs/${tagJob.id}`)).body.job.file).toBeNull();
  });

  it('refuses bad input with field errors and starts nothing', async () => {
    const { reseller, buyer, ids } = await setup(1);
    const bad = await buyer.post('/api/v1/customers/bulk/export', { customerIds: ids, format: 'pdf', separator: '|' });
    expect([bad.status, bad.body.error.fields]).toEqual([422, { format: 'invalid_value', separator: 'invalid_value' }]);
    const both = await buyer.post('/api/v1/customers/bulk/export', { customerIds: ids, filter: {}, format: 'csv' });
    expect(both.status).toBe(422);
    expect(await countRows('jobs', 'reseller_id = ?', reseller.id)).toBe(0);
  });
});
