/**
 * npm run faq:import-page -- URL|FILE --out DIR [--url PAGE_ADDRESS] [--today YYYY-MM-DD]
 * Turns the official page into a draft faq-data/ folder: the page's questions and answers as entries,
 * its dated paragraphs as timeline updates, its contact details in contact.yaml (each with the sentence
 * it came from), and IMPORT-NOTES.md listing what to translate and everything not placed. The product's
 * vocabulary (requests for a human, small talk, stop words, generic synonyms and errands) comes from
 * product-data/ and is not copied: the folder holds only what the page says.
 * Check the result with `npm run faq:check -- DIR`. Exit 0 written, 1 refused, 2 usage.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { draftFiles, importPage } from '../src/content/page/index.js';
import { readPageSource } from './page-source.js';

const USAGE = 'Usage: npm run faq:import-page -- URL|FILE --out DIR [--url PAGE_ADDRESS] [--today YYYY-MM-DD]\n';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, url: { type: 'string' }, today: { type: 'string' } },
});
const where = positionals[0];
const out = values.out;
const today = values.today ?? new Date().toISOString().slice(0, 10);
if (where === undefined || out === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(today)) {
  process.stderr.write(USAGE);
  process.exit(2);
}
if (existsSync(join(out, 'entries')) && readdirSync(join(out, 'entries')).length > 0) {
  process.stderr.write(`faq:import-page: ${out} already holds entries; give an empty or new folder (a draft never overwrites a corpus).\n`);
  process.exit(2);
}

const source = await readPageSource(where);
if (!source.ok) {
  process.stderr.write(`faq:import-page: refused: ${source.message}\n`);
  process.exit(1);
}
// The source answers cite: --url, else the page's canonical address, else where it was fetched from.
const result = importPage({
  body: source.body,
  format: source.format,
  today,
  ...(values.url === undefined ? {} : { url: values.url }),
  ...(source.url === undefined ? {} : { fetchedFrom: source.url }),
});
if (!result.ok) {
  process.stderr.write(`faq:import-page: refused (${result.code}): ${result.message}\n`);
  process.exit(1);
}

const files = draftFiles(result.draft, { today });
for (const [name, text] of files) {
  mkdirSync(dirname(join(out, name)), { recursive: true });
  writeFileSync(join(out, name), text);
}

const d = result.draft;
const contact = ['phone', 'email', 'visitingAddress', 'openingHours'] as const;
process.stdout.write(
  `${out}: ${d.entries.length} entries, ${d.timeline.length} timeline updates (${d.timeline.map((u) => u.date + (u.time === undefined ? '' : ` ${u.time}`)).join(', ')}), ` +
    `contact: ${contact.map((k) => `${k} ${d.contact[k]?.value ?? 'MISSING'}`).join(', ')}; ${d.unplaced.length} passages not placed` +
    `${d.personalDataRemoved.length > 0 ? `; personal data left out in ${d.personalDataRemoved.length} place(s)` : ''}. See ${join(out, 'IMPORT-NOTES.md')}, then: npm run faq:check -- ${out}\n`,
);
