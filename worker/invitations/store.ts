import { and, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { customerDisplayName } from '../../schema/customers';
import type { CustomerRight, Invitation, InvitationState } from '../../schema/invitations';
import { customers, invitationReminders, invitations, resellers } from '../../schema/tables';
import { randomToken, sha256Hex } from '../auth/crypto';
import { customerRowFromJson, rowAsJson } from '../customers/deleteUndo';
import { customerFromRow, nextCustomerNumberSql, tagsJsonOf } from '../customers/rows';
import type { Database, TenantScope } from '../db';
import { NotFound } from '../errors';
import { rememberRows } from '../rowMemory';

export type InvitationRow = typeof invitations.$inferSelect;

const DAY_MS = 86_400_000;

/** A pending invitation past its date reads as expired; nothing has to run at midnight. */
export function invitationState(row: Pick<InvitationRow, 'state' | 'expiresAt'>, now = new Date().toISOString()): InvitationState {
  return row.state === 'pending' && row.expiresAt <= now ? 'expired' : row.state;
}

/** The SQL form of `invitationState` for list filters. */
export function stateCondition(state: InvitationState, now: string): SQL {
  if (state === 'expired') return and(eq(invitations.state, 'pending'), lt(invitations.expiresAt, now)) as SQL;
  if (state === 'pending') return and(eq(invitations.state, 'pending'), gte(invitations.expiresAt, now)) as SQL;
  return eq(invitations.state, state);
}

export function toInvitation(row: InvitationRow, customerName: string | null): Invitation {
  return {
    id: row.id,
    kind: row.kind,
    customerId: row.customerId,
    customerName,
    state: invitationState(row),
    requestedRights: row.requestedRights as CustomerRight[],
    grantedRights: (row.grantedRights as CustomerRight[] | null) ?? null,
    includeIndirectProvider: row.includeIndirectProvider,
    indirectProvider: row.indirectProvider,
    language: row.language,
    sentBy: row.sentByName,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    respondedAt: row.respondedAt,
    openedAt: row.openedAt,
    lastOpenedAt: row.lastOpenedAt,
    lastRemindedAt: row.lastRemindedAt,
    lastRemindedBy: row.lastRemindedBy,
    reminderCount: row.reminderCount,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/** The invitation columns plus the customer's display name (null for a "new" one not yet accepted). */
export const invitationWithCustomer = {
  invitation: invitations,
  company: customers.company,
  contactFirstName: customers.contactFirstName,
  contactLastName: customers.contactLastName,
};

export function nameOf(row: { company: string | null; contactFirstName: string | null; contactLastName: string | null }): string | null {
  if (row.company === null && row.contactLastName === null) return null;
  return customerDisplayName({ company: row.company ?? '', contactFirstName: row.contactFirstName ?? '', contactLastName: row.contactLastName ?? '' });
}

/** One invitation of the reseller with its customer's name, as a query (a write's batch reads it back). */
export const invitationWithName = (scope: TenantScope, id: string) =>
  scope.db
    .select(invitationWithCustomer)
    .from(invitations)
    .leftJoin(customers, eq(customers.id, invitations.customerId))
    .where(scope.where(invitations, eq(invitations.id, id)));

export async function loadInvitation(scope: TenantScope, id: string): Promise<Invitation> {
  const row = await invitationWithName(scope, id).get();
  if (!row) throw new NotFound();
  rememberRows(scope, invitations, [row.invitation]);
  return toInvitation(row.invitation, nameOf(row));
}

/** A fresh link secret: 256 random bits, of which only the SHA-256 is stored. */
export async function newInvitationToken(days: number, now = Date.now()) {
  const token = randomToken(32);
  return { token, tokenHash: await sha256Hex(token), expiresAt: new Date(now + days * DAY_MS).toISOString() };
}

/** The public page's link; the token travels only in this URL. */
export function invitationUrl(requestUrl: string, token: string): string {
  return `${new URL(requestUrl).origin}/invite/${token}`;
}

/** The links that name an invitation: its first link's hash, or a reminder's. */
export const linkOf = (db: Database, hash: string) =>
  or(
    eq(invitations.tokenHash, hash),
    inArray(invitations.id, db.select({ id: invitationReminders.invitationId }).from(invitationReminders).where(eq(invitationReminders.tokenHash, hash))),
  );

/**
 * The invitation a link points to (the first link, or a reminder's), with its reseller, and what an
 * answer needs: the customer it names (with its tags) or, for a new customer, the next free number.
 * Unknown tokens find nothing.
 */
export async function findByToken(db: Database, token: string) {
  const tokenHash = await linkHash(token);
  if (!tokenHash) return undefined;
  return foundOf(await linkQuery(db, tokenHash).get(), tokenHash);
}

/** The hash a link's token is stored by; none for what cannot be a token. */
export const linkHash = async (token: string) => (/^[A-Za-z0-9_-]{20,100}$/.test(token) ? sha256Hex(token) : undefined);

/**
 * What `findByToken` reads, as a query (a write's batch reads it back). Besides the invitation's own
 * columns every name is unique (a batch's rows come back keyed by column name): the customer as JSON.
 */
export function linkQuery(db: Database, tokenHash: string) {
  return db
    .select({
      invitation: invitations,
      company: sql<string | null>`${customers.company}`.as('customer_company'),
      contactFirstName: sql<string | null>`${customers.contactFirstName}`.as('customer_first_name'),
      contactLastName: sql<string | null>`${customers.contactLastName}`.as('customer_last_name'),
      customerJson: sql<
        string | null
      >`(SELECT ${rowAsJson(customers, 'c')} FROM customers c WHERE c.id = ${invitations.customerId} AND c.reseller_id = ${invitations.resellerId})`.as('customer_json'),
      tags: tagsJsonOf(sql`${invitations.customerId}`).as('customer_tags'),
      // Only a new customer's invitation draws a number (CASE reads the subquery only then).
      nextCustomerNumber: sql<string | null>`CASE WHEN ${invitations.kind} = 'new' THEN ${nextCustomerNumberSql(sql`${invitations.resellerId}`)} END`.as('next_customer_number'),
      resellerName: sql<string>`${resellers.name}`.as('reseller_name'),
      resellerProvider: sql<string | null>`${resellers.indirectProvider}`.as('reseller_provider'),
    })
    .from(invitations)
    .innerJoin(resellers, eq(resellers.id, invitations.resellerId))
    .leftJoin(customers, and(eq(customers.id, invitations.customerId), eq(customers.resellerId, invitations.resellerId)))
    .where(linkOf(db, tokenHash));
}

/** The row `linkQuery` read, as `findByToken` answers it. */
export function foundOf(found: Awaited<ReturnType<ReturnType<typeof linkQuery>['get']>>, tokenHash: string) {
  if (!found) return undefined;
  const { customerJson, ...rest } = found;
  const customer = customerJson ? customerFromRow({ customer: customerRowFromJson(JSON.parse(customerJson)), tags: found.tags }) : undefined;
  return { ...rest, tokenHash, customer };
}

export type FoundByToken = NonNullable<Awaited<ReturnType<typeof findByToken>>>;

/** A guard of an answer planned on `found`: the link still names that invitation, with the same customer. */
export const linkUnchanged = (db: Database, found: FoundByToken): SQL =>
  sql`EXISTS (SELECT 1 FROM ${invitations} WHERE ${invitations.id} = ${found.invitation.id} AND ${invitations.customerId} IS ${found.invitation.customerId} AND ${linkOf(db, found.tokenHash)})`;

/** The guard of every answer to an invitation: still pending and not expired when the batch runs. */
export const stillOpen = (id: string) => sql`(SELECT state = 'pending' AND expires_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM invitations WHERE id = ${id})`;
