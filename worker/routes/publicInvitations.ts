import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { type Context, Hono } from 'hono';
import * as v from 'valibot';
import type { AuditAction } from '../../schema/auditActions';
import { type Customer, customerDisplayName } from '../../schema/customers';
import { invitationAcceptInput, type PublicInvitation, publicInvitationOutput } from '../../schema/invitations';
import type { LiveEvent } from '../../schema/realtime';
import { auditLog, customers, invitations } from '../../schema/tables';
import { assertWithinRate, countPlainHit, invitationPageRule, underRate } from '../auth/rateLimit';
import { insertCustomerStatements, newCustomer } from '../customers/rows';
import { database, nowIso, tenantScope } from '../db';
import type { AppEnv } from '../env';
import { AppError, Invalid } from '../errors';
import { type FoundByToken, findByToken, foundOf, type InvitationRow, invitationState, linkHash, linkOf, linkQuery, linkUnchanged, nameOf, stillOpen } from '../invitations/store';
import { describeRoute } from '../openapi/describeRoute';
import type { Operation } from '../openapi/operation';
import { readTogether } from '../readTogether';
import { IsolateMemory, planFromMemory, rowUnchanged } from '../rowMemory';
import { noBody, readJson } from '../validate';
import { type AuditActor, commitWrite, GuardFailed, liveEvent } from '../write';

const answered = v.object({ state: v.picklist(['accepted', 'declined']), resellerName: v.string() });
/** Every link that cannot be used answers alike: unknown (404), or expired, revoked or used (410). */
const unusable: Operation['errors'] = { 404: ['invitation_unknown'], 410: ['invitation_expired', 'invitation_revoked', 'invitation_used'], 429: ['rate_limited'] };

/** The customer's side of an invitation (/invite/:token): no session, rate limited, single use. */
export const publicInvitationRoutes = new Hono<AppEnv>();

// One answer for every token that cannot be used, with the reason but nothing about the reseller.
const unavailable = (reason: 'unknown' | 'expired' | 'revoked' | 'used') =>
  new AppError(reason === 'unknown' ? 404 : 410, `invitation_${reason}`, 'This invitation link cannot be used.');

const clientKey = (c: Context<AppEnv>) => c.req.header('cf-connecting-ip') ?? 'local';

// Links this isolate looked up (the page's open), for the answer the same page sends next: it is
// planned from what the open found, held to it by the batch's guards, and waits for that batch alone.
const openedLinks = new IsolateMemory<FoundByToken>(1_000, 30 * 60_000);

async function openInvitation(c: Context<AppEnv>): Promise<FoundByToken> {
  // Counted and looked up at once; over the limit is the answer even when the token is known.
  const [, found] = await readTogether([assertWithinRate(database(c.env), invitationPageRule, clientKey(c)), findByToken(database(c.env), c.req.param('token') ?? '')]);
  if (!found) throw unavailable('unknown');
  const state = invitationState(found.invitation);
  if (state === 'expired' || state === 'revoked') throw unavailable(state);
  if (state !== 'pending') throw unavailable('used');
  openedLinks.set(found.tokenHash, found);
  return found;
}

/** The link to answer: as this isolate's open found it while it reads as pending, else looked up (and counted) now. */
async function linkToAnswer(c: Context<AppEnv>, fresh: boolean): Promise<{ found: FoundByToken; fromMemory: boolean }> {
  const tokenHash = fresh ? undefined : await linkHash(c.req.param('token') ?? '');
  const kept = tokenHash ? openedLinks.get(tokenHash) : undefined;
  if (kept && invitationState(kept.invitation) === 'pending') return { found: kept, fromMemory: true };
  return { found: await openInvitation(c), fromMemory: false };
}

/** A repeated open of the same link updates "last opened" at most this often; the first open always counts. */
const LAST_OPEN_EVERY_MS = 60_000;

/**
 * The customer opened a usable link: the first time is audited and both times are published, so the
 * reseller sees "geöffnet" live. Only `openInvitation`'s survivors get here: an expired, revoked or
 * answered link changes nothing.
 */
