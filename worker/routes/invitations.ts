import { eq, type SQL, sql } from 'drizzle-orm';
import type { SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core';
import { Hono } from 'hono';
import * as v from 'valibot';
import { type Invitation, invitationCreateInput, invitationListQuery, invitationOutput, invitationTerms, REMINDER_INTERVAL_HOURS } from '../../schema/invitations';
import { customers, invitationReminders, invitations, resellers } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { assertNotArchived, presentAndNotArchived, whyGuardFailed } from '../customers/archive';
import { customerForChange } from '../customers/customerMemory';
import { customerChangedEvent } from '../customers/holdings';
import { newId, nowIso, tenantScope } from '../db';
import type { Actor, AppEnv } from '../env';
import { Conflict, Invalid, NotFound, TooManyRequests, VersionConflict } from '../errors';
import { ifMatchVersion } from '../http/conventions';
import { jsonWithSecret } from '../http/idempotency';
import { invitationPlan, resellerTerms, termsForWrite } from '../invitations/create';
import { invitationUrl, invitationWithCustomer, invitationWithName, loadInvitation, nameOf, newInvitationToken, stateCondition, toInvitation } from '../invitations/store';
import { describeList, describeRoute } from '../openapi/describeRoute';
import { secretShownOnce } from '../openapi/operation';
import { type Keyset, keysetClauses, pageFrom } from '../pagination';
import { readTogether } from '../readTogether';
import { changeRow, planFromMemory, type RowForChange, rememberRows, rowForChange } from '../rowMemory';
import { noBody, readJson, readQuery } from '../validate';
import { commitWrite, GuardFailed, liveEvent, readBack, readBackById, type WriteContext } from '../write';

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
    // Resent or revoked from this list: planned without reading the invitation again.
    rememberRows(
      scope,
      invitations,
      rows.map((row) => row.invitation),
    );
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
    // From the customer view's invite dialog both the customer and the terms are remembered: the batch alone.
    const find = async (fresh: boolean) => {
      const [terms, customer] = await readTogether([
        termsForWrite(scope, { fresh }),
        input.customerId ? customerForChange(scope, input.customerId, undefined, { fresh }) : undefined,
      ]);
      return { terms, customer, fromMemory: terms.fromMemory || customer?.fromMemory === true };
    };
    const invite = async ({ terms: { terms, ...heldTerms }, customer: found, fromMemory }: Awaited<ReturnType<typeof find>>) => {
      const customer = found?.current;
      if (input.includeIndirectProvider && !terms.indirectProvider) throw new Invalid({ includeIndirectProvider: 'no_indirect_provider' });
      if (customer) assertNotArchived(customer);
      if (customer?.relationshipState === 'active') throw new Conflict('relationship_active', 'This customer already has an active relationship with you.');

      const { token, tokenHash, expiresAt } = await newInvitationToken(input.expiresInDays ?? terms.invitationDays);
      const plan = invitationPlan(scope, actor, { input, terms, customer, tokenHash, expiresAt });
      const created = readBackById(scope, invitations, plan.id);
      let results: unknown[];
      try {
        results = await commitWrite(c, actor, {
          // The invitation points at the customer: a delete or archive that commits first is a 404 or 409, not a
          // foreign key error. Planned from memory, the customer and the terms as remembered.
          guards: [
            ...(customer ? [presentAndNotArchived(customer.id)] : []),
            ...(heldTerms.fromMemory ? [heldTerms.unchanged] : []),
            ...(found?.fromMemory ? [found.unchanged] : []),
          ],
          statements: [...plan.statements, created.statement],
          audit: plan.audit,
          events: async () => [...plan.events, ...(plan.customerChanged ? await customerChangedEvent(scope, actor, plan.customerChanged)() : [])],
        });
      } catch (error) {
        throw error instanceof GuardFailed && customer && !fromMemory ? await whyGuardFailed(scope, customer.id) : error;
      }
      return { results, created, customer, token };
    };
    // Read back after planFromMemory: nothing that follows the commit may send the invitation round again.
    const { results, created, customer, token } = await planFromMemory(find, invite);
    const row = await created.row(results);
    rememberRows(scope, invitations, [row]);
    const invitation = toInvitation(row, customer ? nameOf(customer) : null);
    return jsonWithSecret(c, { invitation, url: invitationUrl(c.req.url, token) }, ['url'], 201);
  },
);

