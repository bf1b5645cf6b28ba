/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { auditActions } from '../schema/auditActions';
import { de } from '../client/i18n/de';
import { en } from '../client/i18n/en';

// The Worker's sources as text, to find every action code it writes into the activity log.
const workerSources = import.meta.glob('../worker/**/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** `action: 'tag.created'`, `` action: `order.${status}` `` (as `order.*`) and `sql\`'customer.tags_changed'\``. */
function writtenActions(source: string): string[] {
  const literal = [...source.matchAll(/\baction: '([a-z_]+\.[a-z_]+)'/g)].map((match) => match[1]!);
  const templated = [...source.matchAll(/\baction: [^,\n]*?`([a-z_]+)\.\$\{/g)].map((match) => `${match[1]}.*`);
  const viaSql = [...source.matchAll(/sql<string>`'([a-z_]+\.[a-z_]+)'`\.as\('action'\)/g)].map((match) => match[1]!);
  return [...literal, ...templated, ...viaSql];
}

function label(dictionary: typeof de, action: string): unknown {
  const [group, name] = action.split('.') as [string, string];
  return (dictionary.activity.actions as Record<string, Record<string, unknown> | undefined>)[group]?.[name];
}

describe('activity log actions', () => {
  it('offers every action the Worker writes in the Activity filter', () => {
    const written = new Set(Object.values(workerSources).flatMap(writtenActions));
    expect(written.size).toBeGreaterThan(20);
    const known: readonly string[] = auditActions;
    const missing = [...written].filter((action) => (action.endsWith('.*') ? !known.some((code) => code.startsWith(action.slice(0, -1))) : !known.includes(action)));
    expect(missing).toEqual([]);
  });

  it('names every action in German and English', () => {
    for (const dictionary of [de, en]) expect(auditActions.filter((action) => typeof label(dictionary, action) !== 'string')).toEqual([]);
  });

  it('lists each action once', () => {
    expect(new Set(auditActions).size).toBe(auditActions.length);
  });
});