async function recordOpened(c: Context<AppEnv>, invitation: InvitationRow, customerName: string | null) {
  const first = invitation.openedAt === null;
  if (!first && Date.parse(invitation.lastOpenedAt ?? '') > Date.now() - LAST_OPEN_EVERY_MS) return;
  const now = nowIso();
  const actor: AuditActor = { resellerId: invitation.resellerId, userId: null, displayName: customerName || 'Einladungsseite' };
  const open = stillOpen(invitation.id);
  try {
    await commitWrite(c, actor, {
      // Of two first opens at once, one records it; the other finds it recorded and leaves it.
      guards: first ? [sql`(SELECT opened_at IS NULL FROM invitations WHERE id = ${invitation.id})`, open] : [open],
      statements: [
        database(c.env)
          .update(invitations)
          .set({ openedAt: sql`coalesce(${invitations.openedAt}, ${now})`, lastOpenedAt: now, version: sql`${invitations.version} + 1` })
          .where(and(eq(invitations.resellerId, invitation.resellerId), eq(invitations.id, invitation.id))),
      ],
      audit: first ? { action: 'invitation.opened', entityType: 'invitation', entityId: invitation.id, customerId: invitation.customerId, after: { openedAt: now } } : [],
      events: [liveEvent('invitation.changed', actor, { id: invitation.id, version: invitation.version + 1 }, { customerId: invitation.customerId })],
    });
  } catch (error) {
    if (!(error instanceof GuardFailed)) throw error;
  }
}

function publicView(found: Awaited<ReturnType<typeof openInvitation>>): PublicInvitation {
  const { invitation } = found;
  return {
    resellerName: found.resellerName,
    kind: invitation.kind,
    customerName: nameOf(found),
    requestedRights: invitation.requestedRights as PublicInvitation['requestedRights'],
    indirectProvider: invitation.indirectProvider,
    language: invitation.language,
    expiresAt: invitation.expiresAt,
  };
}

/** Reads what the invitation asks for; changes nothing (a GET never does). */
publicInvitationRoutes.get(
  '/:token',
  describeRoute({
    tag: 'Invitation page',
    access: 'public',
    summary: 'What the invitation asks for',
    description: 'Reads the invitation; records nothing.',
    responses: { 200: v.object({ invitation: publicInvitationOutput }) },
    errors: unusable,
  }),
  async (c) => c.json({ invitation: publicView(await openInvitation(c)) }),
);

/** The page shows the invitation to the customer: recorded as opened, and answered like the GET. */
publicInvitationRoutes.post(
  '/:token/opened',
  describeRoute({
    tag: 'Invitation page',
    access: 'public',
    summary: 'The customer opened the link',
    description:
      'What the invitation page sends when it shows the invitation: records when the customer first and last opened it (the reseller sees it live) and answers what the invitation asks for. An expired, revoked or used link records nothing.',
    responses: { 200: v.object({ invitation: publicInvitationOutput }) },
    errors: unusable,
  }),
  noBody,
  async (c) => {
    // In one batch when the link is usable; otherwise looked up first, which says why.
    const opened = await openedByLink(c);
    if (opened) return c.json({ invitation: publicView(opened) });
    const found = await openInvitation(c);
    await recordOpened(c, found.invitation, nameOf(found));
    return c.json({ invitation: publicView(found) });
  },
);

/** The customer's name as the audit and the live notice show it (`customerDisplayName`), in SQL. */
const customerNameOf = (customerId: SQL, resellerId: SQL) =>
  sql`(SELECT coalesce(nullif(c.company, ''), nullif(trim(coalesce(c.contact_first_name, '') || ' ' || coalesce(c.contact_last_name, '')), ''))
    FROM customers c WHERE c.id = ${customerId} AND c.reseller_id = ${resellerId})`;

/**
 * The open recorded in one batch, found by the link alone: the page's hit counted, the first open
 * audited, "last opened" set (at most every LAST_OPEN_EVERY_MS), the reseller's staff told, and the
 * invitation read back for the page. Undefined when the link is not usable or over the page's limit:
 * the guards stopped the batch, and the lookup first says why.
 */
