import { eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { Hono } from 'hono';
import * as v from 'valibot';
import { pageQuery } from '../../schema/common';
import { tagNameKey } from '../../schema/customerOrder';
import { customers, customerTags, tags } from '../../schema/tables';
import { type Tag, tagInput, tagOutputFull, tagUpdateInput } from '../../schema/tags';
import { currentActor, requirePermission } from '../auth/guards';
import { refreshTagsSort } from '../customers/rows';
import { newId, nowIso, type TenantScope, tenantScope } from '../db';
import type { AppEnv } from '../env';
import { Conflict, NotFound, VersionConflict } from '../errors';
import { describeList, describeRoute } from '../openapi/describeRoute';
import { pageHandler, sortKey, tableList } from '../pagination';
import { changeRow, rememberRows } from '../rowMemory';
import { noBody, readJson } from '../validate';
import { commitWrite, GuardFailed, liveEvent, readBack, stillExists } from '../write';

export const tagRoutes = new Hono<AppEnv>();

// Through the (reseller, tag) index: the table's primary key starts with the customer, so tag_id alone would scan it whole.
const customerCount = sql<number>`(SELECT count(*) FROM ${customerTags} ct WHERE ct.reseller_id = tags.reseller_id AND ct.tag_id = tags.id)`;
const nameTaken = () => new Conflict('tag_name_taken', 'A tag with this name already exists.', { fields: { name: 'tag_name_taken' } });
// Customers that carry the tag, for keeping their sort keys right after a rename or delete.
const customersWithTag = (tagId: string) => sql`${customers.id} IN (SELECT customer_id FROM customer_tags WHERE tag_id = ${tagId})`;

const tagFields = { id: tags.id, name: tags.name, color: tags.color, version: tags.version, customerCount };

async function loadTag(scope: TenantScope, id: string): Promise<Tag> {
  const row = await scope.db
    .select(tagFields)
    .from(tags)
    .where(scope.where(tags, eq(tags.id, id)))
    .get();
  if (!row) throw new NotFound();
  return row;
}

type TagRow = typeof tags.$inferSelect;
/** A tag's own fields (how many customers carry it is not part of a change of it). */
const ownFields = ({ id, name, color, version }: Pick<TagRow, 'id' | 'name' | 'color' | 'version'>) => ({ id, name, color, version });

/** By name regardless of case, along the unique (reseller, name key) index. */
export const tagList = tableList<object, Tag & { nameKey: string; updatedAt: string }, Tag>({
  table: tags,
  fields: { ...tagFields, nameKey: tags.nameKey, updatedAt: tags.updatedAt },
  order: () => ({ keys: [sortKey(tags.nameKey, 'nameKey'), sortKey(tags.id, 'id')] }),
  item: ({ nameKey: _n, updatedAt: _u, ...tag }) => tag,
  // Renamed or deleted from this list: planned without reading the tag again.
  seen: (scope, rows) =>
    rememberRows(
      scope,
      tags,
      rows.map(({ customerCount: _c, ...row }) => row),
    ),
});

/** The tag as the API shows it, read back at the end of a write's batch. */
const tagReadBack = (scope: TenantScope, id: string) =>
  readBack<Tag>(
    () =>
      scope.db
        .select(tagFields)
        .from(tags)
        .where(scope.where(tags, eq(tags.id, id))) as unknown as BatchItem<'sqlite'> & { all(): Promise<Tag[]> },
  );

const oneTag = v.object({ tag: tagOutputFull });

tagRoutes.get(
  '/',
  describeList({ tag: 'Tags', summary: 'List tags by name, with their customer counts', item: tagOutputFull }),
  requirePermission('customers.read'),
  pageHandler(tagList, pageQuery),
);

tagRoutes.post(
  '/',
  describeRoute({ tag: 'Tags', summary: 'Create a tag', body: tagInput, responses: { 201: oneTag }, errors: { 409: ['tag_name_taken'] } }),
  requirePermission('customers.write'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const input = await readJson(c, tagInput);
    // No read first: a name in use (any case) stops the batch at the unique (reseller, name key) index.
    const tag: Tag = { id: newId('tag'), name: input.name, color: input.color, version: 1, customerCount: 0 };
    const now = nowIso();
    const stored: TagRow = {
      id: tag.id,
      resellerId: actor.resellerId,
      name: tag.name,
      nameKey: tagNameKey(tag.name),
      color: tag.color,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await commitWrite(c, actor, {
        statements: [scope.db.insert(tags).values(stored)],
        audit: { action: 'tag.created', entityType: 'tag', entityId: tag.id, after: tag },
        events: [liveEvent('tag.created', actor, tag, tag)],
      });
    } catch (error) {
      if (String(error).includes('tags.name_key')) throw nameTaken();
      throw error;
    }
    rememberRows(scope, tags, [stored]);
    return c.json({ tag }, 201);
  },
);

tagRoutes.patch(
  '/:id',
  describeRoute({ tag: 'Tags', summary: 'Rename or recolour a tag', body: tagUpdateInput, responses: { 200: oneTag }, errors: { 409: ['tag_name_taken'] } }),
  requirePermission('customers.write'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const input = await readJson(c, tagUpdateInput);
    const conflict = async (id: string) => new VersionConflict('this tag', await loadTag(scope, id));
    const tag = await changeRow(scope, tags, c.req.param('id'), input.version, async (found) => {
      const current = ownFields(found.row);
      if (current.version !== input.version) throw await conflict(current.id);
      const next = { ...current, name: input.name ?? current.name, color: input.color ?? current.color, version: current.version + 1 };
      const stored = { ...found.row, ...next, nameKey: tagNameKey(next.name), updatedAt: nowIso() };
      const answer = tagReadBack(scope, current.id);
      let results: unknown[];
      try {
        results = await commitWrite(c, actor, {
          guards: [found.unchanged],
          statements: [
            scope.db
              .update(tags)
              .set({ name: stored.name, nameKey: stored.nameKey, color: stored.color, version: stored.version, updatedAt: stored.updatedAt })
              .where(scope.where(tags, eq(tags.id, current.id))),
            refreshTagsSort(scope, customersWithTag(current.id)),
            answer.statement,
          ],
          audit: { action: 'tag.updated', entityType: 'tag', entityId: current.id, before: current, after: next },
          events: [liveEvent('tag.updated', actor, next, next)],
        });
      } catch (error) {
        if (error instanceof GuardFailed && !found.fromMemory) throw await conflict(current.id);
        if (String(error).includes('tags.name_key')) throw nameTaken();
        throw error;
      }
      rememberRows(scope, tags, [stored]);
      return (await answer.first(results)) ?? { ...next, customerCount: 0 };
    });
    return c.json({ tag });
  },
);

tagRoutes.delete(
  '/:id',
  describeRoute({ tag: 'Tags', summary: 'Delete a tag (customers lose it)', responses: { 204: null } }),
  requirePermission('customers.write'),
  noBody,
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    await changeRow(scope, tags, c.req.param('id'), undefined, async (found) => {
      const current = ownFields(found.row);
      const nameKey = tagNameKey(current.name);
      try {
        await commitWrite(c, actor, {
          // Of two deletes at once the second finds nothing: 404, and no second audit row. From memory the
          // tag must also be as remembered (its name finds the customers whose sort key named it).
          guards: [found.fromMemory ? found.unchanged : stillExists(tags, current.id)],
          statements: [
            // Deleting the tag cascades to customer_tags; then every customer whose sort key named it is recomputed.
            scope.db.delete(tags).where(scope.where(tags, eq(tags.id, current.id))),
            refreshTagsSort(scope, sql`instr(${customers.tagsSort}, ${nameKey}) > 0`),
          ],
          audit: { action: 'tag.deleted', entityType: 'tag', entityId: current.id, before: current },
          events: [liveEvent('tag.deleted', actor, { id: current.id, version: current.version + 1 })],
        });
      } catch (error) {
        throw error instanceof GuardFailed && !found.fromMemory ? new NotFound() : error;
      }
    });
    return c.body(null, 204);
  },
);
