import type { Locale } from '../../schema/common';
import { type Customer, customerDisplayName } from '../../schema/customers';
import type { customFields } from '../../schema/tables';
import type { Labels } from '../export/labels';
import { type Cell, type ColumnKind, type ExportTable, type SourceColumn, tableOf } from '../export/table';

type Definition = typeof customFields.$inferSelect;

type CustomerColumn = SourceColumn<Customer>;

const intlLocales: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };

function countryNames(locale: Locale): (code: string) => string {
  const names = new Intl.DisplayNames([intlLocales[locale]], { type: 'region' });
  return (code) => {
    try {
      return names.of(code) ?? code;
    } catch {
      return code;
    }
  };
}

const customKind: Record<Definition['type'], ColumnKind> = { text: 'text', number: 'number', date: 'date', choice: 'text' };

function customValue(definition: Definition, value: unknown): Cell {
  if (value === null || value === undefined || value === '') return null;
  if (definition.type === 'number' && typeof value === 'number') return value;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The customer list's columns plus address, country, domain, relationship, tags, timestamps and every
 * custom field (archived ones too, marked), with headers in the user's language.
 */
export function customerColumns(t: Labels, locale: Locale, definitions: Definition[]): CustomerColumn[] {
  const country = countryNames(locale);
  const utc = (key: string) => `${t(key)} (UTC)`;
  const text = (header: string, value: (customer: Customer) => string): CustomerColumn => ({ header, kind: 'text', value });
  return [
    text(t('customers.columns.customerNumber'), (c) => c.customerNumber),
    text(t('customers.columns.name'), (c) => customerDisplayName(c)),
    text(t('customers.fields.company'), (c) => c.company),
    text(t('customers.fields.contactFirstName'), (c) => c.contactFirstName),
    text(t('customers.fields.contactLastName'), (c) => c.contactLastName),
    text(t('customers.fields.email'), (c) => c.email),
    text(t('customers.fields.phone'), (c) => c.phone),
    text(t('customers.fields.mobile'), (c) => c.mobile),
    text(t('customers.fields.website'), (c) => c.website),
    text(t('customers.fields.address'), (c) => c.address),
    text(t('customers.fields.postalCode'), (c) => c.postalCode),
    text(t('customers.fields.city'), (c) => c.city),
    text(t('customers.fields.state'), (c) => c.state),
    text(t('customers.fields.country'), (c) => country(c.country)),
    text(t('export.columns.countryCode'), (c) => c.country),
    text(t('customers.fields.primaryDomain'), (c) => c.primaryDomain),
    text(t('customers.fields.microsoftId'), (c) => c.microsoftId),
    text(t('customers.columns.relationshipState'), (c) => t(`customers.relationship.${c.relationshipState}`)),
    { header: t('customers.columns.monthlyRevenue'), kind: 'money', value: (c) => c.monthlyRevenueCents / 100 },
    { header: t('customers.columns.productCount'), kind: 'integer', value: (c) => c.productCount },
    text(t('customers.columns.tags'), (c) => c.tags.map((tag) => tag.name).join(', ')),
    { header: utc('export.columns.createdAt'), kind: 'datetime', value: (c) => c.createdAt },
    { header: utc('export.columns.updatedAt'), kind: 'datetime', value: (c) => c.updatedAt },
    ...definitions.map<CustomerColumn>((definition) => ({
      header: definition.archived ? `${definition.label} ${t('export.archived')}` : definition.label,
      kind: customKind[definition.type],
      value: (c) => customValue(definition, c.customFields[definition.id]),
    })),
  ];
}

/** Customers page by page as the generic table every export format writes. */
export function customerTable(options: { t: Labels; locale: Locale; currency: string; definitions: Definition[]; pages: AsyncIterable<Customer[]> }): ExportTable {
  const meta = { sheetName: options.t('export.sheet.customers'), currency: options.currency, locale: options.locale };
  return tableOf(meta, customerColumns(options.t, options.locale, options.definitions), options.pages);
}
