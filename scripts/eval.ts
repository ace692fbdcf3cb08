/**
 * npm run eval -- FILE.tsv [FILE.tsv …]
 * Scores the engine on labelled messages (question<TAB>id, id may be ESCALATE): how many in-scope
 * messages it answers right, how many it answers wrong (confident-wrong), how many off-topic ones it
 * escalates, how often the right entry ranks first, and whether its confidence is calibrated (a
 * reliability table and the expected calibration error). Every miss is printed first.
 *
 * `--incidents`: every incident in eval/incidents/ (its page, the corpus one person wrote from it, the
 * messages another wrote from the page only), and ../shared/eval/incident-dev when it is there: one
 * line of figures each (right, clarify-hit, confident-wrong, off-topic escalated, ranked first, calibration
 * error), Swedish and English apart, and the spread. With `--forecast`, the line that turns a corpus's
 * held-out share into the forecast editors see (src/core/model/forecast.ts): fitted on our own incidents,
 * each incident's forecast with it left out of the fit, and incident-dev's, which the fit never sees.
 * With `--seeds N` each corpus is trained N times,
 * with N seeds of the resident-style variants it learns from, and the mean and range over the seeds is
 * printed: a change worth shipping moves the mean by more than the seeds move each figure (on a
 * 12-entry corpus, two to five points).
 *
 * `--corpus DIR` (or FAQ_DATA_DIR): the corpus folder to answer from (default faq-data/).
 *
 * `--cv K`: the answer threshold fitted to FILE by K-fold cross-validation, figures reported on the
 * held-out folds only (the threshold of each fold is the one with the most right answers, at most 1 %
 * confident-wrong, on the other folds). Prints the threshold chosen on the whole file too.
 *
 * A file whose turns are separated by blank lines is a conversations file: each conversation is played
 * in order, every turn asked with the entry answered last as context (as the bot does), and the figures
 * are printed for all turns, for first turns and for follow-up turns.
 */
import { createFaqEngine, DEFAULT_TRAIN_OPTIONS, FORECAST_LINE, fitForecastLine, forecastAnswered, type Decision, type FaqEngine } from '../src/core/index.js';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESCALATE, isConversationsFile, loadEngineOrExit, readConversations, readLabelledTsv, takeCorpusDir, type LabelledQuestion } from './lib.js';
import { formatScores, formatScoresLine, scoreDecisions, SCORES_LINE_HEADER, type Scored, type Scores } from './scoring.js';

const corpusDir = takeCorpusDir();
if (process.argv.includes('--incidents')) {
  const seedsAt = process.argv.indexOf('--seeds');
  const seeds = seedsAt === -1 ? 1 : Number(process.argv[seedsAt + 1]);
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > 20) {
    process.stderr.write('--seeds takes a whole number from 1 to 20, e.g. --seeds 5\n');
    process.exit(2);
  }
  if (process.argv.includes('--forecast')) evaluateForecast(seeds);
  else if (seeds === 1) evaluateIncidents();
  else evaluateIncidentsOverSeeds(seeds);
  process.exit(0);
}

const files = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--cv' && all[i - 1] !== '--seeds');
if (files.length === 0) {
  process.stderr.write('usage: npm run eval -- FILE.tsv [FILE.tsv …]   (header line, then question<TAB>id; id may be ESCALATE; blank lines between conversations)\n');
  process.exit(2);
}
const engine = loadEngineOrExit({}, corpusDir);
const cvAt = process.argv.indexOf('--cv');
const folds = cvAt === -1 ? 0 : Number(process.argv[cvAt + 1]);
if (folds > 1) {
  for (const file of files) crossValidateThreshold(file, folds);
  process.exit(0);
}

