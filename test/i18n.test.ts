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

describe('translations', () => {
  it('has every German key in English and no English key without a German one', () => {
    const german = keys(de).sort();
    const english = keys(en).sort();
    expect(english.filter((key) => !german.includes(key))).toEqual([]);
    expect(german.filter((key) => !english.includes(key))).toEqual([]);
  });

  it('has no empty text in either language', () => {
    for (const dictionary of [de, en]) {
      for (const text of leaves(dictionary)) {
        expect(typeof text === 'string' || typeof text === 'function').toBe(true);
        if (typeof text === 'string') expect(text.trim()).not.toBe('');
      }
    }
  });
});
