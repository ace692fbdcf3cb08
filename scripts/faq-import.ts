/**
 * npm run faq:import -- DIR [--as NAME]
 * Publishes a corpus folder written to faq-data/README.md (validated exactly as faq:check) as the next
 * version in the staff store (DATABASE_URL, or the embedded database under STAFF_DATA_DIR or data/); every
 * running instance serves it within seconds. Recorded in the audit log as an import by NAME (default: the
 * operating-system user). For content kept in git: export, edit, check, import.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseEnv } from '../src/config/index.js';
import { readCorpusFiles } from '../src/content/index.js';
import { loadCorpus } from '../src/core/index.js';
import { withContentStore } from './content-store.js';

const USAGE = 'Usage: npm run faq:import -- DIR [--as NAME]';
const { values, positionals } = parseArgs({ options: { as: { type: 'string' } }, allowPositionals: true });
const dir = positionals[0];
if (dir === undefined || positionals.length > 1) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const config = parseEnv(process.env);
if (!config.ok) {
  process.stderr.write(`${config.message}\n`);
  process.exit(2);
}
const folder = resolve(dir);
const checked = loadCorpus(folder);
if (!checked.ok) {
  for (const p of checked.problems) process.stderr.write(`${p.message}\n`);
  process.stderr.write(`faq:import: ${checked.problems.length} problem(s); nothing was imported.\n`);
  process.exit(1);
}
const files = readCorpusFiles(folder);
if (!files.ok) {
  for (const p of files.problems) process.stderr.write(`${p}\n`);
  process.exit(1);
}
const who = values.as ?? `import:${userInfo().username}`;
try {
  const version = await withContentStore(config.env, (store) => store.importVersion(files.files, who));
  process.stdout.write(`Imported ${folder} as version ${version} (${checked.corpus.entries.length} entries), recorded as ${who}.\n`);
} catch (err) {
  process.stderr.write(`faq:import: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
