import { describe, expect, it } from 'vitest';
import { germanSortKey } from '../schema/collation.js';
import { demoCustomers, demoResellers } from '../scripts/demo-data.mjs';
import { adversarialName, knownCharacters, knownLetters, seeded, trickyPieces } from './textClasses';

const collator = new Intl.Collator('de');
const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
const byKey = (a: string, b: string) => {
  const [x, y] = [germanSortKey(a), germanSortKey(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Pairs whose key order differs from Intl.Collator('de'), with both texts, for the failure message. */
function disagreements(pairs: [string, string][]) {
  return pairs
    .filter(([a, b]) => sign(byKey(a, b)) !== sign(collator.compare(a, b)))
    .map(([a, b]) => `${JSON.stringify(a)} vs ${JSON.stringify(b)}: key ${byKey(a, b)}, collator ${sign(collator.compare(a, b))}`);
}

/** Neighbours out of order after sorting by key: what a list sorted by the stored key would show wrongly. */
function inversions(texts: string[]) {
  const sorted = [...texts].sort(byKey);
  return sorted.slice(1).flatMap((text, index) => (collator.compare(sorted[index]!, text) > 0 ? [`${JSON.stringify(sorted[index])} before ${JSON.stringify(text)}`] : []));
}

describe('German sort keys order as Intl.Collator("de") does (DIN 5007-1)', () => {
  it('on 20,000 pairs of generated names mixing case, umlauts (composed and combining), ß, digits, spaces and punctuation', () => {
    const random = seeded(20261207);
    const pairs = Array.from({ length: 20_000 }, () => [adversarialName(random), adversarialName(random)] as [string, string]);
    // The generator stays inside the characters the key knows (the rest is the next test's class).
    expect(
      pairs
        .flat()
        .flatMap((text) => [...text])
        .filter((ch) => !knownCharacters.has(ch)),
    ).toEqual([]);
    expect(disagreements(pairs)).toEqual([]);
  });

  it('on every pair of the tricky pieces and every pair of known letters with each other, in both cases', () => {
    const pieces = [...trickyPieces, ...knownLetters];
    const pairs = pieces.flatMap((a) => pieces.map((b) => [a, b] as [string, string]));
    expect(disagreements(pairs)).toEqual([]);
    // Prefixes, word breaks and the letter after them: "Bau" < "Bau GmbH" < "Bauer" < "Bäuerle" < "Baumann".
    const stems = ['Bau', 'Bau GmbH', 'Bau-Gmbh', 'Bauer', 'Bäuerle', 'Baumann', 'bauer', 'BAUER', 'Bauer2', 'Bauer 10', 'Bauer 9', 'Bauers'];
    expect(disagreements(stems.flatMap((a) => stems.map((b) => [a, b] as [string, string])))).toEqual([]);
  });

  it('puts ä with a, ö with o, ü with u and ß with ss, not after z, and Bauer before Baumann', () => {
    const names = ['Zander', 'Ärzte am Markt', 'Arzt Berger', 'Öztürk', 'Otto', 'Ußner', 'Ussner', 'Uber', 'Übel', 'Anwaltskanzlei Baumann GmbH', 'Anwaltskanzlei Bauer GmbH'];
    const sorted = [...names].sort(byKey);
    expect(sorted).toEqual([...names].sort(collator.compare));
    expect(sorted.indexOf('Anwaltskanzlei Bauer GmbH')).toBeLessThan(sorted.indexOf('Anwaltskanzlei Baumann GmbH'));
    expect(sorted.indexOf('Ärzte am Markt')).toBeLessThan(sorted.indexOf('Zander'));
  });

  it('sorts characters it has no weights for (other scripts, emoji) after every letter it knows, by code point', () => {
    const unknown = ['中', '😀', '\u{1F600}x', 'ꙮ', '\u2603'];
    for (const text of unknown) for (const letter of knownLetters) expect(byKey(letter, text), `${letter} < ${text}`).toBe(-1);
    expect([...unknown].sort(byKey)).toEqual([...unknown].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!));
  });

  it('orders every demo customer name, contact and city, and the 50,000 names of the bench reseller, without an inversion', () => {
    const demo = demoResellers.flatMap((reseller, index) => demoCustomers(reseller, 2026 + index));
    const bench = demoCustomers({ id: 'rs_bench_00', customers: 50_000 }, 5000);
    for (const customers of [demo, bench]) {
      expect(inversions(customers.map((customer) => customer.company || `${customer.contactFirstName} ${customer.contactLastName}`))).toEqual([]);
      expect(inversions(customers.map((customer) => `${customer.contactLastName} ${customer.contactFirstName}`))).toEqual([]);
      expect(inversions(customers.map((customer) => customer.city))).toEqual([]);
    }
  }, 120_000);
});