async function openedByLink(c: Context<AppEnv>): Promise<FoundByToken | undefined> {
  const tokenHash = await linkHash(c.req.param('token') ?? '');
  if (!tokenHash) return undefined;
  const db = database(c.env);
  const now = nowIso();
  const link = linkOf(db, tokenHash);
  const named = and(link, sql`${invitations.state} = 'pending' AND ${invitations.expiresAt} > ${now}`);
  const due = and(named, sql`(${invitations.openedAt} IS NULL OR ${invitations.lastOpenedAt} < ${nowIso(new Date(Date.now() - LAST_OPEN_EVERY_MS))})`);
  const label = sql<string>`coalesce(${customerNameOf(sql`${invitations.customerId}`, sql`${invitations.resellerId}`)}, 'Einladungsseite')`;
  const statements = [
    countPlainHit(db, invitationPageRule, clientKey(c)),
    // Ahead of the update, which sets the time it checks.
    db.insert(auditLog).select(
      db
        .select({
          id: sql<number>`NULL`.as('id'),
          resellerId: invitations.resellerId,
          actorUserId: sql<string>`NULL`.as('actor_user_id'),
          actorLabel: label.as('actor_label'),
          action: sql<AuditAction>`${'invitation.opened' satisfies AuditAction}`.as('action'),
          entityType: sql<string>`'invitation'`.as('entity_type'),
          entityId: invitations.id,
          customerId: invitations.customerId,
          before: sql<string>`NULL`.as('before'),
          after: sql<string>`json_object('openedAt', ${now})`.as('after'),
          createdAt: sql<string>`${now}`.as('created_at'),
        })
        .from(invitations)
        .where(and(named, sql`${invitations.openedAt} IS NULL`)),
    ),
    db
      .update(invitations)
      .set({ openedAt: sql`coalesce(${invitations.openedAt}, ${now})`, lastOpenedAt: now, version: sql`${invitations.version} + 1` })
      .where(due)
      .returning({ id: invitations.id, resellerId: invitations.resellerId, version: invitations.version, customerId: invitations.customerId, label }),
    linkQuery(db, tokenHash),
  ];
  type Opened = { id: string; resellerId: string; version: number; customerId: string | null; label: string };
  const openedIn = (results: unknown[]) => (results[2] as Opened[] | undefined)?.[0];
  let results: unknown[];
  try {
    // The page acts here, for a reseller the batch finds: no staff member, no reseller known before.
    results = await commitWrite(
      c,
      { resellerId: '', userId: null, displayName: 'Einladungsseite' },
      {
        guards: [underRate(invitationPageRule, clientKey(c)), sql`EXISTS (SELECT 1 FROM ${invitations} WHERE ${named})`],
        statements,
        audit: [],
        resellerInBatch: {
          id: sql`(SELECT ${invitations.resellerId} FROM ${invitations} WHERE ${link})`,
          // Only when the update changed the invitation: it is the last write before the outbox row (the read back is a SELECT).
          when: sql`changes() > 0`,
          from: (done) => openedIn(done)?.resellerId,
        },
        events: async (done) => {
          const opened = openedIn(done);
          if (!opened) return [];
          const actor: AuditActor = { resellerId: opened.resellerId, userId: null, displayName: opened.label };
          return [liveEvent('invitation.changed', actor, { id: opened.id, version: opened.version }, { customerId: opened.customerId })];
        },
      },
    );
  } catch (error) {
    if (error instanceof GuardFailed) return undefined;
    throw error;
  }
  // A commit whose answer was lost has no results: the lookup reads it again (and records nothing twice).
  const found = foundOf((results[3] as Parameters<typeof foundOf>[0][] | undefined)?.[0], tokenHash);
  if (!found) return undefined;
  openedLinks.set(found.tokenHash, found);
  return found;
}

/**
 * How often an answer is planned again: after another acceptance took the customer number it drew
 * (each clash means another acceptance got its number, so each draw gets further: this many
 * acceptances of one reseller may land in the same instant; three failed the fourth of four with a
 * 500), or after a colleague changed the customer between its read and its batch.
 */
const ANSWER_ATTEMPTS = 20;

/** Accepting and declining share this: the guard makes the link single-use even under a race. */
async function answer(c: Context<AppEnv>, accepted: boolean): Promise<Response> {
  const resellerName = await planFromMemory(
    (fresh) => linkToAnswer(c, fresh),
    ({ found, fromMemory }) => answerFound(c, accepted, found, fromMemory),
  );
  return c.json({ state: accepted ? 'accepted' : 'declined', resellerName });
}

