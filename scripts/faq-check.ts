/**
 * npm run faq:check [-- DIR | --corpus DIR] [--max-review-age-days N] [--today YYYY-MM-DD] [--page URL|FILE …]
 * (without a folder: FAQ_DATA_DIR, else faq-data/, like every script)
 * Validates faq-data/ for editors: prints every problem (file, entry or timeline update, field, what to
 * fix; missing English texts, empty or overlapping validity windows, moments with no valid answer) and
 * exits 1, or prints a one-line summary and exits 0. Then warns (without failing) about answers due for a
 * review: reviewed longer ago than the review age (default 30 days, or FAQ_REVIEW_MAX_AGE_DAYS), or
 * never. `--today` fixes the date, for tests.
 * Then trains the engine on the corpus as the service would and reports where the corpus is weak:
 * entries residents' questions are taken for one another, entries with too few phrasings to be answered
 * with confidence, and the predicted share answered (from held-out phrasings; `--no-weakness` skips it).
 * Generic off-topic questions the corpus's own entries answer are listed as set aside.
 * `--page` checks every fact against the official page
 * (scripts/page-facts.ts; docs/official-page.md) and exits 1 on any that is not on it.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createFaqEngine, isDated, loadCorpus, MIN_PHRASINGS, reviewAge, type CorpusWeakness } from '../src/core/index.js';
import { takeCorpusDir } from './lib.js';

const DEFAULT_MAX_REVIEW_AGE_DAYS = 30;
/**
 * Below this many entries the held-out figures flatter the corpus: with one or two entries to choose
 * from, the engine answers a vague message ("hur länge till", "ska jag vara orolig") with one of them,
 * and no entry is "taken for" another. Measured on the storm incident cut to one and two entries.
 */
const FEW_ENTRIES = 5;

const corpusDir = takeCorpusDir();
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'max-review-age-days': { type: 'string' }, today: { type: 'string' }, 'no-weakness': { type: 'boolean' }, page: { type: 'string', multiple: true } },
});
const options = z
  .object({
    maxAgeDays: z.coerce.number({ error: 'must be a whole number of days' }).int('must be a whole number of days').min(1, 'must be at least 1 day'),
    today: z.iso.date('must be a date written YYYY-MM-DD'),
  })
  .safeParse({
    maxAgeDays: values['max-review-age-days'] ?? process.env.FAQ_REVIEW_MAX_AGE_DAYS ?? DEFAULT_MAX_REVIEW_AGE_DAYS,
    today: values.today ?? new Date().toISOString().slice(0, 10),
  });
if (!options.success) {
  process.stderr.write(`faq:check: ${z.prettifyError(options.error)}\nUsage: npm run faq:check -- [DIR] [--max-review-age-days N] [--today YYYY-MM-DD]\n`);
  process.exit(2);
}

const dir = positionals[0] ?? corpusDir;
const result = loadCorpus(dir);
if (!result.ok) {
  process.stderr.write(`faq-data is invalid (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):\n`);
  for (const p of result.problems) process.stderr.write(`  - ${p.message}\n`);
  process.exit(1);
}
const { entries, timeline } = result.corpus;
const phrasings = entries.reduce((n, e) => n + e.phrasings.sv.length + e.phrasings.en.length, 0);
const dated = entries.filter(isDated).length;
process.stdout.write(
  `faq-data is valid: ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, ${phrasings} phrasing${phrasings === 1 ? '' : 's'}, ${result.corpus.synonyms.groups.length} synonym groups, ${timeline.updates.length} timeline update${timeline.updates.length === 1 ? '' : 's'}${dated > 0 ? `, ${dated} entr${dated === 1 ? 'y' : 'ies'} with dated answer versions` : ''}.\n`,
);

const { maxAgeDays, today } = options.data;
const age = reviewAge(entries, today, maxAgeDays);
for (const s of age.stale) {
  process.stdout.write(
    `warning: entry "${s.id}": the answer was last reviewed on ${s.lastReviewed}, ${s.ageDays} days ago (review age ${maxAgeDays} days). Check it against its source and set lastReviewed to the day you did.\n`,
  );
}
if (age.neverReviewed.length > 0) {
  process.stdout.write(
    `warning: ${age.neverReviewed.length} entr${age.neverReviewed.length === 1 ? 'y has' : 'ies have'} no lastReviewed (no editor has recorded a review): ${age.neverReviewed.join(', ')}. Set lastReviewed when you have checked an answer against its source.\n`,
  );
}

for (const w of result.warnings ?? []) process.stdout.write(`warning: ${w.message}\n`);
for (const s of result.setAside) {
  process.stdout.write(`note: the product's off-topic question "${s.question}" is set aside: entry "${s.entry}" answers it.\n`);
}

// Loaded only with --page: the HTML parser is not needed to validate faq-data/.
const pagesOk = values.page === undefined || (await (await import('./page-facts.js')).checkAgainstPages(result.corpus, values.page, today));

if (!values['no-weakness']) {
  const weakness = createFaqEngine(result.corpus).model.report.weakness;
  process.stdout.write(formatWeakness(weakness));
}
if (!pagesOk) process.exit(1);

function formatWeakness(w: CorpusWeakness): string {
  const pct = (x: number) => `${Math.round(100 * x)} %`;
  const lines = [
    `predicted share answered: about ${pct(w.forecast.right)} of residents' questions about the incident answered right (likely ${pct(w.forecast.low)}–${pct(w.forecast.high)}), forecast from the ${pct(w.predictedAnswered)} of the corpus's own questions answered right when held out in training (${pct(w.predictedWrong)} wrong; at the answer threshold ${w.threshold.toFixed(2)}).`,
  ];
  for (const c of w.confusions) {
    lines.push(`weak: entry "${c.entry}" is taken for "${c.takenFor}" in ${pct(c.share)} of its held-out questions. Make the two questions' phrasings differ in what they ask, or add phrasings that say what only "${c.entry}" answers.`);
  }
  for (const t of w.thin) {
    // Thin for one of two reasons: rarely answered, or too few Swedish phrasings however well those few are answered.
    const sv = entries.find((e) => e.id === t.entry)?.phrasings.sv.length ?? 0;
    lines.push(
      sv < MIN_PHRASINGS
        ? `weak: entry "${t.entry}" has ${sv === 0 ? 'no Swedish phrasings' : `only ${sv} Swedish phrasing${sv === 1 ? '' : 's'}`}, too few to answer residents' own words with confidence (${pct(t.answered)} of its held-out questions answered). Add phrasings in residents' own words (8–15 Swedish, 3–5 English, varied).`
        : `weak: entry "${t.entry}" is answered for only ${pct(t.answered)} of its held-out questions (${t.phrasings} phrasings). Add phrasings in residents' own words (8–15 Swedish, 3–5 English, varied).`,
    );
  }
  if (entries.length < FEW_ENTRIES) {
    lines.push(
      `weak: the corpus has only ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}. With so few to choose from, the bot answers vague questions ("hur länge till", "ska jag vara orolig") with ${entries.length === 1 ? 'it' : 'one of them'}, and the predicted share above says nothing about that. Write an entry for every question the source page answers before residents use the bot.`,
    );
  } else if (w.confusions.length === 0 && w.thin.length === 0) lines.push('no weak entries found.');
  return `${lines.join('\n')}\n`;
}
