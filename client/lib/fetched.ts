import { createSignal } from 'solid-js';

/**
 * One request's result as plain signals. Unlike createResource it never suspends the page, so a
 * side list (tags, custom fields) loading late does not blank what is already shown.
 */
export function createFetched<T>(load: () => Promise<T>) {
  const [data, setData] = createSignal<T>();
  const [error, setError] = createSignal<unknown>();
  const [loading, setLoading] = createSignal(true);
  let generation = 0;

  async function refetch() {
    const current = ++generation;
    setLoading(true);
    setError(undefined);
    try {
      const value = await load();
      if (current === generation) setData(() => value);
    } catch (caught) {
      if (current === generation) setError(caught);
    } finally {
      if (current === generation) setLoading(false);
    }
  }

  void refetch();
  return { data, error, loading, refetch, mutate: (value: T | undefined) => setData(() => value) };
}

export type Fetched<T> = ReturnType<typeof createFetched<T>>;
