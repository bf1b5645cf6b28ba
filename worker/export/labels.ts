import { columnLabels } from '../../schema/columnLabels';
import type { Locale } from '../../schema/common';

/**
 * Headers and values of a file come from the labels the UI's dictionaries show too, so the spreadsheet
 * says exactly what the screen says ("Kundennummer", "Aktiv"); a missing key falls back to the key itself.
 */
export function labels(locale: Locale) {
  return (key: string): string => {
    let node: unknown = columnLabels[locale];
    for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
    return typeof node === 'string' ? node : key;
  };
}

export type Labels = ReturnType<typeof labels>;
