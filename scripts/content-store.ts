import { CONTENT_MIGRATIONS, ContentStore } from '../src/content/index.js';
import type { Env } from '../src/config/index.js';
import { DEFAULT_DATA_DIR, EmbeddedStoreInUseError, migrate, MIGRATIONS, openDatabase } from '../src/records/index.js';

/** Opens the staff store the service uses (DATABASE_URL, or the embedded one), migrated, for the faq:import/export scripts. */
export async function withContentStore<T>(env: Env, fn: (store: ContentStore) => Promise<T>): Promise<T> {
  let db;
  try {
    db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.STAFF_DATA_DIR ?? DEFAULT_DATA_DIR });
  } catch (err) {
    if (err instanceof EmbeddedStoreInUseError) {
      throw new Error(`${err.message}\nStop the service first (the embedded store admits one process), or use PostgreSQL (DATABASE_URL).`);
    }
    throw err;
  }
  try {
    await migrate(db, [...MIGRATIONS, ...CONTENT_MIGRATIONS]);
    return await fn(new ContentStore(db, () => new Date()));
  } finally {
    await db.close();
  }
}
