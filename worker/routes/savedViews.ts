import { and, eq, ne, or, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AuditAction } from '../../schema/auditActions';
import { pageQuery } from '../../schema/common';
import {
  MAX_PRIVATE_VIEWS,
  MAX_TEAM_VIEWS,
  type SavedView,
  type SavedViewState,
  savedViewDefaultInput,
  savedViewDefaultOutput,
  savedViewInput,
  savedViewNameKey,
  savedViewOutput,
  savedViewUpdateInput,
} from '../../schema/savedViews';
import { savedViewDefaults, savedViews, tags } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { newId, nowIso, type TenantScope, tenantScope } from '../db';
import type { Actor, AppEnv } from '../env';
import { Conflict, Invalid, NotFound, VersionConflict } from '../errors';
import { describeList, describeRoute } from '../openapi/describeRoute';
import { type Keyset, keysetClauses, pageFrom, sortKey } from '../pagination';
import { readTogether } from '../readTogether';
import { changeRow, rememberRows } from '../rowMemory';
import { noBody, readJson, readQuery } from '../validate';
import { type AuditEntry, commitWrite, GuardFailed, liveEvent, stillExists } from '../write';

/**
 * Saved views of the customer list. Reading and choosing one's default needs `customers.read`; saving,
 * changing and deleting views (private or team) needs `customers.write`. Private views exist only for
 * their owner: another person gets 404, and they are never published on the reseller's live socket.
 */
export const savedViewRoutes = new Hono<AppEnv>();

type Row = typeof savedViews.$inferSelect;

