import { useSearchParams } from '@solidjs/router';
import { createMemo } from 'solid-js';
import { countryCodes } from '../../../schema/countries';
import { customerSortFields, relationshipStates, type CustomerSortField } from '../../../schema/customers';

export type RelationshipState = (typeof relationshipStates)[number];
export type SortDir = 'asc' | 'desc';

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/**
 * Search, sort and filters live in the URL (?q=&sort=&dir=&tag=&state=&country=&archived=&incomplete=), so a reload or a
 * shared link shows the same view. Unknown values in a hand-edited URL are ignored, not sent.
 */
export function createListQuery() {
  const [params, setParams] = useSearchParams();
  const q = () => first(params.q)?.trim() ?? '';
  const sort = (): CustomerSortField => {
    const value = first(params.sort);
    return customerSortFields.includes(value as CustomerSortField) ? (value as CustomerSortField) : 'customerNumber';
  };
  const dir = (): SortDir => (first(params.dir) === 'desc' ? 'desc' : 'asc');
  const tag = () => first(params.tag);
  const state = () => {
    const value = first(params.state);
    return relationshipStates.includes(value as RelationshipState) ? (value as RelationshipState) : undefined;
  };
  const country = () => {
    const value = first(params.country)?.toUpperCase();
    return value && countryCodes.includes(value) ? value : undefined;
  };
  /** The archived customers instead of the list (`?archived=1`). */
  const archived = () => first(params.archived) === '1';
  /** Only customers whose data is incomplete (`?incomplete=1`). */
  const incomplete = () => first(params.incomplete) === '1';
  const hasFilters = () => Boolean(q() || tag() || state() || country() || archived() || incomplete());
  /** The saved view this list was opened from (`?view=`), kept while the user changes its filters. */
  const view = () => first(params.view);
  /** Nothing in the URL at all: the list as opened from the menu, where one's default view applies. */
  const isBare = () => Object.values(params).every((value) => !first(value));

  const apiPath = createMemo(() => {
    const query = new URLSearchParams();
    if (q()) query.set('q', q());
    query.set('sort', sort());
    query.set('dir', dir());
    const filters: [string, string | undefined][] = [
      ['tag', tag()],
      ['state', state()],
      ['country', country()],
    ];
    for (const [key, value] of filters) if (value) query.set(key, value);
    if (archived()) query.set('archived', '1');
    if (incomplete()) query.set('incomplete', '1');
    return `/api/v1/customers?${query}`;
  });

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

  return { q, sort, dir, tag, state, country, archived, incomplete, view, isBare, hasFilters, apiPath, set, toggleSort, clear };
}

export type ListQuery = ReturnType<typeof createListQuery>;
