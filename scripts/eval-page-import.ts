/**
 * npm run eval:page-import [-- --dev-corpus DIR]
 * Measures the page importer against corpora people wrote by hand from the same pages: the seed page
 * (tests/fixtures/pages/norrkoping-incident.html) against faq-data/, and the Björkvik page in three shapes
 * (expandable blocks, bold questions, plain text) against ../shared/eval/incident-dev/faq-data (or
 * --dev-corpus), when present. Prints, per page: questions found, answers word for word, dated updates
 * and contact details, in `npm run eval`'s style, and every miss.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { extractFacts, guessFormat, importPage, type DraftCorpus } from '../src/content/page/index.js';
import { loadCorpus, type Corpus } from '../src/core/index.js';
import { FAQ_DATA_DIR } from './lib.js';

const { values } = parseArgs({ options: { 'dev-corpus': { type: 'string' }, today: { type: 'string' } } });
const today = values.today ?? new Date().toISOString().slice(0, 10);
const fixture = (name: string) => fileURLToPath(new URL(`../tests/fixtures/pages/${name}`, import.meta.url));
const devCorpus = values['dev-corpus'] ?? fileURLToPath(new URL('../../shared/eval/incident-dev/faq-data', import.meta.url));

const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`);
const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
function overlap(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0 || wb.size === 0) return 0;
  let n = 0;
  for (const w of wa) if (wb.has(w)) n += 1;
  return n / Math.max(wa.size, wb.size);
}

/** The share of `a`'s words that are in `b`. */
function containment(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0) return 0;
  let n = 0;
  for (const w of wa) if (wb.has(w)) n += 1;
  return n / wa.size;
}

