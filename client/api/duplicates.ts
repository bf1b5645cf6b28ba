// Possible duplicates: every call of the hints, the groups list and "kein Duplikat".
import type { DuplicateHint, DuplicateHintQuery } from '../../schema/duplicates';
import { api } from '../api';

export const duplicateGroupsPath = '/api/v1/customers/duplicates';

/** Existing customers that look like the one being entered (fields as typed so far; empty ones are left out). */
export function fetchDuplicateHints(fields: Partial<Record<keyof DuplicateHintQuery, string>>): Promise<{ items: DuplicateHint[] }> {
  const query = new URLSearchParams(Object.entries(fields).filter((entry): entry is [string, string] => Boolean(entry[1]?.trim())));
  return api.get(`/api/v1/customers/duplicates/hints?${query}`);
}

export function dismissDuplicates(customerIds: string[]): Promise<void> {
  return api.post('/api/v1/customers/duplicates/dismissals', { customerIds });
}
