import * as i18n from '@solid-primitives/i18n';
import { createContext, createEffect, createMemo, createSignal, type JSX, useContext } from 'solid-js';
import type { Locale } from '../../schema/common';
import { type Dictionary, de } from './de';
import { en } from './en';

const STORAGE_KEY = 'locale';
const flatDictionaries = { de: i18n.flatten(de), en: i18n.flatten(en) };
export const intlLocales: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };

export type FlatDictionary = i18n.Flatten<Dictionary>;
/** Keys whose value is a plain string, i.e. what `t` can render. */
export type TextKey = { [K in keyof FlatDictionary]: FlatDictionary[K] extends string ? K : never }[keyof FlatDictionary];

function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'de';
  } catch {
    // Storage can be blocked (privacy settings); German is the default anyway.
    return 'de';
  }
}

function createI18n() {
  const [locale, setLocaleSignal] = createSignal<Locale>(storedLocale());
  const dictionary = () => flatDictionaries[locale()];
  const translate = i18n.translator(dictionary, i18n.resolveTemplate);
  const t = (key: TextKey, args?: i18n.BaseTemplateArgs): string => translate(key, args) as string;
  /** For keys built at runtime (error codes, audit actions): undefined when the key is not a text. */
  const tryT = (key: string, args?: i18n.BaseTemplateArgs): string | undefined => {
    const value = (dictionary() as Record<string, unknown>)[key];
    return typeof value === 'string' ? i18n.resolveTemplate(value, args) : undefined;
  };
  /** A text in a given language whatever the UI shows, e.g. an invitation e-mail in the customer's language. */
  const tIn = (target: Locale, key: TextKey, args?: i18n.BaseTemplateArgs): string => i18n.resolveTemplate(flatDictionaries[target][key] as string, args);

  const intlLocale = () => intlLocales[locale()];
  const dateTime = createMemo(() => new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' }));
  const number = createMemo(() => new Intl.NumberFormat(intlLocale()));
  const pluralRules = createMemo(() => new Intl.PluralRules(intlLocale()));

  const formatDateTime = (iso: string) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : dateTime().format(date);
  };
  const formatNumber = (value: number) => number().format(value);
  const currencyFormats = new Map<string, Intl.NumberFormat>();
  /** Money held in integer cents, in the reseller's currency and the user's locale ("1.234,50 €"). */
  const formatMoney = (cents: number, currency: string) => {
    const key = `${intlLocale()}|${currency}`;
    let format = currencyFormats.get(key);
    if (!format) {
      try {
        format = new Intl.NumberFormat(intlLocale(), { style: 'currency', currency });
      } catch {
        // An unknown currency code: still show the amount, with the code after it.
        format = new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      }
      currencyFormats.set(key, format);
    }
    return format.format(cents / 100);
  };
  const dateOnly = createMemo(() => new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeZone: 'UTC' }));
  /** A calendar date ("YYYY-MM-DD", as custom fields store it) without shifting it by the time zone. */
  const formatDate = (isoDate: string) => {
    const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? isoDate : dateOnly().format(date);
  };
  /** A wait like "45 Sekunden" or "15 minutes"; minutes once it is a minute or more. */
  const formatWait = (seconds: number) => {
    const minutes = seconds >= 60;
    const unit = new Intl.NumberFormat(intlLocale(), { style: 'unit', unit: minutes ? 'minute' : 'second', unitDisplay: 'long' });
    return unit.format(minutes ? Math.ceil(seconds / 60) : Math.max(1, Math.ceil(seconds)));
  };
  /** Picks the singular or plural text for a count and fills in `count`, formatted. */
  const plural = (forms: { one: TextKey; other: TextKey }, count: number, args?: i18n.BaseTemplateArgs) =>
    t(pluralRules().select(count) === 'one' ? forms.one : forms.other, { ...args, count: formatNumber(count) });

  /** `persist: false` for a page that follows someone else's language (the public invitation page). */
  const setLocale = (next: Locale, options?: { persist?: boolean }) => {
    setLocaleSignal(next);
    if (options?.persist === false) return;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this visit.
    }
  };

  createEffect(() => {
    document.documentElement.lang = locale();
    document.title = t('app.title');
  });

  return { locale, setLocale, intlLocale, t, tryT, tIn, formatDateTime, formatDate, formatNumber, formatMoney, formatWait, plural };
}

export type I18n = ReturnType<typeof createI18n>;

const I18nContext = createContext<I18n>();

export function I18nProvider(props: { children: JSX.Element }) {
  return <I18nContext.Provider value={createI18n()}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n must be used inside <I18nProvider>.');
  return context;
}
