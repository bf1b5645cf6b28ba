import * as v from 'valibot';

/** One row of the activity log as the API returns it. */
export const auditEntry = v.object({
  id: v.number(),
  createdAt: v.string(),
  actorUserId: v.nullable(v.string()),
  actorLabel: v.string(),
  action: v.string(),
  entityType: v.string(),
  entityId: v.string(),
  customerId: v.nullable(v.string()),
  before: v.unknown(),
  after: v.unknown(),
});
export type AuditEntry = v.InferOutput<typeof auditEntry>;
