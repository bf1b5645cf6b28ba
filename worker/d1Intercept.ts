// One way to stand between the Worker and a D1 binding: every round trip (a statement's `first`, `all`,
// `run` or `raw`, or a whole `batch`) passes through `around`, which sees the trip's SQL and decides
// when and how often it runs. Retrying transient failures, counting trips, simulating distance and
// the tests' fault injection are each one `around`.

export interface RoundTrip<T> {
  /** The SQL of the trip: one statement, or each of a batch's statements in order. */
  queries: string[];
  batch: boolean;
  /** Runs the trip on the binding below; may be called again. */
  run: () => Promise<T>;
}

export type AroundTrip = <T>(trip: RoundTrip<T>) => Promise<T>;

const sqlOf = new WeakMap<object, string>();
const below = new WeakMap<object, D1PreparedStatement>();

function interceptedStatement(statement: D1PreparedStatement, query: string, around: AroundTrip): D1PreparedStatement {
  const wrapped = new Proxy(statement, {
    get(target, property) {
      if (property === 'bind') return (...values: unknown[]) => interceptedStatement(target.bind(...values), query, around);
      if (property === 'first' || property === 'all' || property === 'run' || property === 'raw') {
        return (...args: unknown[]) => around({ queries: [query], batch: false, run: async () => (target[property] as (...a: unknown[]) => Promise<unknown>).apply(target, args) });
      }
      const value = target[property as keyof D1PreparedStatement];
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  sqlOf.set(wrapped, query);
  below.set(wrapped, statement);
  return wrapped;
}

/** The same database (or D1 session, and the sessions it opens) with every round trip passing through `around`. */
export function interceptD1<T extends Pick<D1Database, 'prepare' | 'batch'>>(db: T, around: AroundTrip): T {
  return new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') return (query: string) => interceptedStatement(target.prepare(query), query, around);
      if (property === 'batch') {
        // A batch is one round trip however many statements it holds.
        return (statements: D1PreparedStatement[]) =>
          around({
            queries: statements.map((statement) => sqlOf.get(statement) ?? ''),
            batch: true,
            run: () => target.batch(statements.map((statement) => below.get(statement) ?? statement)),
          });
      }
      if (property === 'withSession') return (constraint?: string) => interceptD1((target as unknown as D1Database).withSession(constraint), around);
      const value = target[property as keyof T];
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
