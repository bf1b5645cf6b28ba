import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { pageQuery } from '../../schema/common';
import { type StaffMember, staffCreateInput, staffMember, staffUpdateInput } from '../../schema/staff';
import { users } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { hashPasswordBeside } from '../auth/password';
import { revokeSessionsOfInactiveUser } from '../auth/session';
import { requireOwned } from '../customers/holdings';
import { database, newId, nowIso, type TenantScope, tenantScope } from '../db';
import type { Actor, AppEnv } from '../env';
import { Conflict, Forbidden, VersionConflict } from '../errors';
import { disconnectFromHub } from '../live';
import { describeList, describeRoute } from '../openapi/describeRoute';
import { pageHandler, sortKey, tableList } from '../pagination';
import { IsolateMemory, planFromMemory, rowUnchanged } from '../rowMemory';
import { readJson } from '../validate';
import { commitWrite, GuardFailed } from '../write';

const oneStaffMember = v.object({ staff: staffMember });

export const staffRoutes = new Hono<AppEnv>();

type UserRow = typeof users.$inferSelect;

function toStaffMember(user: UserRow): StaffMember {
  const { id, email, displayName, role, active, locale, createdAt, updatedAt, version } = user;
  return { id, email, displayName, role, active, locale, createdAt, updatedAt, version };
}

/** Only an owner may make someone an owner or change an owner: admins cannot take over the account. */
function assertMayTouchOwners(actor: Actor, involvesOwner: boolean) {
  if (involvesOwner && actor.role !== 'owner') throw new Forbidden('owner_only', 'Only an owner can grant or change the owner role.');
}

const emailTaken = () => new Conflict('email_taken', 'A colleague of this reseller already has this e-mail address.', { fields: { email: 'email_taken' } });

export const staffList = tableList<object, UserRow, StaffMember>({
  table: users,
  order: () => ({ keys: [sortKey(users.displayName, 'displayName'), sortKey(users.id, 'id')] }),
  item: toStaffMember,
  // Changed from this list: planned without reading the member again.
  seen: (scope, rows) => {
    for (const row of rows) rememberStaff(scope, toStaffMember(row));
  },
});

// Staff members as this isolate showed them last (without their password hash), so a change from the
// staff list need not read the member first: the batch holds it to its version and time of change.
const rememberedStaff = new IsolateMemory<StaffMember>(2_000, 30 * 60_000);
const rememberStaff = (scope: TenantScope, member: StaffMember) => rememberedStaff.set(`${scope.resellerId}/${member.id}`, member);

async function staffForChange(scope: TenantScope, id: string, version: number, fresh: boolean) {
  const kept = fresh ? undefined : rememberedStaff.get(`${scope.resellerId}/${id}`);
  let current = kept?.version === version ? kept : undefined;
  if (!current) {
    current = toStaffMember(await requireOwned(scope, users, id));
    rememberStaff(scope, current);
  }
  const unchanged = rowUnchanged(users, current);
  return { current, unchanged, fromMemory: current === kept };
}

staffRoutes.get(
  '/',
  describeList({ tag: 'Staff', summary: 'List staff members by name', item: staffMember }),
  requirePermission('staff.manage'),
  pageHandler(staffList, pageQuery),
);

