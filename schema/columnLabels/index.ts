import type { Locale } from '../common';
import { deColumnLabels } from './de';
import { enColumnLabels } from './en';

/**
 * What exported files say in their headers and cells (and what an import recognises as our own
 * headers), per language. The client's dictionaries show the same strings on screen.
 */
export const columnLabels: Record<Locale, ColumnLabels> = { de: deColumnLabels, en: enColumnLabels };

export type ColumnLabels = typeof deColumnLabels;
