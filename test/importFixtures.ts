import { env } from 'cloudflare:test';

/** The bytes of a file in test/fixtures/imports (files as Partner Center, WHMCS, Blesta, FOSSBilling and LibreOffice write them). */
export function importFixture(name: string): Uint8Array {
  const base64 = (JSON.parse(env.IMPORT_FIXTURES) as Record<string, string>)[name];
  if (!base64) throw new Error(`no fixture ${name}`);
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}
