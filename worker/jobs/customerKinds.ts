import { eq, inArray, sql } from 'drizzle-orm';
import type { InvitationCreateInput } from '../../schema/invitations';
import { type JobItemReason, jobKindPermissions } from '../../schema/jobs';
import { customers, tags } from '../../schema/tables';
import { type ArchiveChange, archiveChange } from '../customers/archive';
import { loadCustomers } from '../customers/rows';
import { tagChangeStatements } from '../customers/tagChanges';
import type { TenantScope } from '../db';
import { nowIso } from '../db';
import { invitationPlan, resellerTerms } from '../invitations/create';
import { newInvitationToken } from '../invitations/store';
import { liveEvent } from '../write';
import { type ChunkPlan, defineJobKind } from './registry';

/** Customers per chunk: 50 keeps every statement under D1's 100 bound parameters and a batch small. */
export const CUSTOMER_CHUNK = 50;

export interface TagJobParams {
  tagId: string;
  tagName: string;
}

/** The chunk's customers still there (deleted ones are reported as not found) and a guard that they stay. */
export async function chunkCustomers(scope: TenantScope, ids: string[]) {
  const found = await loadCustomers(scope, ids);
  const guard = sql`(SELECT count(*) FROM ${customers} WHERE ${scope.where(
    customers,
    inArray(
      customers.id,
      found.map((customer) => customer.id),
    ),
  )}) = ${found.length}`;
  return { found, guard };
}

function tagKind<Kind extends 'customers.tag' | 'customers.untag'>(kind: Kind) {
  const adding = kind === 'customers.tag';
  return defineJobKind<TagJobParams, Kind>({
    kind,
    permission: jobKindPermissions[kind],
    chunkSize: CUSTOMER_CHUNK,
    async processChunk({ scope, actor, params }, ids): Promise<ChunkPlan> {
      const outcomes = new Map<string, JobItemReason | null>(ids.map((id) => [id, 'not_found']));
      const tag = await scope.db
        .select({ id: tags.id })
        .from(tags)
        .where(scope.where(tags, eq(tags.id, params.tagId)))
        .get();
      if (!tag) return { outcomes: new Map(ids.map((id) => [id, 'tag_deleted'])), statements: [] };
      const { found, guard } = await chunkCustomers(scope, ids);
      const changed: string[] = [];
      for (const customer of found) {
        const carries = customer.tags.some((carried) => carried.id === tag.id);
        if (!adding && !carries) outcomes.set(customer.id, 'not_tagged');
        else {
          outcomes.set(customer.id, null);
          changed.push(customer.id);
        }
      }
      if (changed.length === 0) return { outcomes, statements: [] };
      const change = JSON.stringify({ added: adding ? [params.tagName] : [], removed: adding ? [] : [params.tagName] });
      return {
        outcomes,
        // The tag and the customers still there when the batch runs; otherwise the step re-reads.
        guards: [guard, sql`EXISTS (SELECT 1 FROM ${tags} WHERE ${tags.id} = ${tag.id})`],
        statements: tagChangeStatements(scope, actor, changed, adding ? [tag.id] : [], adding ? [] : [tag.id], change),
        events: async () => (await loadCustomers(scope, changed)).map((customer) => liveEvent('customer.updated', actor, customer, customer)),
      };
    },
  });
}

export const tagJob = tagKind('customers.tag');
export const untagJob = tagKind('customers.untag');

export type InviteJobParams = Omit<InvitationCreateInput, 'customerId'>;

/**
 * Invites each customer as the single invitation does (worker/invitations/create.ts). A customer with
 * an active relationship, an open invitation or in the archive is refused with that reason; the others are invited.
 * Links are secrets shown once and stored only as hashes: staff send each one from the Invitations
 * page (Resend makes a fresh link and the e-mail draft).
 */
export const inviteJob = defineJobKind<InviteJobParams, 'customers.invite'>({
  kind: 'customers.invite',
  permission: jobKindPermissions['customers.invite'],
  chunkSize: CUSTOMER_CHUNK,
  async processChunk({ scope, actor, params }, ids): Promise<ChunkPlan> {
    const terms = await resellerTerms(scope);
    if (params.includeIndirectProvider && !terms.indirectProvider) return { outcomes: new Map(ids.map((id) => [id, 'no_indirect_provider'])), statements: [] };
    const outcomes = new Map<string, JobItemReason | null>(ids.map((id) => [id, 'not_found']));
    const { found } = await chunkCustomers(scope, ids);
    const invitable = [];
    for (const customer of found) {
      const refusal = customer.archivedAt
        ? 'customer_archived'
        : customer.relationshipState === 'active'
          ? 'relationship_active'
          : customer.relationshipState === 'pending'
            ? 'invitation_pending'
            : null;
      outcomes.set(customer.id, refusal);
      if (!refusal) invitable.push(customer);
    }
    if (invitable.length === 0) return { outcomes, statements: [] };
    const plans: ReturnType<typeof invitationPlan>[] = [];
    for (const customer of invitable) {
      const { tokenHash, expiresAt } = await newInvitationToken(params.expiresInDays ?? terms.invitationDays);
      plans.push(invitationPlan(scope, actor, { input: params, terms, customer, tokenHash, expiresAt }));
    }
    const invitedIds = invitable.map((customer) => customer.id);
    return {
      outcomes,
      // Still there and still without a relationship or an open invitation when the batch runs.
      guards: [
        sql`(SELECT count(*) FROM ${customers} WHERE ${scope.where(customers, inArray(customers.id, invitedIds))} AND ${customers.relationshipState} NOT IN ('active', 'pending') AND ${customers.archivedAt} IS NULL) = ${invitedIds.length}`,
      ],
      statements: plans.flatMap((plan) => plan.statements),
      audit: plans.map((plan) => plan.audit),
      // The customers marked pending, as committed (their versions moved on in SQL): one read for the chunk.
      events: async () => {
        const changed = await loadCustomers(
          scope,
          plans.flatMap((plan) => (plan.customerChanged ? [plan.customerChanged] : [])),
        );
        return [...plans.flatMap((plan) => plan.events), ...changed.map((customer) => liveEvent('customer.updated', actor, customer, customer))];
      },
    };
  },
});

/**
 * Archives each customer through the archive module's own change (worker/customers/archive.ts):
 * the same guard, audit row (`customer.archived`) and live event as archiving one. An archived one
 * is reported as `already_archived`.
 */
export const archiveJob = defineJobKind<Record<string, never>, 'customers.archive'>({
  kind: 'customers.archive',
  permission: jobKindPermissions['customers.archive'],
  chunkSize: CUSTOMER_CHUNK,
  async processChunk({ scope, actor }, ids): Promise<ChunkPlan> {
    const outcomes = new Map<string, JobItemReason | null>(ids.map((id) => [id, 'not_found']));
    const { found } = await chunkCustomers(scope, ids);
    const at = nowIso();
    const changes: ArchiveChange[] = [];
    for (const customer of found) {
      if (customer.archivedAt) {
        outcomes.set(customer.id, 'already_archived');
        continue;
      }
      outcomes.set(customer.id, null);
      changes.push(archiveChange(scope, actor, customer, true, at));
    }
    return {
      outcomes,
      guards: changes.flatMap((change) => change.guards),
      statements: changes.flatMap((change) => change.statements),
      audit: changes.map((change) => change.audit),
      events: async () => changes.flatMap((change) => change.events),
    };
  },
});
