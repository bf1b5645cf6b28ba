// What only the benchmarks use, kept out of the app's protocol: the echo that measures the live
// fan-out's floor (BENCH_ECHO=1, `npm run bench:live`) and a list's SQL for `npm run bench:api`'s floor
// (BENCH_SQL=1). Both are off unless the benchmark starts the app with them.
import * as v from 'valibot';
import type { Bindings } from './env';

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
