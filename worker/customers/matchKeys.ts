// The duplicate keys of a customer (schema/duplicateKeys.js), written in the same batch as every change
// of its fields, so the next customer entered is compared with what is committed.
import { eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { type MatchKey, customerMatchKeys as matchKeysOf } from '../../schema/duplicateKeys.js';
import { customerMatchKeys, type customers } from '../../schema/tables';
import type { TenantScope } from '../db';

export { type MatchKey, matchKeysOf };

/** Replace one customer's keys (at most seven rows: one e-mail, two phones, three domains, one name). */
export function matchKeyStatements(scope: TenantScope, customer: typeof customers.$inferSelect): BatchItem<'sqlite'>[] {
  const keys = matchKeysOf(customer);
  const statements: BatchItem<'sqlite'>[] = [scope.db.delete(customerMatchKeys).where(eq(customerMatchKeys.customerId, customer.id))];
  if (keys.length > 0) {
    statements.push(
      scope.db
        .insert(customerMatchKeys)
        .values(keys.map((key) => ({ resellerId: scope.resellerId, kind: key.kind, key: key.key, customerId: customer.id })))
        .onConflictDoNothing(),
    );
  }
  return statements;
}
