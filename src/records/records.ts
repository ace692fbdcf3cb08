import type { Logger } from '../logging/index.js';
import { EmbeddedStoreInUseError, openDatabase, type SqlDatabase } from './database.js';
import { migrate, MIGRATIONS, type Migration } from './migrations.js';
import type { RecordStore } from './model.js';
import { createTurnRecorder } from './recorder.js';
import { scheduleRetention } from './retention.js';
import { createSqlStore } from './sql-store.js';
import type { TurnRecorder } from './turn.js';
import { WriteQueue, type WriteQueueStats } from './write-queue.js';

export interface RecordsOptions {
  /** PostgreSQL (postgres://…); absent uses the embedded database under `dataDir`. */
  readonly databaseUrl?: string | undefined;
  /** The data folder of the embedded database. */
  readonly dataDir: string;
  /** Days kept questions stay. */
  readonly retentionDays: number;
  /** Days the anonymous counters stay. */
  readonly countRetentionDays: number;
  /** The contact center's time zone (days and hours of the counts). */
  readonly timeZone: string;
  readonly logger: Logger;
  /** "Now", for retention. */
  readonly clock: () => Date;
  /** Delays between attempts to open the store, in ms (the last repeats). */
  readonly retryDelaysMs?: readonly number[];
  /** How often queued writes are flushed, in ms. */
  readonly flushIntervalMs?: number;
  /** The share of answered typed questions kept (0–1). */
  readonly answeredSampleRate?: number;
  /** Other rooms' schema changes, applied with the records' own (src/content's versions and drafts). */
  readonly extraMigrations?: readonly Migration[];
  /** The client address of the turn being recorded, when known (see createTurnRecorder). */
  readonly sourceOf?: () => string | undefined;
  /** Key of the source hashes (see createTurnRecorder). */
  readonly sourceSecret?: string | undefined;
}

export type RecordsStatus =
  | { readonly state: 'opening'; readonly kind: 'embedded' | 'postgres'; readonly attempts: number; readonly error?: string }
  | { readonly state: 'ready'; readonly kind: 'embedded' | 'postgres' }
  | { readonly state: 'closed'; readonly kind: 'embedded' | 'postgres' };

/** The recorder the bot calls, the queue behind it, and the store once it is open. */
export interface Records {
  readonly recorder: TurnRecorder;
  /** The open, migrated store; undefined while it is still opening (or cannot be opened). */
  store(): RecordStore | undefined;
  /** Resolves with the store once it is open; never rejects (opening is retried in the background). */
  readonly ready: Promise<RecordStore>;
  /**
   * The open, migrated database itself, for the rooms that share it (the embedded database allows one
   * process, so content and records use one connection); undefined while opening.
   */
  database(): SqlDatabase | undefined;
  status(): RecordsStatus;
  /** The write queue's counters (written, failures, dropped). */
  queueStats(): Readonly<WriteQueueStats> & { pending: number };
  /** Flushes pending writes (tests, shutdown). */
  flush(): Promise<void>;
  /** Flushes, stops retention and closes the store. */
  close(): Promise<void>;
}

/**
 * Starts recording: the recorder works at once (writes queue in memory), while the store opens and
 * migrates in the background, retried until it succeeds. A database that is down never stops the
 * bot from answering or the service from starting.
 */
export function startRecords(options: RecordsOptions): Records {
  const { logger } = options;
  const kind = options.databaseUrl === undefined ? 'embedded' : 'postgres';
  const delays = options.retryDelaysMs ?? [1000, 5000, 30_000];
  const queue = new WriteQueue({ logger, ...(options.flushIntervalMs === undefined ? {} : { flushIntervalMs: options.flushIntervalMs }) });
  const recorder = createTurnRecorder({
    queue,
    logger,
    timeZone: options.timeZone,
    ...(options.answeredSampleRate === undefined ? {} : { answeredSampleRate: options.answeredSampleRate }),
    ...(options.sourceOf === undefined ? {} : { sourceOf: options.sourceOf }),
    sourceSecret: options.sourceSecret,
  });
  let status: RecordsStatus = { state: 'opening', kind, attempts: 0 };
  let store: RecordStore | undefined;
  let database: SqlDatabase | undefined;
  let stopRetention: (() => void) | undefined;
  let closed = false;
  let wake: (() => void) | undefined;

  const open = async (): Promise<{ store: RecordStore; db: SqlDatabase }> => {
    for (let attempt = 1; ; attempt++) {
      if (closed) throw new Error('closed');
      try {
        const db = await openDatabase({
          databaseUrl: options.databaseUrl,
          dataDir: options.dataDir,
          onPoolError: (err) => logger.warn({ err, event: 'staff-db-pool-error' }, 'a PostgreSQL connection of the staff store failed; it will be replaced'),
        });
        try {
          const { applied } = await migrate(db, [...MIGRATIONS, ...(options.extraMigrations ?? [])]);
          if (applied.length > 0) logger.info({ event: 'staff-db-migrated', applied, kind }, 'staff store schema migrated');
        } catch (err) {
          await db.close().catch(() => undefined);
          throw err;
        }
        return { store: createSqlStore(db), db };
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const previous = status.state === 'opening' ? status.error : undefined;
        status = { state: 'opening', kind, attempts: attempt, error: message };
        // One line per distinct problem, not one per retry.
        if (message !== previous) {
          logger.error(
            { err: err instanceof EmbeddedStoreInUseError ? undefined : err, event: 'staff-store-unavailable', kind, attempt, reason: message },
            'the staff store cannot be opened; residents are still answered, their questions wait in memory and opening is retried',
          );
        }
        const delay = delays[Math.min(attempt - 1, delays.length - 1)] ?? 30_000;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          timer.unref();
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  };

  const ready = open().then(({ store: opened, db }) => {
    if (closed) {
      void opened.close();
      return opened;
    }
    store = opened;
    database = db;
    status = { state: 'ready', kind };
    queue.attach(opened);
    stopRetention = scheduleRetention({
      store: opened,
      logger,
      clock: options.clock,
      policy: { questionDays: options.retentionDays, countDays: options.countRetentionDays, timeZone: options.timeZone },
    });
    return opened;
  });
  // A close() during opening ends the loop with "closed"; nobody waits for that rejection.
  ready.catch(() => undefined);

  return {
    recorder,
    store: () => store,
    database: () => database,
    ready: ready.catch(() => new Promise<RecordStore>(() => undefined)),
    status: () => status,
    queueStats: () => ({ ...queue.stats, pending: queue.pending }),
    flush: () => queue.flush(),
    async close() {
      if (closed) return;
      closed = true;
      wake?.();
      stopRetention?.();
      await queue.close();
      if (queue.pending > 0) logger.warn({ event: 'staff-store-unflushed', pending: queue.pending }, 'staff records still pending at shutdown were not stored');
      await store?.close();
      status = { state: 'closed', kind };
    },
  };
}
