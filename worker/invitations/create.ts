import { eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Customer } from '../../schema/customers';
import type { InvitationCreateInput } from '../../schema/invitations';
import type { LiveEvent } from '../../schema/realtime';
import { customers, invitations, resellers } from '../../schema/tables';
import { newId, nowIso, type TenantScope } from '../db';
import { IsolateMemory } from '../rowMemory';
import { type AuditActor, type AuditEntry, liveEvent } from '../write';

export interface InvitationTerms {
  indirectProvider: string;
  invitationDays: number;
}

export async function resellerTerms(scope: TenantScope): Promise<InvitationTerms> {
  const row = await scope.db
    .select({ indirectProvider: resellers.indirectProvider, invitationDays: resellers.invitationDays })
    .from(resellers)
    .where(eq(resellers.id, scope.resellerId))
    .get();
  const terms = row ?? { indirectProvider: '', invitationDays: 14 };
  rememberedTerms.set(scope.resellerId, terms);
  return terms;
}

// The terms this isolate read last per reseller (the invite dialog reads them first), so an invitation
// need not read them again: its batch holds them by a guard (Settings may change them meanwhile).
const rememberedTerms = new IsolateMemory<InvitationTerms>(1_000, 30 * 60_000);

/** The reseller's terms for an invitation: from memory, or read; `unchanged` holds the batch to them. */
export async function termsForWrite(scope: TenantScope, options: { fresh?: boolean } = {}) {
  const kept = options.fresh ? undefined : rememberedTerms.get(scope.resellerId);
  const terms = kept ?? (await resellerTerms(scope));
  const unchanged = sql`EXISTS (SELECT 1 FROM ${resellers} WHERE ${resellers.id} = ${scope.resellerId} AND ${resellers.indirectProvider} = ${terms.indirectProvider} AND ${resellers.invitationDays} = ${terms.invitationDays})`;
  return { terms, unchanged, fromMemory: kept !== undefined };
}

/** Pending invitations of the customer other than `keep` are superseded: one open link per customer. */
function supersedeOthers(scope: TenantScope, customerId: string, keep: string) {
  return scope.db
    .update(invitations)
    .set({ state: 'revoked', version: sql`${invitations.version} + 1`, updatedAt: nowIso() })
    .where(scope.where(invitations, eq(invitations.customerId, customerId), eq(invitations.state, 'pending'), sql`${invitations.id} <> ${keep}`));
}

/**
 * The writes of one invitation (the route's, and each customer's in a bulk invite job): the invitation,
 * the customer's other open links superseded, the customer marked pending, its audit row and events.
 * The caller checks the rules first (not active, an indirect provider when asked for). The customer's
 * version moves on in SQL (a colleague's change committing first must not leave two states with one
 * version); `customerChanged` names it, so the caller reads it for colleagues after the commit.
 */
export function invitationPlan(
  scope: TenantScope,
  actor: AuditActor & { apiTokenId?: string },
  options: { input: Omit<InvitationCreateInput, 'customerId'>; terms: InvitationTerms; customer?: Customer; tokenHash: string; expiresAt: string },
): { id: string; statements: BatchItem<'sqlite'>[]; audit: AuditEntry; events: LiveEvent[]; customerChanged?: string } {
  const { input, terms, customer, tokenHash, expiresAt } = options;
  const id = newId('inv');
  const statements: BatchItem<'sqlite'>[] = [
    scope.db.insert(invitations).values({
      id,
      resellerId: actor.resellerId,
      kind: customer ? 'existing' : 'new',
      customerId: customer?.id ?? null,
      tokenHash,
      requestedRights: input.requestedRights,
      includeIndirectProvider: input.includeIndirectProvider,
      indirectProvider: input.includeIndirectProvider ? terms.indirectProvider : null,
      language: input.language,
      // An API token is no staff member: the invitation names the token, but links to no user.
      sentByUserId: actor.apiTokenId ? null : actor.userId,
      sentByName: actor.displayName,
      expiresAt,
    }),
  ];
  const events: LiveEvent[] = [liveEvent('invitation.changed', actor, { id, version: 1 }, { customerId: customer?.id ?? null })];
  const customerChanged = customer && customer.relationshipState !== 'pending' ? customer.id : undefined;
  if (customer) statements.push(supersedeOthers(scope, customer.id, id));
  if (customerChanged) {
    statements.push(
      scope.db
        .update(customers)
        .set({ relationshipState: 'pending', version: sql`${customers.version} + 1`, updatedAt: nowIso() })
        .where(scope.where(customers, eq(customers.id, customerChanged))),
    );
  }
  return {
    id,
    customerChanged,
    statements,
    audit: {
      action: 'invitation.created',
      entityType: 'invitation',
      entityId: id,
      customerId: customer?.id ?? null,
      after: { requestedRights: input.requestedRights, includeIndirectProvider: input.includeIndirectProvider, expiresAt },
    },
    events,
  };
}
