import { useSearchParams } from '@solidjs/router';
import { createMemo } from 'solid-js';
import { countryCodes } from '../../../schema/countries';
import { type CustomerSortField, customerSortFields, relationshipStates } from '../../../schema/customers';
import type { CustomerListFilters } from '../../api/customers';
import { firstParam, sameQuery } from '../../lib/urlQuery';

export type RelationshipState = (typeof relationshipStates)[number];
export type SortDir = 'asc' | 'desc';

/**
 * Search, sort and filters live in the URL (?q=&sort=&dir=&tag=&state=&country=&archived=&incomplete=), so a reload or a
 * shared link shows the same view. Unknown values in a hand-edited URL are ignored, not sent.
 */
export function createListQuery() {
  const [params, setParams] = useSearchParams();
  const q = () => firstParam(params.q)?.trim() ?? '';
  const sort = (): CustomerSortField => {
    const value = firstParam(params.sort);
    return customerSortFields.includes(value as CustomerSortField) ? (value as CustomerSortField) : 'customerNumber';
  };
  const dir = (): SortDir => (firstParam(params.dir) === 'desc' ? 'desc' : 'asc');
  const tag = () => firstParam(params.tag);
  const state = () => {
    const value = firstParam(params.state);
    return relationshipStates.includes(value as RelationshipState) ? (value as RelationshipState) : undefined;
  };
  const country = () => {
    const value = firstParam(params.country)?.toUpperCase();
    return value && countryCodes.includes(value) ? value : undefined;
  };
  /** The archived customers instead of the list (`?archived=1`). */
  const archived = () => firstParam(params.archived) === '1';
  /** Only customers whose data is incomplete (`?incomplete=1`). */
  const incomplete = () => firstParam(params.incomplete) === '1';
  const hasFilters = () => Boolean(q() || tag() || state() || country() || archived() || incomplete());
  /** The saved view this list was opened from (`?view=`), kept while the user changes its filters. */
  const view = () => firstParam(params.view);
  /** Nothing in the URL at all: the list as opened from the menu, where one's default view applies. */
  const isBare = () => Object.values(params).every((value) => !firstParam(value));

  /** The list's query as the API takes it; a new value only when one of them changes. */
  const filters = createMemo(
    (): CustomerListFilters => ({
      q: q(),
      sort: sort(),
      dir: dir(),
      tag: tag(),
      state: state(),
      country: country(),
      archived: archived() ? '1' : undefined,
      incomplete: incomplete() ? '1' : undefined,
    }),
    undefined,
    { equals: sameQuery },
  );

  type Patch = Partial<Record<'q' | 'sort' | 'dir' | 'tag' | 'state' | 'country' | 'archived' | 'incomplete' | 'view', string | undefined>>;
  /** Empty values leave the URL; `replace` keeps typing in the search box out of the history. */
  const set = (patch: Patch, options?: { replace?: boolean }) => {
    const clean = Object.fromEntries(Object.entries(patch).map(([key, value]) => [key, value ? value : undefined]));
    setParams(clean, { replace: options?.replace ?? false });
  };

  /** Clicking the sorted column flips the direction; another column starts ascending. */
  const toggleSort = (field: CustomerSortField) => {
    if (sort() === field) set({ dir: dir() === 'asc' ? 'desc' : 'asc' });
    else set({ sort: field === 'customerNumber' ? undefined : field, dir: undefined });
  };

  const clear = () => set({ q: undefined, tag: undefined, state: undefined, country: undefined, archived: undefined, incomplete: undefined });

  return { q, sort, dir, tag, state, country, archived, incomplete, view, isBare, hasFilters, filters, set, toggleSort, clear };
}

export type ListQuery = ReturnType<typeof createListQuery>;
