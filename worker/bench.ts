// What only the benchmarks use, kept out of the app's protocol: the echo that measures the live
// fan-out's floor (BENCH_ECHO=1, `npm run bench:live`), a list's SQL for `npm run bench:api`'s floor
// (BENCH_SQL=1), and a fixed delay on every D1 round trip to measure the app as if the database were
// far away (D1_DELAY_MS). All are off unless the benchmark starts the app with them.
import * as v from 'valibot';
import type { Bindings } from './env';
import { observedD1 } from './http/d1RoundTrips';

/** Browser → hub, only from the benchmark: send `{ type: 'echo', id }`, every socket receives it back. */
export const benchEchoMessage = v.object({ type: v.literal('echo'), id: v.pipe(v.string(), v.maxLength(40)) });
export type BenchEcho = v.InferOutput<typeof benchEchoMessage>;

/** The echo to broadcast, when the hub runs for the benchmark and the message is one; else undefined. */
export function benchEcho(env: Bindings, message: unknown): BenchEcho | undefined {
  if (env.BENCH_ECHO !== '1') return undefined;
  const parsed = v.safeParse(benchEchoMessage, message);
  return parsed.success ? parsed.output : undefined;
}

/** Whether a list answer may carry its SQL (`x-bench-sql`) for the benchmark's floor. */
export const benchSqlWanted = (env: Bindings, header: string | undefined) => env.BENCH_SQL === '1' && header === '1';

/** The bindings with every D1 round trip delayed by D1_DELAY_MS (a simulated distance to the primary), or as they are. */
export function withD1Distance(env: Bindings): Bindings {
  const delayMs = Number(env.D1_DELAY_MS ?? 0);
  if (!(delayMs > 0)) return env;
  return { ...env, DB: observedD1(env.DB, () => new Promise((resolve) => setTimeout(resolve, delayMs))) };
}
