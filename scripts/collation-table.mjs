// `node scripts/collation-table.mjs`: writes schema/collationTable.js, the weights behind the list's
// German sort keys (schema/collation.js), read off Intl.Collator('de') with Node's ICU.
//
// The Unicode Collation Algorithm compares three levels one after another: base letters (primary:
// ä = a, ß = ss, punctuation and spaces before digits before letters), then accents (secondary),
// then case and variants (tertiary). Each character here gets its collation elements as weights on
// those three levels; a key is the primary weights, then the secondary, then the tertiary ones, so
// comparing two keys as plain strings (SQLite's BINARY) compares level by level as the collator does.
// Checked against the collator in test/collation.test.ts.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const variant = new Intl.Collator('de');
const base = new Intl.Collator('de', { sensitivity: 'base' });
const accent = new Intl.Collator('de', { sensitivity: 'accent' });
const baseAndCase = new Intl.Collator('de', { sensitivity: 'case' });

const range = (from, to) => Array.from({ length: to - from + 1 }, (_, index) => String.fromCodePoint(from + index));

/**
 * The characters covered: Latin (with Extended-A/B, IPA and Additional: every European and Vietnamese
 * letter), combining accents, Greek, Cyrillic, general punctuation and the euro sign. Compatibility
 * forms (ligatures, superscripts, fractions) and control characters are left out.
 */
const candidates = [
  ...range(0x20, 0x7e),
  ...range(0xa0, 0x2a2),
  ...range(0x300, 0x362),
  ...range(0x370, 0x3ff),
  ...range(0x400, 0x52f),
  ...range(0x1e00, 0x1eff),
  ...range(0x2010, 0x2027),
  ...range(0x2030, 0x203a),
  '\u2044',
  '\u20ac',
].filter((ch) => !/\p{Cc}|\p{Cf}|\p{Cn}/u.test(ch) && ch.normalize('NFKD') === ch.normalize('NFD'));

const groupBy = (list, compare) => {
  const groups = [];
  for (const item of list) {
    const last = groups.at(-1);
    if (last && compare(last[0], item) === 0) last.push(item);
    else groups.push([item]);
  }
  return groups;
};

// Accents: ignored on the primary level, ordered on the secondary one (compared after an "a").
const onA = (mark) => `a${mark}`;
const marks = candidates.filter((ch) => /\p{M}/u.test(ch) && base.compare(onA(ch), 'a') === 0 && accent.compare(onA(ch), 'a') !== 0);
const markGroups = groupBy(
  [...marks].sort((x, y) => accent.compare(onA(x), onA(y))),
  (x, y) => accent.compare(onA(x), onA(y)),
);
/** Secondary weight of each accent; 0 is the common weight of a letter without one. */
const markWeight = new Map(markGroups.flatMap((group, index) => group.map((mark) => [mark, index + 1])));
/** Letters whose difference from their base letter has no combining mark (ð, curly quotes) weigh after every accent. */
const SYNTHETIC = markGroups.length + 1;

// A precomposed letter is its base letter plus accents, unless the collator makes it a letter of its own (Cyrillic й).
const isMark = (ch) => /\p{M}/u.test(ch);
const decomposes = (ch) => {
  const parts = [...ch.normalize('NFD')];
  return parts.length > 1 && candidates.includes(parts[0]) && base.compare(ch, parts[0]) === 0 && parts.slice(1).every((part) => markWeight.has(part));
};
const atoms = candidates.filter((ch) => !isMark(ch) && !decomposes(ch));
const composed = candidates.filter((ch) => !isMark(ch) && decomposes(ch));

// Primary groups: characters the collator does not tell apart on the first level.
const groups = groupBy([...atoms].sort(base.compare), base.compare);
/** A group equal to two others in a row on the first level (ß = ss, æ = ae) is an expansion. */
function expansionOf(group, index) {
  const before = groups[index - 1];
  if (!before) return undefined;
  const second = groups.find((other) => other !== group && base.compare(group[0], before[0] + other[0]) === 0);
  return second ? [before[0], second[0]] : undefined;
}
const expansions = new Map();
groups.forEach((group, index) => {
  const parts = expansionOf(group, index);
  if (parts) expansions.set(group, parts);
});
const primaryGroups = groups.filter((group) => !expansions.has(group));

