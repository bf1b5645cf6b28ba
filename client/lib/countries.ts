import { countryCodes } from '../../schema/countries';

/** Most customers live here (DACH), so these come first in every country list. */
const preferred = ['DE', 'AT', 'CH'];

export interface CountryOption {
  code: string;
  name: string;
}

const cache = new Map<string, { names: Map<string, string>; options: CountryOption[] }>();

function forLocale(locale: string) {
  let entry = cache.get(locale);
  if (!entry) {
    let display: Intl.DisplayNames | undefined;
    try {
      display = new Intl.DisplayNames([locale], { type: 'region' });
    } catch {
      // Very old browsers lack DisplayNames: the ISO code is still unambiguous.
    }
    const names = new Map(countryCodes.map((code) => [code, display?.of(code) ?? code]));
    const collator = new Intl.Collator(locale);
    const rest = countryCodes
      .filter((code) => !preferred.includes(code))
      .map((code) => ({ code, name: names.get(code) ?? code }))
      .sort((a, b) => collator.compare(a.name, b.name));
    const options = [...preferred.map((code) => ({ code, name: names.get(code) ?? code })), ...rest];
    entry = { names, options };
    cache.set(locale, entry);
  }
  return entry;
}

/** Every ISO 3166 country with its name in the user's language: DE, AT, CH first, then by name. */
export function countryOptions(locale: string): CountryOption[] {
  return forLocale(locale).options;
}

export function countryName(locale: string, code: string): string {
  return forLocale(locale).names.get(code) ?? code;
}

export const preferredCountryCount = preferred.length;
