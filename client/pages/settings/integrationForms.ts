/** The earliest expiry the API accepts (it refuses today and earlier), as the date input's minimum. */
export function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

/** People type "erp.example.de"; an address without a scheme is meant as https. */
export function withHttps(url: string): string {
  const trimmed = url.trim();
  return trimmed && !/^[a-z][a-z\d+.-]*:\/\//i.test(trimmed) ? `https://${trimmed}` : trimmed;
}

/** A count typed by a person: "1.000" or "1 000" is a thousand; empty means "use the default". */
export function toWholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  // Only whole groups of three count as digit grouping, so "12,5" stays invalid instead of becoming 125.
  const grouped = /^\d{1,3}([.,'\s\u2009\u202f]\d{3})+$/.test(trimmed);
  return Number(grouped ? trimmed.replace(/\D/g, '') : trimmed);
}
