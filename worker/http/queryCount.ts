// How many D1 round trips a request made, for the tests that guard against a query per row and for
// `npm run bench:api`. Only when the COUNT_QUERIES binding is "1": production never wraps D1.
import type { Bindings } from '../env';
import { observedD1 } from './d1RoundTrips';

/** Runs the request with a counting D1 and reports the count in `x-d1-round-trips` (before any waitUntil work). */
export async function withQueryCount(request: Request, env: Bindings, ctx: ExecutionContext, handle: (request: Request, env: Bindings, ctx: ExecutionContext) => Response | Promise<Response>) {
  let roundTrips = 0;
  const response = await handle(request, { ...env, DB: observedD1(env.DB, () => void (roundTrips += 1)) }, ctx);
  // Upgrades (the live socket) and streamed exports keep their original response.
  if (response.webSocket || response.status === 101) return response;
  const counted = new Response(response.body, response);
  counted.headers.set('x-d1-round-trips', String(roundTrips));
  return counted;
}
