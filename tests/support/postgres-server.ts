import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../scripts/free-port.js';
import pg from 'pg';

const run = promisify(execFile);

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust authentication, loopback only). */
  readonly url: string;
  readonly port: number;
  /** A URL for another database on the same server. */
  urlFor(database: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server at once and deletes its files. */
  stop(): Promise<void>;
}

/** Debian's PostgreSQL binaries: PG_BIN, else the newest /usr/lib/postgresql/N/bin with initdb. */
function binDir(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error('PostgreSQL is not installed: the staff store tests need initdb and pg_ctl. Install it with "apt-get install -y postgresql" (.ci/run does), or set PG_BIN to its bin folder.');
  }
  return join(root, newest, 'bin');
}

/**
 * A throwaway PostgreSQL cluster for one test file: initdb in a temporary folder, started with pg_ctl on
 * a free loopback port (and a Unix socket in that folder), stopped and deleted by stop(). Root cannot
 * run postgres, so as root (CI) every command runs as the `postgres` OS user through runuser.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'staff-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const command = (tool: string, args: string[]) => (asRoot ? (['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] as const) : ([join(bin, tool), args] as const));
  const exec = async (tool: string, args: string[]) => {
    const [file, argv] = command(tool, args);
    await run(file, [...argv], { timeout: 60_000 });
  };
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');

  await exec('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    // Durability is pointless for a throwaway cluster: fsync off makes it start and write fast.
    const options = `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    try {
      await exec('pg_ctl', ['-D', data, '-o', options, '-l', log, '-w', '-t', '30', 'start']);
      break;
    } catch (err) {
      // Another process may have taken the port between the probe and the start: try another.
      if (attempt >= 3) {
        const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '(no log)';
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start: ${err instanceof Error ? err.message : String(err)}\n${serverLog}`);
      }
    }
  }

  const stopNow = () => {
    const [file, argv] = command('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    spawnSync(file, [...argv], { stdio: 'ignore', timeout: 30_000 });
  };
  // If the test run dies before stop(), the server must not outlive it.
  process.once('exit', stopNow);

  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return {
    url: urlFor('postgres'),
    port,
    urlFor,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return urlFor(name);
    },
    async stop() {
      process.removeListener('exit', stopNow);
      const [file, argv] = command('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      await run(file, [...argv], { timeout: 30_000 }).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