function measure(label: string, draft: DraftCorpus, corpus: Corpus): void {
  process.stdout.write(`== ${label}\n`);
  const misses: string[] = [];
  // Each hand-written entry against the imported entry most like it: the same question, else a question
  // whose words are in the editor's (editors lengthen "Vad har hänt?"), else an answer sharing most words.
  let exactQuestions = 0;
  let matched = 0;
  let verbatim = 0;
  let contained = 0;
  let coveredWords = 0;
  let handWords = 0;
  const used = new Set<string>();
  for (const entry of corpus.entries) {
    const best = draft.entries
      .map((d) => ({
        d,
        score: norm(d.question) === norm(entry.question.sv) ? 2 : Math.max(overlap(d.question, entry.question.sv), containment(d.question, entry.question.sv), overlap(d.answer, entry.versions.at(-1)?.answer.sv ?? '')),
      }))
      .filter((x) => !used.has(x.d.id))
      .sort((a, b) => b.score - a.score)[0];
    if (best === undefined || best.score < 0.6) {
      misses.push(`question\t${entry.id}: "${entry.question.sv}" has no imported question or answer like it`);
      continue;
    }
    used.add(best.d.id);
    matched += 1;
    if (best.score === 2) exactQuestions += 1;
    const answer = entry.versions.at(-1)?.answer.sv ?? '';
    if (norm(answer).includes(norm(best.d.answer))) contained += 1;
    if (norm(answer) === norm(best.d.answer)) verbatim += 1;
    else misses.push(`answer\t${entry.id}: not word for word (${(100 * overlap(answer, best.d.answer)).toFixed(0)} % of words shared)`);
    const hand = words(answer);
    const imported = words(best.d.answer);
    handWords += hand.size;
    for (const w of hand) if (imported.has(w)) coveredWords += 1;
  }
  process.stdout.write(`questions imported: ${draft.entries.length}\n`);
  process.stdout.write(`hand-written entries with an imported question: ${pct(matched, corpus.entries.length)} (${matched}/${corpus.entries.length}; same question text ${exactQuestions})\n`);
  process.stdout.write(`answers word for word: ${pct(verbatim, matched)} (${verbatim}/${matched}); imported answer word for word inside the editor's: ${pct(contained, matched)} (${contained}/${matched}); words of the hand-written answers in the imported ones: ${pct(coveredWords, handWords)}\n`);

  const handDates = corpus.timeline.updates.map((u) => u.date);
  const importedDates = draft.timeline.map((u) => u.date);
  const found = handDates.filter((d) => importedDates.includes(d));
  const extra = importedDates.filter((d) => !handDates.includes(d));
  const invented = draft.timeline.filter((u) => u.time !== undefined && !corpus.timeline.updates.some((h) => h.date === u.date && h.time === u.time));
  for (const d of handDates.filter((x) => !importedDates.includes(x))) misses.push(`update\t${d} not imported`);
  for (const d of extra) misses.push(`update\t${d} imported, not in the hand-written timeline`);
  process.stdout.write(`dated updates: ${pct(found.length, handDates.length)} (${found.length}/${handDates.length}); extra ${extra.length}; times not in the hand-written timeline ${invented.length}\n`);

  const c = corpus.contact;
  const d = draft.contact;
  const key = (kind: 'phone' | 'address', s: string | undefined) => (s === undefined ? undefined : extractFacts(s).find((f) => f.kind === kind)?.key);
  const fields: [string, boolean][] = [
    ['phone', key('phone', d.phone?.value) === key('phone', c.phone.display) && d.phone?.tel === c.phone.tel],
    ['e-mail', d.email?.value.toLowerCase() === c.email.toLowerCase()],
    ['visiting address', key('address', d.visitingAddress?.value) !== undefined && key('address', d.visitingAddress?.value) === key('address', c.visitingAddress.sv)],
    [
      'opening hours',
      d.openingHours?.opens === c.openingHours.opens &&
        d.openingHours.closes === c.openingHours.closes &&
        // A day's own hours (exceptions) count as part of the hours: none on either side is equal.
        JSON.stringify(Object.entries(d.openingHours.exceptions ?? {}).sort()) === JSON.stringify(Object.entries(c.openingHours.exceptions ?? {}).sort()),
    ],
    ['open days', JSON.stringify(d.openingHours?.days ?? null) === JSON.stringify(c.openingHours.days?.list ?? null)],
    ['phone hours', (d.phoneHours === undefined) === (c.phoneHours === undefined) && (d.phoneHours === undefined || norm(d.phoneHours.value) === norm(c.phoneHours?.display.sv ?? ''))],
  ];
  for (const [name, ok] of fields) if (!ok) misses.push(`contact\t${name} differs`);
  process.stdout.write(`contact details: ${pct(fields.filter(([, ok]) => ok).length, fields.length)} (${fields.filter(([, ok]) => ok).length}/${fields.length}: phone, e-mail, visiting address, opening hours, open days, phone hours)\n`);
  process.stdout.write(`not placed, listed for the editor: ${draft.unplaced.length}\n`);
  for (const m of misses) process.stdout.write(`miss\t${m}\n`);
}

function run(label: string, file: string, corpusDir: string): void {
  const loaded = loadCorpus(corpusDir);
  if (!loaded.ok) {
    process.stderr.write(`${corpusDir} is invalid: ${loaded.problems.length} problems\n`);
    process.exitCode = 1;
    return;
  }
  const body = readFileSync(file, 'utf8');
  const result = importPage({ body, format: guessFormat(body, file), today });
  if (!result.ok) {
    process.stdout.write(`== ${label}\nrefused (${result.code}): ${result.message}\n`);
    process.exitCode = 1;
    return;
  }
  measure(label, result.draft, loaded.corpus);
}

run('seed page, headings and paragraphs (norrkoping-incident.html) vs faq-data/', fixture('norrkoping-incident.html'), process.env['FAQ_DATA_DIR'] || FAQ_DATA_DIR);
if (existsSync(devCorpus)) {
  run('incident-dev page, expandable blocks vs incident-dev/faq-data', fixture('bjorkvik-incident-details.html'), devCorpus);
  run('incident-dev page, bold questions vs incident-dev/faq-data', fixture('bjorkvik-incident-bold.html'), devCorpus);
  run('incident-dev page, plain text vs incident-dev/faq-data', fixture('bjorkvik-incident.txt'), devCorpus);
} else {
  process.stdout.write(`(${devCorpus} not found: the incident-dev figures need it, or --dev-corpus DIR)\n`);
}
