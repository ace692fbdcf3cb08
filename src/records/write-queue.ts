import type { Logger } from '../logging/index.js';
import type { CountIncrement, CountKey, KeptQuestion, RecordStore, WriteBatch } from './model.js';

export interface WriteQueueOptions {
  /** Structured logs: failures are logged with their running count, never with residents' text. */
  readonly logger: Logger;
  /** How often pending writes go to the store, in ms. */
  readonly flushIntervalMs?: number;
  /** Kept questions held while the store is slow or down; beyond this the oldest are dropped (and counted). */
  readonly maxPendingQuestions?: number;
  /** Distinct counters held likewise. */
  readonly maxPendingCounts?: number;
  /** At most one failure log line per this many ms while the store keeps failing. */
  readonly failureLogIntervalMs?: number;
}

/** What the queue has done since start-up (for logs, tests and readiness). */
export interface WriteQueueStats {
  /** Questions and counter increments that reached the store. */
  written: number;
  /** Store writes that failed (each is retried with the next flush). */
  failures: number;
  /** Items given up because too many were pending, or refused by the store. */
  dropped: number;
  /** Rows the store refused (a data error), each dropped alone. */
  refused: number;
}

const keyOf = (c: CountKey) => `${c.day}|${c.hour}|${c.outcome}|${c.entryId}|${c.channel}|${c.lang}`;

/**
 * Buffers the recorder's writes and sends them to the store in batches, off the reply path. Counters
 * are summed in memory first (one upsert per distinct counter per batch). Until a store is attached,
 * or while it fails, writes stay pending (bounded) and are retried; the bot keeps answering.
 */
export class WriteQueue {
  readonly stats: WriteQueueStats = { written: 0, failures: 0, dropped: 0, refused: 0 };
  private questions: KeptQuestion[] = [];
  private counts = new Map<string, CountIncrement>();
  private store: RecordStore | undefined;
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastFailureLog = 0;
  private failingSince: number | undefined;
  private readonly flushIntervalMs: number;
  private readonly maxPendingQuestions: number;
  private readonly maxPendingCounts: number;
  private readonly failureLogIntervalMs: number;

  constructor(private readonly options: WriteQueueOptions) {
    this.flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.maxPendingQuestions = options.maxPendingQuestions ?? 5000;
    this.maxPendingCounts = options.maxPendingCounts ?? 20_000;
    this.failureLogIntervalMs = options.failureLogIntervalMs ?? 60_000;
    this.timer = setInterval(() => void this.flush(), this.flushIntervalMs);
    this.timer.unref();
  }

  /** Questions and distinct counters waiting for the store. */
  get pending(): number {
    return this.questions.length + this.counts.size;
  }

  /** Queues one turn's writes. Synchronous; never throws, never waits for the store. */
  add(question: KeptQuestion | undefined, counts: readonly CountKey[]): void {
    if (question) {
      this.questions.push(question);
      if (this.questions.length > this.maxPendingQuestions) {
        this.questions.splice(0, this.questions.length - this.maxPendingQuestions);
        this.stats.dropped++;
      }
    }
    for (const c of counts) {
      const key = keyOf(c);
      const had = this.counts.get(key);
      if (had) this.counts.set(key, { ...had, count: had.count + 1 });
      else if (this.counts.size < this.maxPendingCounts) this.counts.set(key, { ...c, count: 1 });
      else this.stats.dropped++;
    }
  }

  /** Starts sending to this store (the store opens in the background at start-up). */
  attach(store: RecordStore): void {
    this.store = store;
    void this.flush();
  }

  /** Sends everything pending now; resolves when done (or failed and kept for the next try). */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    if (!this.store || this.pending === 0) return;
    this.inFlight = this.send(this.store).finally(() => {
      this.inFlight = undefined;
    });
    await this.inFlight;
  }

  /** Stops the timer and flushes once more (shutdown). */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /**
   * After a refused batch: each question and counter alone, so only the rows the store refuses are
   * dropped (and counted in `refused`). A failure of the store itself puts what is left back in the queue.
   */
  private async sendOneByOne(store: RecordStore, questions: readonly KeptQuestion[], counts: readonly CountIncrement[]): Promise<void> {
    const rows: WriteBatch[] = [...questions.map((q) => ({ questions: [q], counts: [] })), ...counts.map((c) => ({ questions: [], counts: [c] }))];
    let refused = 0;
    for (const [i, row] of rows.entries()) {
      try {
        await store.write(row);
        this.stats.written++;
      } catch (err) {
        if (isDataError(err)) {
          refused++;
          continue;
        }
        // The store itself failed: what was not written yet waits for the next flush, as any batch does.
        const rest = rows.slice(i);
        this.questions = [...rest.flatMap((r) => r.questions), ...this.questions];
        for (const c of rest.flatMap((r) => r.counts)) this.requeueCount(c);
        break;
      }
    }
    this.stats.refused += refused;
    this.stats.dropped += refused;
    this.options.logger.error({ event: 'staff-store-rows-refused', refused, failures: this.stats.failures }, 'the staff store refused rows; only those were dropped');
  }

  private requeueCount(c: CountIncrement): void {
    const key = keyOf(c);
    const had = this.counts.get(key);
    if (had) this.counts.set(key, { ...had, count: had.count + c.count });
    else if (this.counts.size < this.maxPendingCounts) this.counts.set(key, c);
    else this.stats.dropped++;
  }

  private async send(store: RecordStore): Promise<void> {
    const questions = this.questions;
    const counts = this.counts;
    this.questions = [];
    this.counts = new Map();
    try {
      await store.write({ questions, counts: [...counts.values()] });
      this.stats.written += questions.length + counts.size;
      if (this.failingSince !== undefined) {
        this.options.logger.info({ event: 'staff-store-recovered', failures: this.stats.failures }, 'staff store writes resumed');
        this.failingSince = undefined;
      }
    } catch (err) {
      this.stats.failures++;
      if (isDataError(err)) {
        // The store refused the data itself (a check or type violation): retrying the batch cannot help.
        // One resident's bad row must not cost everyone else theirs: write row by row, drop only the refused.
        await this.sendOneByOne(store, questions, [...counts.values()]);
        return;
      }
      // Put the batch back in front of what arrived meanwhile, within the bounds.
      this.questions = [...questions, ...this.questions];
      for (const [key, c] of this.counts) {
        const had = counts.get(key);
        counts.set(key, had ? { ...had, count: had.count + c.count } : c);
      }
      this.counts = counts;
      if (this.questions.length > this.maxPendingQuestions) {
        this.stats.dropped += this.questions.length - this.maxPendingQuestions;
        this.questions.splice(0, this.questions.length - this.maxPendingQuestions);
      }
      const now = Date.now();
      this.failingSince ??= now;
      if (now - this.lastFailureLog >= this.failureLogIntervalMs || this.stats.failures === 1) {
        this.lastFailureLog = now;
        this.options.logger.error(
          { err, event: 'staff-store-write-failed', failures: this.stats.failures, pending: this.pending, dropped: this.stats.dropped },
          'staff store write failed; the writes are kept and retried, the bot keeps answering',
        );
      }
    }
  }
}

/** PostgreSQL's data exceptions (class 22) and integrity violations (class 23): the data, not the store, is at fault. */
function isDataError(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
  return typeof code === 'string' && /^2[23]/.test(code);
}