/** The answer planned on `found`; returns the reseller's name for the page. */
async function answerFound(c: Context<AppEnv>, accepted: boolean, found: FoundByToken, fromMemory: boolean, attempt = 1): Promise<string> {
  const { invitation } = found;
  const input = accepted ? await readJson(c, invitationAcceptInput) : undefined;
  if (input?.grantedRights.some((right) => !invitation.requestedRights.includes(right))) throw new Invalid({ grantedRights: 'not_requested' });
  if (input && invitation.kind === 'new' && !input.customer) throw new Invalid({ customer: 'required' });

  const scope = tenantScope(c.env, { resellerId: invitation.resellerId });
  const now = nowIso();
  // The customer and the next number came with the link (held to them by guards and the unique index).
  const existing = invitation.customerId ? found.customer : undefined;
  const customerNumber = found.nextCustomerNumber;
  let customer: Customer | undefined;
  const statements: BatchItem<'sqlite'>[] = [];
  if (input && invitation.kind === 'new' && input.customer && customerNumber) {
    const { customer: data } = input;
    customer = newCustomer(
      { ...data, customerNumber, microsoftId: '', customFields: {} },
      { relationshipState: 'active', grantedRights: input.grantedRights, rightsToReview: true, indirectProvider: invitation.indirectProvider },
    );
    statements.push(...insertCustomerStatements(scope, customer));
  } else if (existing) {
    customer = accepted
      ? { ...existing, relationshipState: 'active', grantedRights: input!.grantedRights, rightsToReview: true, indirectProvider: invitation.indirectProvider }
      : { ...existing, relationshipState: existing.relationshipState === 'pending' ? 'none' : existing.relationshipState };
    customer = { ...customer, version: existing.version + 1, updatedAt: now };
    const { relationshipState, grantedRights, rightsToReview, indirectProvider, version } = customer;
    statements.push(
      scope.db
        .update(customers)
        .set({ relationshipState, grantedRights, rightsToReview, indirectProvider, version, updatedAt: now })
        .where(scope.where(customers, eq(customers.id, existing.id))),
    );
  }
  // After the customer's row: a new customer must exist before the invitation points at it.
  statements.push(
    scope.db
      .update(invitations)
      .set({
        state: accepted ? 'accepted' : 'declined',
        grantedRights: input?.grantedRights ?? null,
        customerId: customer?.id ?? invitation.customerId,
        respondedAt: now,
        version: sql`${invitations.version} + 1`,
        updatedAt: now,
      })
      .where(eq(invitations.id, invitation.id)),
  );

  const customerName = customer ? customerDisplayName(customer) : '';
  // The customer acts here, not a staff member; the audit and the live notice name it.
  const actor: AuditActor = { resellerId: invitation.resellerId, userId: null, displayName: customerName || 'Einladungsseite' };
  const kind = accepted ? 'invitation.accepted' : 'invitation.declined';
  // Kept in the outbox as they are (the acceptance notice must reach colleagues even if this isolate
  // dies after the commit), so the customer they show is held to the row read by a guard.
  const events: LiveEvent[] = [];
  if (customer) events.push(liveEvent(invitation.kind === 'new' ? 'customer.created' : 'customer.updated', actor, customer, customer));
  events.push(liveEvent(kind, actor, { id: invitation.id }, { customerId: customer?.id ?? null, customerName, grantedRights: input?.grantedRights ?? [] }));
  const db = database(c.env);
  // Planned from the open's lookup, the request counts its hit on the page's limit inside the batch.
  const counted = fromMemory
    ? { guards: [underRate(invitationPageRule, clientKey(c))], statements: [countPlainHit(db, invitationPageRule, clientKey(c))] }
    : { guards: [], statements: [] };
  try {
    await commitWrite(c, actor, {
      guards: [stillOpen(invitation.id), linkUnchanged(db, found), ...(existing ? [rowUnchanged(customers, existing)] : []), ...counted.guards],
      statements: [...counted.statements, ...statements],
      audit: [
        { action: kind, entityType: 'invitation', entityId: invitation.id, customerId: customer?.id ?? null, after: { grantedRights: input?.grantedRights ?? [] } },
        ...(customer && accepted
          ? [
              {
                action: invitation.kind === 'new' ? ('customer.created' as const) : ('customer.relationship_activated' as const),
                entityType: 'customer',
                entityId: customer.id,
                customerId: customer.id,
                before: existing ?? null,
                after: customer,
              },
            ]
          : []),
      ],
      events,
    });
  } catch (error) {
    // A new customer accepted at the same moment drew the same next number.
    const numberTaken = String(error).includes('customers.customer_number');
    if (!(error instanceof GuardFailed) && !numberTaken) throw error;
    // Planned from memory: planned again from a fresh lookup (planFromMemory), which also says why.
    if (fromMemory) throw new GuardFailed();
    // Answered, revoked or expired meanwhile: the answer the link now gets (openInvitation throws it).
    // Still open: a colleague changed the customer, or the number was taken; planned again as it is now.
    const again = await openInvitation(c);
    if (attempt < ANSWER_ATTEMPTS) return answerFound(c, accepted, again, false, attempt + 1);
    if (numberTaken) throw error;
    throw unavailable('used');
  }
  return found.resellerName;
}

publicInvitationRoutes.post(
  '/:token/accept',
  describeRoute({
    tag: 'Invitation page',
    access: 'public',
    summary: 'Accept, granting some or all of the rights asked for',
    description: 'A new customer also sends its master data as `customer`.',
    body: invitationAcceptInput,
    responses: { 200: answered },
    errors: unusable,
  }),
  (c) => answer(c, true),
);
publicInvitationRoutes.post(
  '/:token/decline',
  describeRoute({
    tag: 'Invitation page',
    access: 'public',
    summary: 'Decline',
    responses: { 200: answered },
    errors: unusable,
  }),
  noBody,
  (c) => answer(c, false),
);