/**
 * Resend and revoke act only on an invitation that is still open (pending or expired, never answered):
 * planned from the invitation as the list showed it when this isolate remembers it.
 */
function changeOpenInvitation(
  c: WriteContext & { req: { param(name: 'id'): string } },
  actor: Actor,
  action: 'resent' | 'revoked',
  version: number | undefined,
  values: SQLiteUpdateSetSource<typeof invitations>,
) {
  const scope = tenantScope(c.env, actor);
  const change = async (found: RowForChange<typeof invitations.$inferSelect>) => {
    const current = toInvitation(found.row, null);
    const closed = async (message: string) => new Conflict('invitation_closed', message, { current: await loadInvitation(scope, current.id) });
    if (current.state !== 'pending' && current.state !== 'expired') throw await closed('This invitation was already answered or revoked.');
    if (version !== undefined && current.version !== version) throw new VersionConflict('this invitation', await loadInvitation(scope, current.id));
    const changed = readBack(() => invitationWithName(scope, current.id));
    // A revoked invitation leaves the customer without an open request again (when the request was still open).
    const reopen =
      action === 'revoked' && current.customerId
        ? scope.db
            .update(customers)
            .set({ relationshipState: 'none', version: sql`${customers.version} + 1`, updatedAt: nowIso() })
            .where(scope.where(customers, eq(customers.id, current.customerId), eq(customers.relationshipState, 'pending')))
            .returning({ id: customers.id })
        : undefined;
    const statements = [
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
      ...(reopen ? [reopen] : []),
      changed.statement,
    ];
    let results: unknown[];
    try {
      results = await commitWrite(c, actor, {
        guards: [found.unchanged],
        statements,
        audit: { action: `invitation.${action}`, entityType: 'invitation', entityId: current.id, customerId: current.customerId, before: { state: current.state } },
        // The reopened customer as committed: its version moved on in SQL.
        events: async (committed) => {
          const reopened = reopen && current.customerId && (committed[statements.indexOf(reopen)] as unknown[]).length > 0;
          return [
            liveEvent('invitation.changed', actor, { id: current.id, version: current.version + 1 }, { customerId: current.customerId }),
            ...(reopened && current.customerId ? await customerChangedEvent(scope, actor, current.customerId)() : []),
          ];
        },
      });
    } catch (error) {
      if (error instanceof GuardFailed && !found.fromMemory) {
        throw version === undefined ? await closed('This invitation changed in the meantime.') : new VersionConflict('this invitation', await loadInvitation(scope, current.id));
      }
      throw error;
    }
    const [row] = await changed.all(results);
    if (!row) throw new NotFound();
    rememberRows(scope, invitations, [row.invitation]);
    return toInvitation(row.invitation, nameOf(row));
  };
  // A resend without the version the user saw is based on the invitation as stored: planned again after
  // another resend at the same moment, both would succeed and one would answer a link that no longer works.
  if (action === 'resent' && version === undefined) return rowForChange(scope, invitations, c.req.param('id'), undefined, { fresh: true }).then(change);
  return changeRow(scope, invitations, c.req.param('id'), version, change);
}

