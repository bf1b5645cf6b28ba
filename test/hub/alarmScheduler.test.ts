// The scheduler on a real Durable Object's storage: several tasks share the one alarm, each runs when
// due, a task can schedule itself again, and a failing task is retried without holding up the others.
import { env, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ALARM_RETRY_MS, AlarmScheduler } from '../../worker/hub/alarmScheduler';

/** A fresh hub instance's storage (the tasks below never touch the hub itself). */
const storageOfFreshHub = <T>(use: (storage: DurableObjectStorage) => Promise<T>) =>
  runInDurableObject(env.RESELLER_HUB.get(env.RESELLER_HUB.newUniqueId()), (_hub, state) => use(state.storage));

describe('AlarmScheduler', () => {
  it('keeps the one alarm at the earliest time any task asked for, and an earlier request wins over a later one', async () => {
    await storageOfFreshHub(async (storage) => {
      const scheduler = new AlarmScheduler(storage, { a: async () => {}, b: async () => {} });
      await scheduler.schedule('a', 5_000_000_000_000);
      expect(await storage.getAlarm()).toBe(5_000_000_000_000);
      await scheduler.schedule('b', 4_000_000_000_000);
      expect(await storage.getAlarm()).toBe(4_000_000_000_000);
      await scheduler.schedule('a', 6_000_000_000_000);
      expect(await scheduler.dueAt('a')).toBe(5_000_000_000_000);
      expect(await storage.getAlarm()).toBe(4_000_000_000_000);
    });
  });

  it('runs each due task once, leaves the others for later, and moves the alarm to the next one', async () => {
    await storageOfFreshHub(async (storage) => {
      const ran: string[] = [];
      const scheduler = new AlarmScheduler(storage, { soon: async () => void ran.push('soon'), later: async () => void ran.push('later') });
      await scheduler.schedule('soon', 1_000);
      await scheduler.schedule('later', 9_000_000_000_000);
      await scheduler.onAlarm(2_000);
      expect(ran).toEqual(['soon']);
      expect(await scheduler.dueAt('soon')).toBeNull();
      expect(await storage.getAlarm()).toBe(9_000_000_000_000);
    });
  });

  it('keeps the time a task gives itself while it runs (a job with chunks left)', async () => {
    await storageOfFreshHub(async (storage) => {
      let runs = 0;
      const scheduler: AlarmScheduler<'job'> = new AlarmScheduler(storage, {
        job: async () => {
          runs += 1;
          if (runs < 3) await scheduler.schedule('job', 10_000 + runs);
        },
      });
      await scheduler.schedule('job', 1_000);
      for (let now = 2_000; runs < 3; now += 10_000) await scheduler.onAlarm(now);
      expect(runs).toBe(3);
      expect(await scheduler.dueAt('job')).toBeNull();
    });
  });

  it('retries a failing task after a pause while the other due tasks still run', async () => {
    await storageOfFreshHub(async (storage) => {
      const ran: string[] = [];
      const scheduler = new AlarmScheduler(storage, {
        broken: async () => {
          throw new Error('D1 unavailable');
        },
        fine: async () => void ran.push('fine'),
      });
      await scheduler.schedule('broken', 1_000);
      await scheduler.schedule('fine', 1_000);
      const before = Date.now();
      await scheduler.onAlarm(2_000);
      expect(ran).toEqual(['fine']);
      const retry = await scheduler.dueAt('broken');
      expect(retry).toBeGreaterThanOrEqual(before + ALARM_RETRY_MS);
      expect(await storage.getAlarm()).toBe(retry);
    });
  });

  it('runs the earliest task when the alarm fires before its time (it only fires for that one), and no other', async () => {
    await storageOfFreshHub(async (storage) => {
      const ran: string[] = [];
      const scheduler = new AlarmScheduler(storage, { first: async () => void ran.push('first'), second: async () => void ran.push('second') });
      await scheduler.schedule('first', 5_000);
      await scheduler.schedule('second', 6_000);
      await scheduler.onAlarm(1_000);
      expect(ran).toEqual(['first']);
    });
  });

  it('forgets keys no task answers to (a task that was removed)', async () => {
    await storageOfFreshHub(async (storage) => {
      await storage.put('alarm:gone', 1_000);
      const scheduler = new AlarmScheduler(storage, { kept: async () => {} });
      await scheduler.onAlarm(2_000);
      expect(await storage.get('alarm:gone')).toBeUndefined();
    });
  });
});
