// Search normalisation shared by the worker (index + queries) and the demo-data script (plain JS so
// Node 20 can load it without a TypeScript loader). "Müller", "Mueller" and "Muller" all become "muller".

const MAX_TERM_LENGTH = 60;

export function normalizeSearchText(text) {
  return String(text)
    .toLowerCase()
    .replaceAll('ß', 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replaceAll('ae', 'a')
    .replaceAll('oe', 'o')
    .replaceAll('ue', 'u');
}

function words(normalized) {
  return normalized.split(/[^a-z0-9]+/).filter(Boolean);
}

/** The index terms of one customer: every word of the searchable fields plus whole e-mail, domain, number and Microsoft ID. */
export function customerSearchTerms(customer) {
  const terms = new Set();
  const wordFields = [customer.company, customer.contactFirstName, customer.contactLastName, customer.city, customer.email, customer.primaryDomain, customer.customerNumber];
  for (const field of wordFields) for (const word of words(normalizeSearchText(field ?? ''))) terms.add(word);
  for (const whole of [customer.email, customer.primaryDomain, customer.customerNumber, customer.microsoftId]) {
    const normalized = normalizeSearchText(whole ?? '').trim();
    if (normalized) terms.add(normalized);
  }
  return [...terms].map((term) => term.slice(0, MAX_TERM_LENGTH));
}

/** A whole Microsoft ID (tenant GUID, braces allowed): searched as one term, not split at its dashes. */
const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

/**
 * The prefixes a query must all match. A word with "@" or "." is matched whole against e-mail and
 * domain terms, a GUID against Microsoft IDs; other words are split like the index, so
 * "elektro-neumann" finds "Elektro-Neumann".
 */
export function searchQueryPrefixes(query, maxWords = 5) {
  const prefixes = [];
  for (const word of String(query).split(/\s+/).filter(Boolean)) {
    // Recognised before folding, which may shorten hex groups ("ae" folds like the umlaut).
    if (GUID.test(word)) {
      prefixes.push(normalizeSearchText(word.replace(/[{}]/g, '')).slice(0, MAX_TERM_LENGTH));
      continue;
    }
    const raw = normalizeSearchText(word);
    if (/[@.]/.test(raw)) prefixes.push(raw.slice(0, MAX_TERM_LENGTH));
    else prefixes.push(...words(raw));
  }
  return [...new Set(prefixes)].slice(0, maxWords);
}

/** Sort key for names: case- and accent-insensitive, so "Äpfel" sorts beside "Apfel". */
export function sortKey(text) {
  return normalizeSearchText(text).trim();
}
