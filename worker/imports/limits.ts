import type { ImportFileErrorCode } from '../../schema/errorCodes';
import { importLimits } from '../../schema/imports';

export const IMPORT_LIMITS = importLimits;

/** The cells of a file's first sheet, row by row, as text (the header is the first row). */
export interface Sheet {
  rows: string[][];
}

/** Why a file cannot be read; the route answers 422 with this code (and the detail, e.g. the line). */
export class ImportFileError extends Error {
  constructor(
    readonly code: ImportFileErrorCode,
    readonly detail: Record<string, number | string> = {},
  ) {
    super(code);
  }
}
