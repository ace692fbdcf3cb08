/**
 * npm run faq:export -- --format json|tsv [--corpus DIR]   (default: FAQ_DATA_DIR, else faq-data/)
 * Writes the corpus to standard output, flat, for review, translation and import into other tools.
 *   json: [{"id","questions":[every phrasing, Swedish and English],"answer"}] (the Swedish answer)
 *   tsv:  question<TAB>id<TAB>answer, one row per phrasing, with a header row
 * Nothing else goes to standard output; problems go to standard error with exit code 1 or 2.
 */
import { exportCorpus, isExportFormat } from '../src/core/corpus/export.js';
import { loadCorpus } from '../src/core/index.js';
import { takeCorpusDir } from './lib.js';

const dir = takeCorpusDir();
const args = process.argv.slice(2);
const at = args.indexOf('--format');
const format = at === -1 ? undefined : args[at + 1];
if (!isExportFormat(format)) {
  process.stderr.write('usage: npm run faq:export -- --format json|tsv\n');
  process.exit(2);
}
const result = loadCorpus(dir);
if (!result.ok) {
  for (const p of result.problems) process.stderr.write(`${p.message}\n`);
  process.exit(1);
}
// A reader that stops early (| head) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 1));
process.stdout.write(exportCorpus(result.corpus.entries, format));