for (const file of files) {
  if (files.length > 1) process.stdout.write(`== ${file}\n`);
  if (process.argv.includes('--conversations') || isConversationsFile(file)) {
    const conversations = readConversations(file);
    checkIds(engine, conversations.flat(), file);
    const turns = conversations.map(playConversation);
    for (const s of turns.flat()) if (!isRight(s)) process.stdout.write(`miss\t${describe(s)}\n`);
    const first = turns.flatMap((c) => c.slice(0, 1));
    const followUps = turns.flatMap((c) => c.slice(1));
    process.stdout.write(`conversations: ${conversations.length}\n`);
    process.stdout.write(`-- all turns\n${formatScores(scoreDecisions(turns.flat()))}`);
    process.stdout.write(`-- first turns\n${formatScores(scoreDecisions(first))}`);
    process.stdout.write(`-- follow-up turns (every turn after the first)\n${formatScores(scoreDecisions(followUps))}`);
    continue;
  }
  const rows = readLabelledTsv(file);
  checkIds(engine, rows, file);
  const scored = askAll(engine, rows);
  for (const s of scored) if (!isRight(s)) process.stdout.write(`miss\t${describe(s)}\n`);
  process.stdout.write(formatScores(scoreDecisions(scored)));
  process.stdout.write(byLanguage(scored));
}

/** The same figures for the messages written in Swedish and in English (as the engine read them). */
function byLanguage(scored: readonly Scored[]): string {
  return `${SCORES_LINE_HEADER}\n${(['sv', 'en'] as const).map((lang) => formatScoresLine(`  written in ${lang === 'sv' ? 'Swedish' : 'English'}`, scoreDecisions(scored.filter((s) => s.decision.lang === lang)))).join('\n')}\n`;
}

/** Every incident of our own (eval/incidents/NAME/) and incident-dev beside the project, with its messages. */
function incidentSets(): { name: string; dir: string; ours: boolean }[] {
  const root = fileURLToPath(new URL('../eval/incidents/', import.meta.url));
  const sets = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ name: d.name, dir: join(root, d.name), ours: true }));
  const shared = fileURLToPath(new URL('../../shared/eval/incident-dev/', import.meta.url));
  if (existsSync(shared)) sets.push({ name: 'incident-dev (shared)', dir: shared, ours: false });
  return sets.filter((set) => existsSync(join(set.dir, 'questions.tsv')) && existsSync(join(set.dir, 'faq-data')));
}

function spread(name: string, xs: readonly number[]): string {
  return `${name} min ${Math.min(...xs).toFixed(1)}, mean ${(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)).toFixed(1)}, max ${Math.max(...xs).toFixed(1)}`;
}

/** The spread of each headline figure over incidents (rows of {@link headline}). */
function spreads(rows: readonly (readonly number[])[]): string {
  const column = (k: number) => rows.map((r) => r[k]!);
  return `${spread('right', column(0))}; ${spread('confident-wrong', column(1))}; ${spread('escalated', column(2))}; ${spread('ECE', column(3))}`;
}

/** The four headline figures of a score, in percent: right, confident-wrong, off-topic escalated, calibration error. */
function headline(s: Scores): [number, number, number, number] {
  return [(100 * s.right) / Math.max(1, s.inScope), (100 * s.confidentWrong) / Math.max(1, s.cases), (100 * s.offTopicEscalated) / Math.max(1, s.offTopic), 100 * s.calibrationError];
}

/** Every incident: a line each and the spread. */
function evaluateIncidents(): void {
  process.stdout.write(`${SCORES_LINE_HEADER}\n`);
  const all: { name: string; s: Scores }[] = [];
  for (const set of incidentSets()) {
    const file = join(set.dir, 'questions.tsv');
    const e = loadEngineOrExit({}, join(set.dir, 'faq-data'));
    const rows = readLabelledTsv(file);
    checkIds(e, rows, file);
    const scored = askAll(e, rows);
    const s = scoreDecisions(scored);
    all.push({ name: set.name, s });
    process.stdout.write(`${formatScoresLine(set.name, s)}\n`);
    for (const lang of ['sv', 'en'] as const) process.stdout.write(`${formatScoresLine(`  written in ${lang === 'sv' ? 'Swedish' : 'English'}`, scoreDecisions(scored.filter((x) => x.decision.lang === lang)))}\n`);
  }
  process.stdout.write(`spread over ${all.length} incidents: ${spreads(all.map((a) => headline(a.s)))}\n`);
}

/**
 * Every incident trained with `n` seeds of its resident-style variants (the default seed first): per
 * incident the mean and range of each headline figure over the seeds, then the mean over incidents.
 */
