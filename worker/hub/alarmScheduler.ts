// A Durable Object has one alarm; the hub has several tasks that need one (webhook retries, job chunks).
// Each task keeps its own due time in storage under its key, and the one alarm is set to the earliest.

/** The storage calls the scheduler needs (a Durable Object's `ctx.storage`). */
export type AlarmStorage = Pick<DurableObjectStorage, 'get' | 'put' | 'delete' | 'list' | 'getAlarm' | 'setAlarm'>;

/** A task runs when due; it schedules itself again if it has more to do. */
export type AlarmTask = () => Promise<void>;

const PREFIX = 'alarm:';
/** A task that throws runs again after this long; the others are not held up by it. */
export const ALARM_RETRY_MS = 5_000;

export class AlarmScheduler<Key extends string> {
  constructor(
    private readonly storage: AlarmStorage,
    private readonly tasks: Record<Key, AlarmTask>,
  ) {}

  /** Runs `key`'s task at `at` or earlier: an earlier time already asked for stays. */
  async schedule(key: Key, at: number): Promise<void> {
    const current = await this.storage.get<number>(PREFIX + key);
    if (current === undefined || at < current) await this.storage.put(PREFIX + key, at);
    await this.setAlarmBy(at);
  }

  async dueAt(key: Key): Promise<number | null> {
    return (await this.storage.get<number>(PREFIX + key)) ?? null;
  }

  /**
   * The Durable Object's `alarm()`: every task that is due runs once, then the alarm moves to the next due
   * time. The alarm only fires for the earliest task, so that one counts as due even when the alarm is
   * made to fire early (tests step jobs this way).
   */
  async onAlarm(now = Date.now()): Promise<void> {
    const scheduled = await this.storage.list<number>({ prefix: PREFIX });
    const dueBy = Math.max(now, Math.min(...scheduled.values()));
    // A due task's time is removed before it runs, so a task that schedules itself again keeps the new time.
    for (const [storageKey, at] of scheduled) {
      const key = storageKey.slice(PREFIX.length) as Key;
      const task = this.tasks[key];
      if (!task) {
        await this.storage.delete(storageKey);
        continue;
      }
      if (at > dueBy) continue;
      await this.storage.delete(storageKey);
      try {
        await task();
      } catch (error) {
        console.error(`alarm task ${key} failed: ${error instanceof Error ? error.message : 'unknown'}`);
        await this.schedule(key, Date.now() + ALARM_RETRY_MS);
      }
    }
    const next = Math.min(...(await this.storage.list<number>({ prefix: PREFIX })).values());
    if (Number.isFinite(next)) await this.setAlarmBy(next, true);
  }

  private async setAlarmBy(at: number, replace = false): Promise<void> {
    const current = await this.storage.getAlarm();
    if (replace || current === null || at < current) await this.storage.setAlarm(at);
  }
}
