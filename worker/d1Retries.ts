// D1 fails now and then for reasons that pass ("Network connection lost", a storage reset, an overloaded
// database) and asks clients to try again. Reads (and rate counters) are tried again with backoff; a write is retried only by
// commitWrite, which knows whether its batch committed. What still fails answers 503 with Retry-After.
import { type AroundTrip, interceptD1 } from './d1Intercept';
import type { Bindings } from './env';
import { AppError } from './errors';

/** The messages D1 documents for failures that a second attempt may not meet. */
const TRANSIENT =
  /Network connection lost|storage caused object to be reset|reset because its code was updated|transient issue|overloaded|Too many requests queued|Internal error in D1/i;

export const isTransientD1Error = (error: unknown) => error instanceof Error && TRANSIENT.test(error.message);

/** How long a client should wait before it tries again, after D1 kept failing. */
export const RETRY_AFTER_SECONDS = 2;

/** The error itself or the first of its causes that is a `kind` (drizzle wraps driver errors in its own). */
export function foundIn<T>(error: unknown, kind: abstract new (...args: never[]) => T): T | undefined {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    if (current instanceof kind) return current;
  }
  return undefined;
}

export class DatabaseUnavailable extends AppError {
  constructor() {
    super(503, 'database_unavailable', 'The database is briefly unavailable. Please try again in a moment.', { retryAfterSeconds: RETRY_AFTER_SECONDS });
  }
}

/** Pauses before each further attempt of a read. */
export const READ_BACKOFF_MS = [50, 200, 600];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A statement that only reads: SELECT (or WITH … SELECT) and no write keyword anywhere. */
const readOnly = (query: string) => /^\s*(SELECT|WITH)\b/i.test(query) && !/\b(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(query);

/** A rate counter's hit: tried again like a read (a repeat only counts one hit more, within the limit's purpose). */
const rateCount = (query: string) => /^\s*INSERT INTO "?rate_limits"?\s/i.test(query);

/** What may simply run again after a transient failure: reads, and rate counters (a token's lookup is counted with it). */
export const repeatable = (query: string) => readOnly(query) || rateCount(query);

async function attempts<T>(run: () => Promise<T>, retry: boolean): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isTransientD1Error(error)) throw error;
      if (!retry || attempt >= READ_BACKOFF_MS.length) throw new DatabaseUnavailable();
      await sleep(READ_BACKOFF_MS[attempt]!);
    }
  }
}

/** Runs a trip, again after a transient failure when all of it may simply run again. */
const retrying: AroundTrip = ({ queries, run }) =>
  attempts(
    run,
    queries.every((query) => repeatable(query)),
  );

/** The bindings with a D1 that tries reads again on transient failures and turns what still fails into a 503. */
export function withD1Retries(env: Bindings): Bindings {
  return { ...env, DB: interceptD1(env.DB, retrying) };
}
