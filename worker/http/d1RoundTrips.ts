// A D1 binding seen one round trip at a time: `first`, `all`, `run` and `raw` of a statement, and a
// whole `batch`, are each one trip to the database. Used only where a binding asks for it: counting
// trips for tests and `npm run bench:api` (COUNT_QUERIES=1), and adding a fixed delay to each trip to
// measure the app as if D1 were far away (D1_DELAY_MS, benchmarks only). Production never wraps D1.

/** Called before each round trip; the trip waits for it. What it returns (if a function) is called when the trip ended. */
export type RoundTripHook = () => void | Promise<void> | (() => void);

async function trip<T>(beforeTrip: RoundTripHook, run: () => Promise<T>): Promise<T> {
  const ended = await beforeTrip();
  try {
    return await run();
  } finally {
    if (typeof ended === 'function') ended();
  }
}

const unwrapped = new WeakMap<object, D1PreparedStatement>();

function observedStatement(statement: D1PreparedStatement, beforeTrip: RoundTripHook): D1PreparedStatement {
  const wrapped = new Proxy(statement, {
    get(target, property) {
      if (property === 'bind') return (...values: unknown[]) => observedStatement(target.bind(...values), beforeTrip);
      if (property === 'first' || property === 'all' || property === 'run' || property === 'raw') {
        return (...args: unknown[]) => trip(beforeTrip, async () => (target[property] as (...a: unknown[]) => unknown).apply(target, args));
      }
      const value = target[property as keyof D1PreparedStatement];
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  unwrapped.set(wrapped, statement);
  return wrapped;
}

/** The same database (or D1 session), with `beforeTrip` run before every round trip it makes. */
export function observedD1<T extends Pick<D1Database, 'prepare' | 'batch'>>(db: T, beforeTrip: RoundTripHook): T {
  return new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') return (query: string) => observedStatement(target.prepare(query), beforeTrip);
      if (property === 'batch') {
        // A batch is one round trip however many statements it holds.
        return (statements: D1PreparedStatement[]) => trip(beforeTrip, () => target.batch(statements.map((statement) => unwrapped.get(statement) ?? statement)));
      }
      if (property === 'withSession') {
        return (constraint?: string) => observedD1((target as unknown as D1Database).withSession(constraint), beforeTrip);
      }
      const value = target[property as keyof T];
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
