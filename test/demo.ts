import { env } from 'cloudflare:test';
import type { Customer } from '../schema/customers';
import { demoStatements } from '../scripts/demo-data.mjs';
import { Client, callWorker, createUser } from './fixtures';

/** The Basic resellers of the demo data: the ones whose staff see the customer list. */
export const demoListResellers = [
  { id: 'rs_alpen', name: 'Alpen IT Solutions GmbH' },
  { id: 'rs_bergblick', name: 'Bergblick Systeme GmbH' },
];

/**
 * The demo data exactly as `npm start` loads it into this test file's database, once. The demo users'
 * passwords are not hashed (tests sign in as staff of their own, which saves PBKDF2 at full cost).
 */
export async function loadDemoData() {
  if (await env.DB.prepare("SELECT 1 FROM resellers WHERE id = 'rs_alpen'").first()) return;
  const statements = demoStatements({ passwordHashOf: () => 'pbkdf2-sha256$1$unused$unused' });
  await env.DB.batch(statements.map((statement) => env.DB.prepare(statement)));
}

/** A staff member of a demo reseller, signed in; requests go through the handler directly (`callWorker`), as sweeps do. */
export async function demoStaff(reseller: { id: string; name: string }, role: 'owner' | 'support' = 'owner') {
  const user = await createUser(reseller, role);
  return Client.signedIn(user.email, undefined, (request) => callWorker(request));
}

/** Every customer of the list in the order of `sort`, page after page as the list loads them. */
export async function wholeList(client: Client, query: string): Promise<Customer[]> {
  const rows: Customer[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: Customer[]; nextCursor: string | null } } = await client.get(
      `/api/v1/customers?${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
    );
    if (page.status !== 200) throw new Error(`list ${query}: ${page.status} ${JSON.stringify(page.body)}`);
    rows.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return rows;
}
