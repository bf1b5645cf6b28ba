import { useSearchParams } from '@solidjs/router';
import { createMemo } from 'solid-js';

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
const isoDate = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

/** Activity filters in the URL (?actor=&action=&from=&to=&customer=), like the customer list's. */
export function createActivityQuery() {
  const [params, setParams] = useSearchParams();
  const actor = () => first(params.actor);
  const action = () => first(params.action);
  const from = () => isoDate(first(params.from));
  const to = () => isoDate(first(params.to));
  const customer = () => first(params.customer);
  const hasFilters = () => Boolean(actor() || action() || from() || to() || customer());

  const apiPath = createMemo(() => {
    const query = new URLSearchParams();
    const entries: [string, string | undefined][] = [
      ['actor', actor()],
      ['action', action()],
      ['from', from()],
      ['to', to()],
      ['customer', customer()],
    ];
    for (const [key, value] of entries) if (value) query.set(key, value);
    const text = query.toString();
    return text ? `/api/v1/audit?${text}` : '/api/v1/audit';
  });

  type Patch = Partial<Record<'actor' | 'action' | 'from' | 'to' | 'customer', string | undefined>>;
  const set = (patch: Patch) => setParams(Object.fromEntries(Object.entries(patch).map(([key, value]) => [key, value || undefined])));
  const clear = () => set({ actor: undefined, action: undefined, from: undefined, to: undefined, customer: undefined });

  return { actor, action, from, to, customer, hasFilters, apiPath, set, clear };
}

export type ActivityQuery = ReturnType<typeof createActivityQuery>;
