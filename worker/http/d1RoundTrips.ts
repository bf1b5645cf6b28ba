// A D1 binding seen one round trip at a time: `first`, `all`, `run` and `raw` of a statement, and a
// whole `batch`, are each one trip to the database. Used only where a binding asks for it: counting
// trips for tests and `npm run bench:api` (COUNT_QUERIES=1), and adding a fixed delay to each trip to
// measure the app as if D1 were far away (D1_DELAY_MS, benchmarks only). Production never wraps D1.
import { interceptD1 } from '../d1Intercept';

/** Called before each round trip; the trip waits for it. What it returns (if a function) is called when the trip ended. */
export type RoundTripHook = () => void | Promise<void> | (() => void);

/** The same database (or D1 session), with `beforeTrip` run before every round trip it makes. */
export function observedD1<T extends Pick<D1Database, 'prepare' | 'batch'>>(db: T, beforeTrip: RoundTripHook): T {
  return interceptD1(db, async ({ run }) => {
    const ended = await beforeTrip();
    try {
      return await run();
    } finally {
      if (typeof ended === 'function') ended();
    }
  });
}
