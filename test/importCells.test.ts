import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { de } from '../client/i18n/de';
import { en } from '../client/i18n/en';
import { customerFieldsEntries, relationshipStates } from '../schema/customers';
import { archivedByStatus, createdDateOf, normalizePhone, relationshipOf, tagNames } from '../worker/imports/cells';
import { seededRandom as random } from './security/harness';

// What other systems' cells mean here, as properties over generated cells.

const phoneRule = (text: string) => v.safeParse(customerFieldsEntries.phone, text).success;
const digits = (text: string) => text.replace(/\D/g, '');

describe('phone numbers', () => {
  it('brings the ways WHMCS, Blesta, FOSSBilling and people write numbers into the form’s rule, keeping every digit and changing nothing twice', () => {
    const r = random(7);
    for (let index = 0; index < 500; index++) {
      const code = String(1 + r.int(998));
      const national = `${1 + r.int(9)}${Array.from({ length: 5 + r.int(8) }, () => r.int(10)).join('')}`;
      const spaced = national.replace(/(\d{3})(?=\d)/g, '$1 ');
      const [cell, callingCode, expectedDigits] = r.pick([
        [`+${code}.${national}`, '', code + national],
        [`00${code} ${spaced}`, '', code + national],
        [`0${spaced}`, '', `0${national}`],
        [`Tel.: +${code} ${spaced}`, '', code + national],
        [`0${national}`, code, code + national],
        [national, code, code + national],
      ] as const);
      const normalised = normalizePhone(cell, callingCode);
      expect(phoneRule(normalised), `${cell} (${callingCode}) → ${normalised}`).toBe(true);
      expect(digits(normalised), cell).toBe(expectedDigits);
      expect(normalizePhone(normalised), cell).toBe(normalised);
    }
  });

  it('leaves a number that already fits the rule exactly as typed, and one it cannot read for the rule to refuse', () => {
    for (const typed of ['0341 9876543', '+49 89 123456', '+43 (0)1 2345678', '030/1234567', '+1-555-0100']) expect(normalizePhone(typed)).toBe(typed);
    expect(normalizePhone('+49.2211234567')).toBe('+49 2211234567');
    expect(phoneRule(normalizePhone('bitte anrufen'))).toBe(false);
  });
});

describe('dates', () => {
  it('reads a creation date as ISO, German and spreadsheet day numbers to the same instant; impossible and future dates are none', () => {
    const r = random(9);
    const now = Date.UTC(2026, 0, 1);
    for (let index = 0; index < 300; index++) {
      const time = Math.floor((Date.UTC(1990, 0, 1) + r.next() * (now - Date.UTC(1990, 0, 1))) / 1000) * 1000;
      const date = new Date(time);
      const [year, month, day, hour, minute, second] = [
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
        date.getUTCHours(),
        date.getUTCMinutes(),
        date.getUTCSeconds(),
      ].map((part) => String(part).padStart(2, '0'));
      const iso = date.toISOString();
      expect(createdDateOf(`${year}-${month}-${day} ${hour}:${minute}:${second}`, now)).toBe(iso);
      expect(createdDateOf(iso, now)).toBe(iso);
      expect(createdDateOf(`${day}.${month}.${year} ${hour}:${minute}:${second}`, now)).toBe(iso);
      expect(createdDateOf(`${year}-${month}-${day}`, now)).toBe(`${year}-${month}-${day}T00:00:00.000Z`);
      expect(createdDateOf(String((time - Date.UTC(1899, 11, 30)) / 86_400_000), now)).toBe(iso);
    }
    for (const impossible of ['2023-02-29', '31.04.2020', '2020-13-01', '12/31/2020', 'gestern', '2030-01-01']) expect(createdDateOf(impossible, now), impossible).toBeUndefined();
  });
});

describe('tags, relationships and statuses', () => {
  it('splits tags on ";" and ",", trims them and keeps each once regardless of case, in file order', () => {
    const r = random(5);
    for (let index = 0; index < 200; index++) {
      const names = Array.from({ length: r.int(6) }, () => r.pick(['VIP', 'Bestand', 'Neukunde 2024', 'Kanzlei', 'M365', 'Äpfel & Birnen']));
      const cell = names.map((name) => (r.next() < 0.3 ? name.toLowerCase() : name)).join(r.pick([';', ',', '; ', ' , ']));
      const seen = new Set<string>();
      const expected = names.map((_name, at) => cell.split(/[;,]/)[at]!.trim()).filter((name) => !seen.has(name.toLowerCase()) && seen.add(name.toLowerCase()));
      expect(tagNames(cell)).toEqual(expected);
    }
  });

  it('reads Partner Center’s reseller wording as an active relationship to review, and our own labels in both languages back', () => {
    for (const wording of ['Cloud-Vertriebspartner', 'Cloud Solution Provider', 'Indirect reseller', 'Reseller', 'CSP'])
      expect(relationshipOf(wording), wording).toEqual({ state: 'active', review: true });
    for (const state of relationshipStates) {
      for (const dictionary of [de, en]) {
        const read = relationshipOf(dictionary.customers.relationship[state]);
        // An invitation cannot come with a file: "pending" starts without one.
        expect(read?.state, state).toBe(state === 'pending' ? 'none' : state);
      }
    }
    expect(relationshipOf('')).toEqual({ state: 'none', review: false });
    expect(relationshipOf('Lieferant')).toBeUndefined();
  });

  it('archives inactive, closed, cancelled and fraud clients; active, suspended and empty stay; anything else is unknown', () => {
    for (const status of ['Inactive', 'Closed', 'canceled', 'Cancelled', 'fraud', 'inaktiv']) expect(archivedByStatus(status), status).toBe(true);
    for (const status of ['Active', 'active', 'suspended', '', 'Aktiv']) expect(archivedByStatus(status), status).toBe(false);
    expect(archivedByStatus('in Prüfung')).toBeUndefined();
  });
});
