export { de, type Dictionary } from './de';
export { en } from './en';
export { I18nProvider, intlLocales, useI18n, type I18n, type TextKey } from './context';
export { errorText, fieldErrorText } from './errors';
