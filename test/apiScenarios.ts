// For every documented operation, the request that should succeed, made against a fresh piece of the
// world where the operation changes or removes something. Keyed like the registry: "METHOD /path".
import { type ApiWorld, type Call, customerInput } from './apiWorld';

type Scenario = (world: ApiWorld) => Promise<Call>;

export const scenarios: Record<string, Scenario> = {
  'POST /api/v1/session': async (world) => ({ path: '/api/v1/session', auth: 'none', body: { email: world.ownerEmail, password: 'correct horse battery' } }),
  'GET /api/v1/session': async () => ({ path: '/api/v1/session' }),
  'DELETE /api/v1/session': async (world) => ({ path: '/api/v1/session', auth: { cookie: await world.signIn() } }),

  'GET /api/v1/staff': async () => ({ path: '/api/v1/staff' }),
  'POST /api/v1/staff': async (world) => ({
    path: '/api/v1/staff',
    body: { email: `staff.${world.unique()}@schema.example`, displayName: 'Neue Kollegin', role: 'support', password: 'lang-genug-2026' },
  }),
  'PATCH /api/v1/staff/:id': async (world) => {
    const { staff } = await world.made('POST', '/api/v1/staff', {
      email: `staff.${world.unique()}@schema.example`,
      displayName: 'Alt',
      role: 'buyer',
      password: 'lang-genug-2026',
    });
    return { path: `/api/v1/staff/${staff.id}`, body: { version: staff.version, displayName: 'Neu' } };
  },
  'GET /api/v1/settings': async () => ({ path: '/api/v1/settings' }),
  'PATCH /api/v1/settings': async (world) => ({ path: '/api/v1/settings', body: { version: (await world.made('GET', '/api/v1/settings')).settings.version, invitationDays: 21 } }),

  'GET /api/v1/order-statuses': async () => ({ path: '/api/v1/order-statuses' }),
  'PUT /api/v1/order-statuses': async (world) => {
    const current = (await world.made('GET', '/api/v1/order-statuses')).orderStatuses;
    return { path: '/api/v1/order-statuses', body: { version: current.version, statuses: [...current.statuses, { label: `Wartet ${world.unique()}` }] } };
  },

  'GET /api/v1/customers': async () => ({ path: '/api/v1/customers?sort=name&limit=2' }),
  'GET /api/v1/customers/next-number': async () => ({ path: '/api/v1/customers/next-number' }),
  'POST /api/v1/customers': async () => ({ path: '/api/v1/customers', body: { ...customerInput(), microsoftId: crypto.randomUUID() } }),
  'GET /api/v1/customers/:id': async (world) => ({ path: `/api/v1/customers/${world.holder.id}` }),
  'PATCH /api/v1/customers/:id': async (world) => {
    const customer = await world.newCustomer();
    return {
      path: `/api/v1/customers/${customer.id}`,
      body: { city: 'Potsdam', postalCode: '14467', microsoftId: crypto.randomUUID() },
      headers: { 'if-match': `"v${customer.version}"` },
    };
  },
  'DELETE /api/v1/customers/:id': async (world) => ({ path: `/api/v1/customers/${(await world.newCustomer()).id}` }),
  'GET /api/v1/customers/duplicates': async () => ({ path: '/api/v1/customers/duplicates?limit=5' }),
  'GET /api/v1/customers/duplicates/hints': async () => ({ path: '/api/v1/customers/duplicates/hints?company=Schema%20AG&email=info%40schema.example&country=DE' }),
  'POST /api/v1/customers/duplicates/dismissals': async (world) => ({
    path: '/api/v1/customers/duplicates/dismissals',
    body: { customerIds: [(await world.newCustomer()).id, (await world.newCustomer()).id] },
  }),
  'POST /api/v1/customers/merges': async (world) => {
    const [survivor, merged] = [await world.newCustomer(), await world.newCustomer()];
    return { path: '/api/v1/customers/merges', body: { survivorId: survivor.id, survivorVersion: survivor.version, mergedId: merged.id, mergedVersion: merged.version } };
  },
  'GET /api/v1/customers/merges': async (world) => ({ path: `/api/v1/customers/merges?customerId=${world.holder.id}` }),
  'POST /api/v1/customers/merges/:id/undo': async (world) => {
    const [survivor, merged] = [await world.newCustomer(), await world.newCustomer()];
    const { merge } = await world.made('POST', '/api/v1/customers/merges', {
      survivorId: survivor.id,
      survivorVersion: survivor.version,
      mergedId: merged.id,
      mergedVersion: merged.version,
    });
    return { path: `/api/v1/customers/merges/${merge.id}/undo` };
  },
  'POST /api/v1/customers/:id/archive': async (world) => ({ path: `/api/v1/customers/${(await world.newCustomer()).id}/archive`, body: { version: 1 } }),
  'POST /api/v1/customers/:id/restore': async (world) => {
    const { customer } = await world.made('POST', `/api/v1/customers/${(await world.newCustomer()).id}/archive`, {});
    return { path: `/api/v1/customers/${customer.id}/restore`, body: {} };
  },
  'POST /api/v1/customers/:id/undo-delete': async (world) => {
    const customer = await world.newCustomer();
    await world.made('DELETE', `/api/v1/customers/${customer.id}`);
    return { path: `/api/v1/customers/${customer.id}/undo-delete` };
  },
  'POST /api/v1/customers/bulk-tags': async (world) => ({
    path: '/api/v1/customers/bulk-tags',
    body: { customerIds: [(await world.newCustomer()).id], addTagIds: [(await world.newTag()).id] },
  }),
  'POST /api/v1/customer-imports': async (world) => ({
    path: '/api/v1/customer-imports',
    body: {
      fileName: 'kunden.csv',
      content: btoa(`Kundennummer;Firma;E-Mail;Straße;PLZ;Ort;Land\nIMP-${world.unique()};Import GmbH;import@schema.example;Weg 1;10115;Berlin;DE\n`),
    },
  }),
  'GET /api/v1/customer-imports/:id': async (world) => ({ path: `/api/v1/customer-imports/${(await world.newImport()).id}` }),
  'PUT /api/v1/customer-imports/:id/mapping': async (world) => {
    const { id, version, mapping } = await world.newImport();
    return { path: `/api/v1/customer-imports/${id}/mapping`, body: { version, mapping } };
  },
  'GET /api/v1/customer-imports/:id/dry-run': async (world) => ({ path: `/api/v1/customer-imports/${(await world.newImport()).id}/dry-run` }),
  'POST /api/v1/customer-imports/:id/run': async (world) => {
    const { id, version } = await world.newImport();
    const { fingerprint } = await world.made('GET', `/api/v1/customer-imports/${id}/dry-run`);
    return { path: `/api/v1/customer-imports/${id}/run`, body: { version, fingerprint } };
  },
  'POST /api/v1/customers/bulk/tag': async (world) => ({
    path: '/api/v1/customers/bulk/tag',
    body: { customerIds: [(await world.newCustomer()).id], tagId: (await world.newTag()).id },
  }),
  'POST /api/v1/customers/bulk/untag': async (world) => {
    const [customer, tag] = [await world.newCustomer(), await world.newTag()];
    await world.made('POST', '/api/v1/customers/bulk-tags', { customerIds: [customer.id], addTagIds: [tag.id] });
    return { path: '/api/v1/customers/bulk/untag', body: { customerIds: [customer.id], tagId: tag.id } };
  },
  'POST /api/v1/customers/bulk/invite': async (world) => ({
    path: '/api/v1/customers/bulk/invite',
    body: { customerIds: [(await world.newCustomer()).id], requestedRights: ['delegated_admin'], language: 'en' },
  }),
  'POST /api/v1/customers/bulk/archive': async (world) => ({ path: '/api/v1/customers/bulk/archive', body: { customerIds: [(await world.newCustomer()).id] } }),
  'POST /api/v1/customers/bulk/export': async (world) => ({
    path: '/api/v1/customers/bulk/export',
    body: { customerIds: [(await world.newCustomer()).id], format: 'xlsx', lang: 'en' },
  }),
  'GET /api/v1/jobs/:id/file': async (world) => ({ path: `/api/v1/jobs/${(await world.finishedExportJob()).id}/file` }),
  'GET /api/v1/jobs': async () => ({ path: '/api/v1/jobs?limit=5' }),
  'GET /api/v1/jobs/:id': async (world) => ({ path: `/api/v1/jobs/${(await world.finishedJob()).id}` }),
  'GET /api/v1/jobs/:id/items': async (world) => ({ path: `/api/v1/jobs/${(await world.finishedJob()).id}/items?state=succeeded` }),
  'POST /api/v1/jobs/:id/cancel': async (world) => ({ path: `/api/v1/jobs/${(await world.runningJob()).id}/cancel` }),
  'GET /api/v1/customers/export': async () => ({ path: '/api/v1/customers/export?format=csv&scope=view&q=schema' }),

  // From the customer's view, as staff do it.
  'POST /api/v1/customers/:id/relationship/remove': async (world) => {
    const { customer } = await world.made('GET', `/api/v1/customers/${(await world.activeCustomer()).id}`);
    return { path: `/api/v1/customers/${customer.id}/relationship/remove`, body: { version: customer.version } };
  },
  'POST /api/v1/customers/:id/rights/acknowledge': async (world) => {
    const { customer } = await world.made('GET', `/api/v1/customers/${(await world.activeCustomer({ rightsToReview: true })).id}`);
    return { path: `/api/v1/customers/${customer.id}/rights/acknowledge`, body: { version: customer.version } };
  },
  'POST /api/v1/customers/:id/account': async (world) => ({ path: `/api/v1/customers/${world.holder.id}/account` }),

  'GET /api/v1/customers/:customerId/orders': async (world) => ({ path: `/api/v1/customers/${world.holder.id}/orders?sort=totalCents` }),
  'GET /api/v1/customers/:customerId/orders/export': async (world) => ({ path: `/api/v1/customers/${world.holder.id}/orders/export?format=xlsx&lang=en` }),
  'POST /api/v1/customers/:customerId/orders': async (world) => ({
    path: `/api/v1/customers/${world.holder.id}/orders`,
    body: { catalog: 'reseller', lines: [{ productId: world.product.id, quantity: 2 }] },
  }),
  'GET /api/v1/orders/:id': async (world) => ({ path: `/api/v1/orders/${world.fulfilled.id}` }),
  'POST /api/v1/orders/:id/status': async (world) => {
    // From the Orders tab, which names the statuses.
    const [order] = await Promise.all([world.placeOrder(), world.made('GET', '/api/v1/order-statuses')]);
    return { path: `/api/v1/orders/${order.id}/status`, body: { version: order.version, status: 'in_progress' } };
  },

  'GET /api/v1/customers/:customerId/subscriptions': async (world) => ({ path: `/api/v1/customers/${world.holder.id}/subscriptions` }),
  'GET /api/v1/customers/:customerId/assets': async (world) => ({ path: `/api/v1/customers/${world.holder.id}/assets` }),
  'GET /api/v1/customers/:customerId/services': async (world) => ({ path: `/api/v1/customers/${world.holder.id}/services` }),
  'PATCH /api/v1/subscriptions/:id': async (world) => {
    const [subscription] = (await world.made('GET', `/api/v1/customers/${world.holder.id}/subscriptions`)).items;
    return { path: `/api/v1/subscriptions/${subscription.id}`, body: { version: subscription.version, quantity: subscription.quantity + 1 } };
  },
  'PATCH /api/v1/assets/:id': async (world) => {
    const [asset] = (await world.made('GET', `/api/v1/customers/${world.holder.id}/assets`)).items;
    return { path: `/api/v1/assets/${asset.id}`, body: { version: asset.version, seatsUsed: 1 } };
  },

  'GET /api/v1/customers/:customerId/domains': async (world) => ({ path: `/api/v1/customers/${world.holder.id}/domains` }),
  'POST /api/v1/customers/:customerId/domains': async (world) => ({
    path: `/api/v1/customers/${world.holder.id}/domains`,
    body: { name: `neu-${world.unique()}.example`, zone: 'external' },
  }),
  'PATCH /api/v1/domains/:id': async (world) => {
    const domain = await world.addDomain();
    return { path: `/api/v1/domains/${domain.id}`, body: { version: domain.version, registrar: 'DENIC eG', transferLock: false } };
  },
  'DELETE /api/v1/domains/:id': async (world) => ({ path: `/api/v1/domains/${(await world.addDomain()).id}` }),

  'GET /api/v1/customers/:customerId/users': async (world) => ({ path: `/api/v1/customers/${world.holder.id}/users` }),
  'POST /api/v1/customers/:customerId/users': async (world) => ({
    path: `/api/v1/customers/${world.holder.id}/users`,
    body: { username: `neu-${world.unique()}`, firstName: 'Erika', lastName: 'Muster', email: 'erika@schema.example' },
  }),
  'PATCH /api/v1/portal-users/:id': async (world) => {
    const user = await world.addPortalUser();
    return { path: `/api/v1/portal-users/${user.id}`, body: { version: user.version, active: false } };
  },

  'GET /api/v1/products': async () => ({ path: '/api/v1/products?catalog=reseller&archived=1' }),
  'POST /api/v1/products': async (world) => ({ path: '/api/v1/products', body: { sku: `NEU-${world.unique()}`, name: 'Backup', billing: 'yearly', priceCents: 12000 } }),
  'PATCH /api/v1/products/:id': async (world) => {
    const { product } = await world.made('POST', '/api/v1/products', { sku: `ALT-${world.unique()}`, name: 'Alt', billing: 'one_off', priceCents: 100 });
    return { path: `/api/v1/products/${product.id}`, body: { version: product.version, archived: true } };
  },

  'GET /api/v1/invitations': async (world) => {
    await world.newInvitation();
    return { path: '/api/v1/invitations?state=pending&limit=10' };
  },
  'GET /api/v1/invitations/terms': async () => ({ path: '/api/v1/invitations/terms' }),
  'GET /api/v1/invitations/:id': async (world) => ({ path: `/api/v1/invitations/${(await world.newInvitation()).invitation.id}` }),
  'POST /api/v1/invitations': async (world) => ({
    path: '/api/v1/invitations',
    body: { customerId: (await world.newCustomer()).id, requestedRights: ['granular:helpdesk_admin'], language: 'en', expiresInDays: 7 },
  }),
  // As the invitations page resends: based on the version it shows.
  'POST /api/v1/invitations/:id/resend': async (world) => {
    const { invitation } = await world.newInvitation();
    return { path: `/api/v1/invitations/${invitation.id}/resend`, headers: { 'if-match': `"v${invitation.version}"` } };
  },
  'POST /api/v1/invitations/:id/remind': async (world) => ({ path: `/api/v1/invitations/${(await world.newInvitation()).invitation.id}/remind` }),
  'POST /api/v1/invitations/:id/revoke': async (world) => ({ path: `/api/v1/invitations/${(await world.newInvitation()).invitation.id}/revoke` }),

  'GET /api/v1/public/invitations/:token': async (world) => ({ path: `/api/v1/public/invitations/${(await world.newInvitation()).token}`, auth: 'none' }),
  'POST /api/v1/public/invitations/:token/opened': async (world) => ({ path: `/api/v1/public/invitations/${(await world.newInvitation()).token}/opened`, auth: 'none' }),
  // As the invitation page answers: after it showed the invitation (its open).
  'POST /api/v1/public/invitations/:token/accept': async (world) => {
    const { customerNumber: _number, ...customer } = customerInput();
    return { path: `/api/v1/public/invitations/${await openedLink(world)}/accept`, auth: 'none', body: { grantedRights: ['delegated_admin'], customer } };
  },
  'POST /api/v1/public/invitations/:token/decline': async (world) => ({ path: `/api/v1/public/invitations/${await openedLink(world)}/decline`, auth: 'none' }),

  'GET /api/v1/tags': async (world) => {
    await world.newTag();
    return { path: '/api/v1/tags' };
  },
  'POST /api/v1/tags': async (world) => ({ path: '/api/v1/tags', body: { name: `Neu ${world.unique()}`, color: 'teal' } }),
  'PATCH /api/v1/tags/:id': async (world) => {
    const tag = await world.newTag();
    return { path: `/api/v1/tags/${tag.id}`, body: { version: tag.version, color: 'red' } };
  },
  'DELETE /api/v1/tags/:id': async (world) => ({ path: `/api/v1/tags/${(await world.newTag()).id}` }),

  'GET /api/v1/saved-views': async (world) => {
    await world.newView();
    return { path: '/api/v1/saved-views?limit=10' };
  },
  'POST /api/v1/saved-views': async (world) => ({
    path: '/api/v1/saved-views',
    body: {
      name: `Ansicht ${world.unique()}`,
      visibility: 'team',
      state: { q: 'gmbh', state: 'active', country: 'DE', sort: 'city', dir: 'desc', columns: ['customerNumber', 'name', 'city'] },
    },
  }),
  'GET /api/v1/saved-views/default': async () => ({ path: '/api/v1/saved-views/default' }),
  'PUT /api/v1/saved-views/default': async (world) => ({ path: '/api/v1/saved-views/default', body: { viewId: (await world.newView()).id } }),
  'GET /api/v1/saved-views/:id': async (world) => ({ path: `/api/v1/saved-views/${(await world.newView()).id}` }),
  'PATCH /api/v1/saved-views/:id': async (world) => {
    const view = await world.newView();
    return {
      path: `/api/v1/saved-views/${view.id}`,
      body: { name: `Umbenannt ${world.unique()}`, state: { ...view.state, sort: 'name' } },
      headers: { 'if-match': `"v${view.version}"` },
    };
  },
  'DELETE /api/v1/saved-views/:id': async (world) => ({ path: `/api/v1/saved-views/${(await world.newView()).id}` }),

  'GET /api/v1/custom-fields': async () => ({ path: '/api/v1/custom-fields' }),
  'POST /api/v1/custom-fields': async () => ({ path: '/api/v1/custom-fields', body: { label: 'Vertragsart', type: 'choice', options: ['CSP', 'EA'] } }),
  'PATCH /api/v1/custom-fields/:id': async (world) => {
    const { field } = await world.made('POST', '/api/v1/custom-fields', { label: 'Branche', type: 'text' });
    return { path: `/api/v1/custom-fields/${field.id}`, body: { version: field.version, label: 'Branche (alt)', archived: true } };
  },

  'GET /api/v1/audit': async () => ({ path: '/api/v1/audit?limit=3' }),
  'GET /api/v1/audit/export': async () => ({ path: '/api/v1/audit/export?format=xlsx&lang=en' }),
  'GET /api/v1/live': async () => ({ path: '/api/v1/live?since=0', headers: { upgrade: 'websocket' } }),

  'GET /api/v1/api-tokens': async () => ({ path: '/api/v1/api-tokens' }),
  'POST /api/v1/api-tokens': async () => ({ path: '/api/v1/api-tokens', body: { name: 'ERP', scopes: ['customers.read'], expiresOn: '2099-12-31' } }),
  'DELETE /api/v1/api-tokens/:id': async (world) => ({
    path: `/api/v1/api-tokens/${(await world.made('POST', '/api/v1/api-tokens', { name: 'Alt', scopes: ['audit.read'] })).token.id}`,
  }),

  'GET /api/v1/webhooks': async () => ({ path: '/api/v1/webhooks' }),
  'POST /api/v1/webhooks': async () => ({ path: '/api/v1/webhooks', body: { url: 'https://hooks.receiver.test/openapi-new', eventTypes: ['order.changed'], description: 'ERP' } }),
  'DELETE /api/v1/webhooks/:id': async (world) => ({
    path: `/api/v1/webhooks/${(await world.made('POST', '/api/v1/webhooks', { url: 'https://hooks.receiver.test/openapi-old', eventTypes: ['customer.deleted'] })).endpoint.id}`,
  }),
  'GET /api/v1/webhooks/:id/deliveries': async (world) => ({ path: `/api/v1/webhooks/${world.webhook.id}/deliveries?limit=5` }),

  'GET /api/v1/openapi.json': async () => ({ path: '/api/v1/openapi.json', auth: 'none' }),
  'GET /api/docs': async () => ({ path: '/api/docs', auth: 'none' }),
};

/** A new invitation's link, opened as the invitation page opens it before the customer answers. */
async function openedLink(world: ApiWorld): Promise<string> {
  const { token } = await world.newInvitation();
  const opened = await world.send('POST', { path: `/api/v1/public/invitations/${token}/opened`, auth: 'none' });
  if (opened.status !== 200) throw new Error(`opening the link answered ${opened.status}: ${opened.text}`);
  return token;
}