function evaluateIncidentsOverSeeds(n: number): void {
  const seeds = [DEFAULT_TRAIN_OPTIONS.augment.seed, ...Array.from({ length: n - 1 }, (_, i) => i + 1)];
  process.stdout.write(`seeds: ${seeds.join(', ')}; each figure is the mean over the seeds [lowest–highest]\n`);
  process.stdout.write(`${'corpus'.padEnd(24)} ${'right'.padEnd(18)} ${'confident-wrong'.padEnd(18)} ${'escalated'.padEnd(18)} ECE\n`);
  const means: number[][] = [];
  for (const set of incidentSets()) {
    const rows = readLabelledTsv(join(set.dir, 'questions.tsv'));
    const figures = seeds.map((seed) => {
      const e = loadEngineOrExit({ training: { augment: { ...DEFAULT_TRAIN_OPTIONS.augment, seed } } }, join(set.dir, 'faq-data'));
      checkIds(e, rows, set.name);
      return headline(scoreDecisions(askAll(e, rows)));
    });
    const mean = [0, 1, 2, 3].map((k) => figures.reduce((a, f) => a + f[k]!, 0) / figures.length);
    means.push(mean);
    const cell = (k: number) => `${mean[k]!.toFixed(1)} [${Math.min(...figures.map((f) => f[k]!)).toFixed(1)}–${Math.max(...figures.map((f) => f[k]!)).toFixed(1)}]`.padEnd(18);
    process.stdout.write(`${`${set.name.padEnd(24)} ${cell(0)} ${cell(1)} ${cell(2)} ${cell(3)}`.trimEnd()}\n`);
  }
  process.stdout.write(`over ${means.length} incidents (means over the seeds): ${spreads(means)}\n`);
}

/**
 * The forecast line (src/core/model/forecast.ts) measured: for every incident and seed, the held-out
 * share its training reports and the share of its residents' messages answered right. The line is fitted
 * on our own incidents only; each is forecast by the line fitted without it, incident-dev by the whole fit.
 */
function evaluateForecast(n: number): void {
  const seeds = [DEFAULT_TRAIN_OPTIONS.augment.seed, ...Array.from({ length: n - 1 }, (_, i) => i + 1)];
  const points = incidentSets().flatMap((set) => {
    const rows = readLabelledTsv(join(set.dir, 'questions.tsv'));
    return seeds.map((seed) => {
      const e = loadEngineOrExit({ training: { augment: { ...DEFAULT_TRAIN_OPTIONS.augment, seed } } }, join(set.dir, 'faq-data'));
      checkIds(e, rows, set.name);
      const s = scoreDecisions(askAll(e, rows));
      return { set, heldOut: e.model.report.weakness.predictedAnswered, residents: s.right / Math.max(1, s.inScope) };
    });
  });
  const ours = points.filter((p) => p.set.ours);
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const pct = (x: number) => `${(100 * x).toFixed(1)}`.padStart(6);
  process.stdout.write(`seeds: ${seeds.join(', ')}; shares in percent, means over the seeds\n`);
  process.stdout.write(`${'corpus'.padEnd(24)} held-out residents  forecast  miss   (forecast from the line fitted without the corpus)\n`);
  const misses: number[] = [];
  for (const set of incidentSets()) {
    const mine = points.filter((p) => p.set === set || p.set.dir === set.dir);
    const line = { ...fitForecastLine(ours.filter((p) => p.set.dir !== set.dir)), spread: 0, measuredFrom: 0, atMost: 1 };
    const forecast = mean(mine.map((p) => forecastAnswered(p.heldOut, line).right));
    const actual = mean(mine.map((p) => p.residents));
    if (set.ours) misses.push(Math.abs(forecast - actual));
    process.stdout.write(`${set.name.padEnd(24)} ${pct(mean(mine.map((p) => p.heldOut)))}   ${pct(actual)}   ${pct(forecast)} ${pct(forecast - actual)}\n`);
  }
  const fitted = fitForecastLine(ours);
  process.stdout.write(`line fitted on our ${new Set(ours.map((p) => p.set.dir)).size} incidents: residents = ${fitted.intercept.toFixed(3)} + ${fitted.slope.toFixed(3)} × held-out; largest miss of a left-out incident ${(100 * Math.max(0, ...misses)).toFixed(1)} points\n`);
  process.stdout.write(`the product's line (FORECAST_LINE): ${FORECAST_LINE.intercept} + ${FORECAST_LINE.slope} × held-out, range ±${(100 * FORECAST_LINE.spread).toFixed(0)} points\n`);
}