const TEAM = 'team';
const toView = (row: Row): SavedView => ({
  id: row.id,
  name: row.name,
  visibility: row.visibility,
  // Views saved before the archive filter existed show the list.
  state: { ...row.state, archived: row.state.archived ?? false },
  ownerId: row.ownerId,
  ownerName: row.ownerName,
  version: row.version,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** The team's views and the person's own. */
const visibleTo = (actor: Actor) => or(eq(savedViews.scopeKey, TEAM), eq(savedViews.scopeKey, actor.userId));

async function loadView(scope: TenantScope, actor: Actor, id: string): Promise<SavedView> {
  const row = await scope.db
    .select()
    .from(savedViews)
    .where(scope.where(savedViews, eq(savedViews.id, id), visibleTo(actor)))
    .get();
  if (!row) throw new NotFound();
  rememberRows(scope, savedViews, [row]);
  return toView(row);
}

/** A view to change, as remembered or read: another person's private view is a 404. */
function visibleView(actor: Actor, row: Row): SavedView {
  if (row.scopeKey !== TEAM && row.scopeKey !== actor.userId) throw new NotFound();
  return toView(row);
}

const nameTaken = () => new Conflict('saved_view_name_taken', 'A view with this name already exists.', { fields: { name: 'saved_view_name_taken' } });
const isNameClash = (error: unknown) => String(error).includes('saved_views.name_key');

/** A name may not repeat among the views this person sees (the team's and their own). */
async function assertNameFree(scope: TenantScope, actor: Actor, name: string, exceptId?: string) {
  const clash = await scope.db
    .select({ id: savedViews.id })
    .from(savedViews)
    .where(scope.where(savedViews, eq(savedViews.nameKey, savedViewNameKey(name)), visibleTo(actor)))
    .get();
  if (clash && clash.id !== exceptId) throw nameTaken();
}

/** The batch's guard of `assertNameFree`: no other view the person sees has the name. */
const nameFree = (scope: TenantScope, actor: Actor, name: string, exceptId?: string) =>
  sql`NOT EXISTS (SELECT 1 FROM ${savedViews} WHERE ${scope.where(savedViews, eq(savedViews.nameKey, savedViewNameKey(name)), visibleTo(actor), exceptId === undefined ? undefined : ne(savedViews.id, exceptId))})`;

/** The batch's guard of `assertTagKnown`. */
const tagKnown = (scope: TenantScope, state: SavedViewState | undefined) =>
  state?.tag ? [sql`EXISTS (SELECT 1 FROM ${tags} WHERE ${scope.where(tags, eq(tags.id, state.tag))})`] : [];

/** A tag filter names one of the reseller's tags (a deleted one later is shown as unknown by the list). */
async function assertTagKnown(scope: TenantScope, state: SavedViewState) {
  if (!state.tag) return;
  const tag = await scope.db
    .select({ id: tags.id })
    .from(tags)
    .where(scope.where(tags, eq(tags.id, state.tag)))
    .get();
  if (!tag) throw new Invalid({ 'state.tag': 'unknown_tag' });
}

/** Private views are audited without their name and filters: the log is read by others (owner, admin). */
function audited(action: AuditAction, view: SavedView, before?: SavedView): AuditEntry {
  const shown = (value: SavedView) => (value.visibility === TEAM ? value : { visibility: value.visibility });
  return { action, entityType: 'saved_view', entityId: view.id, before: before ? shown(before) : undefined, after: action === 'saved_view.deleted' ? undefined : shown(view) };
}

const byName: Keyset<Row> = { keys: [sortKey(savedViews.nameKey, 'nameKey'), sortKey(savedViews.id, 'id')] };

const oneView = v.object({ view: savedViewOutput });

savedViewRoutes.get(
  '/',
  describeList({ tag: 'Saved views', summary: "List the team's views and your own, by name", item: savedViewOutput }),
  requirePermission('customers.read'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const query = readQuery(c, pageQuery);
    const { orderBy, after } = keysetClauses(byName, query.cursor);
    const rows = await scope.db
      .select()
      .from(savedViews)
      .where(scope.where(savedViews, visibleTo(actor), after))
      .orderBy(...orderBy)
      .limit(query.limit + 1)
      .all();
    // Changed or deleted from this list: planned without reading the view again.
    rememberRows(scope, savedViews, rows);
    return c.json(pageFrom(rows, query.limit, byName, toView));
  },
);

async function defaultOf(scope: TenantScope, actor: Actor): Promise<string | null> {
  const row = await scope.db
    .select({ viewId: savedViewDefaults.viewId })
    .from(savedViewDefaults)
    .where(scope.where(savedViewDefaults, eq(savedViewDefaults.userId, actor.userId)))
    .get();
  return row?.viewId ?? null;
}

savedViewRoutes.get(
  '/default',
  describeRoute({ tag: 'Saved views', summary: 'Your default view (null for none)', responses: { 200: savedViewDefaultOutput } }),
  requirePermission('customers.read'),
  async (c) => {
    const actor = currentActor(c);
    return c.json({ viewId: await defaultOf(tenantScope(c.env, actor), actor) });
  },
);

// One's own default: any view one sees, or none (null). Choosing is a plain set, recorded each time.
savedViewRoutes.put(
  '/default',
  describeRoute({
    tag: 'Saved views',
    summary: 'Choose your default view, or none',
    description: 'Opening the customer list without a query applies it. An id you cannot see is a 422 with `fields.viewId`.',
    body: savedViewDefaultInput,
    responses: { 200: savedViewDefaultOutput },
  }),
  requirePermission('customers.read'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const { viewId } = await readJson(c, savedViewDefaultInput);
    const mine = scope.where(savedViewDefaults, eq(savedViewDefaults.userId, actor.userId));
    try {
      await commitWrite(c, actor, {
        // Nothing read first: the view must be one this person sees (another person's private view is unknown here).
        guards: viewId === null ? [] : [sql`EXISTS (SELECT 1 FROM ${savedViews} WHERE ${scope.where(savedViews, eq(savedViews.id, viewId), visibleTo(actor))})`],
        statements: [
          viewId === null
            ? scope.db.delete(savedViewDefaults).where(mine)
            : scope.db
                .insert(savedViewDefaults)
                .values({ resellerId: actor.resellerId, userId: actor.userId, viewId })
                .onConflictDoUpdate({ target: [savedViewDefaults.resellerId, savedViewDefaults.userId], set: { viewId } }),
        ],
        audit: { action: 'saved_view.default_set', entityType: 'user', entityId: actor.userId, after: { viewId } },
      });
    } catch (error) {
      throw error instanceof GuardFailed ? new Invalid({ viewId: 'unknown_view' }) : error;
    }
    return c.json({ viewId });
  },
);

savedViewRoutes.get('/:id', describeRoute({ tag: 'Saved views', summary: 'Read one view', responses: { 200: oneView } }), requirePermission('customers.read'), async (c) => {
  const actor = currentActor(c);
  return c.json({ view: await loadView(tenantScope(c.env, actor), actor, c.req.param('id')) });
});

const limitReached = (team: boolean) =>
  new Conflict(
    'saved_view_limit',
    team ? `The team keeps at most ${MAX_TEAM_VIEWS} views; delete one first.` : `You keep at most ${MAX_PRIVATE_VIEWS} private views; delete one first.`,
  );

savedViewRoutes.post(
  '/',
  describeRoute({
    tag: 'Saved views',
    summary: 'Save a view',
    description: 'Names are unique among the views you see, regardless of case. At most 50 private views per person and 100 team views.',
    body: savedViewInput,
    responses: { 201: oneView },
    errors: { 409: ['saved_view_name_taken', 'saved_view_limit'] },
  }),
  requirePermission('customers.write'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const input = await readJson(c, savedViewInput);
    const team = input.visibility === TEAM;
    const scopeKey = team ? TEAM : actor.userId;
    const limit = team ? MAX_TEAM_VIEWS : MAX_PRIVATE_VIEWS;
    const viewsKept = sql`(SELECT count(*) FROM saved_views WHERE reseller_id = ${actor.resellerId} AND scope_key = ${scopeKey})`;
    const now = nowIso();
    const view: SavedView = {
      id: newId('view'),
      name: input.name,
      visibility: input.visibility,
      state: input.state,
      ownerId: actor.userId,
      ownerName: actor.displayName,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const row: Row = { ...view, resellerId: actor.resellerId, scopeKey, nameKey: savedViewNameKey(view.name) };
    try {
      // Nothing read first: the name, the tag and the limit are guards (two saves at once must not pass
      // the limit together), and only a refusal reads what to say.
      await commitWrite(c, actor, {
        guards: [sql`${viewsKept} < ${limit}`, nameFree(scope, actor, input.name), ...tagKnown(scope, input.state)],
        statements: [scope.db.insert(savedViews).values(row)],
        audit: audited('saved_view.created', view),
        events: team ? [liveEvent('saved_view.changed', actor, view, view)] : [],
      });
    } catch (error) {
      if (error instanceof GuardFailed) {
        const [, , existing] = await readTogether([
          assertTagKnown(scope, input.state),
          assertNameFree(scope, actor, input.name),
          (async () => scope.db.get<{ total: number }>(sql`SELECT ${viewsKept} AS total`))(),
        ]);
        throw (existing?.total ?? 0) >= limit ? limitReached(team) : nameTaken();
      }
      if (isNameClash(error)) throw nameTaken();
      throw error;
    }
    rememberRows(scope, savedViews, [row]);
    return c.json({ view }, 201);
  },
);

savedViewRoutes.patch(
  '/:id',
  describeRoute({
    tag: 'Saved views',
    summary: 'Rename a view or change what it shows',
    description: 'Send the version you saw (`If-Match: "v3"` or `version`); whom the view is for stays as saved.',
    body: savedViewUpdateInput,
    responses: { 200: oneView },
    errors: { 409: ['saved_view_name_taken'] },
  }),
  requirePermission('customers.write'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const input = await readJson(c, savedViewUpdateInput);
    const next = await changeRow(scope, savedViews, c.req.param('id'), input.version, async (found) => {
      const current = visibleView(actor, found.row);
      if (current.version !== input.version) throw new VersionConflict('this view', current);
      const next: SavedView = { ...current, name: input.name ?? current.name, state: input.state ?? current.state, version: current.version + 1, updatedAt: nowIso() };
      const stored: Row = { ...found.row, name: next.name, nameKey: savedViewNameKey(next.name), state: next.state, version: next.version, updatedAt: next.updatedAt };
      try {
        await commitWrite(c, actor, {
          // The name and the tag are guards too: nothing is read first, only a refusal reads what to say.
          guards: [found.unchanged, ...(input.name === undefined ? [] : [nameFree(scope, actor, input.name, current.id)]), ...tagKnown(scope, input.state)],
          statements: [
            scope.db
              .update(savedViews)
              .set({ name: stored.name, nameKey: stored.nameKey, state: stored.state, version: stored.version, updatedAt: stored.updatedAt })
              .where(scope.where(savedViews, eq(savedViews.id, current.id))),
          ],
          audit: audited('saved_view.updated', next, current),
          events: next.visibility === TEAM ? [liveEvent('saved_view.changed', actor, next, next)] : [],
        });
      } catch (error) {
        if (error instanceof GuardFailed && !found.fromMemory) {
          const [latest] = await readTogether([
            loadView(scope, actor, current.id),
            input.name === undefined ? undefined : assertNameFree(scope, actor, input.name, current.id),
            input.state ? assertTagKnown(scope, input.state) : undefined,
          ]);
          throw new VersionConflict('this view', latest);
        }
        if (isNameClash(error)) throw nameTaken();
        throw error;
      }
      rememberRows(scope, savedViews, [stored]);
      return next;
    });
    return c.json({ view: next });
  },
);

savedViewRoutes.delete(
  '/:id',
  describeRoute({ tag: 'Saved views', summary: "Delete a view (it stops being anyone's default)", responses: { 204: null } }),
  requirePermission('customers.write'),
  noBody,
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    await changeRow(scope, savedViews, c.req.param('id'), undefined, async (found) => {
      const current = visibleView(actor, found.row);
      try {
        await commitWrite(c, actor, {
          // Of two deletes at once the second finds nothing: 404, and no second audit row. From memory the
          // view must also be as remembered (its audit row shows it as it was).
          guards: [found.fromMemory ? found.unchanged : stillExists(savedViews, current.id)],
          statements: [
            // Whoever had it as default opens the plain list again.
            scope.db.delete(savedViewDefaults).where(and(eq(savedViewDefaults.resellerId, actor.resellerId), eq(savedViewDefaults.viewId, current.id))),
            scope.db.delete(savedViews).where(scope.where(savedViews, eq(savedViews.id, current.id))),
          ],
          audit: audited('saved_view.deleted', current, current),
          events: current.visibility === TEAM ? [liveEvent('saved_view.deleted', actor, { id: current.id, version: current.version + 1 })] : [],
        });
      } catch (error) {
        throw error instanceof GuardFailed && !found.fromMemory ? new NotFound() : error;
      }
    });
    return c.body(null, 204);
  },
);
