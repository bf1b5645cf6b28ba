import { deColumnLabels as de } from '../../schema/columnLabels/de';
import { enColumnLabels as en } from '../../schema/columnLabels/en';
import { countryCodes } from '../../schema/countries';
import { CUSTOM_FIELD_PREFIX, customerImportFields, type ImportField, type ImportOnlyField, importFields } from '../../schema/imports';

type CustomerImportField = (typeof customerImportFields)[number];

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

/**
 * Headers other portals and spreadsheets use, besides our own labels in both languages: Partner
 * Center's Customers.csv (German and English), the client exports of WHMCS ("Address 1", "Phone
 * Number", "Creation Date"), Blesta ("Zip", "Date Added") and FOSSBilling (address_1, phone_cc,
 * created_at), and common German spellings.
 */
const synonyms: Record<ImportField, string[]> = {
  customerNumber: ['kundennr', 'kdnr', 'debitorennummer', 'debitor', 'customerno', 'accountnumber', 'nummer', 'number'],
  company: ['firmenname', 'unternehmen', 'unternehmensname', 'organisation', 'organization', 'companyname', 'kunde', 'customer', 'name1', 'company'],
  contactFirstName: ['vorname', 'firstname', 'givenname'],
  contactLastName: ['nachname', 'lastname', 'surname', 'familyname'],
  email: ['mail', 'email', 'emailadresse', 'emailaddress', 'mailadresse'],
  phone: ['telefonnummer', 'tel', 'phone', 'phonenumber', 'telephone', 'festnetz'],
  mobile: ['handy', 'mobilnummer', 'mobiltelefon', 'mobilephone', 'cell', 'cellphone'],
  website: ['webseite', 'homepage', 'url', 'internet', 'web'],
  address: ['strasse', 'street', 'anschrift', 'adresse', 'address', 'address1', 'addressline1', 'streetaddress', 'strassehausnummer'],
  postalCode: ['plz', 'zip', 'zipcode', 'postcode', 'postleitzahl'],
  city: ['stadt', 'ort', 'town', 'wohnort'],
  state: ['bundesland', 'region', 'province', 'kanton', 'state'],
  // A code column wins over a name column (our own export has both: "Land" and "Ländercode").
  country: ['laendercode', 'countrycode', 'iso', 'land', 'country', 'staat'],
  primaryDomain: ['domain', 'domaene', 'primarydomain', 'primaererdomaenenname', 'primarydomainname', 'domainname'],
  microsoftId: ['microsoftid', 'tenantid', 'mandantenid', 'customertenantid', 'entraid', 'azureadtenantid'],
  addressLine2: ['address2', 'addressline2', 'adresse2', 'adresszusatz', 'zusatz', 'strasse2'],
  phoneCountryCode: ['phonecc', 'phonecountrycode', 'laendervorwahl'],
  tags: ['tags', 'tag', 'schlagwoerter', 'labels'],
  relationship: ['beziehung', 'relationship', 'relationships', 'beziehungen'],
  status: ['status', 'clientstatus', 'kundenstatus', 'accountstatus'],
  createdAt: ['creationdate', 'datecreated', 'created', 'createdat', 'createdon', 'dateadded', 'erstelltam', 'angelegtam', 'kundeseit', 'createdutc', 'angelegtamutc'],
};

/** Our own label of a field in one language: customer fields have the form's, the others the import's. */
function labelOf(dictionary: typeof de, field: ImportField): string {
  return (customerImportFields as readonly string[]).includes(field)
    ? dictionary.customers.fields[field as CustomerImportField]
    : dictionary.imports.fields[field as ImportOnlyField];
}

const known = new Map<string, ImportField>();
for (const field of importFields) {
  for (const label of [labelOf(de, field), labelOf(en, field), field, ...synonyms[field]]) {
    if (!known.has(headerKey(label))) known.set(headerKey(label), field);
  }
}
for (const label of [de.export.columns.countryCode, en.export.columns.countryCode]) known.set(headerKey(label), 'country');
// Our export's "Name" is the display name (company, else the contact): not a field of its own.
const displayNameKeys = new Set([de.customers.columns.name, en.customers.columns.name].map(headerKey));
for (const key of displayNameKeys) known.delete(key);

/**
 * A sensible first mapping from the headers; each field at most once, the earlier (or code) column
 * wins. A display-name column ("Kundenname", as ADN's list has it) is the company when no other
 * column is.
 */
export function guessMapping(columns: string[], customFieldLabels: { id: string; label: string }[]): string[] {
  const used = new Set<string>();
  const custom = new Map(customFieldLabels.map((field) => [headerKey(field.label), `${CUSTOM_FIELD_PREFIX}${field.id}`]));
  const preferCode = columns.some((column) => ['laendercode', 'countrycode'].includes(headerKey(column)));
  const mapping = columns.map((column) => {
    const key = headerKey(column);
    if (preferCode && (key === 'land' || key === 'country')) return '';
    const field = known.get(key) ?? custom.get(key) ?? '';
    if (!field || used.has(field)) return '';
    used.add(field);
    return field;
  });
  const nameColumn = columns.findIndex((column) => displayNameKeys.has(headerKey(column)));
  if (nameColumn >= 0 && !used.has('company')) mapping[nameColumn] = 'company';
  return mapping;
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
