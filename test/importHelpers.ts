import { env, runDurableObjectAlarm } from 'cloudflare:test';
import { expect } from 'vitest';
import { isJobOpen, type Job } from '../schema/jobs';
import { Client, createReseller, createUser, type TestReseller } from './fixtures';

// The steps of an import as a user takes them (upload, dry run, run as a job), for the import tests.

export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
export const utf8 = (text: string) => new TextEncoder().encode(text);

export async function desk(options: { onlyOwnerAddsCustomers?: boolean } = {}) {
  const reseller = await createReseller('basic', options);
  const owner = await createUser(reseller, 'owner');
  return { reseller, client: await Client.signedIn(owner.email) };
}

export async function upload(client: Client, file: string | Uint8Array, fileName = 'kunden.csv') {
  return client.post('/api/v1/customer-imports', { fileName, content: base64(typeof file === 'string' ? utf8(file) : file) });
}

/** Upload, keep the proposed mapping, dry run: the import and its dry run. */
export async function dryRunOf(client: Client, file: string | Uint8Array, fileName?: string) {
  const uploaded = await upload(client, file, fileName);
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
  const record = uploaded.body.customerImport;
  const dryRun = await client.get(`/api/v1/customer-imports/${record.id}/dry-run`);
  expect(dryRun.status, JSON.stringify(dryRun.body)).toBe(200);
  return { record, dryRun: dryRun.body };
}

export const hub = (reseller: TestReseller) => env.RESELLER_HUB.get(env.RESELLER_HUB.idFromName(reseller.id));

/** Polls the job until `done` holds; with `step`, the hub's next chunk runs at once instead of after its pause. */
export async function jobWhen(client: Client, id: string, done: (job: Job) => boolean, step?: TestReseller): Promise<Job> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job: Job = (await client.get(`/api/v1/jobs/${id}`)).body.job;
    if (done(job)) return job;
    if (Date.now() > deadline) throw new Error(`job never got there: ${JSON.stringify(job)}`);
    if (!step || !(await runDurableObjectAlarm(hub(step)))) await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Starts the import job of a dry run: 202 with the job and the import, now running. */
export async function startRun(client: Client, record: { id: string; version: number }, fingerprint: string) {
  const run = await client.post(`/api/v1/customer-imports/${record.id}/run`, { version: record.version, fingerprint });
  expect(run.status, JSON.stringify(run.body)).toBe(202);
  expect(run.body.job).toMatchObject({ kind: 'customers.import', subject: { type: 'customer_import', id: record.id } });
  expect(run.body.customerImport.status).toBe('running');
  return run.body.job as Job;
}

/** Upload, dry run, import as a job stepped to its end: the import, its dry run, the ended job and the import's report. */
export async function importAll(client: Client, reseller: TestReseller, file: string | Uint8Array, fileName?: string) {
  const { record, dryRun } = await dryRunOf(client, file, fileName);
  return { record, dryRun, ...(await runToEnd(client, reseller, record, dryRun.fingerprint)) };
}

/** The import of a dry run, as a job stepped to its end: the ended job, the import and its report. */
export async function runToEnd(client: Client, reseller: TestReseller, record: { id: string; version: number }, fingerprint: string) {
  const job = await jobWhen(client, (await startRun(client, record, fingerprint)).id, (current) => !isJobOpen(current.state), reseller);
  const imported = (await client.get(`/api/v1/customer-imports/${record.id}`)).body.customerImport;
  return { job, imported, report: imported.report };
}

/** Upload, then map some columns otherwise (column index → field, '' to ignore), then the dry run. */
export async function dryRunMapped(client: Client, file: string | Uint8Array, fileName: string, remap: Record<number, string>) {
  const uploaded = await upload(client, file, fileName);
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
  const current = uploaded.body.customerImport;
  const mapping = current.mapping.map((field: string, index: number) => remap[index] ?? field);
  const mapped = await client.put(`/api/v1/customer-imports/${current.id}/mapping`, { version: current.version, mapping });
  expect(mapped.status, JSON.stringify(mapped.body)).toBe(200);
  const dryRun = await client.get(`/api/v1/customer-imports/${current.id}/dry-run`);
  expect(dryRun.status, JSON.stringify(dryRun.body)).toBe(200);
  return { record: mapped.body.customerImport, dryRun: dryRun.body };
}

export const customersOf = (reseller: TestReseller) =>
  env.DB.prepare('SELECT customer_number, company, email, city, country, version FROM customers WHERE reseller_id = ? ORDER BY customer_number')
    .bind(reseller.id)
    .all()
    .then((result) => result.results as any[]);
