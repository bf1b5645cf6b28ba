import { de } from '../../client/i18n/de';
import { en } from '../../client/i18n/en';
import { countryCodes } from '../../schema/countries';
import { CUSTOM_FIELD_PREFIX, importFields, type ImportField } from '../../schema/imports';

/** Lower case, umlauts spelled out, nothing but letters and digits: "E-Mail" and "email" are one header. */
export function headerKey(header: string): string {
  return header
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[^a-z0-9]/g, '');
}

/** Headers other portals and spreadsheets use, besides our own labels in both languages. */
const synonyms: Record<ImportField, string[]> = {
  customerNumber: ['kundennr', 'kdnr', 'debitorennummer', 'debitor', 'customerno', 'customerid', 'accountnumber', 'nummer', 'number'],
  company: ['firmenname', 'unternehmen', 'organisation', 'organization', 'companyname', 'kunde', 'customer', 'name1'],
  contactFirstName: ['vorname', 'firstname', 'givenname'],
  contactLastName: ['nachname', 'lastname', 'surname', 'familyname'],
  email: ['mail', 'emailadresse', 'emailaddress', 'mailadresse'],
  phone: ['telefonnummer', 'tel', 'phonenumber', 'telephone', 'festnetz'],
  mobile: ['handy', 'mobilnummer', 'mobiltelefon', 'mobilephone', 'cell', 'cellphone'],
  website: ['webseite', 'homepage', 'url', 'internet', 'web'],
  address: ['strasse', 'street', 'anschrift', 'adresse', 'address1', 'addressline1', 'streetaddress', 'strassehausnummer'],
  postalCode: ['plz', 'zip', 'zipcode', 'postcode', 'postleitzahl'],
  city: ['stadt', 'ort', 'town', 'wohnort'],
  state: ['bundesland', 'region', 'province', 'kanton'],
  // A code column wins over a name column (our own export has both: "Land" and "Ländercode").
  country: ['laendercode', 'countrycode', 'iso', 'land', 'country', 'staat'],
  primaryDomain: ['domain', 'domaene', 'primarydomain'],
};

const known = new Map<string, ImportField>();
for (const field of importFields) {
  for (const label of [de.customers.fields[field], en.customers.fields[field], field, ...synonyms[field]]) {
    if (!known.has(headerKey(label))) known.set(headerKey(label), field);
  }
}
for (const label of [de.export.columns.countryCode, en.export.columns.countryCode]) known.set(headerKey(label), 'country');
// Our export's "Name" is the display name (company, else the contact): not a field of its own.
for (const label of [de.customers.columns.name, en.customers.columns.name]) known.delete(headerKey(label));

/** A sensible first mapping from the headers; each field at most once, the earlier (or code) column wins. */
export function guessMapping(columns: string[], customFieldLabels: { id: string; label: string }[]): string[] {
  const used = new Set<string>();
  const custom = new Map(customFieldLabels.map((field) => [headerKey(field.label), `${CUSTOM_FIELD_PREFIX}${field.id}`]));
  const preferCode = columns.some((column) => ['laendercode', 'countrycode'].includes(headerKey(column)));
  return columns.map((column) => {
    const key = headerKey(column);
    if (preferCode && (key === 'land' || key === 'country')) return '';
    const field = known.get(key) ?? custom.get(key) ?? '';
    if (!field || used.has(field)) return '';
    used.add(field);
    return field;
  });
}

/** The remembered mapping belongs to the headers as a set of normalised names, in order. */
export function headersSignature(columns: string[]): string {
  return columns.map(headerKey).join('|').slice(0, 2000);
}

const countryByName = new Map<string, string>();
for (const locale of ['de', 'en']) {
  const names = new Intl.DisplayNames([locale], { type: 'region' });
  for (const code of countryCodes) {
    const name = names.of(code);
    if (name) countryByName.set(headerKey(name), code);
  }
}

/** "Deutschland", "Germany" and "de" become "DE"; anything else is left for the schema to refuse. */
export function countryCodeOf(value: string): string {
  const trimmed = value.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) return trimmed.toUpperCase();
  return countryByName.get(headerKey(trimmed)) ?? trimmed;
}
