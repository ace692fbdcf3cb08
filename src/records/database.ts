import { spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** Rows as the driver returns them: parsed by the store before use. */
export interface SqlResult {
  readonly rows: readonly Record<string, unknown>[];
  readonly affectedRows?: number | undefined;
}

/** The part of a connection the store uses; PGlite and node-postgres both fit it. */
export interface SqlConnection {
  query(sql: string, params?: readonly unknown[]): Promise<SqlResult>;
}

/** One database, embedded or PostgreSQL, behind the same few calls. */
export interface SqlDatabase extends SqlConnection {
  readonly kind: 'embedded' | 'postgres';
  /** Runs `fn` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(fn: (tx: SqlConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://… ; absent opens the embedded database under `dataDir`. */
  readonly databaseUrl?: string | undefined;
  /** The folder of the embedded database (created when missing). */
  readonly dataDir: string;
  /** Called with an idle PostgreSQL connection's error (the pool replaces the connection). */
  readonly onPoolError?: (err: Error) => void;
}

/** The data folder's default: data/ at the top of the repository (gitignored). */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../data', import.meta.url));

/** Thrown when another live process holds the embedded database: PGlite must have one process only. */
export class EmbeddedStoreInUseError extends Error {
  constructor(readonly lockFile: string, readonly pid: number) {
    super(
      `The embedded staff database is in use by process ${pid} (lock file ${lockFile}). ` +
        'Only one process may open it: stop the other one, or set DATABASE_URL to PostgreSQL to run several instances.',
    );
    this.name = 'EmbeddedStoreInUseError';
  }
}

/** The embedded database's folder inside the data folder, and its lock file beside it. */
export function embeddedPaths(dataDir: string): { dbDir: string; lockFile: string } {
  return { dbDir: join(dataDir, 'staff-db'), lockFile: join(dataDir, 'staff-db.lock') };
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<SqlDatabase> {
  return options.databaseUrl === undefined ? openEmbedded(options.dataDir) : openPostgres(options.databaseUrl, options.onPoolError);
}

/**
 * Memory settings of the embedded database, sized for its one small table of questions: PostgreSQL's
 * defaults (128 MB shared buffers, 64 MB maintenance memory) live outside the service's 160 MB heap cap
 * and took its RSS to 530–905 MB (issue #18, finding 8); with these the store adds about 100 MB.
 */
const EMBEDDED_SETTINGS = ['shared_buffers=16MB', 'work_mem=4MB', 'maintenance_work_mem=16MB', 'temp_buffers=1MB', 'wal_buffers=1MB'];

async function openEmbedded(dataDir: string): Promise<SqlDatabase> {
  const { dbDir, lockFile } = embeddedPaths(dataDir);
  mkdirSync(dirname(lockFile), { recursive: true, mode: 0o700 });
  const release = acquireLock(lockFile);
  let db: PGlite;
  try {
    // Creating a database (initdb) grows PGlite's WebAssembly memory to ~800 MB, which stays in the
    // process until a garbage collection happens to free it: created in a child process, it goes with it.
    if (!existsSync(dbDir)) await createInChildProcess(dbDir);
    db = await PGlite.create({ dataDir: dbDir, postgresqlconf: EMBEDDED_SETTINGS });
    restrictToOwner(dataDir);
  } catch (err) {
    release();
    throw err;
  }
  const wrap = (conn: Pick<PGlite, 'query'>): SqlConnection => ({
    query: async (sql, params) => {
      const result = await conn.query<Record<string, unknown>>(sql, params === undefined ? undefined : [...params]);
      return { rows: result.rows, affectedRows: result.affectedRows };
    },
  });
  const self = wrap(db);
  return {
    kind: 'embedded',
    query: self.query,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: async () => {
      try {
        if (!db.closed) await db.close();
        restrictToOwner(dataDir);
      } finally {
        release();
      }
    },
  };
}

async function openPostgres(connectionString: string, onPoolError: ((err: Error) => void) | undefined): Promise<SqlDatabase> {
  const pool = new pg.Pool({ connectionString, max: 4, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000, application_name: 'incident-faq-bot-staff' });
  // An idle client losing its server must not crash the process (pg emits 'error' on the pool).
  pool.on('error', (err) => onPoolError?.(err));
  const wrap = (conn: pg.Pool | pg.PoolClient): SqlConnection => ({
    query: async (sql, params) => {
      const result = await conn.query(sql, params === undefined ? undefined : [...params]);
      return { rows: result.rows, affectedRows: result.rowCount ?? undefined };
    },
  });
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  const self = wrap(pool);
  return {
    kind: 'postgres',
    query: self.query,
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Runs PGlite's initdb for `dbDir` in a short-lived child process (its memory leaves with it). */
function createInChildProcess(dbDir: string): Promise<void> {
  const script = "import { PGlite } from '@electric-sql/pglite'; const db = await PGlite.create({ dataDir: process.argv[1] }); await db.close();";
  return new Promise((resolve, reject) => {
    // Resolved from this folder, so the project's node_modules is found from src/ and from dist/ alike.
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, dbDir], { cwd: fileURLToPath(new URL('.', import.meta.url)), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`Creating the embedded staff database in ${dbDir} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

/**
 * The embedded store holds residents' questions (its write-ahead log in clear): its folder and files
 * are the service user's alone, 0700 and 0600. PGlite creates files with the process umask (often 0666
 * before it); the folder's 0700 keeps everyone else out of files it creates later too.
 */
export function restrictToOwner(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) restrictToOwner(path);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}

/**
 * A lock file holding our pid. A lock whose process is gone (a crash, SIGKILL) is taken over; a live
 * one (another instance, or `npm run review` while the service runs) is refused.
 */
function acquireLock(lockFile: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (err) {
      if (!(err instanceof Error && 'code' in err && err.code === 'EEXIST')) throw err;
      const pid = Number.parseInt(readFileSafe(lockFile), 10);
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) throw new EmbeddedStoreInUseError(lockFile, pid);
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not create the lock file ${lockFile}; check that the data folder is writable.`);
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return err instanceof Error && 'code' in err && err.code === 'EPERM';
  }
}
