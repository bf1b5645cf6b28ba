import { TooManyRequests } from '../errors';

/** How many failed sign-ins a key may collect before it is slowed down and then locked. */
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

interface ThrottleRow {
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}

export function throttleKeys(email: string, clientAddress: string): [string, ThrottleRule][] {
  return [
    [`email:${email}`, accountRule],
    [`ip:${clientAddress}`, addressRule],
  ];
}

/** Refuses the attempt (429) while a key is locked or still has to wait after its last failure. */
export async function assertSignInAllowed(db: D1Database, keys: [string, ThrottleRule][], now: number): Promise<void> {
  for (const [key, rule] of keys) {
    const row = await db.prepare('SELECT failures, last_failure_at, locked_until FROM sign_in_throttle WHERE key = ?').bind(key).first<ThrottleRow>();
    if (!row) continue;
    if (row.locked_until && Date.parse(row.locked_until) > now) {
      const seconds = Math.ceil((Date.parse(row.locked_until) - now) / 1000);
      throw new TooManyRequests('sign_in_locked', `Too many failed sign-ins. Try again in ${Math.ceil(seconds / 60)} minutes.`, seconds);
    }
    const lastFailure = Date.parse(row.last_failure_at);
    if (row.locked_until || now - lastFailure > rule.windowMs || row.failures < rule.slowAfter) continue;
    const waitMs = 1000 * 2 ** (row.failures - rule.slowAfter);
    if (now - lastFailure < waitMs) {
      const seconds = Math.ceil((lastFailure + waitMs - now) / 1000);
      throw new TooManyRequests('sign_in_throttled', `Too many failed sign-ins. Wait ${seconds} seconds before trying again.`, seconds);
    }
  }
}

/** Counts a failure for every key; the count restarts after a quiet window or an expired lock. */
export async function recordSignInFailure(db: D1Database, keys: [string, ThrottleRule][], now: number): Promise<void> {
  const nowIso = new Date(now).toISOString();
  await db.batch(
    keys.map(([key, rule]) => {
      const windowStart = new Date(now - rule.windowMs).toISOString();
      const lockUntil = new Date(now + rule.lockMs).toISOString();
      return db
        .prepare(
          `INSERT INTO sign_in_throttle (key, failures, last_failure_at, locked_until) VALUES (?1, 1, ?2, NULL)
           ON CONFLICT(key) DO UPDATE SET
             failures = CASE WHEN last_failure_at < ?3 OR locked_until <= ?2 THEN 1 ELSE failures + 1 END,
             locked_until = CASE
               WHEN last_failure_at < ?3 OR locked_until <= ?2 THEN NULL
               WHEN failures + 1 >= ?4 THEN ?5
               ELSE locked_until END,
             last_failure_at = ?2`,
        )
        .bind(key, nowIso, windowStart, rule.lockAfter, lockUntil);
    }),
  );
}

export async function clearSignInFailures(db: D1Database, key: string): Promise<void> {
  await db.prepare('DELETE FROM sign_in_throttle WHERE key = ?').bind(key).run();
}
