import { describe, expect, it } from 'vitest';
import { effectivePermissions, type Permission, type Role, roleMatrix, roles } from '../schema/permissions';
import { Client, createCustomer, createReseller, createUser } from './fixtures';

/** The write routes of this release with the permission each needs and a valid body. */
const writeRoutes: { name: string; permission: Permission; call: (client: Client, ids: { buyerId: string }) => Promise<{ status: number }> }[] = [
  {
    name: 'POST /api/v1/staff',
    permission: 'staff.manage',
    call: (client) =>
      client.post('/api/v1/staff', { email: `n${Math.random().toString(36).slice(2)}@example.com`, displayName: 'Neu', role: 'support', password: 'startpasswort-1' }),
  },
  { name: 'PATCH /api/v1/staff/:id', permission: 'staff.manage', call: (client, ids) => client.patch(`/api/v1/staff/${ids.buyerId}`, { version: 1, displayName: 'Umbenannt' }) },
  { name: 'PATCH /api/v1/settings', permission: 'settings.manage', call: (client) => client.patch('/api/v1/settings', { version: 1, name: 'Neuer Name GmbH' }) },
];

describe('permission matrix', () => {
  for (const role of roles) {
    for (const route of writeRoutes) {
      const allowed = roleMatrix[role].includes(route.permission);
      it(`${role} ${allowed ? 'may' : 'may not'} call ${route.name}`, async () => {
        const reseller = await createReseller('basic');
        const actor = await createUser(reseller, role);
        const target = await createUser(reseller, 'buyer');
        const client = await Client.signedIn(actor.email);
        const response = await route.call(client, { buyerId: target.id });
        if (allowed) expect(response.status).toBeLessThan(300);
        else expect(response.status).toBe(403);
      });
    }
  }

  const readRoutes: [string, Permission][] = [
    ['/api/v1/customers', 'customers.read'],
    ['/api/v1/staff', 'staff.manage'],
    ['/api/v1/settings', 'settings.manage'],
    ['/api/v1/audit', 'audit.read'],
  ];
  for (const role of roles) {
    it(`${role} reads exactly what the matrix allows`, async () => {
      const reseller = await createReseller('basic');
      const client = await Client.signedIn((await createUser(reseller, role)).email);
      for (const [path, permission] of readRoutes) {
        const response = await client.get(path);
        expect([path, response.status]).toEqual([path, roleMatrix[role].includes(permission) ? 200 : 403]);
      }
    });
  }

  it('support staff only read (no write permission at all)', () => {
    expect(roleMatrix.support).toEqual(['customers.read']);
  });

  it('answers 401 without a session', async () => {
    const response = await new Client().get('/api/v1/staff');
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('unauthenticated');
  });
});

describe('the My Customers module gate', () => {
  for (const partnerType of ['standard', 'tenant_simple', 'tenant_country'] as const) {
    it(`refuses the customer module to a ${partnerType} reseller with 403 module_unavailable`, async () => {
      const reseller = await createReseller(partnerType);
      const customer = await createCustomer(reseller);
      const client = await Client.signedIn((await createUser(reseller, 'owner')).email);
      for (const path of ['/api/v1/customers', `/api/v1/customers/${customer.id}`]) {
        const response = await client.get(path);
        expect(response.status).toBe(403);
        expect(response.body.error.code).toBe('module_unavailable');
      }
      const session = await client.get('/api/v1/session');
      expect(session.body.modules.customers).toBe(false);
      // Staff management stays available outside the module.
      expect((await client.get('/api/v1/staff')).status).toBe(200);
    });
  }

  it('gives owner, admin and buyer of a Basic reseller the module, and support read access', () => {
    const policy = { partnerType: 'basic' as const, onlyOwnerAddsCustomers: false };
    const can = (role: Role, permission: Permission) => effectivePermissions(role, policy).includes(permission);
    for (const role of ['owner', 'admin', 'buyer'] as const) expect(can(role, 'customers.write')).toBe(true);
    expect(can('support', 'customers.read')).toBe(true);
    expect(can('support', 'customers.write')).toBe(false);
  });

  it('lets only the owner add customers when the owner-only rule is on', async () => {
    const strict = { partnerType: 'basic' as const, onlyOwnerAddsCustomers: true };
    expect(effectivePermissions('owner', strict)).toContain('customers.create');
    for (const role of ['admin', 'buyer'] as const) {
      expect(effectivePermissions(role, strict)).not.toContain('customers.create');
      expect(effectivePermissions(role, strict)).toContain('customers.write');
    }
    const reseller = await createReseller('basic', { onlyOwnerAddsCustomers: true });
    const admin = await Client.signedIn((await createUser(reseller, 'admin')).email);
    expect((await admin.get('/api/v1/session')).body.permissions).not.toContain('customers.create');
  });

  it('turns the stricter rule on through the settings', async () => {
    const reseller = await createReseller('basic');
    const owner = await Client.signedIn((await createUser(reseller, 'owner')).email);
    const buyerUser = await createUser(reseller, 'buyer');
    const response = await owner.patch('/api/v1/settings', { version: 1, onlyOwnerAddsCustomers: true });
    expect(response.status).toBe(200);
    expect(response.body.settings.onlyOwnerAddsCustomers).toBe(true);
    const buyer = await Client.signedIn(buyerUser.email);
    expect((await buyer.get('/api/v1/session')).body.permissions).not.toContain('customers.create');
  });
});
