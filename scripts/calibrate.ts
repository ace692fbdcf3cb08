/**
 * npm run calibrate [-- --misses]
 * Chooses the decision thresholds from the corpus itself, never from test questions:
 *  - in scope: leave-one-out over every phrasing (the phrasing is removed from the index, then asked);
 *  - off topic: faq-data/out-of-scope.yaml, questions the bot must not answer, each left out likewise.
 * Picks the setting with the most right answers among those within half the product's limits (at most
 * 1 % confident-wrong and 2.5 % of the off-topic set not escalated, against targets of 2 % and 5 %): the
 * other half is a safety margin for real questions unlike any phrasing. Ties and margins: see pick() and
 * MARGINS in calibration.ts. CAL_MAX_WRONG / CAL_MAX_OFF explore.
 */
import { collectCases, outcome, pick, sweep, type Row } from './calibration.js';
import { loadEngineOrExit } from './lib.js';

const engine = loadEngineOrExit();
const cases = collectCases(engine);
const maxWrong = Number(process.env.CAL_MAX_WRONG ?? 0.01);
const maxOff = Number(process.env.CAL_MAX_OFF ?? 0.025);
const feasible = pick(sweep(cases), maxWrong, maxOff);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const show = (r: Row) =>
  `answer ≥ ${r.answer.toFixed(2)}, clarify ≥ ${r.clarify.toFixed(2)}, margin ${r.margin.toFixed(2)}, off-topic margin ${r.oosMargin.toFixed(2)}: right ${pct(r.right)}, confident-wrong ${pct(r.wrong)}, clarify-hit ${pct(r.clarifyHit)}, off-topic answered ${pct(r.offAnswered)}, off-topic not escalated ${pct(r.offNotEscalated)}`;

const inScope = cases.filter((c) => c.expected !== null).length;
process.stdout.write(`leave-one-out cases: ${inScope} phrasings; off-topic: ${cases.length - inScope} questions\n`);
const best = feasible[0];
if (!best) {
  process.stdout.write(`no threshold setting has ≤ ${pct(maxWrong)} confident-wrong and ≤ ${pct(maxOff)} off-topic not escalated; improve the corpus.\n`);
  process.exit(1);
}
process.stdout.write(`recommended: ${show(best)}\n`);
for (const r of feasible.slice(1, 4)) process.stdout.write(`also:        ${show(r)}\n`);
if (process.argv.includes('--misses')) {
  for (const c of cases) {
    const o = outcome(c, best);
    const top = c.candidates[0];
    const wrongOff = c.expected === null && o !== 'escalate';
    if (o === 'wrong' || o === 'clarify-miss' || wrongOff || (c.expected !== null && o === 'escalate' && process.argv.includes('--all'))) {
      process.stdout.write(`${o}\t${c.expected ?? 'OFF'}\t${top?.entry.id ?? '-'} ${top?.score.toFixed(2) ?? ''}\t${c.text}\t| ${top?.phrasing ?? ''}\n`);
    }
  }
}
