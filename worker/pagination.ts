import { BadRequest } from './errors';
import { fromBase64Url, toBase64Url } from './auth/crypto';

/** Opaque keyset cursors: the sort values of the last row seen, so paging never skips or repeats rows. */
export function encodeCursor(values: (string | number)[]): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(values)));
}

export function decodeCursor(cursor: string | undefined, shape: ('string' | 'number')[]): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const values: unknown = JSON.parse(new TextDecoder().decode(fromBase64Url(cursor)));
    if (Array.isArray(values) && values.length === shape.length && values.every((value, index) => typeof value === shape[index])) {
      return values as (string | number)[];
    }
  } catch {
    // fall through to the one answer for every malformed cursor
  }
  throw new BadRequest('invalid_cursor', 'The cursor is malformed; start again from the first page.');
}
