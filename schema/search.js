// Search normalisation shared by the worker (index + queries), the client (live rows) and the demo-data
// script (plain JS so Node 20 loads it without a TypeScript loader). "Müller", "Mueller", "Muller" and
// "MÜLLER" all become "muller"; every character that is not a letter or digit separates words, so a
// name finds its customer as the list shows it ("Elektro Neumann e.K.", "Huber GmbH & Co. KG").

const MAX_TERM_LENGTH = 60;

/** Letters that do not decompose into a base letter and an accent, folded as a German reader would. */
const SPECIAL_LETTERS = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't', ŋ: 'n', ĸ: 'k' };

/**
 * The blocks whose characters are folded: Latin (with its extensions), accents, Greek, Cyrillic,
 * general punctuation, currency and letter-like symbols. Other characters stay as they are, so a
 * migration can fold stored text the same way with a table (migrations/*_search_terms*).
 */
const FOLDED_BLOCKS = [
  [0x0000, 0x052f],
  [0x1e00, 0x1fff],
  [0x2000, 0x214f],
];

function foldCharacter(ch) {
  const lower = [...ch.toLowerCase()].map((letter) => SPECIAL_LETTERS[letter] ?? letter).join('');
  return lower
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]/gu, ' ');
}

/** Every character of the folded blocks that folding changes, and what it becomes ('' for accents, ' ' for separators). */
export const searchFolding = new Map();
for (const [from, to] of FOLDED_BLOCKS) {
  for (let code = from; code <= to; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const ch = String.fromCodePoint(code);
    const folded = foldCharacter(ch);
    if (folded !== ch) searchFolding.set(ch, folded);
  }
}

/** Lower case, accents and ß folded, punctuation made spaces; then ae/oe/ue as a/o/u, so "Müller" = "Mueller". */
export function normalizeSearchText(text) {
  let folded = '';
  for (const ch of String(text)) folded += searchFolding.get(ch) ?? ch;
  return folded.replaceAll('ae', 'a').replaceAll('oe', 'o').replaceAll('ue', 'u');
}

const cut = (term) => [...term].slice(0, MAX_TERM_LENGTH).join('');
const wordsOf = (text) =>
  normalizeSearchText(text ?? '')
    .split(' ')
    .filter(Boolean)
    .map(cut);

/** International dialling codes of the countries customers mostly come from (a phone stored as 0… also finds +49 …). */
export const callingCodes = {
  DE: '49',
  AT: '43',
  CH: '41',
  LI: '423',
  IT: '39',
  FR: '33',
  NL: '31',
  BE: '32',
  LU: '352',
  DK: '45',
  PL: '48',
  CZ: '420',
  SK: '421',
  HU: '36',
  SI: '386',
  HR: '385',
  ES: '34',
  PT: '351',
  GB: '44',
  IE: '353',
  SE: '46',
  NO: '47',
  FI: '358',
  US: '1',
};

/** Characters a stored phone number may consist of (the customer schema's rule); others are left out of the digit terms. */
const PHONE_CHARACTERS = /^[0-9 ()/.+-]+$/;

/**
 * A phone number's digits in its three forms: all of them, the international form (country code
 * first, no 00 or +) and the national one (0 + area code); '' where a form cannot be told. The
 * country code is the first group after + or 00, else the customer's country's code when the number
 * starts with it. Undefined for a text that is no phone number.
 */
export function phoneForms(phone, country) {
  if (!phone || !PHONE_CHARACTERS.test(phone)) return undefined;
  const compact = phone.replaceAll('(0)', '');
  const digits = compact.replace(/[^0-9]/g, '');
  const countryCode = callingCodes[country] ?? '';
  let international = '';
  let national = '';
  const prefix = compact.startsWith('+') ? 1 : compact.startsWith('00') ? 2 : 0;
  if (prefix > 0) {
    international = compact.startsWith('+') ? digits : digits.slice(2);
    const rest = compact.slice(prefix).replace(/[()/.+-]/g, ' ');
    const gap = rest.indexOf(' ');
    const code = gap >= 1 && gap <= 3 ? rest.slice(0, gap) : countryCode && international.startsWith(countryCode) ? countryCode : '';
    if (code) national = `0${international.slice(code.length)}`;
  } else if (compact.startsWith('0')) {
    national = digits;
    if (countryCode) international = countryCode + digits.slice(1);
  }
  return { digits, international, national };
}

/**
 * A phone number's digits as they are typed in one piece (its three forms), so "+49 89 123456",
 * "0049 89 123456", "089 123456" and "089123456" all find "+49 89 123456".
 */
export function phoneDigitTerms(phone, country) {
  const forms = phoneForms(phone, country);
  if (!forms) return [];
  return [...new Set([forms.digits, forms.international, forms.national])].filter(Boolean).map(cut);
}

/** The fields whose words are searched: what the list shows for a customer, and its number, postal code, mobile and Microsoft ID. */
export const searchedFields = [
  'company',
  'contactFirstName',
  'contactLastName',
  'city',
  'postalCode',
  'email',
  'primaryDomain',
  'customerNumber',
  'phone',
  'mobile',
  'microsoftId',
];

/** The index terms of one customer: every word of the searched fields plus its phone numbers' digits. */
export function customerSearchTerms(customer) {
  const terms = new Set();
  for (const field of searchedFields) for (const word of wordsOf(customer[field])) terms.add(word);
  for (const phone of [customer.phone, customer.mobile]) for (const term of phoneDigitTerms(phone, customer.country)) terms.add(term);
  return [...terms];
}

/** A whole Microsoft ID (tenant GUID, braces allowed): its groups are words, never digits of a phone number. */
const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

/**
 * A phone number typed with spaces, brackets or dashes ("+49 89 123456", "(089) 123-456") becomes one
 * piece of digits; it must start with +, 00 or 0 and go on with digits and those separators only.
 */
const TYPED_PHONE = /(?<=^|\s)\(?(?:\+|0)[0-9][0-9 ()/.-]*[0-9]/g;
function joinPhoneNumbers(query) {
  return query.replace(TYPED_PHONE, (typed) => {
    const digits = typed.replaceAll('(0)', '').replace(/[^0-9]/g, '');
    return typed.trimStart().startsWith('+') || !digits.startsWith('00') ? digits : digits.slice(2);
  });
}

/**
 * The prefixes a query must all match, each against the start of some word of the customer: the
 * query's words split like the index's, in any order. A word that starts another word of the query
 * adds nothing ("mu" beside "muller"); of the rest the `maxWords` longest are kept, as the rarest.
 */
export function searchQueryPrefixes(query, maxWords = 5) {
  const tokens = String(query).split(/\s+/);
  const guidWords = tokens.filter((token) => GUID.test(token)).flatMap((guid) => wordsOf(guid));
  const words = [...new Set([...guidWords, ...wordsOf(joinPhoneNumbers(tokens.filter((token) => !GUID.test(token)).join(' ')))])];
  const needed = words.filter((word) => !words.some((other) => other !== word && other.startsWith(word)));
  const kept = [...needed].sort((a, b) => b.length - a.length).slice(0, maxWords);
  return needed.filter((word) => kept.includes(word));
}
