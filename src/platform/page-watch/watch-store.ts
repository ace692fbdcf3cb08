/**
 * Where the watcher keeps what it last saw of each page, and the lock that lets one instance of several
 * watch at a time. The in-memory store serves one instance (the staff side off) and the tests; the staff
 * store's (PostgreSQL or PGlite, sql-watch-store.ts) is shared by every instance.
 */
import type { PageSnapshot } from '../../content/page/index.js';

export interface WatchedPage {
  readonly snapshot: PageSnapshot;
  /** The validators of the reading, for a conditional request next time. */
  readonly etag?: string;
  readonly lastModified?: string;
  /** ISO instants. */
  readonly checkedAt: string;
  readonly changedAt: string;
}

export interface PageWatchStore {
  read(url: string): Promise<WatchedPage | undefined>;
  /** Every page read so far (watched, or imported by an editor): what the facts check compares with. */
  list(): Promise<readonly WatchedPage[]>;
  write(url: string, page: WatchedPage): Promise<void>;
  /**
   * Takes the watch lock, or renews it when `owner` holds it, for `ttlMs`. True when `owner` holds it
   * now. A lock not renewed expires, so a stopped instance hands the watch over by itself.
   */
  lock(owner: string, ttlMs: number, nowMs: number): Promise<boolean>;
  /** Gives the lock up (on shutdown), if `owner` holds it. */
  unlock(owner: string): Promise<void>;
}

export function createMemoryPageWatchStore(): PageWatchStore {
  const pages = new Map<string, WatchedPage>();
  let holder: { owner: string; untilMs: number } | undefined;
  return {
    read: (url) => Promise.resolve(pages.get(url)),
    list: () => Promise.resolve([...pages.values()]),
    write: (url, page) => {
      pages.set(url, page);
      return Promise.resolve();
    },
    lock: (owner, ttlMs, nowMs) => {
      if (holder === undefined || holder.owner === owner || holder.untilMs <= nowMs) {
        holder = { owner, untilMs: nowMs + ttlMs };
        return Promise.resolve(true);
      }
      return Promise.resolve(false);
    },
    unlock: (owner) => {
      if (holder?.owner === owner) holder = undefined;
      return Promise.resolve();
    },
  };
}

/**
 * The newest reading of each page, by the address the page names itself: the watched address and an
 * editor's import of the same page are one page.
 */
export function newestReadings(read: readonly WatchedPage[]): WatchedPage[] {
  const newest = new Map<string, WatchedPage>();
  for (const p of read) {
    const held = newest.get(p.snapshot.url);
    if (held === undefined || held.checkedAt < p.checkedAt) newest.set(p.snapshot.url, p);
  }
  return [...newest.values()];
}
