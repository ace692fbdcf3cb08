import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe } from 'vitest';
import { CONTENT_MIGRATIONS } from '../../src/content/index.js';
import { createSqlPageStore, type PageWatchStore } from '../../src/platform/page-watch/index.js';
import { migrate, MIGRATIONS, openDatabase, type SqlDatabase } from '../../src/records/index.js';
import { preparedDataDir } from '../support/embedded-template.js';
import { startPostgres, type PostgresServer } from '../support/postgres-server.js';
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
});
