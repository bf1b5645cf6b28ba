// A reseller with one of everything, reached through an API token that holds every scope, for the
// test that walks the OpenAPI registry. Data is made through the API itself wherever the API can.
import { type Permission, permissions } from '../schema/permissions';
import { CUSTOMER_CHUNK } from '../worker/jobs/customerKinds';
import { Client, callWorker, createCustomer, createReseller, createUser, ORIGIN, PASSWORD } from './fixtures';

export interface Call {
  path: string;
  body?: unknown;
  /** Sent as it is instead of `body` as JSON (malformed JSON, other content types). */
  rawBody?: string;
  /** The all-scopes token (default), another token, no credentials, or a session cookie (sent same-origin like the web client). */
  auth?: 'token' | 'none' | { bearer: string } | { cookie: string };
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  socket: WebSocket | null;
}

const unique = () => Math.random().toString(36).slice(2, 10);

export const customerInput = () => ({
  customerNumber: `OA-${unique()}`,
  company: 'Schema GmbH',
  email: 'info@schema.example',
  address: 'Weg 1',
  postalCode: '10115',
  city: 'Berlin',
  country: 'DE',
});

export async function openWorld() {
  const reseller = await createReseller();
  const ownerUser = await createUser(reseller, 'owner');
  const owner = await Client.signedIn(ownerUser.email);
  const token = await owner.post('/api/v1/api-tokens', { name: 'OpenAPI walk', scopes: [...permissions], rateLimitPerMinute: 6000 });
  const secret: string = token.body.secret;

  /** `bindings` replaces the Worker's environment for this request (a hub that is down, say). */
  async function send(method: string, call: Call, bindings?: Parameters<typeof callWorker>[1]): Promise<Answer> {
    const headers: Record<string, string> = { ...call.headers };
    const bearer = call.auth === undefined || call.auth === 'token' ? secret : typeof call.auth === 'object' && 'bearer' in call.auth ? call.auth.bearer : undefined;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    // Without a token the request comes like the web client's: same origin, JSON on every write.
    else headers.origin = ORIGIN;
    if (typeof call.auth === 'object' && 'cookie' in call.auth) headers.cookie = call.auth.cookie;
    if (call.body !== undefined || call.rawBody !== undefined || (!bearer && method !== 'GET')) headers['content-type'] ??= 'application/json';
    const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
    const response = await callWorker(new Request(`${ORIGIN}${call.path}`, { method, headers, body }), bindings);
    const socket = response.webSocket ?? null;
    return { status: response.status, headers: response.headers, text: socket ? '' : await response.text(), socket };
  }

  /** A setup step that must succeed; its JSON answer. */
  async function made(method: string, path: string, body?: unknown) {
    const answer = await send(method, { path, body });
    if (answer.status >= 300) throw new Error(`setup ${method} ${path} answered ${answer.status}: ${answer.text}`);
    return answer.text ? JSON.parse(answer.text) : null;
  }

  const webhook = await made('POST', '/api/v1/webhooks', { url: 'https://hooks.receiver.test/openapi-walk', eventTypes: ['customer.created'] });
  const product = (
    await made('POST', '/api/v1/products', { sku: `OA-${unique()}`, name: 'Mail Seats', billing: 'monthly', priceCents: 450, createsLicence: true, serviceName: 'Exchange Online' })
  ).product;
  const holder = await createCustomer(reseller, { relationshipState: 'active', grantedRights: ['delegated_admin', 'granular:global_reader'], rightsToReview: true });
  const placeOrder = async () => (await made('POST', `/api/v1/customers/${holder.id}/orders`, { catalog: 'reseller', lines: [{ productId: product.id, quantity: 5 }] })).order;
  // Two lines of one product: two subscriptions, licences and services of the same name, which only their ids order.
  const fulfilled = (
    await made('POST', `/api/v1/customers/${holder.id}/orders`, {
      catalog: 'reseller',
      lines: [
        { productId: product.id, quantity: 5 },
        { productId: product.id, quantity: 2 },
      ],
    })
  ).order;
  await made('POST', `/api/v1/orders/${fulfilled.id}/status`, { version: fulfilled.version, status: 'fulfilled' });
  const addDomain = async () => (await made('POST', `/api/v1/customers/${holder.id}/domains`, { name: `oa-${unique()}.example` })).domain;
  const addPortalUser = async () =>
    (await made('POST', `/api/v1/customers/${holder.id}/users`, { username: `oa-${unique()}`, lastName: 'Muster', email: 'muster@schema.example' })).user;
  await addDomain();
  await addPortalUser();
  const narrowTokens = new Map<Permission, string>();
  // More customers than one chunk of a job (worker/jobs/customerKinds.ts), made once: a job over them
  // works its first chunk when it starts and waits for its alarm (JOB_CHUNK_PAUSE_MS, long in tests).
  let crowd: string[] | undefined;
  let unusedTag: string | undefined;
  const jobOver = async (action: 'tag' | 'untag', customerIds: string[], tagId?: string) =>
    (await made('POST', `/api/v1/customers/bulk/${action}`, { customerIds, tagId: tagId ?? (await made('POST', '/api/v1/tags', { name: `Job ${unique()}` })).tag.id })).job;

  return {
    reseller,
    /** The all-scopes token's secret (sweeps look for it where it must never appear). */
    secret,
    ownerEmail: ownerUser.email,
    holder,
    product,
    fulfilled,
    webhook: webhook.endpoint,
    send,
    made,
    placeOrder,
    addDomain,
    addPortalUser,
    newCustomer: async () => (await made('POST', '/api/v1/customers', customerInput())).customer,
    activeCustomer: (overrides: Parameters<typeof createCustomer>[1] = {}) =>
      createCustomer(reseller, { relationshipState: 'active', grantedRights: ['delegated_admin'], ...overrides }),
    /** A fresh upload of a one-customer CSV file with a unique number; its mapping guessed. */
    newImport: async () => {
      const csv = `Kundennummer;Firma;E-Mail;Straße;PLZ;Ort;Land\nIMP-${unique()};Import GmbH;import@schema.example;Weg 1;10115;Berlin;DE\n`;
      return (await made('POST', '/api/v1/customer-imports', { fileName: 'kunden.csv', content: btoa(csv) })).customerImport;
    },
    /** A tag job over three customers; it ran to the end before the start's answer (its kick is awaited here). */
    finishedJob: async () => jobOver('tag', [(await createCustomer(reseller)).id, (await createCustomer(reseller)).id, (await createCustomer(reseller)).id]),
    /** An export job over two customers, as CSV; it ran to the end before the start's answer, so its file is ready. */
    finishedExportJob: async () =>
      (await made('POST', '/api/v1/customers/bulk/export', { customerIds: [(await createCustomer(reseller)).id, (await createCustomer(reseller)).id], format: 'csv' })).job,
    /**
     * A job still running: one chunk done, the rest waiting for the hub's alarm. It untags a tag the
     * customers never carry, so it changes no customer (and publishes only its own progress).
     */
    runningJob: async () => {
      crowd ??= await Promise.all(Array.from({ length: CUSTOMER_CHUNK + 1 }, async () => (await createCustomer(reseller)).id));
      unusedTag ??= (await made('POST', '/api/v1/tags', { name: `Nie vergeben ${unique()}` })).tag.id;
      return jobOver('untag', crowd, unusedTag);
    },
    newTag: async () => (await made('POST', '/api/v1/tags', { name: `Tag ${unique()}` })).tag,
    /** A team view: every staff member and token of the reseller sees it (a private one only its maker). */
    newView: async () => (await made('POST', '/api/v1/saved-views', { name: `Sicht ${unique()}`, visibility: 'team', state: { sort: 'name', columns: ['name', 'email'] } })).view,
    newInvitation: async () => {
      const { invitation, url } = await made('POST', '/api/v1/invitations', { requestedRights: ['delegated_admin', 'billing_view'] });
      return { invitation, token: String(url).split('/invite/')[1]! };
    },
    /** A token of this reseller that holds one scope, and not the one given. */
    tokenWithout: async (permission: Permission) => {
      const scope: Permission = permission === 'audit.read' ? 'customers.read' : 'audit.read';
      if (!narrowTokens.has(scope)) narrowTokens.set(scope, (await made('POST', '/api/v1/api-tokens', { name: `only ${scope}`, scopes: [scope] })).secret);
      return narrowTokens.get(scope)!;
    },
    // The session cookie alone (the browser's D1 bookmark cookie is no credential).
    signIn: async () => /desk_session=[^;]+/.exec((await Client.signedIn(ownerUser.email, PASSWORD)).cookie)![0],
    unique,
  };
}

export type ApiWorld = Awaited<ReturnType<typeof openWorld>>;
