/**
 * The official page's state in the staff store (PGlite embedded, or PostgreSQL shared by every instance):
 * what the watcher last read of each page (its ETag, Last-Modified and text), the lock that lets one
 * instance watch at a time, and the changes the watcher saw, for the editors' page. Tables from the
 * content migrations (102).
 */
import { z } from 'zod';
import type { PageChange } from '../../content/page/index.js';
import type { SqlDatabase } from '../../records/index.js';
import type { PageWatchStore, WatchedPage } from './watch-store.js';

const LOCK_NAME = 'official-page-watch';

/** A change the watcher saw, as the editors' page shows it: the draft it was filed as, or why none. */
export interface LoggedPageChange {
  readonly id: number;
  readonly url: string;
  readonly detectedAt: string;
  readonly change: PageChange;
  /** The draft holding the drafted timeline updates; null when there was nothing to draft or it could not be stored. */
  readonly draftId: number | null;
  /** Why the draft could not be made as it stands (the editor makes it by hand from the diff). */
  readonly problems: readonly string[];
}

export interface PageChangeLog {
  record(change: PageChange & { readonly detectedAt: string }, draftId: number | null, problems: readonly string[]): Promise<number>;
  /** The newest first. */
  list(limit?: number): Promise<readonly LoggedPageChange[]>;
}

export interface SqlPageStore {
  readonly watch: PageWatchStore;
  readonly changes: PageChangeLog;
}

const int = z.coerce.number().int();
const timestamp = z.union([z.date(), z.string()]).transform((v) => new Date(v).toISOString());
const json = z.string().transform((s): unknown => JSON.parse(s));
const watchedPage = z.object({
  snapshot: z.looseObject({ url: z.string(), text: z.string(), hash: z.string(), years: z.looseObject({}), updates: z.array(z.looseObject({})) }),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  checkedAt: z.string(),
  changedAt: z.string(),
});
const changeRow = z.object({ id: int, url: z.string(), detected_at: timestamp, change: json, change_id: int.nullable(), problems: json.pipe(z.array(z.string())) });
const pageChange = z.looseObject({ url: z.string(), previousHash: z.string(), hash: z.string(), lines: z.array(z.unknown()), rewritten: z.array(z.unknown()), draftedUpdates: z.array(z.unknown()), entriesToReview: z.array(z.unknown()), factsGone: z.array(z.unknown()) });

// Stored as we wrote it; parsed for shape, then taken as the type it was written from.
const asWatched = (text: unknown): WatchedPage => watchedPage.parse(json.parse(text)) as unknown as WatchedPage;

/**
 * `db` may still be opening (the staff store opens in the background at start): every call waits for it,
 * at most `openTimeoutMs`, then fails (the watcher reports a failing store and tries again next round).
 */
export function createSqlPageStore(db: SqlDatabase | Promise<SqlDatabase>, options: { readonly openTimeoutMs?: number } = {}): SqlPageStore {
  const timeoutMs = options.openTimeoutMs ?? 30_000;
  // Failing to open is reported by each call; never as an unhandled rejection.
  if (db instanceof Promise) db.catch(() => undefined);
  const open = async (): Promise<SqlDatabase> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        Promise.resolve(db),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the staff store did not open within ${timeoutMs} ms`)), timeoutMs);
          timer.unref();
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  };

  const watch: PageWatchStore = {
    async read(url) {
      const r = await (await open()).query('SELECT reading FROM staff_official_pages WHERE url = $1', [url]);
      const row = r.rows[0];
      return row === undefined ? undefined : asWatched(row['reading']);
    },
    async list() {
      const r = await (await open()).query('SELECT reading FROM staff_official_pages ORDER BY url');
      return r.rows.map((row) => asWatched(row['reading']));
    },
    async write(url, page) {
      await (await open()).query(
        'INSERT INTO staff_official_pages (url, reading, updated_at) VALUES ($1, $2, $3) ON CONFLICT (url) DO UPDATE SET reading = EXCLUDED.reading, updated_at = EXCLUDED.updated_at',
        [url, JSON.stringify(page), new Date(page.checkedAt)],
      );
    },
    // One statement, so two instances asking at once never both get it: the row is taken when it is
    // free, ours, or expired (PostgreSQL locks the row for the ON CONFLICT update).
    async lock(owner, ttlMs, nowMs) {
      const r = await (await open()).query(
        `INSERT INTO staff_page_watch_lock (name, owner, until_ms) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, until_ms = EXCLUDED.until_ms
         WHERE staff_page_watch_lock.owner = EXCLUDED.owner OR staff_page_watch_lock.until_ms <= $4
         RETURNING owner`,
        [LOCK_NAME, owner, Math.round(nowMs + ttlMs), Math.round(nowMs)],
      );
      return r.rows.length === 1;
    },
    async unlock(owner) {
      await (await open()).query('DELETE FROM staff_page_watch_lock WHERE name = $1 AND owner = $2', [LOCK_NAME, owner]);
    },
  };

  const changes: PageChangeLog = {
    async record(change, draftId, problems) {
      const { detectedAt, ...rest } = change;
      const r = await (await open()).query('INSERT INTO staff_page_changes (url, detected_at, change, change_id, problems) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
        change.url,
        new Date(detectedAt),
        JSON.stringify(rest),
        draftId,
        JSON.stringify(problems),
      ]);
      return int.parse(r.rows[0]?.['id']);
    },
    async list(limit = 20) {
      const r = await (await open()).query('SELECT id, url, detected_at, change, change_id, problems FROM staff_page_changes ORDER BY id DESC LIMIT $1', [limit]);
      return r.rows.map((row) => {
        const c = changeRow.parse(row);
        return { id: c.id, url: c.url, detectedAt: c.detected_at, change: pageChange.parse(c.change) as unknown as PageChange, draftId: c.change_id, problems: c.problems };
      });
    },
  };
  return { watch, changes };
}