/** The answer threshold fitted by K-fold cross-validation; figures on held-out folds only. */
function crossValidateThreshold(file: string, k: number): void {
  const rows = readLabelledTsv(file);
  checkIds(engine, rows, file);
  const grid = Array.from({ length: 10 }, (_, i) => 0.5 + i * 0.05);
  // One engine per threshold over the same trained model: only the policy differs.
  const byThreshold = grid.map((answerThreshold) => {
    const e = createFaqEngine(engine.corpus, { model: engine.model, policy: { answerThreshold } });
    return askAll(e, rows);
  });
  const foldOf = (i: number) => (i * 7919) % k;
  const pick = (inFold: (i: number) => boolean): number => {
    let best = grid.length - 1;
    let bestRight = -1;
    grid.forEach((_, g) => {
      const s = scoreDecisions((byThreshold[g] ?? []).filter((_, i) => inFold(i)));
      if (s.confidentWrong / Math.max(1, s.cases) <= 0.01 && s.right > bestRight) {
        best = g;
        bestRight = s.right;
      }
    });
    return best;
  };
  const heldOut: Scored[] = [];
  const chosen: string[] = [];
  for (let fold = 0; fold < k; fold++) {
    const g = pick((i) => foldOf(i) !== fold);
    chosen.push((grid[g] ?? 0).toFixed(2));
    heldOut.push(...(byThreshold[g] ?? []).filter((_, i) => foldOf(i) === fold));
  }
  const whole = grid[pick(() => true)] ?? 0;
  process.stdout.write(`${file}: answer threshold fitted by ${k}-fold cross-validation (per fold: ${chosen.join(', ')}; on the whole file: ${whole.toFixed(2)}); figures on held-out folds:\n`);
  process.stdout.write(formatScores(scoreDecisions(heldOut)));
}

/**
 * Plays one conversation as the bot would: the entry answered last is the context of the next turn; a
 * "Menar du …?" that offers the right entry counts as the resident choosing it.
 */
function playConversation(turns: readonly LabelledQuestion[]): (Scored & { turn: number })[] {
  let previous: string | undefined;
  return turns.map((t, turn) => {
    const decision = engine.ask(t.question, { previous });
    if (decision.kind === 'answer') previous = decision.entry.id;
    else if (decision.kind === 'clarify' && decision.options.some((o) => o.entry.id === t.expected)) previous = t.expected;
    return { expected: t.expected, decision, question: turn === 0 ? t.question : `[${turn + 1}] ${t.question}`, turn };
  });
}

/** Every labelled message asked of the engine on its own, with what was expected. */
function askAll(e: FaqEngine, rows: readonly LabelledQuestion[]): Scored[] {
  return rows.map((r) => ({ expected: r.expected, decision: e.ask(r.question), question: r.question }));
}

function checkIds(e: FaqEngine, rows: readonly LabelledQuestion[], file: string): void {
  const missing = [...new Set(rows.map((r) => r.expected))].filter((id) => id !== ESCALATE && !e.entry(id));
  if (missing.length > 0) {
    process.stderr.write(`${file}: unknown ids ${missing.join(', ')} (the corpus has no entry with ${missing.length === 1 ? 'this id' : 'these ids'})\n`);
    process.exit(2);
  }
}

function isRight({ expected, decision }: Scored): boolean {
  return expected === ESCALATE ? decision.kind === 'escalate' : decision.kind === 'answer' && decision.entry.id === expected;
}

function describe({ question, expected, decision: d }: Scored & { decision: Decision }): string {
  const got = d.kind === 'answer' ? d.entry.id : d.kind === 'clarify' ? `clarify[${d.options.map((o) => o.entry.id).join('|')}]` : `escalate(${d.reason})`;
  return `${question}\texpected ${expected}\tgot ${got}\t${d.confidence.toFixed(3)}\t${d.explanation.summary}`;
}
