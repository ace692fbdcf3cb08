/**
 * npm run faq:check [-- DIR]
 * Validates faq-data/ for editors: prints every problem (file, entry, field, what to fix) and exits 1,
 * or prints a one-line summary and exits 0.
 */
import { loadCorpus } from '../src/core/index.js';
import { FAQ_DATA_DIR } from './lib.js';

const dir = process.argv[2] ?? FAQ_DATA_DIR;
const result = loadCorpus(dir);
if (!result.ok) {
  process.stderr.write(`faq-data is invalid (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):\n`);
  for (const p of result.problems) process.stderr.write(`  - ${p.message}\n`);
  process.exit(1);
}
const { entries } = result.corpus;
const phrasings = entries.reduce((n, e) => n + e.phrasings.sv.length + e.phrasings.en.length, 0);
process.stdout.write(`faq-data is valid: ${entries.length} entries, ${phrasings} phrasings, ${result.corpus.synonyms.groups.length} synonym groups.\n`);
