import type { Logger } from '../logging/index.js';
import { addDays, localDay } from './days.js';
import type { RecordStore } from './model.js';

export interface RetentionPolicy {
  /** Days a kept question stays. */
  readonly questionDays: number;
  /** Days the anonymous counters stay. */
  readonly countDays: number;
  /** The time zone the counters' days are in. */
  readonly timeZone: string;
}

/** Deletes what is older than the policy allows, as of `now`. */
export async function purgeExpired(store: RecordStore, now: Date, policy: RetentionPolicy): Promise<{ questions: number; counts: number }> {
  const questionsBefore = new Date(now.getTime() - policy.questionDays * 86_400_000);
  const countsBeforeDay = addDays(localDay(now, policy.timeZone), -policy.countDays);
  return store.purge(questionsBefore, countsBeforeDay);
}

export interface RetentionScheduleOptions {
  readonly store: RecordStore;
  readonly policy: RetentionPolicy;
  readonly logger: Logger;
  readonly clock: () => Date;
  /** How often to purge, in ms (hourly by default). */
  readonly intervalMs?: number;
}

/** Purges at once and then on an interval that never holds the process open; returns a stop function. */
export function scheduleRetention(options: RetentionScheduleOptions): () => void {
  const run = async () => {
    try {
      const removed = await purgeExpired(options.store, options.clock(), options.policy);
      if (removed.questions > 0 || removed.counts > 0) options.logger.info({ event: 'staff-retention', ...removed }, 'purged expired staff records');
    } catch (err) {
      options.logger.error({ err, event: 'staff-retention-failed' }, 'could not purge expired staff records; will try again');
    }
  };
  void run();
  const timer = setInterval(() => void run(), options.intervalMs ?? 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
