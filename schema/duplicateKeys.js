// What makes two customers look like one: the same e-mail address, phone number (as its digits), web
// domain, or company name once accents and the legal form are folded away ("Elektro Neumann e.K." =
// "Elektro-Neumann GmbH"). Each customer stores these keys (customer_match_keys); customers sharing a
// key are possible duplicates. Plain JS so the demo-data script and the migration generator share it;
// every step is one SQLite can repeat (ASCII lower case, space trim), so the migration's keys equal these.
import { normalizeSearchText, phoneForms } from './search.js';

/** The reasons, strongest first: a pair sharing several is listed under the first. */
export const duplicateReasons = ['email', 'phone', 'domain', 'name'];

/**
 * Legal forms as people type them; folded like search text, a company name loses them from its end
 * (repeatedly, longest first: "Huber Holding GmbH & Co. KG" → "huber holding").
 */
export const legalForms = [
  'GmbH',
  'gGmbH',
  'mbH',
  'GmbH & Co. KG',
  'GmbH und Co. KG',
  'GmbH u. Co. KG',
  'GmbH & Co. OHG',
  'GmbH & Co. KGaA',
  'AG & Co. KG',
  'AG & Co. OHG',
  'UG (haftungsbeschränkt)',
  'UG (haftungsbeschränkt) & Co. KG',
  'UG',
  'AG',
  'KGaA',
  'KG',
  'OHG',
  'GbR',
  'e.K.',
  'e.Kfm.',
  'e.Kfr.',
  'e.V.',
  'eG',
  'SE',
  'SE & Co. KG',
  'PartG',
  'PartG mbB',
  'mbB',
  'e.U.',
  'OG',
  'KEG',
  'OEG',
  'GesmbH',
  'Ges.m.b.H.',
  'GesbR',
  'Sàrl',
  'SA',
  'Sagl',
  'Ltd.',
  'Limited',
  'LLC',
  'LLP',
  'Inc.',
  'Corp.',
  'Corporation',
  'PLC',
  'S.A.S.',
  'S.à r.l.',
  'S.r.l.',
  'S.p.A.',
  'B.V.',
  'N.V.',
  'Sp. z o.o.',
  's.r.o.',
  'a.s.',
  'AB',
  'A/S',
  'ApS',
  'Oy',
  'Kft.',
  '& Co.',
  'und Co.',
  'u. Co.',
];

const wordsOf = (text) => normalizeSearchText(text).split(' ').filter(Boolean);

/** Each legal form as the words it folds to ("GmbH & Co. KG" → "gmbh co kg"), longest first. */
export const legalFormSuffixes = [...new Set(legalForms.map((form) => wordsOf(form).join(' ')))].sort((a, b) => b.length - a.length);

/** The company name without accents, case, punctuation, spaces and trailing legal forms; '' when nothing is left. */
export function companyKey(company) {
  let name = ` ${wordsOf(company ?? '').join(' ')}`;
  for (;;) {
    const suffix = legalFormSuffixes.find((candidate) => name.endsWith(` ${candidate}`));
    if (!suffix) break;
    name = name.slice(0, name.length - suffix.length - 1);
  }
  return name.replaceAll(' ', '');
}

/** Mail providers whose domain many unrelated customers share: never a reason on their own. */
export const sharedMailDomains = [
  'gmail.com',
  'googlemail.com',
  'gmx.de',
  'gmx.net',
  'gmx.at',
  'gmx.ch',
  'gmx.com',
  'web.de',
  't-online.de',
  'freenet.de',
  'posteo.de',
  'mailbox.org',
  'online.de',
  'email.de',
  'mail.de',
  'arcor.de',
  'vodafone.de',
  'magenta.de',
  'outlook.com',
  'outlook.de',
  'hotmail.com',
  'hotmail.de',
  'live.com',
  'live.de',
  'msn.com',
  'yahoo.com',
  'yahoo.de',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'aol.de',
  'protonmail.com',
  'proton.me',
  'bluewin.ch',
  'hispeed.ch',
  'sunrise.ch',
  'a1.net',
  'aon.at',
  'chello.at',
  'yandex.com',
  'mail.ru',
  'zoho.com',
];
const sharedMail = new Set(sharedMailDomains);

/** SQLite's lower() and trim(): ASCII letters only, spaces only. */
const asciiLower = (text) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
const trimSpaces = (text) => text.replace(/^ +| +$/g, '');

export function emailKey(email) {
  const key = asciiLower(trimSpaces(email ?? ''));
  return key.includes('@') ? key : '';
}

/** A host as the domain key: lower case, without "www."; '' for a shared mail provider or no domain. */
function hostKey(host) {
  const lower = asciiLower(trimSpaces(host));
  const key = lower.startsWith('www.') ? lower.slice(4) : lower;
  // Counted in code points, as SQLite's length() counts them.
  return key.includes('.') && [...key].length >= 4 && !sharedMail.has(key) ? key : '';
}

/** "https://www.example.de:8080/kontakt" → "www.example.de": what comes after the scheme, up to a path, query, fragment or port. */
function websiteHost(website) {
  const rest = website.includes('://') ? website.slice(website.indexOf('://') + 3) : website;
  const end = rest.search(/[/?#:]/);
  return end === -1 ? rest : rest.slice(0, end);
}

/** The customer's domains: its primary domain, its website's host and its e-mail's domain. */
export function domainKeys(customer) {
  const email = customer.email ?? '';
  const candidates = [customer.primaryDomain ?? '', websiteHost(customer.website ?? ''), email.includes('@') ? email.slice(email.lastIndexOf('@') + 1) : ''];
  return [...new Set(candidates.map(hostKey).filter(Boolean))];
}

/** A phone number as one string of digits, international where the country code can be told; at least six digits. */
export function phoneKey(phone, country) {
  const forms = phoneForms(phone, country);
  const key = forms ? forms.international || forms.digits : '';
  return key.length >= 6 ? key : '';
}

/** Every key of a customer (the fields it has; others may be missing), each kind with its keys. */
export function customerMatchKeys(customer) {
  const keys = [];
  const add = (kind, key) => {
    if (key && !keys.some((entry) => entry.kind === kind && entry.key === key)) keys.push({ kind, key });
  };
  add('email', emailKey(customer.email));
  for (const phone of [customer.phone, customer.mobile]) add('phone', phoneKey(phone ?? '', customer.country ?? ''));
  for (const domain of domainKeys(customer)) add('domain', domain);
  add('name', companyKey(customer.company));
  return keys;
}
