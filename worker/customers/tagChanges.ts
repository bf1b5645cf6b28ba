import { and, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { AuditAction } from '../../schema/auditActions';
import { auditLog, customers, customerTags } from '../../schema/tables';
import { nowIso, type TenantScope } from '../db';
import type { AuditActor } from '../write';
import { refreshTagsSort } from './rows';

/**
 * Adds and removes tags on up to 80 customers (one statement's worth of ids): tag rows, sort keys,
 * versions, and one `customer.tags_changed` audit row per customer. Shared by the bulk tag route and
 * the bulk tag jobs (worker/jobs/customerKinds.ts).
 */
export function tagChangeStatements(scope: TenantScope, actor: AuditActor, chunk: string[], addTagIds: string[], removeTagIds: string[], change: string): BatchItem<'sqlite'>[] {
  const statements: BatchItem<'sqlite'>[] = [];
  for (const tagId of addTagIds) {
    statements.push(
      scope.db
        .insert(customerTags)
        .select(
          scope.db
            .select({ resellerId: customers.resellerId, customerId: customers.id, tagId: sql<string>`${tagId}`.as('tag_id') })
            .from(customers)
            .where(scope.where(customers, inArray(customers.id, chunk))),
        )
        .onConflictDoNothing(),
    );
  }
  if (removeTagIds.length > 0) {
    statements.push(scope.db.delete(customerTags).where(and(scope.where(customerTags, inArray(customerTags.customerId, chunk)), inArray(customerTags.tagId, removeTagIds))));
  }
  statements.push(refreshTagsSort(scope, chunk));
  statements.push(
    scope.db
      .update(customers)
      .set({ version: sql`${customers.version} + 1`, updatedAt: nowIso() })
      .where(scope.where(customers, inArray(customers.id, chunk))),
  );
  statements.push(
    scope.db.insert(auditLog).select(
      scope.db
        .select({
          id: sql<number>`NULL`.as('id'),
          resellerId: customers.resellerId,
          actorUserId: sql<string>`${actor.userId}`.as('actor_user_id'),
          actorLabel: sql<string>`${actor.displayName}`.as('actor_label'),
          action: sql<AuditAction>`${'customer.tags_changed' satisfies AuditAction}`.as('action'),
          entityType: sql<string>`'customer'`.as('entity_type'),
          entityId: customers.id,
          customerId: customers.id,
          before: sql<string>`NULL`.as('before'),
          after: sql<string>`${change}`.as('after'),
          createdAt: sql<string>`${nowIso()}`.as('created_at'),
        })
        .from(customers)
        .where(scope.where(customers, inArray(customers.id, chunk))),
    ),
  );
  return statements;
}
