import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { customerSortKeys } from '../schema/customerSortKeys.js';
import type { PartnerType, Role } from '../schema/permissions';
import { customers, products, resellers, users } from '../schema/tables';
import worker from '../worker';
import { hashPassword } from '../worker/auth/password';
import { database, newId } from '../worker/db';

export const ORIGIN = 'https://desk.test';
export const PASSWORD = 'correct horse battery';
// Hashing at full cost for every fixture user would make the suite slow; the count travels with the hash.
const passwordHash = await hashPassword(PASSWORD);

export interface TestReseller {
  id: string;
  name: string;
}

export async function createReseller(partnerType: PartnerType = 'basic', options: { onlyOwnerAddsCustomers?: boolean } = {}): Promise<TestReseller> {
  const reseller = { id: newId('rs'), name: `Reseller ${Math.random().toString(36).slice(2, 8)}`, partnerType, onlyOwnerAddsCustomers: options.onlyOwnerAddsCustomers ?? false };
  await database(env).insert(resellers).values(reseller).run();
  return reseller;
}

export async function createUser(reseller: TestReseller, role: Role, options: { active?: boolean } = {}) {
  const user = {
    id: newId('usr'),
    resellerId: reseller.id,
    email: `${role}.${Math.random().toString(36).slice(2, 10)}@example.com`,
    displayName: `Test ${role}`,
    role,
    passwordHash,
    active: options.active ?? true,
  };
  await database(env).insert(users).values(user).run();
  return user;
}

/** A customer row written straight into D1, with the sort keys the app would store (unless overridden). */
export async function createCustomer(reseller: TestReseller, overrides: Partial<typeof customers.$inferInsert> = {}) {
  const fields = {
    id: newId('cus'),
    resellerId: reseller.id,
    customerNumber: String(Math.floor(Math.random() * 1e9)),
    company: 'Bäckerei Müller GmbH',
    email: 'info@baeckerei-mueller.de',
    address: 'Hauptstraße 1',
    postalCode: '80331',
    city: 'München',
    country: 'DE',
    ...overrides,
  };
  const customer = { ...customerSortKeys({ contactFirstName: '', contactLastName: '', ...fields }), ...fields };
  await database(env).insert(customers).values(customer).run();
  return customer;
}

/** A catalog product of the reseller (online services, monthly, one licence seat per unit unless overridden). */
export async function createProduct(reseller: TestReseller, overrides: Partial<typeof products.$inferInsert> = {}) {
  const product = {
    id: newId('prd'),
    resellerId: reseller.id,
    catalog: 'online_services' as const,
    sku: `SKU-${Math.random().toString(36).slice(2, 8)}`,
    name: 'Microsoft 365 Business Standard',
    billing: 'monthly' as const,
    priceCents: 1_000,
    createsLicence: true,
    serviceName: 'Exchange Online',
    ...overrides,
  };
  await database(env).insert(products).values(product).run();
  return product;
}

/**
 * The Worker's own fetch handler, called in this isolate with its after-response work (publishing to
 * the hub, queueing webhooks) awaited before the answer is handed back. Long sweeps use it: in this
 * pool every SELF.fetch makes the next one slower (measured: a bare 404 takes 3 ms at first and
 * 30 ms after 200 requests), while the handler itself stays flat.
 */
export async function callWorker(request: Request, bindings: typeof env = env): Promise<Response> {
  const context = createExecutionContext();
  // A request made here has no `cf` properties, which the handler's type expects of incoming ones.
  const response = await worker.fetch(request as Parameters<typeof worker.fetch>[0], bindings, context);
  await waitOnExecutionContext(context);
  return response;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like client: same-origin requests, JSON bodies, the session cookie once signed in. */
export class Client {
  /** The cookie jar, as a browser keeps it: one value per name, a cleared cookie gone. */
  private readonly jar = new Map<string, string>();

  get cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  set cookie(header: string) {
    this.jar.clear();
    for (const pair of header.split(/;\s*/).filter(Boolean)) this.keep(pair);
  }

  private keep(pair: string) {
    const at = pair.indexOf('=');
    const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
    if (value) this.jar.set(name, value);
    else this.jar.delete(name);
  }

  /** Sends through SELF.fetch; long sweeps pass `callWorker` (see there). */
  constructor(private readonly send: (request: Request) => Promise<Response> = (request) => SELF.fetch(request)) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const init: RequestInit = { method, headers: { origin: ORIGIN, ...(this.cookie ? { cookie: this.cookie } : {}), ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const response = await this.send(new Request(`${ORIGIN}${path}`, init));
    for (const setCookie of response.headers.getSetCookie()) this.keep(setCookie.split(';')[0]!);
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body);
  patch = <T = any>(path: string, body?: unknown) => this.request<T>('PATCH', path, body);
  put = <T = any>(path: string, body?: unknown) => this.request<T>('PUT', path, body);
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);

  static async signedIn(email: string, password = PASSWORD, send?: (request: Request) => Promise<Response>): Promise<Client> {
    const client = new Client(send);
    const response = await client.post('/api/v1/session', { email, password });
    if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
    return client;
  }
}

export async function countRows(table: string, where = '1 = 1', ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)
    .bind(...params)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
