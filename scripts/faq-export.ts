/**
 * npm run faq:export -- --format json|tsv [--out FILE] [--corpus DIR]
 * (the corpus folder: --corpus DIR, else FAQ_DATA_DIR, else faq-data/)
 * Writes the corpus flat, for review, translation and import into other tools: to FILE with --out (npm
 * prints its "> script" banner on standard output, so a redirected `npm run` would carry it; `npm run -s`
 * does not), else to standard output.
 *   json: [{"id","questions":[every phrasing, Swedish and English],"answer"}] (the Swedish answer)
 *   tsv:  question<TAB>id<TAB>answer, one row per phrasing, with a header row
 * Nothing else goes to standard output; problems go to standard error with exit code 1 or 2.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { exportCorpus, isExportFormat } from '../src/core/corpus/export.js';
import { loadCorpus } from '../src/core/index.js';
import { takeCorpusDir } from './lib.js';

const dir = takeCorpusDir();
const args = process.argv.slice(2);
const at = args.indexOf('--format');
const format = at === -1 ? undefined : args[at + 1];
const outAt = args.indexOf('--out');
const out = outAt === -1 ? undefined : args[outAt + 1];
if (!isExportFormat(format) || (outAt !== -1 && (out === undefined || out.startsWith('--')))) {
  process.stderr.write('usage: npm run faq:export -- --format json|tsv [--out FILE]\n');
  process.exit(2);
}
const result = loadCorpus(dir);
if (!result.ok) {
  for (const p of result.problems) process.stderr.write(`${p.message}\n`);
  process.exit(1);
}
const text = exportCorpus(result.corpus.entries, format);
if (out !== undefined) {
  // Written whole or not at all: a half-written export is never left where the old one was.
  const partial = `${out}.partial`;
  writeFileSync(partial, text);
  renameSync(partial, out);
  process.stderr.write(`Wrote ${result.corpus.entries.length} entries (${format}) to ${out}\n`);
  process.exit(0);
}
// A reader that stops early (| head) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 1));
process.stdout.write(text);
