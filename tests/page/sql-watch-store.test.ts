import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CONTENT_MIGRATIONS } from '../../src/content/index.js';
import { createPageWatcher, createSqlPageStore, type PageWatchStore } from '../../src/platform/page-watch/index.js';
import { migrate, MIGRATIONS, openDatabase, type SqlDatabase } from '../../src/records/index.js';
import { preparedDataDir } from '../support/embedded-template.js';
import { startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { fixture } from './fixtures.js';
import { serveLoopbackPage } from './loopback-page.js';
import { describePageWatchStore } from './watch-store-contract.js';

/** The staff store's page tables are emptied between tests: each test starts with an empty store. */
async function emptied(db: SqlDatabase): Promise<PageWatchStore> {
  await db.query('DELETE FROM staff_official_pages');
  await db.query('DELETE FROM staff_page_watch_lock');
  return createSqlPageStore(db).watch;
}

describe('on the embedded database (PGlite)', () => {
  let dir: string;
  let db: SqlDatabase;
  beforeAll(async () => {
    dir = await preparedDataDir();
    db = await openDatabase({ dataDir: dir });
    await migrate(db, [...MIGRATIONS, ...CONTENT_MIGRATIONS]);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  // One process holds the embedded database: "another instance" is another store on the same handle.
  describePageWatchStore('the staff store on PGlite', () => emptied(db), () => Promise.resolve(createSqlPageStore(db).watch));
});

describe('on PostgreSQL shared by instances', () => {
  let postgres: PostgresServer;
  let url: string;
  const opened: SqlDatabase[] = [];
  let db: SqlDatabase;
  beforeAll(async () => {
    postgres = await startPostgres();
    url = await postgres.createDatabase('page_watch');
    db = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent' });
    opened.push(db);
    await migrate(db, [...MIGRATIONS, ...CONTENT_MIGRATIONS]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(opened.map((d) => d.close()));
    await postgres?.stop();
  }, 60_000);
  // Each other instance has its own connection pool, as separate processes would.
  describePageWatchStore('the staff store on PostgreSQL', () => emptied(db), async () => {
    const another = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent' });
    opened.push(another);
    return createSqlPageStore(another).watch;
  });

  test('two instances\' watchers: one fetches and the other waits; when the holder stops renewing, the other takes over with the kept validators', async () => {
    await emptied(db);
    const page = await serveLoopbackPage(fixture('norrkoping-incident.html'));
    const second = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent' });
    opened.push(second);
    let nowMs = Date.parse('2026-12-07T04:00:00Z');
    const common = { urls: [page.url], intervalMs: 60_000, sink: { changed: () => Promise.resolve() }, now: () => new Date(nowMs) };
    const watchers = [createPageWatcher({ ...common, owner: 'a', store: createSqlPageStore(db).watch }), createPageWatcher({ ...common, owner: 'b', store: createSqlPageStore(second).watch })];
    try {
      const first = await Promise.all(watchers.map((w) => w.checkAll()));
      expect(first.flat().sort()).toEqual(['baseline', 'not-leader']);
      expect(page.served.get(200)).toBe(1);
      const waiting = watchers[first.findIndex((o) => o[0] === 'not-leader')];
      // The holder dies (it renews no more): the lock lasts two intervals, then passes on.
      nowMs += 90_000;
      expect(await waiting?.checkAll()).toEqual(['not-leader']);
      nowMs += 30_001;
      expect(await waiting?.checkAll()).toEqual(['not-modified']);
      expect(page.served.get(304)).toBe(1);
    } finally {
      await page.close();
    }
  });
});
