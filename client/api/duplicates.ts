// Possible duplicates: every call of the hints, the groups list and "kein Duplikat".
import type { DuplicateGroup, DuplicateHint, DuplicateHintQuery } from '../../schema/duplicates';
import { apiPath, http, type PagedQuery, pagedQuery } from './http';

/** The groups of possible duplicates, page by page (strongest reason first). */
export const listDuplicateGroups = (): PagedQuery<DuplicateGroup> => pagedQuery(apiPath('customers', 'duplicates'));

/** Existing customers that look like the one being entered (fields as typed so far; empty ones are left out). */
export function fetchDuplicateHints(fields: Partial<Record<keyof DuplicateHintQuery, string>>): Promise<{ items: DuplicateHint[] }> {
  const query = new URLSearchParams(Object.entries(fields).filter((entry): entry is [string, string] => Boolean(entry[1]?.trim())));
  return http.get(`${apiPath('customers', 'duplicates', 'hints')}?${query}`);
}

export function dismissDuplicates(customerIds: string[]): Promise<void> {
  return http.post(apiPath('customers', 'duplicates', 'dismissals'), { customerIds });
}
