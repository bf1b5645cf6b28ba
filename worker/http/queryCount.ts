// How many D1 round trips a request made, for the tests that guard against a query per row and for
// `npm run bench:api`. Only when the COUNT_QUERIES binding is "1": production never wraps D1.
import type { Bindings } from '../env';
import { observedD1 } from './d1RoundTrips';

/**
 * The longest chain of trips where each starts after the one before it ended: what a request waits
 * for when every trip costs the distance to the database (trips in flight together count once).
 */
export function sequentialTrips(trips: { start: number; end: number }[]): number {
  const sorted = [...trips].sort((a, b) => a.end - b.end);
  const chain: number[] = [];
  sorted.forEach((trip, index) => {
    let before = 0;
    for (let other = 0; other < index; other++) if (sorted[other]!.end <= trip.start) before = Math.max(before, chain[other]!);
    chain.push(before + 1);
  });
  return Math.max(0, ...chain);
}

/**
 * Runs the request with a counting D1 and reports, before any waitUntil work, every trip in
 * `x-d1-round-trips` (a query per row shows here) and the trips it waited for one after another in
 * `x-d1-sequential-trips` (what distance to the database costs).
 */
export async function withQueryCount(
  request: Request,
  env: Bindings,
  ctx: ExecutionContext,
  handle: (request: Request, env: Bindings, ctx: ExecutionContext) => Response | Promise<Response>,
) {
  const trips: { start: number; end: number }[] = [];
  let clock = 0;
  // A logical clock: performance.now() stands still in workerd while a request awaits I/O.
  const observed = observedD1(env.DB, () => {
    const trip = { start: clock++, end: Number.POSITIVE_INFINITY };
    trips.push(trip);
    return () => {
      trip.end = clock++;
    };
  });
  const response = await handle(request, { ...env, DB: observed }, ctx);
  // Upgrades (the live socket) and streamed exports keep their original response.
  if (response.webSocket || response.status === 101) return response;
  const counted = new Response(response.body, response);
  counted.headers.set('x-d1-round-trips', String(trips.length));
  counted.headers.set('x-d1-sequential-trips', String(sequentialTrips(trips.filter((trip) => trip.end !== Number.POSITIVE_INFINITY))));
  return counted;
}
