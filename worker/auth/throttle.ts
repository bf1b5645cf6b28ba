import { TooManyRequests } from '../errors';

/** How many password checks a key may have before it is slowed down and then locked. */
export interface ThrottleRule {
  prefix: 'email' | 'ip';
  slowAfter: number;
  lockAfter: number;
  windowMs: number;
  lockMs: number;
}

const MINUTE = 60_000;
export const accountRule: ThrottleRule = { prefix: 'email', slowAfter: 3, lockAfter: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
// An office behind one address has many staff: the address limits are wider than an account's.
export const addressRule: ThrottleRule = { prefix: 'ip', slowAfter: 20, lockAfter: 50, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };

export type ThrottleKey = [key: string, rule: ThrottleRule];

interface ThrottleRow {
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}

export function throttleKeys(email: string, clientAddress: string): ThrottleKey[] {
  return [
    [`email:${email}`, accountRule],
    [`ip:${clientAddress}`, addressRule],
  ];
}

/**
 * Counts this attempt as a failure for every key before its password is looked at, in one statement
 * per key inside one batch (one transaction): requests sent at once cannot all pass one check and then
 * all be counted. A key that is locked, or has to wait after its last attempt, takes no count and the
 * attempt is refused (429) without checking the password. `succeeded` takes the count back.
 */
export async function reserveSignInAttempt(db: D1Database, keys: ThrottleKey[], now: number): Promise<void> {
  const nowIso = new Date(now).toISOString();
  const reservations = keys.map(([key, rule]) => {
    // A quiet window or an expired lock starts the count afresh.
    const fresh = '(last_failure_at < ?3 OR locked_until <= ?2)';
    return db
      .prepare(
        `INSERT INTO sign_in_throttle (key, failures, last_failure_at, locked_until) VALUES (?1, 1, ?2, NULL)
         ON CONFLICT(key) DO UPDATE SET
           failures = CASE WHEN ${fresh} THEN 1 ELSE failures + 1 END,
           locked_until = CASE WHEN ${fresh} THEN NULL WHEN failures + 1 >= ?4 THEN ?6 ELSE NULL END,
           last_failure_at = ?2
         WHERE ${fresh} OR (
           failures < ?4
           AND (failures < ?5 OR (julianday(?2) - julianday(last_failure_at)) * 86400000.0 >= 1000 * (1 << (failures - ?5)))
         )
         RETURNING key`,
      )
      .bind(key, nowIso, new Date(now - rule.windowMs).toISOString(), rule.lockAfter, rule.slowAfter, new Date(now + rule.lockMs).toISOString());
  });
  const reads = keys.map(([key]) => db.prepare('SELECT failures, last_failure_at, locked_until FROM sign_in_throttle WHERE key = ?').bind(key));
  const results = await db.batch<unknown>([...reservations, ...reads]);
  const refusedAt = keys.findIndex((_, index) => results[index]!.results.length === 0);
  if (refusedAt === -1) return;
  // Refused by one key: the others give their count back, since no password is checked.
  const taken = keys.filter((_, index) => results[index]!.results.length > 0);
  if (taken.length > 0) await giveBack(db, taken);
  const [, rule] = keys[refusedAt]!;
  throw refusal(results[keys.length + refusedAt]!.results[0] as ThrottleRow, rule, now);
}

function refusal(row: ThrottleRow, rule: ThrottleRule, now: number): TooManyRequests {
  if (row.locked_until && Date.parse(row.locked_until) > now) {
    const seconds = Math.ceil((Date.parse(row.locked_until) - now) / 1000);
    return new TooManyRequests('sign_in_locked', `Too many failed sign-ins. Try again in ${Math.ceil(seconds / 60)} minutes.`, seconds);
  }
  const waitMs = 1000 * 2 ** Math.max(0, row.failures - rule.slowAfter);
  const seconds = Math.max(1, Math.ceil((Date.parse(row.last_failure_at) + waitMs - now) / 1000));
  return new TooManyRequests('sign_in_throttled', `Too many failed sign-ins. Wait ${seconds} seconds before trying again.`, seconds);
}

/** Takes back one counted attempt per key (and a lock that count set). */
async function giveBack(db: D1Database, keys: ThrottleKey[]): Promise<void> {
  await db.batch(
    keys.map(([key, rule]) =>
      db
        .prepare('UPDATE sign_in_throttle SET failures = max(failures - 1, 0), locked_until = CASE WHEN failures - 1 < ?2 THEN NULL ELSE locked_until END WHERE key = ?1')
        .bind(key, rule.lockAfter),
    ),
  );
}

/** The password was right: the account starts afresh, and the address gets this attempt's count back. */
export async function succeeded(db: D1Database, keys: ThrottleKey[]): Promise<void> {
  const [[accountKey], ...others] = keys;
  await Promise.all([db.prepare('DELETE FROM sign_in_throttle WHERE key = ?').bind(accountKey).run(), others.length > 0 ? giveBack(db, others) : undefined]);
}
