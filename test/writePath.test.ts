import { createExecutionContext, env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tags } from '../schema/tables';
import { tenantScope } from '../worker/db';
import { commitWrite, GuardFailed } from '../worker/write';
import { countRows, createReseller, createUser } from './fixtures';

const writeContext = { env, executionCtx: createExecutionContext() };

describe('the write path', () => {
  it('writes the change and its audit row together, or neither when a statement in the batch fails', async () => {
    const reseller = await createReseller();
    const user = await createUser(reseller, 'owner');
    const scope = tenantScope(env, { resellerId: reseller.id });
    const actor = { resellerId: reseller.id, userId: user.id, displayName: user.displayName };
    const tag = { id: 'tag_atomic', resellerId: reseller.id, name: 'Atom', nameKey: 'atom' };

    await expect(
      commitWrite(writeContext, actor, {
        // The second insert repeats the primary key and fails after the first one ran.
        statements: [scope.db.insert(tags).values(tag), scope.db.insert(tags).values({ ...tag, name: 'Atom 2', nameKey: 'atom 2' })],
        audit: { action: 'tag.created', entityType: 'tag', entityId: tag.id },
      }),
    ).rejects.toThrow();
    expect(await countRows('tags', 'id = ?', tag.id)).toBe(0);
    expect(await countRows('audit_log', "entity_id = ? AND action = 'tag.created'", tag.id)).toBe(0);

    await commitWrite(writeContext, actor, { statements: [scope.db.insert(tags).values(tag)], audit: { action: 'tag.created', entityType: 'tag', entityId: tag.id } });
    expect(await countRows('tags', 'id = ?', tag.id)).toBe(1);
    expect(await countRows('audit_log', "entity_id = ? AND action = 'tag.created'", tag.id)).toBe(1);
  });

  it('aborts the whole batch when a guard does not hold', async () => {
    const reseller = await createReseller();
    const user = await createUser(reseller, 'owner');
    const scope = tenantScope(env, { resellerId: reseller.id });
    const actor = { resellerId: reseller.id, userId: user.id, displayName: user.displayName };
    const tag = { id: 'tag_guarded', resellerId: reseller.id, name: 'Guard', nameKey: 'guard' };
    await expect(
      commitWrite(writeContext, actor, {
        guards: [sql`1 = 0`],
        statements: [scope.db.insert(tags).values(tag)],
        audit: { action: 'tag.created', entityType: 'tag', entityId: tag.id },
      }),
    ).rejects.toBeInstanceOf(GuardFailed);
    expect(await countRows('tags', 'id = ?', tag.id)).toBe(0);
    expect(await countRows('audit_log', 'entity_id = ?', tag.id)).toBe(0);
  });
});
