import { useSearchParams } from '@solidjs/router';
import { createMemo } from 'solid-js';
import type { AuditFilters } from '../../../schema/audit';
import { firstParam, sameQuery } from '../../lib/urlQuery';

const isoDate = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

/** Activity filters in the URL (?actor=&action=&from=&to=&customer=), like the customer list's. */
export function createActivityQuery() {
  const [params, setParams] = useSearchParams();
  const actor = () => firstParam(params.actor);
  const action = () => firstParam(params.action);
  const from = () => isoDate(firstParam(params.from));
  const to = () => isoDate(firstParam(params.to));
  const customer = () => firstParam(params.customer);
  const hasFilters = () => Boolean(actor() || action() || from() || to() || customer());

  /** The filters as the API takes them. */
  const filters = createMemo((): AuditFilters => ({ actor: actor(), action: action(), from: from(), to: to(), customer: customer() }), undefined, { equals: sameQuery });

  type Patch = Partial<Record<'actor' | 'action' | 'from' | 'to' | 'customer', string | undefined>>;
  const set = (patch: Patch) => setParams(Object.fromEntries(Object.entries(patch).map(([key, value]) => [key, value || undefined])));
  const clear = () => set({ actor: undefined, action: undefined, from: undefined, to: undefined, customer: undefined });

  return { actor, action, from, to, customer, hasFilters, filters, set, clear };
}

export type ActivityQuery = ReturnType<typeof createActivityQuery>;
