import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { type Invitation, invitationCreateInput, invitationListQuery, invitationOutput, invitationTerms, REMINDER_INTERVAL_HOURS } from '../../schema/invitations';
import { customers, invitationReminders, invitations } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { assertNotArchived, presentAndNotArchived, whyGuardFailed } from '../customers/archive';
import { customerChangedEvent } from '../customers/holdings';
import { loadCustomer } from '../customers/rows';
import { newId, nowIso, tenantScope } from '../db';
import type { Actor, AppEnv } from '../env';
import { Conflict, Invalid, NotFound, TooManyRequests } from '../errors';
import { jsonWithSecret } from '../http/idempotency';
import { invitationPlan, resellerTerms } from '../invitations/create';
import { invitationUrl, invitationWithCustomer, loadInvitation, nameOf, newInvitationToken, stateCondition, toInvitation } from '../invitations/store';
import { describeList, describeRoute } from '../openapi/describeRoute';
import { secretShownOnce } from '../openapi/operation';
import { type Keyset, keysetClauses, pageFrom } from '../pagination';
import { readTogether } from '../readTogether';
import { noBody, readJson, readQuery } from '../validate';
import { commitWrite, GuardFailed, liveEvent, readBackById, type WriteContext } from '../write';

/** The link is in this answer only; the API keeps just the hash of its token. */
const withLink = secretShownOnce({ invitation: invitationOutput }, 'url');

export const invitationRoutes = new Hono<AppEnv>();

const newestFirst: Keyset<{ invitation: typeof invitations.$inferSelect }> = {
  keys: [
    { by: invitations.createdAt, kind: 'string', of: (row) => row.invitation.createdAt, descending: true },
    { by: invitations.id, kind: 'string', of: (row) => row.invitation.id, descending: true },
  ],
};

invitationRoutes.get(
  '/',
  describeList({ tag: 'Invitations', summary: 'List invitations, newest first', query: invitationListQuery, item: invitationOutput }),
  requirePermission('invitations.manage'),
  async (c) => {
    const scope = tenantScope(c.env, currentActor(c));
    const query = readQuery(c, invitationListQuery);
    const { orderBy, after } = keysetClauses(newestFirst, query.cursor);
    const rows = await scope.db
      .select(invitationWithCustomer)
      .from(invitations)
      .leftJoin(customers, eq(customers.id, invitations.customerId))
      .where(
        scope.where(
          invitations,
          query.state ? stateCondition(query.state, nowIso()) : undefined,
          query.customerId ? eq(invitations.customerId, query.customerId) : undefined,
          after,
        ),
      )
      .orderBy(...orderBy)
      .limit(query.limit + 1)
      .all();
    return c.json(pageFrom(rows, query.limit, newestFirst, (row) => toInvitation(row.invitation, nameOf(row))));
  },
);

// The invite dialog names the indirect provider; buyers may invite without reading the settings.
invitationRoutes.get(
  '/terms',
  describeRoute({ tag: 'Invitations', summary: 'The indirect provider and validity the invite dialog offers', responses: { 200: v.object({ terms: invitationTerms }) } }),
  requirePermission('invitations.manage'),
  async (c) => {
    return c.json({ terms: await resellerTerms(tenantScope(c.env, currentActor(c))) });
  },
);

invitationRoutes.get(
  '/:id',
  describeRoute({ tag: 'Invitations', summary: 'Read one invitation', responses: { 200: v.object({ invitation: invitationOutput }) } }),
  requirePermission('invitations.manage'),
  async (c) => {
    const scope = tenantScope(c.env, currentActor(c));
    return c.json({ invitation: await loadInvitation(scope, c.req.param('id')) });
  },
);

