import { createSignal } from 'solid-js';
import { api, pagePath, type Page } from '../api';

const PAGE_SIZE = 50;

/**
 * A list read page by page with the API's opaque cursor. The first page replaces the list,
 * "load more" appends; a failed "load more" keeps what is already shown.
 */
export function createCursorList<T>(basePath: string) {
  const [items, setItems] = createSignal<T[]>([]);
  const [nextCursor, setNextCursor] = createSignal<string | null>(null);
  const [total, setTotal] = createSignal<number>();
  const [loading, setLoading] = createSignal(true);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const [moreError, setMoreError] = createSignal<unknown>();

  async function reload() {
    setLoading(true);
    setError(undefined);
    setMoreError(undefined);
    try {
      const page = await api.get<Page<T>>(pagePath(basePath, PAGE_SIZE));
      setItems(page.items);
      setNextCursor(page.nextCursor);
      setTotal(page.total);
    } catch (caught) {
      setError(caught);
    } finally {
      setLoading(false);
    }
  }

  async function loadMore() {
    const cursor = nextCursor();
    if (!cursor || loadingMore()) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await api.get<Page<T>>(pagePath(basePath, PAGE_SIZE, cursor));
      setItems((current) => [...current, ...page.items]);
      setNextCursor(page.nextCursor);
      if (page.total !== undefined) setTotal(page.total);
    } catch (caught) {
      setMoreError(caught);
    } finally {
      setLoadingMore(false);
    }
  }

  void reload();
  return { items, nextCursor, total, loading, loadingMore, error, moreError, reload, loadMore };
}

export type CursorList<T> = ReturnType<typeof createCursorList<T>>;
