import type { SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { JobItemReason, JobKind } from '../../schema/jobs';
import type { Permission } from '../../schema/permissions';
import type { LiveEvent } from '../../schema/realtime';
import type { TenantScope } from '../db';
import type { Bindings } from '../env';
import type { AuditActor, AuditEntry } from '../write';

/** Who started the job; `apiTokenId` when it was an integration's token (its id is then no staff member's). */
export type JobActor = AuditActor & { apiTokenId?: string };

/** What a kind's chunk handler gets: the reseller's scope, the person who started the job, its parameters. */
export interface ChunkContext<Params> {
  env: Bindings;
  scope: TenantScope;
  /** The starter: every audit row of the job names them. */
  actor: JobActor;
  jobId: string;
  params: Params;
}

/**
 * One chunk's writes: the kind's statements (with their own per-item audit rows in `audit` or inside
 * `statements`), and each item's outcome, null for done or a reason for refused. The runner adds the
 * report rows and the job's counts to the same D1 batch, so a chunk lands whole or not at all.
 */
export interface ChunkPlan {
  outcomes: Map<string, JobItemReason | null>;
  guards?: SQL[];
  statements: BatchItem<'sqlite'>[];
  audit?: AuditEntry[];
  /** Published after the commit (read back lazily, like `WritePlan.events`). */
  events?: () => Promise<LiveEvent[]>;
}

/** Writes that land together with the job's end, in its one D1 batch (see `commit` and `ended`). */
export type JobWrite = Omit<ChunkPlan, 'outcomes'>;

export interface JobKindSpec<Params = unknown, Kind extends JobKind = JobKind> {
  kind: Kind;
  /** Needed to start (checked up front, 403) and to cancel. */
  permission: Permission;
  /** Items per chunk; one chunk is one D1 batch, so it must stay well inside D1's limits. */
  chunkSize: number;
  processChunk(context: ChunkContext<Params>, itemIds: string[]): Promise<ChunkPlan>;
  /**
   * Optional, for a kind whose writes must land all or nothing (the import): its chunks only check and
   * report, and this, called once after the last chunk, returns the whole write. The runner commits it
   * in ONE batch with the job's end as succeeded. When it throws or that batch fails (a guard, any
   * error), nothing of it lands and the job ends as failed. A job cancelled before never calls it.
   */
  commit?(context: ChunkContext<Params>): Promise<JobWrite>;
  /** Optional: writes that go with the job's end in the same batch, in every end state (`cause`: why it failed). */
  ended?(context: ChunkContext<Params>, state: 'succeeded' | 'failed' | 'cancelled', cause?: unknown): Promise<JobWrite>;
}

/** Types a kind's spec by its parameters; the kinds are listed in `worker/jobs/kinds.ts`. */
export const defineJobKind = <Params, Kind extends JobKind>(spec: JobKindSpec<Params, Kind>): JobKindSpec<Params, Kind> => spec;