staffRoutes.post(
  '/',
  describeRoute({
    tag: 'Staff',
    summary: 'Add a staff member with an initial password',
    body: staffCreateInput,
    responses: { 201: oneStaffMember },
    errors: { 403: ['owner_only'], 409: ['email_taken'] },
  }),
  requirePermission('staff.manage'),
  async (c) => {
    const actor = currentActor(c);
    const input = await readJson(c, staffCreateInput);
    assertMayTouchOwners(actor, input.role === 'owner');
    const db = database(c.env);
    // An address may have accounts at other resellers; whether it does is never told (the answer is the
    // same as for a new address). The new account shares their salt, so sign-in checks all in one step.
    const sameAddress = await db.select({ resellerId: users.resellerId, passwordHash: users.passwordHash }).from(users).where(eq(users.email, input.email)).all();
    if (sameAddress.some((account) => account.resellerId === actor.resellerId)) throw emailTaken();

    const now = nowIso();
    const user: UserRow = {
      id: newId('usr'),
      resellerId: actor.resellerId,
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      locale: input.locale,
      passwordHash: await hashPasswordBeside(input.password, sameAddress[0]?.passwordHash),
      active: true,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await commitWrite(c, actor, {
        statements: [db.insert(users).values(user)],
        audit: { action: 'staff.created', entityType: 'user', entityId: user.id, after: toStaffMember(user) },
      });
    } catch (error) {
      if (String(error).includes('UNIQUE constraint failed: users.email')) throw emailTaken();
      throw error;
    }
    rememberStaff(tenantScope(c.env, actor), toStaffMember(user));
    return c.json({ staff: toStaffMember(user) }, 201);
  },
);

staffRoutes.patch(
  '/:id',
  describeRoute({
    tag: 'Staff',
    summary: 'Rename, change the role, deactivate or reactivate',
    description: 'Deactivating ends the member’s sessions at once.',
    body: staffUpdateInput,
    responses: { 200: oneStaffMember },
    errors: { 403: ['owner_only'], 409: ['cannot_change_self', 'last_owner'] },
  }),
  requirePermission('staff.manage'),
  async (c) => {
    const actor = currentActor(c);
    const input = await readJson(c, staffUpdateInput);
    const scope = tenantScope(c.env, actor);
    const id = c.req.param('id');
    // Planned from the member as the staff list showed them when this isolate remembers that version.
    const staff = await planFromMemory(
      (fresh) => staffForChange(scope, id, input.version, fresh),
      async ({ current, unchanged, fromMemory }): Promise<StaffMember> => {
        if (current.version !== input.version) throw new VersionConflict('this staff member', current);
        assertMayTouchOwners(actor, current.role === 'owner' || input.role === 'owner');
        if (id === actor.userId && input.active === false) {
          throw new Conflict('cannot_change_self', 'You cannot deactivate your own account.');
        }

        const next: StaffMember = {
          ...current,
          displayName: input.displayName ?? current.displayName,
          role: input.role ?? current.role,
          active: input.active ?? current.active,
          version: current.version + 1,
          updatedAt: nowIso(),
        };
        const action = input.active === false && current.active ? 'staff.deactivated' : input.active === true && !current.active ? 'staff.reactivated' : 'staff.updated';
        const update = scope.db
          .update(users)
          .set({ displayName: next.displayName, role: next.role, active: next.active, version: next.version, updatedAt: next.updatedAt })
          .where(scope.where(users, eq(users.id, id)));
        const guards = [unchanged];
        // The last active owner can be neither demoted nor deactivated, checked atomically in the same batch.
        if (current.role === 'owner' && !(next.role === 'owner' && next.active)) {
          guards.push(sql`(SELECT count(*) FROM users WHERE reseller_id = ${actor.resellerId} AND role = 'owner' AND active = 1 AND id != ${id}) >= 1`);
        }
        try {
          await commitWrite(c, actor, {
            guards,
            statements: [update, revokeSessionsOfInactiveUser(c, id)],
            audit: { action, entityType: 'user', entityId: id, before: current, after: next },
          });
          // Their sessions ended in the batch; their open live sockets end here.
          if (action === 'staff.deactivated') c.executionCtx.waitUntil(disconnectFromHub(c.env, actor.resellerId, { userId: id }));
          rememberStaff(scope, next);
          return next;
        } catch (error) {
          // From memory a failed guard may be the memory's: planned again from D1 first.
          if (!(error instanceof GuardFailed) || fromMemory) throw error;
        }

        const latest = await scope.db
          .select()
          .from(users)
          .where(scope.where(users, eq(users.id, id)))
          .get();
        if (latest && latest.version !== input.version) {
          throw new VersionConflict('this staff member', toStaffMember(latest));
        }
        throw new Conflict('last_owner', 'The last owner can be neither removed nor demoted.');
      },
    );
    return c.json({ staff });
  },
);
