/**
 * npm run faq:export -- --format json|tsv [--out FILE] [--corpus DIR]
 * npm run faq:export -- --format yaml --out DIR [--version N]
 * json and tsv write a corpus folder (--corpus DIR, else FAQ_DATA_DIR, else faq-data/) flat, for review,
 * translation and other tools: to FILE with --out (npm prints its "> script" banner on standard output,
 * so a redirected `npm run` would carry it; `npm run -s` does not), else to standard output.
 *   json: [{"id","questions":[every phrasing, Swedish and English],"answer"}] (the Swedish answer)
 *   tsv:  question<TAB>id<TAB>answer, one row per phrasing, with a header row
 * yaml writes the staff store's published corpus (the newest version, or --version N) into DIR as a
 * faq-data/ folder (entries/ replaced, so removed entries go), for git: export, commit, faq:import.
 * Nothing else goes to standard output; problems go to standard error with exit code 1 or 2.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseEnv } from '../src/config/index.js';
import { writeCorpusFiles } from '../src/content/index.js';
import { exportCorpus, isExportFormat } from '../src/core/corpus/export.js';
import { loadCorpus } from '../src/core/index.js';
import { withContentStore } from './content-store.js';
import { takeCorpusDir } from './lib.js';

const USAGE = 'usage: npm run faq:export -- --format json|tsv [--out FILE] [--corpus DIR], or --format yaml --out DIR [--version N]\n';
const dir = takeCorpusDir();
const parsed = (() => {
  try {
    return parseArgs({ options: { format: { type: 'string' }, out: { type: 'string' }, version: { type: 'string' } } }).values;
  } catch {
    process.stderr.write(USAGE);
    return process.exit(2);
  }
})();
const format = parsed.format;

if (format === 'yaml') {
  const out = parsed.out;
  const version = parsed.version === undefined ? undefined : Number(parsed.version);
  if (out === undefined || (version !== undefined && !(Number.isInteger(version) && version >= 1))) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const config = parseEnv(process.env);
  if (!config.ok) {
    process.stderr.write(`${config.message}\n`);
    process.exit(2);
  }
  try {
    const found = await withContentStore(config.env, (store) => (version === undefined ? store.latest() : store.version(version)));
    if (found === undefined) {
      process.stderr.write(`faq:export: the store holds ${version === undefined ? 'no published version yet (start the service with the staff side on to seed it)' : `no version ${version}`}.\n`);
      process.exit(1);
    }
    writeCorpusFiles(found.files, resolve(out), { replace: true });
    process.stderr.write(`Wrote version ${found.version} (published ${found.publishedAt.toISOString()} by ${found.publishedBy}) to ${resolve(out)}.\n`);
  } catch (err) {
    process.stderr.write(`faq:export: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
} else {
  if (!isExportFormat(format)) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const result = loadCorpus(dir);
  if (!result.ok) {
    for (const p of result.problems) process.stderr.write(`${p.message}\n`);
    process.exit(1);
  }
  const text = exportCorpus(result.corpus.entries, format);
  const out = parsed.out;
  if (out !== undefined) {
    // Written whole or not at all: a half-written export is never left where the old one was.
    const partial = `${out}.partial`;
    try {
      writeFileSync(partial, text);
      renameSync(partial, out);
    } catch (err) {
      const code = err instanceof Error && 'code' in err ? String(err.code) : String(err);
      const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a folder; give a file name' : code === 'EACCES' ? 'permission denied' : code;
      process.stderr.write(`faq:export: could not write ${out}: ${why}.\n`);
      process.exit(1);
    }
    process.stderr.write(`Wrote ${result.corpus.entries.length} entries (${format}) to ${out}\n`);
  } else {
    // A reader that stops early (| head) is not an error.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 1));
    process.stdout.write(text);
  }
}