invitationRoutes.post(
  '/:id/resend',
  describeRoute({
    tag: 'Invitations',
    summary: 'Send an open invitation again with a new link',
    description:
      'The old link stops working. With `If-Match` naming the version the user saw, a resend of an invitation changed since is refused (412), so of two resends at once only one answers a link.',
    ifMatch: true,
    responses: { 200: withLink },
    errors: { 409: ['invitation_closed'] },
  }),
  requirePermission('invitations.manage'),
  noBody,
  async (c) => {
    const actor = currentActor(c);
    const version = ifMatchVersion(c, undefined);
    // A new secret: the old link stops working the moment this commits. It runs for the reseller's
    // current validity, taken inside the batch.
    const fresh = await newInvitationToken(0);
    const token = fresh.token;
    const invitation = await changeOpenInvitation(c, actor, 'resent', version, {
      tokenHash: fresh.tokenHash,
      expiresAt: sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+' || coalesce((SELECT ${resellers.invitationDays} FROM ${resellers} WHERE ${resellers.id} = ${actor.resellerId}), 14) || ' days')`,
    });
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
    const id = c.req.param('id');
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
    // The reminder carries a link of its own (the first one keeps working): the token is never stored, so it cannot be sent again.
    const { token, tokenHash } = await newInvitationToken(0);
    const now = nowIso();
    const ofInvitation = (column: SQL) => sql`(SELECT ${column} FROM ${invitations} WHERE ${invitations.id} = ${id})`;
    const changed = readBack(() => invitationWithName(scope, id));
    let results: unknown[];
    try {
      // Nothing read first: the rules are the batch's guards, and the invitation is read back at its end.
      results = await commitWrite(c, actor, {
        // Not the version: the customer opening the link meanwhile is no reason to refuse; a second reminder is.
        guards: [
          sql`EXISTS (SELECT 1 FROM ${invitations} WHERE ${scope.where(invitations, eq(invitations.id, id))} AND state = 'pending' AND expires_at > ${now} AND coalesce(last_reminded_at, '') <= ${new Date(Date.now() - REMINDER_INTERVAL_HOURS * 3_600_000).toISOString()})`,
        ],
        statements: [
          scope.db
            .insert(invitationReminders)
            .values({ id: newId('rem'), resellerId: actor.resellerId, invitationId: id, tokenHash, sentByName: actor.displayName, createdAt: now }),
          scope.db
            .update(invitations)
            .set({
              lastRemindedAt: now,
              lastRemindedBy: actor.displayName,
              reminderCount: sql`${invitations.reminderCount} + 1`,
              version: sql`${invitations.version} + 1`,
              updatedAt: now,
            })
            .where(scope.where(invitations, eq(invitations.id, id))),
          changed.statement,
        ],
        // Taken from the invitation as the batch changed it (its audit row follows its statements).
        audit: {
          action: 'invitation.reminded',
          entityType: 'invitation',
          entityId: id,
          customerId: ofInvitation(sql`customer_id`),
          after: sql`json_object('reminderCount', ${ofInvitation(sql`reminder_count`)})`,
        },
        events: async (committed) => {
          const [row] = await changed.all(committed);
          return row ? [liveEvent('invitation.changed', actor, row.invitation, { customerId: row.invitation.customerId })] : [];
        },
      });
    } catch (error) {
      if (!(error instanceof GuardFailed)) throw error;
      // Unknown, reminded, answered or expired: say which.
      const current = await loadInvitation(scope, id);
      if (current.state === 'expired') throw new Conflict('invitation_expired', 'This invitation has expired: invite the customer again instead.', { current });
      throw (current.state === 'pending' && tooSoon(current)) || new Conflict('invitation_closed', 'This invitation was already answered or revoked.', { current });
    }
    const [row] = await changed.all(results);
    if (!row) throw new NotFound();
    return jsonWithSecret(c, { invitation: toInvitation(row.invitation, nameOf(row)), url: invitationUrl(c.req.url, token) }, ['url']);
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
    const invitation = await changeOpenInvitation(c, currentActor(c), 'revoked', undefined, { state: 'revoked' });
    return c.json({ invitation });
  },
);