invitationRoutes.post(
  '/',
  describeRoute({
    tag: 'Invitations',
    summary: 'Invite a customer',
    description: 'With `customerId` an existing customer (its other open invitations are revoked); without, a new one who enters its own data.',
    body: invitationCreateInput,
    responses: { 201: withLink },
    errors: { 404: ['not_found'], 409: ['relationship_active'] },
  }),
  requirePermission('invitations.manage'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const input = await readJson(c, invitationCreateInput);
    const [terms, customer] = await readTogether([resellerTerms(scope), input.customerId ? loadCustomer(scope, input.customerId) : undefined]);
    if (input.includeIndirectProvider && !terms.indirectProvider) throw new Invalid({ includeIndirectProvider: 'no_indirect_provider' });
    if (input.customerId && !customer) throw new NotFound();
    if (customer) assertNotArchived(customer);
    if (customer?.relationshipState === 'active') throw new Conflict('relationship_active', 'This customer already has an active relationship with you.');

    const { token, tokenHash, expiresAt } = await newInvitationToken(input.expiresInDays ?? terms.invitationDays);
    const plan = invitationPlan(scope, actor, { input, terms, customer, tokenHash, expiresAt });
    const created = readBackById(scope, invitations, plan.id);
    let results: unknown[];
    try {
      results = await commitWrite(c, actor, {
        // The invitation points at the customer: a delete or archive that commits first is a 404 or 409, not a foreign key error.
        guards: customer ? [presentAndNotArchived(customer.id)] : [],
        statements: [...plan.statements, created.statement],
        audit: plan.audit,
        events: async () => [...plan.events, ...(plan.customerChanged ? await customerChangedEvent(scope, actor, plan.customerChanged)() : [])],
      });
    } catch (error) {
      throw error instanceof GuardFailed && customer ? await whyGuardFailed(scope, customer.id) : error;
    }
    const invitation = toInvitation(await created.row(results), customer ? nameOf(customer) : null);
    return jsonWithSecret(c, { invitation, url: invitationUrl(c.req.url, token) }, ['url'], 201);
  },
);

/** Resend and revoke act only on an invitation that is still open (pending or expired, never answered). */
async function changeOpenInvitation<Alongside>(
  c: WriteContext & { req: { param(name: 'id'): string } },
  actor: Actor,
  action: 'resent' | 'revoked',
  change: (current: Invitation, alongside: Alongside) => Promise<Partial<typeof invitations.$inferInsert>>,
  /** What the change needs besides the invitation, read together with it. */
  alongside: Promise<Alongside> | Alongside,
) {
  const scope = tenantScope(c.env, actor);
  const [current, read] = await readTogether([loadInvitation(scope, c.req.param('id')), alongside]);
  if (current.state !== 'pending' && current.state !== 'expired') {
    throw new Conflict('invitation_closed', 'This invitation was already answered or revoked.', { current });
  }
  // A revoked invitation leaves the customer without an open request again.
  const [values, customer] = await readTogether([change(current, read), action === 'revoked' && current.customerId ? loadCustomer(scope, current.customerId) : undefined]);
  const reopened = customer?.relationshipState === 'pending' ? customer : undefined;
  const changed = readBackById(scope, invitations, current.id);
  let results: unknown[];
  try {
    results = await commitWrite(c, actor, {
      guards: [sql`(SELECT state = 'pending' AND version = ${current.version} FROM invitations WHERE id = ${current.id})`],
      statements: [
        scope.db
          .update(invitations)
          .set({ ...values, version: current.version + 1, updatedAt: nowIso() })
          .where(scope.where(invitations, eq(invitations.id, current.id))),
        // A resent invitation has one new link: the reminders' links stop with the old one.
        ...(action === 'resent'
          ? [
              scope.db
                .update(invitationReminders)
                .set({ tokenHash: null })
                .where(scope.where(invitationReminders, eq(invitationReminders.invitationId, current.id))),
            ]
          : []),
        ...(reopened
          ? [
              scope.db
                .update(customers)
                .set({ relationshipState: 'none', version: sql`${customers.version} + 1`, updatedAt: nowIso() })
                .where(scope.where(customers, eq(customers.id, reopened.id), eq(customers.relationshipState, 'pending'))),
            ]
          : []),
        changed.statement,
      ],
      audit: { action: `invitation.${action}`, entityType: 'invitation', entityId: current.id, customerId: current.customerId, before: { state: current.state } },
      // The reopened customer as committed: its version moved on in SQL.
      events: async () => [
        liveEvent('invitation.changed', actor, { id: current.id, version: current.version + 1 }, { customerId: current.customerId }),
        ...(reopened ? await customerChangedEvent(scope, actor, reopened.id)() : []),
      ],
    });
  } catch (error) {
    if (error instanceof GuardFailed) throw new Conflict('invitation_closed', 'This invitation changed in the meantime.', { current: await loadInvitation(scope, current.id) });
    throw error;
  }
  return toInvitation(await changed.row(results), current.customerName);
}

invitationRoutes.post(
  '/:id/resend',
  describeRoute({
    tag: 'Invitations',
    summary: 'Send an open invitation again with a new link',
    description: 'The old link stops working.',
    responses: { 200: withLink },
    errors: { 409: ['invitation_closed'] },
  }),
  requirePermission('invitations.manage'),
  noBody,
  async (c) => {
    const actor = currentActor(c);
    let token = '';
    const invitation = await changeOpenInvitation(
      c,
      actor,
      'resent',
      async (_current, terms) => {
        // A new secret: the old link stops working the moment this commits.
        const fresh = await newInvitationToken(terms.invitationDays);
        token = fresh.token;
        return { tokenHash: fresh.tokenHash, expiresAt: fresh.expiresAt };
      },
      resellerTerms(tenantScope(c.env, actor)),
    );
    return jsonWithSecret(c, { invitation, url: invitationUrl(c.req.url, token) }, ['url']);
  },
);

