import { ApiError } from '../api';
import type { I18n } from './context';

/** A user-facing sentence for any failure: our translation of the code, else the server's own message. */
export function errorText(i18n: I18n, error: unknown): string {
  if (!(error instanceof ApiError)) return i18n.t('errors.unknown');
  const wait = error.retryAfterSeconds === undefined ? undefined : i18n.formatWait(error.retryAfterSeconds);
  const translated = i18n.tryT(`errors.${error.code}`, wait === undefined ? undefined : { wait });
  // A throttle message without its wait would read "wait {{ wait }}": fall back to the server text then.
  if (translated && !translated.includes('{{')) return translated;
  return error.message || i18n.t('errors.unknown');
}

/** Field-level codes (`required`, `too_long`, ...) as sentences; unknown codes get a generic line. */
export function fieldErrorText(i18n: I18n, code: string | undefined): string | undefined {
  if (!code) return undefined;
  return i18n.tryT(`errors.field.${code}`) ?? i18n.t('errors.field.invalid_type');
}
