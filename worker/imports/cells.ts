// What the cells of other systems' exports mean in this desk's terms: phones as WHMCS, Blesta and
// FOSSBilling write them, tags, Partner Center's relationship wording, client statuses and dates.
// Pure functions of text; a cell they cannot read gives undefined and the row is refused for it.
import { deColumnLabels as de } from '../../schema/columnLabels/de';
import { enColumnLabels as en } from '../../schema/columnLabels/en';
import { type Customer, relationshipStates } from '../../schema/customers';
import { headerKey } from './mapping';

/** The phone rule of the customer form (schema/customers.ts). */
const PHONE_RULE = /^\+?[0-9][0-9 ()/.-]{4,38}$/;

/**
 * A phone number in the form's shape: WHMCS's "+49.2211234567" becomes "+49 2211234567", "0049 …"
 * becomes "+49 …", a leading "Tel.:" goes, and a separate country calling code (FOSSBilling's phone_cc)
 * replaces the national leading 0. A number that already fits the rule keeps its own spacing
 * ("0341 9876543"), so our own export imports back unchanged. What still does not fit is left as it
 * is for the form's rule to refuse.
 */
export function normalizePhone(cell: string, countryCallingCode = ''): string {
  let text = cell.trim().replace(/\s+/g, ' ');
  if (text === '') return '';
  text = text.replace(/^(?:tel(?:efon)?|phone|fon|mobil(?:e)?|handy)\.?\s*:?\s*/i, '');
  text = text.replace(/^00(?=[1-9])/, '+');
  text = text.replace(/^\+(\d{1,3})\.(?=\d)/, '+$1 ');
  const code = countryCallingCode.replace(/^\+|^00/, '').trim();
  if (/^\d{1,3}$/.test(code) && !text.startsWith('+')) text = `+${code} ${text.replace(/^0(?=\d)/, '')}`;
  return PHONE_RULE.test(text) ? text : cell.trim();
}

/** Tag names from one cell: split on ";" and ",", trimmed, each once regardless of case, in file order. */
export function tagNames(cell: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const part of cell.split(/[;,]/)) {
    const name = part.trim().replace(/\s+/g, ' ');
    if (name && !seen.has(name.toLocaleLowerCase('de'))) {
      seen.add(name.toLocaleLowerCase('de'));
      names.push(name);
    }
  }
  return names;
}

/** What a relationship cell gives a new customer: its state, and whether its (unrecorded) rights are to be reviewed. */
export interface ImportedRelationship {
  state: Customer['relationshipState'];
  review: boolean;
}

/**
 * Partner Center's wording for a reseller relationship ("Cloud-Vertriebspartner", "Cloud Solution
 * Provider", reseller, indirect reseller): the relationship exists, but which rights the customer
 * granted is not in the file, so it is marked for review.
 */
const partnerCenterRelationships = [
  'cloudvertriebspartner',
  'cloudsolutionprovider',
  'csp',
  'reseller',
  'indirectreseller',
  'directreseller',
  'wiederverkaeufer',
  'indirekterwiederverkaeufer',
  'indirekterreseller',
];

const ownRelationshipLabels = new Map<string, Customer['relationshipState']>();
for (const state of relationshipStates) {
  for (const dictionary of [de, en]) ownRelationshipLabels.set(headerKey(dictionary.customers.relationship[state]), state);
}

export function relationshipOf(cell: string): ImportedRelationship | undefined {
  const key = headerKey(cell);
  if (key === '') return { state: 'none', review: false };
  if (partnerCenterRelationships.includes(key) || partnerCenterRelationships.some((word) => word.length > 3 && key.includes(word))) return { state: 'active', review: true };
  const own = ownRelationshipLabels.get(key) ?? relationshipStates.find((state) => state === key);
  if (!own) return undefined;
  // An invitation cannot come along in a file: "pending" starts without one. An active one has no rights recorded.
  if (own === 'pending') return { state: 'none', review: false };
  return { state: own, review: own === 'active' };
}

const activeStatuses = ['active', 'aktiv', 'suspended', 'gesperrt', 'pending', 'neu', 'new'];
const archivedStatuses = ['inactive', 'inaktiv', 'closed', 'geschlossen', 'cancelled', 'canceled', 'gekuendigt', 'archived', 'archiviert', 'fraud', 'deleted', 'geloescht'];

/** A client status of WHMCS (Active/Inactive/Closed), Blesta (active/inactive/fraud) or FOSSBilling (active/suspended/canceled): archived or not. */
export function archivedByStatus(cell: string): boolean | undefined {
  const key = headerKey(cell);
  if (key === '' || activeStatuses.includes(key)) return false;
  if (archivedStatuses.includes(key)) return true;
  return undefined;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A creation date as ISO time: "2023-01-15", "2023-01-15 10:20:30", ISO with zone, "15.01.2023
 * [10:20]", or a spreadsheet date number (days since 1899-12-30, as .xls and .xlsx cells hold dates).
 * Between 1970 and now; undefined otherwise.
 */
export function createdDateOf(cell: string, now = Date.now()): string | undefined {
  const text = cell.trim();
  let time: number | undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (iso) {
    const [, year, month, day, hour = '00', minute = '00', second = '00', zone = 'Z'] = iso;
    time = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${zone === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`);
    if (new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDate() !== Number(day)) time = undefined;
  } else if (german) {
    const [, day, month, year, hour = '0', minute = '0', second = '0'] = german;
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
    time = date.getUTCDate() === Number(day) && date.getUTCMonth() === Number(month) - 1 ? date.getTime() : undefined;
  } else if (/^\d{5}(\.\d+)?$/.test(text)) {
    // Whole seconds, as the export writes them.
    time = Math.round((EXCEL_EPOCH + Number(text) * 86_400_000) / 1000) * 1000;
  }
  if (time === undefined || !Number.isFinite(time) || time < 0 || time > now) return undefined;
  return new Date(time).toISOString();
}