invitationRoutes.post(
  '/:id/remind',
  describeRoute({
    tag: 'Invitations',
    summary: 'Remind the customer of an open invitation',
    description:
      'Records the reminder (who, when) and answers a link of its own for the reminder e-mail; the first link keeps working. Once per 24 hours per invitation (429 `reminder_too_soon` with Retry-After); an expired invitation is invited again instead (409 `invitation_expired`).',
    responses: { 200: withLink },
    errors: { 409: ['invitation_closed', 'invitation_expired'], 429: ['reminder_too_soon'] },
  }),
  requirePermission('invitations.manage'),
  noBody,
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const current = await loadInvitation(scope, c.req.param('id'));
    if (current.state === 'expired') throw new Conflict('invitation_expired', 'This invitation has expired: invite the customer again instead.', { current });
    if (current.state !== 'pending') throw new Conflict('invitation_closed', 'This invitation was already answered or revoked.', { current });
    const tooSoon = (invitation: Invitation) => {
      const next = invitation.lastRemindedAt ? Date.parse(invitation.lastRemindedAt) + REMINDER_INTERVAL_HOURS * 3_600_000 : 0;
      return next > Date.now()
        ? new TooManyRequests(
            'reminder_too_soon',
            `A reminder was sent at ${invitation.lastRemindedAt}; the next one is possible in ${REMINDER_INTERVAL_HOURS} hours.`,
            Math.ceil((next - Date.now()) / 1000),
          )
        : undefined;
    };
    const early = tooSoon(current);
    if (early) throw early;
    // The reminder carries a link of its own (the first one keeps working): the token is never stored, so it cannot be sent again.
    const { token, tokenHash } = await newInvitationToken(0);
    const now = nowIso();
    const next = { ...current, lastRemindedAt: now, lastRemindedBy: actor.displayName, reminderCount: current.reminderCount + 1, version: current.version + 1, updatedAt: now };
    const changed = readBackById(scope, invitations, current.id);
    let results: unknown[];
    try {
      results = await commitWrite(c, actor, {
        // Not the version: the customer opening the link meanwhile is no reason to refuse; a second reminder is.
        guards: [
          sql`(SELECT state = 'pending' AND expires_at > ${now} AND coalesce(last_reminded_at, '') <= ${new Date(Date.now() - REMINDER_INTERVAL_HOURS * 3_600_000).toISOString()} FROM invitations WHERE id = ${current.id})`,
        ],
        statements: [
          scope.db
            .insert(invitationReminders)
            .values({ id: newId('rem'), resellerId: actor.resellerId, invitationId: current.id, tokenHash, sentByName: actor.displayName, createdAt: now }),
          scope.db
            .update(invitations)
            .set({
              lastRemindedAt: now,
              lastRemindedBy: actor.displayName,
              reminderCount: sql`${invitations.reminderCount} + 1`,
              version: sql`${invitations.version} + 1`,
              updatedAt: now,
            })
            .where(scope.where(invitations, eq(invitations.id, current.id))),
          changed.statement,
        ],
        audit: { action: 'invitation.reminded', entityType: 'invitation', entityId: current.id, customerId: current.customerId, after: { reminderCount: next.reminderCount } },
        events: [liveEvent('invitation.changed', actor, next, { customerId: current.customerId })],
      });
    } catch (error) {
      if (!(error instanceof GuardFailed)) throw error;
      // Reminded, answered or expired in the meantime: say which.
      const fresh = await loadInvitation(scope, current.id);
      throw tooSoon(fresh) ?? new Conflict(fresh.state === 'expired' ? 'invitation_expired' : 'invitation_closed', 'This invitation changed in the meantime.', { current: fresh });
    }
    return jsonWithSecret(c, { invitation: toInvitation(await changed.row(results), current.customerName), url: invitationUrl(c.req.url, token) }, ['url']);
  },
);

invitationRoutes.post(
  '/:id/revoke',
  describeRoute({
    tag: 'Invitations',
    summary: 'Revoke an open invitation',
    responses: { 200: v.object({ invitation: invitationOutput }) },
    errors: { 409: ['invitation_closed'] },
  }),
  requirePermission('invitations.manage'),
  noBody,
  async (c) => {
    const invitation = await changeOpenInvitation(c, currentActor(c), 'revoked', async () => ({ state: 'revoked' }), undefined);
    return c.json({ invitation });
  },
);
