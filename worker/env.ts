import type { SQL } from 'drizzle-orm';
import type { Locale } from '../schema/common';
import type { PartnerType, Permission, Role } from '../schema/permissions';
import type { HubNamespace } from './hubRpc';

/** Vars that only tests and benchmarks set (vitest.config.ts, scripts/bench-*.mjs); production leaves them out. */
export interface TestAndBenchVars {
  /** Set to "1" only by `npm run bench:live`: lets the hub echo a message to all sockets (the floor). */
  BENCH_ECHO?: string;
  /** Set to "1" only by `npm run bench:api`: list answers carry their SQL (x-bench-sql) for the floor. */
  BENCH_SQL?: string;
  /** "1" lets webhooks go to http://localhost (local tests only; production requires https). */
  ALLOW_HTTP_WEBHOOKS?: string;
  /** Benchmarks only: every D1 round trip of a request waits this many milliseconds first (a far-away primary). */
  D1_DELAY_MS?: string;
  /** "1" (tests, bench:api): answers carry `x-d1-round-trips`, the number of D1 round trips the request made. */
  COUNT_QUERIES?: string;
  /** First retry delay of a failed webhook delivery (doubles each time); tests shorten it. */
  WEBHOOK_RETRY_BASE_MS?: string;
  /** Pause between two chunks of a background job (default 100 ms); the worker tests set it long and step chunks themselves. */
  JOB_CHUNK_PAUSE_MS?: string;
}

/**
 * The Worker's bindings: those of wrangler.toml as `npm run types` generates them (worker-configuration.d.ts),
 * with the hub named by its RPC surface rather than its class, and the optional test and bench vars.
 */
export interface Bindings extends Omit<Cloudflare.Env, 'RESELLER_HUB'>, TestAndBenchVars {
  RESELLER_HUB: HubNamespace;
}

/** The signed-in staff member a request acts for; every query is scoped to `resellerId`. */
export interface Actor {
  userId: string;
  resellerId: string;
  email: string;
  displayName: string;
  role: Role;
  locale: Locale;
  permissions: ReadonlySet<Permission>;
  reseller: { id: string; name: string; partnerType: PartnerType; currency: string; onlyOwnerAddsCustomers: boolean };
  sessionTokenHash: string;
  /** Set when the request came with an API token instead of a session. */
  apiTokenId?: string;
}

export interface AppEnv {
  Bindings: Bindings;
  /** `replayBody`: what an Idempotency-Key keeps of this answer when it differs from it (a secret withheld). */
  Variables: {
    actor?: Actor;
    replayBody?: string;
    /** The check of a remembered actor's credential, running beside the request; a write awaits it before committing. */
    credentialCheck?: Promise<void>;
    /** Set once a route asked for the actor: its answer then waits for `credentialCheck`. */
    actorUsed?: boolean;
    /** The remembered actor's credential as a condition a write's batch checks in its own transaction. */
    credentialGuard?: SQL;
    /** A write's batch committed under `credentialGuard`: the credential held then, the answer need not wait for the check. */
    credentialProven?: boolean;
  };
}
