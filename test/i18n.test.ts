/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { de } from '../client/i18n/de';
import { en } from '../client/i18n/en';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

function leaves(value: unknown): unknown[] {
  return typeof value === 'object' && value !== null ? Object.values(value).flatMap(leaves) : [value];
}

/** Keys each language lacks compared to the other. */
function missingKeys(german: unknown, english: unknown) {
  const inGerman = keys(german);
  const inEnglish = keys(english);
  return { inEnglish: inGerman.filter((key) => !inEnglish.includes(key)).sort(), inGerman: inEnglish.filter((key) => !inGerman.includes(key)).sort() };
}

/** A copy of a dictionary without one dotted key. */
function without(dictionary: object, dotted: string): object {
  const copy = structuredClone(dictionary) as Record<string, unknown>;
  const path = dotted.split('.');
  let node = copy;
  for (const part of path.slice(0, -1)) node = node[part] as Record<string, unknown>;
  delete node[path.at(-1)!];
  return copy;
}

// The client's JSX sources as text (Vite inlines them), to look for words that bypass i18n.
const sources = import.meta.glob('../client/**/*.tsx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

// Technical text that reads the same in every language.
const untranslatable = new Set(['Authorization: Bearer dsk_…', 'https://']);

/** Literal words in JSX: text between tags, and user-facing attributes given as plain strings. */
function literalTexts(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const texts: string[] = [];
  // Text after a closing ">" (not an arrow's "=>") up to the next "<"; parentheses mean TypeScript.
  for (const match of code.matchAll(/(?<![=])>([^<>{}()]*)</g)) {
    const text = match[1]!.trim();
    // Between two generics (`Fetched<T[]> | PagedRows<T>`, `A<B>, b: C<D>`) is TypeScript, not text.
    if (/\p{L}{2,}/u.test(text) && !text.includes(';') && !/^[|&,]/.test(text)) texts.push(text);
  }
  for (const match of code.matchAll(/\s(?:aria-label|aria-description|title|placeholder|alt|label)="([^"]*)"/g)) {
    if (/\p{L}{2,}/u.test(match[1]!)) texts.push(match[1]!);
  }
  return texts.filter((text) => !untranslatable.has(text));
}

describe('translations', () => {
  it('has every German key in English and no English key without a German one', () => {
    expect(missingKeys(de, en)).toEqual({ inEnglish: [], inGerman: [] });
  });

  it('notices a key missing in either language', () => {
    expect(missingKeys(de, without(en, 'customers.new.title'))).toEqual({ inEnglish: ['customers.new.title'], inGerman: [] });
    expect(missingKeys(without(de, 'nav.skipToContent'), en)).toEqual({ inEnglish: [], inGerman: ['nav.skipToContent'] });
  });

  it('has no empty text in either language', () => {
    for (const dictionary of [de, en]) {
      for (const text of leaves(dictionary)) {
        expect(typeof text === 'string' || typeof text === 'function').toBe(true);
        if (typeof text === 'string') expect(text.trim()).not.toBe('');
      }
    }
  });

  it('shows no words in the client that bypass the dictionaries', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    const found = Object.entries(sources).flatMap(([file, source]) => literalTexts(source).map((text) => `${file}: ${text}`));
    expect(found).toEqual([]);
  });

  it('would notice a hard-coded word', () => {
    expect(literalTexts('const a = () => <p class="muted">Gespeichert</p>;')).toEqual(['Gespeichert']);
    expect(literalTexts('<button aria-label="Schließen">{x}</button>')).toEqual(['Schließen']);
    expect(literalTexts('const f = (): Promise<void> => api.get<Customer>(path);')).toEqual([]);
  });
});
