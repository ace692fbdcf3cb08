/**
 * Watches the official page(s): every interval a conditional request per page; when the page's text
 * changes, the change (a diff, the drafted timeline updates, the entries to review) goes to the sink
 * (the editors' side). Only the instance holding the store's lock fetches. A page that cannot be fetched
 * is a status and a metric, never an outage: the bot keeps answering from its corpus.
 */
import { randomUUID } from 'node:crypto';
import { comparePages, snapshotPage, type PageChange } from '../../content/page/index.js';
import type { Corpus } from '../../core/index.js';
import { fetchPage, type FetchFailure, type FetchPageOptions } from './fetch-page.js';
import type { PageWatchStore } from './watch-store.js';

/** Where a change is reported: the editors' side (a draft to review), a log in the meantime. */
export interface PageChangeSink {
  changed(change: PageChange & { readonly detectedAt: string }): Promise<void>;
}

/** Why a check failed: the fetch, the sink that takes changes, or the store that keeps state and lock. */
export type WatchFailure = FetchFailure | 'sink' | 'store';

export type CheckOutcome = 'baseline' | 'changed' | 'unchanged' | 'not-modified' | 'failed' | 'not-leader';

export interface PageWatchStatus {
  readonly url: string;
  readonly state: 'not-checked' | 'ok' | 'failing';
  readonly lastCheckedAt?: string;
  readonly lastSuccessAt?: string;
  readonly lastOutcome?: CheckOutcome;
  readonly lastError?: { readonly reason: WatchFailure; readonly message: string; readonly at: string };
  readonly consecutiveFailures: number;
}

export interface PageWatcherOptions {
  /** The pages (OFFICIAL_PAGE_URL). */
  readonly urls: readonly string[];
  /** Between checks (OFFICIAL_PAGE_INTERVAL_SECONDS × 1000). */
  readonly intervalMs: number;
  readonly store: PageWatchStore;
  readonly sink: PageChangeSink;
  /** The corpus being served: which entries a change touches. */
  readonly corpus?: () => Corpus;
  /** This instance's name for the lock (a random one by default). */
  readonly owner?: string;
  readonly fetch?: FetchPageOptions;
  readonly now?: () => Date;
  /** Every check's outcome, for metrics and logs. */
  readonly onCheck?: (url: string, outcome: CheckOutcome, failure?: { reason: WatchFailure; message: string }) => void;
}

export interface PageWatcher {
  /** Checks at once, then every interval. */
  start(): void;
  /** Stops the timer and gives the lock up; resolves when a check in progress has ended. */
  stop(): Promise<void>;
  /** One round over every page now (tests, and `start`). */
  checkAll(): Promise<readonly CheckOutcome[]>;
  status(): readonly PageWatchStatus[];
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function createPageWatcher(options: PageWatcherOptions): PageWatcher {
  const owner = options.owner ?? randomUUID();
  const now = options.now ?? (() => new Date());
  const statuses = new Map<string, PageWatchStatus>(options.urls.map((url) => [url, { url, state: 'not-checked', consecutiveFailures: 0 }]));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<readonly CheckOutcome[]> | undefined;
  let stopped = false;

  const record = (url: string, outcome: CheckOutcome, failure?: { reason: WatchFailure; message: string }) => {
    const at = now().toISOString();
    const before = statuses.get(url) ?? { url, state: 'not-checked', consecutiveFailures: 0 };
    if (outcome === 'not-leader') {
      statuses.set(url, { ...before, lastOutcome: outcome });
    } else if (failure !== undefined) {
      statuses.set(url, { ...before, state: 'failing', lastCheckedAt: at, lastOutcome: outcome, lastError: { ...failure, at }, consecutiveFailures: before.consecutiveFailures + 1 });
    } else {
      const { lastError: _kept, ...rest } = before;
      statuses.set(url, { ...rest, ...(before.lastError === undefined ? {} : { lastError: before.lastError }), state: 'ok', lastCheckedAt: at, lastSuccessAt: at, lastOutcome: outcome, consecutiveFailures: 0 });
    }
    options.onCheck?.(url, outcome, failure);
    return outcome;
  };

  const checkOne = async (url: string): Promise<CheckOutcome> => {
    const previous = await options.store.read(url);
    const fetched = await fetchPage(url, {
      ...options.fetch,
      ...(previous?.etag === undefined ? {} : { etag: previous.etag }),
      ...(previous?.lastModified === undefined ? {} : { lastModified: previous.lastModified }),
    });
    const at = now().toISOString();
    if (fetched.kind === 'failed') return record(url, 'failed', { reason: fetched.reason, message: fetched.message });
    if (fetched.kind === 'not-modified') {
      if (previous !== undefined) await options.store.write(url, { ...previous, checkedAt: at });
      return record(url, 'not-modified');
    }
    const snapshot = snapshotPage({ body: fetched.body, format: fetched.format, url, today: at.slice(0, 10) });
    const validators = { ...(fetched.etag === undefined ? {} : { etag: fetched.etag }), ...(fetched.lastModified === undefined ? {} : { lastModified: fetched.lastModified }) };
    if (previous === undefined) {
      await options.store.write(url, { snapshot, ...validators, checkedAt: at, changedAt: at });
      return record(url, 'baseline');
    }
    const change = comparePages(previous.snapshot, snapshot, options.corpus?.());
    if (change === undefined) {
      await options.store.write(url, { ...previous, ...validators, checkedAt: at });
      return record(url, 'unchanged');
    }
    try {
      await options.sink.changed({ ...change, detectedAt: at });
    } catch (err) {
      // Not stored as seen: the change is reported again at the next check.
      return record(url, 'failed', { reason: 'sink', message: messageOf(err) });
    }
    await options.store.write(url, { snapshot, ...validators, checkedAt: at, changedAt: at });
    return record(url, 'changed');
  };

  const checkAll = (): Promise<readonly CheckOutcome[]> => {
    // One round at a time: a slow page never makes rounds pile up.
    running ??= (async () => {
      try {
        let leader: boolean;
        try {
          leader = await options.store.lock(owner, options.intervalMs * 2, now().getTime());
        } catch (err) {
          return options.urls.map((url) => record(url, 'failed', { reason: 'store', message: messageOf(err) }));
        }
        if (!leader) return options.urls.map((url) => record(url, 'not-leader'));
        const outcomes: CheckOutcome[] = [];
        for (const url of options.urls) {
          try {
            outcomes.push(await checkOne(url));
          } catch (err) {
            // A store that fails, or a bug: reported like a failed fetch, and the watch goes on.
            outcomes.push(record(url, 'failed', { reason: 'store', message: messageOf(err) }));
          }
        }
        return outcomes;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void checkAll().finally(schedule);
    }, options.intervalMs);
    timer.unref();
  };

  return {
    start() {
      stopped = false;
      void checkAll().finally(schedule);
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await running?.catch(() => undefined);
      await options.store.unlock(owner);
    },
    checkAll,
    status: () => [...statuses.values()],
  };
}
