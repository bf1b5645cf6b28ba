export { type I18n, I18nProvider, intlLocales, type TextKey, useI18n } from './context';
export { type Dictionary, de } from './de';
export { en } from './en';
export { errorText, fieldErrorText } from './errors';
