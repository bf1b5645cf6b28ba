/**
 * An amount typed by a person ("9,90", "1.234,50 €", "12.5") as integer cents; NaN when it is no
 * amount, so the schema's invalid_number shows at the field.
 */
export function parseMoneyToCents(text: string): number {
  const clean = text.replace(/[\s\u00a0€$£]|CHF|EUR/g, '');
  let normal: string | undefined;
  if (/^\d+([.,]\d{1,2})?$/.test(clean)) normal = clean.replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(clean)) normal = clean.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(clean)) normal = clean.replace(/,/g, '');
  return normal === undefined ? Number.NaN : Math.round(Number(normal) * 100);
}

/** Cents as an editable amount in the user's locale, without grouping ("9,90"). */
export function centsToInput(cents: number, intlLocale: string): string {
  return new Intl.NumberFormat(intlLocale, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(cents / 100);
}
