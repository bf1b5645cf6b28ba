import type { ImportRow } from '../../schema/imports';
import { duplicateHintsForMany } from '../customers/duplicates';
import type { TenantScope } from '../db';
import type { PlannedRow } from './plan';

/**
 * The dry run's rows, each row that creates a customer with the existing customers it looks like: an
 * import that repeats customers under other numbers is seen before it runs (the rows are still created).
 */
export async function withDuplicateHints(scope: TenantScope, rows: ImportRow[], planned: PlannedRow[]): Promise<ImportRow[]> {
  const creating = planned.filter((row) => row.action === 'create' && row.after);
  const hints = await duplicateHintsForMany(
    scope,
    creating.map((row) => row.after!),
  );
  const byLine = new Map(creating.map((row, index) => [row.line, hints[index]!]));
  return rows.map((row) => (byLine.get(row.line)?.length ? { ...row, possibleDuplicates: byLine.get(row.line) } : row));
}
