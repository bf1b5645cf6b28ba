import { type Accessor, createEffect, createMemo, createSignal, on } from 'solid-js';
import { type Page, type PagedQuery, readPages } from '../api';

const PAGE_SIZE = 50;

/**
 * A list read page by page with the API's opaque cursor. The first page replaces the list,
 * "load more" appends; a failed "load more" keeps what is already shown. With a query accessor
 * (search, sort, filters) the list reloads when the query's key changes and keeps showing
 * the previous rows meanwhile (`refreshing`), so typing in a search box does not flash the table.
 */
export function createCursorList<T>(source: PagedQuery<T> | Accessor<PagedQuery<T>>) {
  const query = typeof source === 'function' ? createMemo(source, undefined, { equals: (a, b) => a.key === b.key }) : () => source;
  const [items, setRawItems] = createSignal<T[]>([]);
  // A row is shown once, whichever way it arrived: a later page, a live event placing it, or a new
  // customer pinned on top (a browser test once saw a new customer twice after a search).
  const setItems = (next: T[] | ((previous: T[]) => T[])) =>
    setRawItems((previous) => {
      const rows = typeof next === 'function' ? next(previous) : next;
      const seen = new Set<unknown>();
      return rows.filter((row) => {
        const id = (row as { id?: unknown }).id;
        if (id === undefined) return true;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
    });
  const [nextCursor, setNextCursor] = createSignal<string | null>(null);
  const [total, setTotal] = createSignal<number>();
  // The customer list counts a search's matches only up to a cap: then `total` is the cap and means "more than".
  const [totalCapped, setTotalCapped] = createSignal(false);
  const setCount = (page: Pick<Page<T>, 'total' | 'totalCapped'>) => {
    setTotal(page.total);
    setTotalCapped(page.totalCapped ?? false);
  };
  const [loading, setLoading] = createSignal(true);
  const [refreshing, setRefreshing] = createSignal(false);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const [moreError, setMoreError] = createSignal<unknown>();
  // Answers to an older query must not overwrite a newer one.
  let generation = 0;

  async function load(keepRows: boolean, rows = PAGE_SIZE) {
    const current = ++generation;
    const list = query();
    if (keepRows && !error()) setRefreshing(true);
    else setLoading(true);
    setError(undefined);
    setMoreError(undefined);
    try {
      const page = await readPages(list, rows);
      if (current !== generation) return;
      setItems(page.items);
      setNextCursor(page.nextCursor);
      setCount(page);
    } catch (caught) {
      if (current === generation) setError(caught);
    } finally {
      if (current === generation) {
        setLoading(false);
        setRefreshing(false);
      }
    }
  }

  /** Loads the first page again; `keepRows` leaves the current rows visible until it arrives. */
  const reload = (options?: { keepRows?: boolean }) => load(options?.keepRows ?? false);

  /**
   * Reads the rows shown again (after a change, or a colleague's), keeping them visible meanwhile: as
   * many as now, and when the whole list was shown, the whole list again (with room for new rows).
   */
  const refresh = () => load(true, Math.max(PAGE_SIZE, items().length + (nextCursor() ? 0 : PAGE_SIZE)));

  async function loadMore() {
    const cursor = nextCursor();
    if (!cursor || loadingMore() || refreshing()) return;
    const current = generation;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await query().read({ limit: PAGE_SIZE, cursor });
      if (current !== generation) return;
      setItems((existing) => [...existing, ...page.items]);
      setNextCursor(page.nextCursor);
      if (page.total !== undefined) setCount(page);
    } catch (caught) {
      if (current === generation) setMoreError(caught);
    } finally {
      setLoadingMore(false);
    }
  }

  void load(false);
  if (typeof source === 'function') createEffect(on(query, () => void load(true), { defer: true }));

  return {
    items,
    nextCursor,
    total,
    loading,
    refreshing,
    loadingMore,
    error,
    moreError,
    reload,
    refresh,
    loadMore,
    /** Changes loaded rows in place (after a bulk action) without reloading. */
    update: setItems,
    totalCapped,
    setCount,
    /** A live change's effect on the count; a capped count ("more than 1,000") stays as it is. */
    adjustTotal: (delta: number) => {
      if (!totalCapped()) setTotal((current) => Math.max(0, (current ?? 0) + delta));
    },
  };
}

export type CursorList<T> = ReturnType<typeof createCursorList<T>>;

/** The "Mehr laden" side of a paged list. */
export type MoreRows = Pick<CursorList<unknown>, 'nextCursor' | 'loadingMore' | 'moreError' | 'loadMore'>;

/**
 * A cursor list seen like a fetched one (`data` undefined until the first answer, `loading` while it
 * is read again, `refetch` reading the rows shown again) plus "load more", for tables that show either.
 */
export function createPagedRows<T>(source: PagedQuery<T> | Accessor<PagedQuery<T>>) {
  const list = createCursorList<T>(source);
  return {
    data: () => (list.loading() ? undefined : list.items()),
    error: list.error,
    loading: list.refreshing,
    refetch: list.refresh,
    nextCursor: list.nextCursor,
    loadingMore: list.loadingMore,
    moreError: list.moreError,
    loadMore: list.loadMore,
  };
}

export type PagedRows<T> = ReturnType<typeof createPagedRows<T>>;
