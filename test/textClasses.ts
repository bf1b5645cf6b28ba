// Generated texts for property tests of sorting and search: names built from the classes of characters
// customer data holds (letters in both cases, umlauts precomposed and combining, ß/ẞ, other European
// letters, digits, spaces, the punctuation of company names), so a test covers classes, not examples.
import { collationWeights } from '../schema/collationTable.js';
import { prng } from '../scripts/demo-data.mjs';

export type Random = () => number;
export const seeded = (seed: number): Random => prng(seed);
export const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

/** Letters the German sort key knows (schema/collationTable.js), without the combining accents. */
export const knownLetters = collationWeights.map(([ch]) => ch).filter((ch) => /^\p{L}$/u.test(ch));
export const combiningAccents = collationWeights.map(([ch]) => ch).filter((ch) => /^\p{M}$/u.test(ch));
export const knownCharacters = new Set(collationWeights.map(([ch]) => ch));

/** What trips a German sort: case, umlauts and their spelled-out forms, ß, digits, spaces and company punctuation. */
export const trickyPieces = [
  'a',
  'A',
  'ä',
  'Ä',
  'a\u0308',
  'ae',
  'Ae',
  'o',
  'ö',
  'Ö',
  'oe',
  'u',
  'ü',
  'Ü',
  'ue',
  'UE',
  's',
  'S',
  'ß',
  'ẞ',
  'ss',
  'SS',
  'e',
  'é',
  'è',
  'E',
  'É',
  'i',
  'I',
  'ı',
  'l',
  'ł',
  'Ł',
  'ø',
  'æ',
  'œ',
  'c',
  'ç',
  'n',
  'ñ',
  'z',
  'Z',
  'ž',
  '0',
  '1',
  '2',
  '9',
  '10',
  ' ',
  '  ',
  '-',
  '.',
  ',',
  '&',
  "'",
  '’',
  '/',
  '(',
  ')',
  '+',
  '@',
  '_',
  '"',
  '!',
] as const;

const words = [
  'Bauer',
  'Baumann',
  'Müller',
  'Mueller',
  'Muller',
  'Schäfer',
  'Schaefer',
  'Straße',
  'Strasse',
  'Öztürk',
  'Ölmühle',
  'Zürich',
  'Zug',
  'Ärzte',
  'Arzt',
  'Bäckerei',
  'Backwaren',
  'Dr.',
  'GmbH',
  '& Co. KG',
  'e.K.',
  'e.U.',
  'AG',
  '24/7',
  'IT-Service',
  "O'Neill",
  'Łódź',
  'Yılmaz',
  'Çelik',
  'Ångström',
  'Ørsted',
  'Æbelø',
  'Weiß',
  'WEISS',
  'weiss',
  'van der Berg',
  'St. Gallen',
  'Sankt Gallen',
  '1. FC',
  '2Rad',
  'A1',
  'a-b',
  'ab',
  'a b',
];

/** A name of 1–4 parts: dictionary words, tricky pieces and random letters (some with a combining accent), in any case. */
export function adversarialName(random: Random): string {
  const parts: string[] = [];
  const count = 1 + Math.floor(random() * 4);
  for (let index = 0; index < count; index++) {
    const roll = random();
    if (roll < 0.4) parts.push(pick(random, words));
    else if (roll < 0.75) parts.push(Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(random, trickyPieces)).join(''));
    else {
      let piece = '';
      for (let letter = 0; letter < 1 + Math.floor(random() * 6); letter++) {
        const ch = pick(random, knownLetters);
        piece += ch;
        // One accent after a plain letter: stacked or reordered accents are outside what the key models.
        if (random() < 0.1 && ch.normalize('NFD') === ch) piece += pick(random, combiningAccents);
      }
      const upper = piece.toUpperCase();
      parts.push(random() < 0.3 && [...upper].every((ch) => knownCharacters.has(ch)) ? upper : piece);
    }
  }
  return parts.join(random() < 0.8 ? ' ' : pick(random, ['', '-', ' & ', '. ']));
}

/** Phone numbers as people type them: with + or 00 or 0, brackets, (0), slashes, dots, dashes, none of them, or junk. */
export function typedPhone(random: Random): string {
  const code = pick(random, ['49', '43', '41', '33', '1', '44', '423', '999']);
  const area = String(10 + Math.floor(random() * 9000));
  const number = String(Math.floor(random() * 1e7));
  return pick(random, [
    `+${code} ${area} ${number}`,
    `00${code} ${area} ${number}`,
    `0${area} ${number}`,
    `0${area}/${number}`,
    `(0${area}) ${number.slice(0, 3)}-${number.slice(3)}`,
    `+${code} (0)${area} ${number}`,
    `+${code}${area}${number}`,
    `+${code}-${area}-${number}`,
    `+${code}.${area}.${number}`,
    `${area} ${number}`,
    '',
    'n/a',
    '+',
    '(0)',
    '0',
    `+${code} ${area} ${number} ext. 12`,
  ]);
}
