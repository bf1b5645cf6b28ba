import { createEffect, createMemo, createResource, createSignal } from 'solid-js';
import type { SavedView, SavedViewInput, SavedViewState } from '../../../schema/savedViews';
import { createSavedView, deleteSavedView, getDefaultView, listSavedViews, setDefaultView, updateSavedView } from '../../api/savedViews';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n';
import { onLiveEvent } from '../../live/LiveProvider';
import { useSession } from '../../session';
import type { Columns } from './columns';
import type { ListQuery } from './listQuery';

const sameColumns = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id) => b.includes(id));

/**
 * The saved views of the customer list: the team's and one's own, kept current by the live socket
 * (team views only ever arrive there), the active one (`?view=` in the URL), whether the list now
 * differs from it, and one's default, applied when the list opens without a query.
 */
export function createSavedViews(query: ListQuery, columns: Columns) {
  const i18n = useI18n();
  const toast = useToast();
  const session = useSession();
  const [views, { mutate, refetch }] = createResource(listSavedViews);
  const [defaultId, setDefaultId] = createSignal<string | null>();
  void getDefaultView().then(setDefaultId, () => setDefaultId(null));

  const sorted = (list: SavedView[]) => [...list].sort((a, b) => a.name.localeCompare(b.name, i18n.intlLocale()));
  const upsert = (view: SavedView) => mutate((list = []) => sorted([...list.filter((row) => row.id !== view.id), view]));
  /** A deleted view leaves the menu, stops being the default and the active view (the list keeps its filters). */
  const remove = (id: string) => {
    mutate((list = []) => list.filter((row) => row.id !== id));
    if (defaultId() === id) setDefaultId(null);
    if (query.view() === id) query.set({ view: undefined }, { replace: true });
  };
  const active = createMemo(() => views()?.find((view) => view.id === query.view()));

  /** What the list shows now, in a view's terms. */
  const current = (): SavedViewState => ({
    q: query.q(),
    tag: query.tag() ?? null,
    state: query.state() ?? null,
    country: query.country() ?? null,
    archived: query.archived(),
    incomplete: query.incomplete(),
    sort: query.sort(),
    dir: query.dir(),
    columns: columns.visible().map((column) => column.id),
  });

  /** The list differs from the active view (filters, sort or columns changed since it was applied). */
  const modified = createMemo(() => {
    const view = active();
    if (!view) return false;
    const now = current();
    const known = new Set(columns.all().map((column) => column.id));
    const keys = ['q', 'tag', 'state', 'country', 'archived', 'sort', 'dir'] as const;
    return (
      keys.some((key) => now[key] !== view.state[key]) ||
      now.incomplete !== (view.state.incomplete ?? false) ||
      !sameColumns(
        now.columns,
        view.state.columns.filter((id) => known.has(id)),
      )
    );
  });

  function apply(view: SavedView, options: { replace?: boolean } = {}) {
    const { q, tag, state, country, archived, incomplete, sort, dir } = view.state;
    query.set(
      {
        q,
        tag: tag ?? undefined,
        state: state ?? undefined,
        country: country ?? undefined,
        archived: archived ? '1' : undefined,
        incomplete: incomplete ? '1' : undefined,
        sort: sort === 'customerNumber' ? undefined : sort,
        dir: dir === 'asc' ? undefined : dir,
        view: view.id,
      },
      options,
    );
    columns.show(view.state.columns);
  }

  // The list opened without a query: one's default view, once views and default are known.
  let defaultTried = false;
  createEffect(() => {
    const list = views();
    const id = defaultId();
    if (defaultTried || list === undefined || id === undefined) return;
    defaultTried = true;
    const view = id ? list.find((row) => row.id === id) : undefined;
    if (view && query.isBare()) apply(view, { replace: true });
  });

  onLiveEvent(
    (event) => {
      if (event.kind === 'saved_view.changed') {
        const view = event.data as SavedView;
        const before = views()?.find((row) => row.id === view.id);
        if (before && before.version >= view.version) return;
        // Showing this view unchanged: follow the colleague's change; with changes of one's own, keep them.
        const follow = before !== undefined && active()?.id === view.id && !modified();
        upsert(view);
        if (follow) apply(view, { replace: true });
        if (before && event.actor.userId !== session.info().user.id) toast.announce(i18n.t('savedViews.live.changed', { name: view.name, who: event.actor.displayName }));
      } else if (event.kind === 'saved_view.deleted') {
        const before = views()?.find((row) => row.id === event.entityId);
        if (!before) return;
        const wasActive = query.view() === event.entityId;
        remove(event.entityId);
        if (wasActive) toast.show('info', i18n.t('savedViews.live.deleted', { name: before.name, who: event.actor.displayName }));
      }
    },
    () => void refetch(),
  );

  /** Saving, changing and deleting views (one's own or the team's) is for those who may change customers. */
  const canSave = () => session.can('customers.write');

  // Each change is sent first and shown once the server has it; a refusal stays with the caller.
  const actions = {
    /** Saves what the list shows as a new view and makes it the active one. */
    async create(input: SavedViewInput) {
      const saved = await createSavedView(input);
      upsert(saved);
      apply(saved, { replace: true });
      return saved;
    },
    async rename(view: SavedView, name: string) {
      const saved = await updateSavedView(view.id, { version: view.version, name });
      upsert(saved);
      return saved;
    },
    /** The active view takes what the list shows now. */
    async saveChanges(view: SavedView) {
      const saved = await updateSavedView(view.id, { version: view.version, state: current() });
      upsert(saved);
      return saved;
    },
    async chooseDefault(viewId: string | null) {
      setDefaultId(await setDefaultView(viewId));
    },
    async delete(view: SavedView) {
      await deleteSavedView(view.id);
      remove(view.id);
    },
  };

  return { views, active, modified, current, apply, defaultId, canSave, ...actions };
}

export type SavedViews = ReturnType<typeof createSavedViews>;
