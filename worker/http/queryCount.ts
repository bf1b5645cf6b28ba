// How many D1 round trips a request made, for the test that guards against a query per row and for
// `npm run bench:api`. Only when the COUNT_QUERIES binding is "1": production never wraps D1.
import type { Bindings } from '../env';

interface Counter {
  roundTrips: number;
}

const unwrapped = new WeakMap<object, D1PreparedStatement>();

function countedStatement(statement: D1PreparedStatement, counter: Counter): D1PreparedStatement {
  const wrapped = new Proxy(statement, {
    get(target, property) {
      if (property === 'bind') return (...values: unknown[]) => countedStatement(target.bind(...values), counter);
      if (property === 'first' || property === 'all' || property === 'run' || property === 'raw') {
        return (...args: unknown[]) => {
          counter.roundTrips += 1;
          return (target[property] as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      const value = target[property as keyof D1PreparedStatement];
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  unwrapped.set(wrapped, statement);
  return wrapped;
}

function countedDatabase(db: D1Database, counter: Counter): D1Database {
  return new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') return (query: string) => countedStatement(target.prepare(query), counter);
      if (property === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          // A batch is one round trip however many statements it holds.
          counter.roundTrips += 1;
          return target.batch(statements.map((statement) => unwrapped.get(statement) ?? statement));
        };
      }
      const value = target[property as keyof D1Database];
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Runs the request with a counting D1 and reports the count in `x-d1-round-trips` (before any waitUntil work). */
export async function withQueryCount(request: Request, env: Bindings, ctx: ExecutionContext, handle: (request: Request, env: Bindings, ctx: ExecutionContext) => Response | Promise<Response>) {
  const counter: Counter = { roundTrips: 0 };
  const response = await handle(request, { ...env, DB: countedDatabase(env.DB, counter) }, ctx);
  // Upgrades (the live socket) and streamed exports keep their original response.
  if (response.webSocket || response.status === 101) return response;
  const counted = new Response(response.body, response);
  counted.headers.set('x-d1-round-trips', String(counter.roundTrips));
  return counted;
}