/**
 * Primary weights as text: the space stays a space, other punctuation and symbols are "!" and one
 * character in their order (all before the digits), digits and the letters a–z stay as they are, so
 * a key reads like the lower-cased name; a letter between two of a–z (ı after i, þ after z) is its
 * predecessor and a character above U+00A0, which sorts after anything that could follow a letter.
 */
const weightChar = (rank) => String.fromCharCode(rank < 94 ? 0x21 + rank : 0xa1 + (rank - 94));
const primaryOf = new Map();
const digitZero = primaryGroups.findIndex((group) => group.includes('0'));
let punctuation = 0;
let previous = '';
let between = 0;
primaryGroups.forEach((group, index) => {
  const plain = group.find((ch) => /^[a-z0-9]$/.test(ch));
  let weight;
  if (index < digitZero) weight = group.includes(' ') ? ' ' : `!${weightChar(punctuation++)}`;
  else if (plain) {
    weight = plain;
    previous = plain;
    between = 0;
  } else weight = previous + String.fromCharCode(0xa1 + between++);
  for (const ch of group) primaryOf.set(ch, weight);
});

/** Collation elements per character: [primary weight or '', secondary weight, tertiary weight]. */
const elements = new Map();
for (const group of primaryGroups) {
  const first = [...group].sort(variant.compare)[0];
  const plain = group.filter((ch) => accent.compare(ch, first) === 0).sort(variant.compare);
  plain.forEach((ch, index) => {
    const tertiary = index === 0 ? 0 : elements.get(plain[index - 1])[0][2] + (variant.compare(plain[index - 1], ch) === 0 ? 0 : 1);
    elements.set(ch, [[primaryOf.get(ch), 0, tertiary]]);
  });
  const others = group.filter((ch) => !plain.includes(ch)).sort(variant.compare);
  const synthetic = groupBy(others, accent.compare);
  for (const ch of others) {
    const letter = plain.find((candidate) => baseAndCase.compare(candidate, ch) === 0) ?? first;
    const mark = marks.find((candidate) => variant.compare(ch, letter + candidate) === 0);
    const secondary = mark ? markWeight.get(mark) : SYNTHETIC + synthetic.findIndex((same) => same.includes(ch));
    elements.set(ch, [...elements.get(letter), ['', secondary, 0]]);
  }
}
for (const [group, [first, second]] of expansions) {
  [...group].sort(variant.compare).forEach((ch, tertiary) => {
    const between = accent.compare(ch, first + second) === 0 ? [] : [['', SYNTHETIC, tertiary]];
    elements.set(ch, [[primaryOf.get(first), 0, tertiary], ...between, [primaryOf.get(second), 0, tertiary]]);
  });
}
for (const mark of marks) elements.set(mark, [['', markWeight.get(mark), 0]]);
for (const ch of composed)
  elements.set(
    ch,
    [...ch.normalize('NFD')].flatMap((part) => elements.get(part)),
  );

const rows = candidates
  .filter((ch) => elements.has(ch))
  .map((ch) => {
    const list = elements.get(ch);
    return [
      ch,
      list.map(([primary]) => primary).join(''),
      list.map(([, secondary]) => weightChar(secondary)).join(''),
      list.map(([, , tertiary]) => weightChar(tertiary)).join(''),
    ];
  });

const literal = (text) => JSON.stringify(text).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
const source = `// Generated by scripts/collation-table.mjs from Intl.Collator('de') (ICU ${process.versions.icu}); do not edit.
// Per character: [character, primary weights, secondary weights, tertiary weights] (schema/collation.js).
export const collationWeights = [
${rows.map((row) => `  [${row.map(literal).join(', ')}],`).join('\n')}
];
`;
const target = path.join(import.meta.dirname, '..', 'schema', 'collationTable.js');
writeFileSync(target, source);
console.log(
  `${path.relative(process.cwd(), target)}: ${rows.length} characters (${primaryGroups.length} primary weights, ${markGroups.length} accents, ${expansions.size} expansions)`,
);
