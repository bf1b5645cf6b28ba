import { describe, expect, it } from 'vitest';
import { Client, countRows, createReseller, createUser, PASSWORD } from './fixtures';

async function ownerClient() {
  const reseller = await createReseller();
  const owner = await createUser(reseller, 'owner');
  return { reseller, owner, client: await Client.signedIn(owner.email) };
}

describe('staff management', () => {
  it("lists only the own reseller's staff, without password hashes", async () => {
    const { owner, client } = await ownerClient();
    const other = await createReseller();
    await createUser(other, 'admin');
    const response = await client.get('/api/v1/staff');
    expect(response.status).toBe(200);
    expect(response.body.items.map((s: { id: string }) => s.id)).toEqual([owner.id]);
    expect(JSON.stringify(response.body)).not.toContain('pbkdf2');
  });

  it('adds a staff member with a role and an initial password who can then sign in, and audits it', async () => {
    const { reseller, client } = await ownerClient();
    const created = await client.post('/api/v1/staff', { email: ' Neu.Kollege@Example.com ', displayName: 'Neu Kollege', role: 'buyer', password: 'startpasswort-1' });
    expect(created.status).toBe(201);
    expect(created.body.staff).toMatchObject({ email: 'neu.kollege@example.com', role: 'buyer', active: true, version: 1 });
    await Client.signedIn('neu.kollege@example.com', 'startpasswort-1');
    expect(await countRows('audit_log', "reseller_id = ? AND action = 'staff.created' AND entity_id = ?", reseller.id, created.body.staff.id)).toBe(1);
  });

  it('refuses an e-mail address that is already taken (409 with a field error) and writes nothing', async () => {
    const { client, owner } = await ownerClient();
    const before = await countRows('audit_log');
    const response = await client.post('/api/v1/staff', { email: owner.email, displayName: 'Doppelt', role: 'support', password: 'startpasswort-1' });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'email_taken', fields: { email: 'email_taken' } });
    expect(await countRows('audit_log')).toBe(before);
  });

  it('adds a colleague whose e-mail address has an account at another reseller with the same answer as a new address; the person then chooses where to sign in', async () => {
    const elsewhere = await ownerClient();
    const here = await ownerClient();
    const fresh = await here.client.post('/api/v1/staff', { email: `neu.${Date.now()}@example.com`, displayName: 'Neu', role: 'support', password: 'startpasswort-1' });
    const taken = await here.client.post('/api/v1/staff', { email: elsewhere.owner.email, displayName: 'Doppelt', role: 'support', password: 'startpasswort-1' });
    // Nothing in the answer tells the address was known: the same status, the same fields, the same error-free shape.
    expect([taken.status, Object.keys(taken.body.staff).sort()]).toEqual([fresh.status, Object.keys(fresh.body.staff).sort()]);
    expect(taken.body.staff).toMatchObject({ email: elsewhere.owner.email, role: 'support', active: true });

    // Each password opens its own reseller's desk.
    const own = await Client.signedIn(elsewhere.owner.email);
    expect((await own.get('/api/v1/session')).body.reseller.id).toBe(elsewhere.reseller.id);
    const added = await Client.signedIn(elsewhere.owner.email, 'startpasswort-1');
    expect((await added.get('/api/v1/session')).body.reseller.id).toBe(here.reseller.id);
    // The same password at both: the answer lists both desks, and the chosen one opens.
    const both = await here.client.post('/api/v1/staff', { email: `zwei.${Date.now()}@example.com`, displayName: 'Zwei', role: 'buyer', password: PASSWORD });
    await elsewhere.client.post('/api/v1/staff', { email: both.body.staff.email, displayName: 'Zwei', role: 'buyer', password: PASSWORD });
    const ask = await new Client().post('/api/v1/session', { email: both.body.staff.email, password: PASSWORD });
    expect([ask.status, ask.body.error.code, ask.body.error.resellers.map((r: { id: string }) => r.id).sort()]).toEqual([
      409,
      'choose_reseller',
      [here.reseller.id, elsewhere.reseller.id].sort(),
    ]);
    const chosen = new Client();
    expect((await chosen.post('/api/v1/session', { email: both.body.staff.email, password: PASSWORD, resellerId: elsewhere.reseller.id })).status).toBe(200);
    expect((await chosen.get('/api/v1/session')).body.reseller.id).toBe(elsewhere.reseller.id);
    // A wrong password is wrong for all of them, and another reseller's colleague list never shows the other account.
    expect((await new Client().post('/api/v1/session', { email: both.body.staff.email, password: 'falsch-falsch' })).status).toBe(401);
    expect((await here.client.get('/api/v1/staff')).body.items.filter((s: { email: string }) => s.email === both.body.staff.email)).toHaveLength(1);
  });

  it('explains every invalid field at once (422)', async () => {
    const { client } = await ownerClient();
    const response = await client.post('/api/v1/staff', { email: 'kein-mail', displayName: '   ', role: 'chef', password: 'kurz' });
    expect(response.status).toBe(422);
    expect(response.body.error.fields).toEqual({ email: 'invalid_email', displayName: 'required', role: 'invalid_value', password: 'password_too_short' });
  });

  it('changes a role and refuses a stale version with 409 and the current row', async () => {
    const { reseller, client } = await ownerClient();
    const buyer = await createUser(reseller, 'buyer');
    const changed = await client.patch(`/api/v1/staff/${buyer.id}`, { version: 1, role: 'admin' });
    expect(changed.status).toBe(200);
    expect(changed.body.staff).toMatchObject({ role: 'admin', version: 2 });
    const stale = await client.patch(`/api/v1/staff/${buyer.id}`, { version: 1, role: 'support' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect(stale.body.error.current).toMatchObject({ role: 'admin', version: 2 });
  });

  it('ends every session of a deactivated user at once', async () => {
    const { reseller, client } = await ownerClient();
    const admin = await createUser(reseller, 'admin');
    const laptop = await Client.signedIn(admin.email);
    const phone = await Client.signedIn(admin.email);
    expect((await laptop.get('/api/v1/staff')).status).toBe(200);

    const response = await client.patch(`/api/v1/staff/${admin.id}`, { version: 1, active: false });
    expect(response.status).toBe(200);
    expect(response.body.staff.active).toBe(false);
    for (const device of [laptop, phone]) expect((await device.get('/api/v1/session')).status).toBe(401);
    expect(await countRows('sessions', 'user_id = ? AND revoked_at IS NULL', admin.id)).toBe(0);
    expect(await countRows('audit_log', "action = 'staff.deactivated' AND entity_id = ?", admin.id)).toBe(1);
  });

  it('never removes or demotes the last owner', async () => {
    const { reseller, owner, client } = await ownerClient();
    const demote = await client.patch(`/api/v1/staff/${owner.id}`, { version: 1, role: 'admin' });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('last_owner');
    expect(await countRows('users', "id = ? AND role = 'owner' AND version = 1", owner.id)).toBe(1);
    expect(await countRows('audit_log', "action = 'staff.updated' AND entity_id = ?", owner.id)).toBe(0);

    const self = await client.patch(`/api/v1/staff/${owner.id}`, { version: 1, active: false });
    expect(self.status).toBe(409);

    // With a second owner, the first may step down.
    const second = await createUser(reseller, 'owner');
    expect((await client.patch(`/api/v1/staff/${owner.id}`, { version: 1, role: 'admin' })).status).toBe(200);
    const secondClient = await Client.signedIn(second.email);
    const last = await secondClient.patch(`/api/v1/staff/${second.id}`, { version: 1, role: 'buyer' });
    expect(last.body.error.code).toBe('last_owner');
  });

  it('lets only an owner grant or change the owner role', async () => {
    const reseller = await createReseller();
    const owner = await createUser(reseller, 'owner');
    const admin = await createUser(reseller, 'admin');
    const buyer = await createUser(reseller, 'buyer');
    const adminClient = await Client.signedIn(admin.email);
    expect((await adminClient.patch(`/api/v1/staff/${buyer.id}`, { version: 1, role: 'owner' })).body.error.code).toBe('owner_only');
    expect((await adminClient.patch(`/api/v1/staff/${owner.id}`, { version: 1, active: false })).body.error.code).toBe('owner_only');
    expect((await adminClient.post('/api/v1/staff', { email: 'x@example.com', displayName: 'X', role: 'owner', password: 'startpasswort-1' })).status).toBe(403);
    expect((await adminClient.patch(`/api/v1/staff/${buyer.id}`, { version: 1, role: 'support' })).status).toBe(200);
  });
});
