// German sort keys: DIN 5007-1 as Intl.Collator('de') orders names (ä = a, ö = o, ü = u, ß = ss;
// case and accents only break ties), written as a string whose plain comparison (SQLite's BINARY,
// JavaScript's <) gives that order. SQLite has no ICU, so the list's sort columns store this key
// and page along an index on it. Plain JS so the demo-data script shares it.
import { collationWeights } from './collationTable.js';

/** Between the levels: lower than any weight, so a key whose level ends first sorts first. */
const LEVEL_SEPARATOR = '\u0001';
/** The smallest secondary and tertiary weight (no accent, lower case): trailing ones are left off. */
const COMMON = '!';
/** Before the code point of a character the table does not know: after every letter it knows. */
const UNKNOWN = '~';

const weights = new Map(collationWeights.map(([ch, primary, secondary, tertiary]) => [ch, { primary, secondary, tertiary }]));

const trimCommon = (level) => {
  let end = level.length;
  while (end > 0 && level[end - 1] === COMMON) end--;
  return level.slice(0, end);
};

/**
 * The key of a text: every character's primary weights, then the secondary, then the tertiary ones.
 * Characters outside the table (other scripts, symbols) sort after the letters by code point.
 */
export function germanSortKey(text) {
  let primary = '';
  let secondary = '';
  let tertiary = '';
  for (const ch of String(text)) {
    const known = weights.get(ch);
    if (known) {
      primary += known.primary;
      secondary += known.secondary;
      tertiary += known.tertiary;
    } else {
      primary += UNKNOWN + ch.codePointAt(0).toString(16).padStart(6, '0');
      secondary += COMMON;
      tertiary += COMMON;
    }
  }
  return primary + LEVEL_SEPARATOR + trimCommon(secondary) + LEVEL_SEPARATOR + trimCommon(tertiary);
}
