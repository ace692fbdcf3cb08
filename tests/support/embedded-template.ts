import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { z } from 'zod';
import { embeddedPaths } from '../../src/records/index.js';

// The package's exports hide its package.json from require(): read the file itself.
const manifest = fileURLToPath(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url));
const { version } = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(manifest, 'utf8')));
const TEMPLATE = join(tmpdir(), `staff-pglite-template-${version}`);
const READY = join(TEMPLATE, 'READY');

/**
 * A data folder holding an empty embedded database, copied from a template made once per machine (a
 * fresh PGlite takes seconds to initialise; copying and reopening it, well under one). Tests of the
 * pages and the API use it; the store's own suite creates its database from scratch.
 */
export async function preparedDataDir(): Promise<string> {
  if (!existsSync(READY)) {
    const building = mkdtempSync(join(tmpdir(), 'staff-pglite-build-'));
    const db = await PGlite.create({ dataDir: join(building, 'staff-db') });
    await db.close();
    writeFileSync(join(building, 'READY'), version);
    try {
      renameSync(building, TEMPLATE);
    } catch {
      // Another test file finished its template first: use that one.
      rmSync(building, { recursive: true, force: true });
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'staff-data-'));
  cpSync(join(TEMPLATE, 'staff-db'), embeddedPaths(dir).dbDir, { recursive: true });
  return dir;
}
