// The reseller's background jobs as the hub works them: one chunk at a time per job (a kick from the
// Worker and the alarm never work one job at once), and a job whose chunk keeps failing ends as failed.
import type { LiveEvent } from '../../schema/realtime';
import type { Bindings } from '../env';
import { failJob, openJobIds, runJobStep } from '../jobs/runner';
import type { WriteContext } from '../write';

/** A chunk that fails this often in a row ends its job as failed. */
export const JOB_ATTEMPTS = 3;

export type PublishEvents = (resellerId: string, events: LiveEvent[]) => Promise<void>;

export class JobRunner {
  private readonly busy = new Set<string>();
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly env: Bindings,
    private readonly waitUntil: (promise: Promise<unknown>) => void,
    private readonly publish: PublishEvents,
  ) {}

  /** How long the runner waits between two chunks, so the reseller's other requests get D1 in between. */
  get pauseMs(): number {
    return Number(this.env.JOB_CHUNK_PAUSE_MS ?? 100);
  }

  private context(): WriteContext {
    return { env: this.env, executionCtx: { waitUntil: this.waitUntil } };
  }

  /** One chunk of one job; whether work is left. */
  async step(resellerId: string, jobId: string): Promise<boolean> {
    if (this.busy.has(jobId)) return true;
    this.busy.add(jobId);
    const publish = (events: LiveEvent[]) => this.publish(resellerId, events);
    try {
      const more = await runJobStep(this.context(), resellerId, jobId, publish);
      this.failures.delete(jobId);
      return more;
    } catch (error) {
      const failures = (this.failures.get(jobId) ?? 0) + 1;
      this.failures.set(jobId, failures);
      console.error(`job ${jobId} step failed (${failures}/${JOB_ATTEMPTS}): ${error instanceof Error ? error.message : 'unknown'}`);
      if (failures < JOB_ATTEMPTS) return true;
      this.failures.delete(jobId);
      await failJob(this.context(), resellerId, jobId, publish).catch(() => undefined);
      return false;
    } finally {
      this.busy.delete(jobId);
    }
  }

  /** One chunk of every open job of the reseller, oldest first; whether any has work left. */
  async stepAll(resellerId: string): Promise<boolean> {
    let left = false;
    for (const jobId of await openJobIds(this.env, resellerId)) left = (await this.step(resellerId, jobId)) || left;
    return left;
  }
}
