import { constantTimeEqual, fromBase64Url, toBase64Url } from './crypto';

/** The production ceiling of PBKDF2 iterations in Workers; local workerd would allow more (a test pins it). */
export const PBKDF2_ITERATIONS = 100_000;
const ALGORITHM = 'pbkdf2-sha256';
const encoder = new TextEncoder();

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** `pbkdf2-sha256$<iterations>$<salt>$<hash>`: algorithm and count travel with the hash so they can change later. */
export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS, salt: Uint8Array = crypto.getRandomValues(new Uint8Array(16))): Promise<string> {
  const hash = await derive(password, salt, iterations);
  return `${ALGORITHM}$${iterations}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

interface ParsedHash {
  iterations: number;
  saltText: string;
  expected: Uint8Array;
}

function parseHash(stored: string): ParsedHash | undefined {
  const [algorithm, iterationText, saltText, hashText] = stored.split('$');
  const iterations = Number(iterationText);
  if (algorithm !== ALGORITHM || !Number.isInteger(iterations) || iterations < 1 || iterations > PBKDF2_ITERATIONS || !saltText) return undefined;
  return { iterations, saltText, expected: fromBase64Url(hashText ?? '') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  return (await passwordMatches(password, [stored]))[0]!;
}

/**
 * Which of the stored hashes the password matches. The accounts of one e-mail address share salt and
 * count (`hashPasswordBeside`), so checking all of them costs one derivation, however many there are.
 */
export async function passwordMatches(password: string, stored: readonly string[]): Promise<boolean[]> {
  const derived = new Map<string, Promise<Uint8Array>>();
  return Promise.all(
    stored.map(async (hash) => {
      const parsed = parseHash(hash);
      if (!parsed) return false;
      const cacheKey = `${parsed.iterations}$${parsed.saltText}`;
      if (!derived.has(cacheKey)) derived.set(cacheKey, derive(password, fromBase64Url(parsed.saltText), parsed.iterations));
      return constantTimeEqual(await derived.get(cacheKey)!, parsed.expected);
    }),
  );
}

/** A new password for an e-mail address that has an account elsewhere: hashed with that account's salt and count. */
export async function hashPasswordBeside(password: string, existing: string | undefined): Promise<string> {
  const parsed = existing === undefined ? undefined : parseHash(existing);
  return parsed ? hashPassword(password, parsed.iterations, fromBase64Url(parsed.saltText)) : hashPassword(password);
}

/** Verified against when the e-mail is unknown, so the answer takes as long as for a wrong password. */
export const UNKNOWN_USER_HASH = `${ALGORITHM}$${PBKDF2_ITERATIONS}$c2FsdC1mb3ItdW5rbm93bg$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
