/**
 * npm run calibrate [-- --misses]
 * How the engine does on messages it was not trained on, and which thresholds to use. Everything comes
 * from the corpus itself, never from evaluation sets:
 *  - the corpus's phrasings and out-of-scope questions, plus resident-style variants of each (greetings,
 *    context, personal data, sign-offs, typos, chat style, asides), are split into folds; phrasings that
 *    read the same to the engine (they differ only in å/ä/ö or a function word) share a fold;
 *  - each fold is predicted by a model trained on the others; the calibrators learn from those
 *    predictions, and each one is replayed through the real decide() for every threshold setting;
 *  - the recommended setting has the most right answers among those within half the product's limits
 *    (≤ 1 % confident-wrong, ≤ 2.5 % off-topic answered, against 2 % and 5 %): the other half is a
 *    margin for real messages unlike any phrasing. CAL_MAX_WRONG / CAL_MAX_OFF explore.
 */
import { DEFAULT_POLICY_OPTIONS, DEFAULT_TRAIN_OPTIONS, type Candidate, type Decision } from '../src/core/index.js';
import { applyCalibrator, pairInputs, topInputs } from '../src/core/model/calibrator.js';
import { Featurizer } from '../src/core/model/features.js';
import { expectedCalibrationError, fitCalibrators, prepareTraining } from '../src/core/model/train.js';
import { decide } from '../src/core/policy/decide.js';
import type { PolicyOptions } from '../src/core/policy/options.js';
import { loadCorpusOrExit } from './lib.js';

const corpus = loadCorpusOrExit();
const started = Date.now();
const featurizer = new Featurizer(corpus);
const data = prepareTraining(corpus, DEFAULT_TRAIN_OPTIONS, featurizer);
const { top, pair } = fitCalibrators(data.heldOut);
const entries = new Map(corpus.entries.map((e) => [e.id, e]));
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

const held = data.heldOut.map((h) => ({ h, confidence: applyCalibrator(top, topInputs(h.summary)), pairConfidence: applyCalibrator(pair, pairInputs(h.summary)) }));
const inScope = held.filter(({ h }) => h.label !== data.outOfScope);
process.stdout.write(
  `held-out messages: ${held.length} (${inScope.length} in scope, ${held.length - inScope.length} off-topic), ${DEFAULT_TRAIN_OPTIONS.folds} folds, ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
    `right entry ranked first: ${pct(inScope.filter(({ h }) => h.best === h.label).length / inScope.length)}\n` +
    `expected calibration error of the confidence: ${(100 * expectedCalibrationError(held.map(({ h, confidence }) => ({ confidence, right: h.best === h.label })))).toFixed(1)} points\n`,
);

/** The held-out prediction replayed through the real policy. */
function decisionOf(x: (typeof held)[number], policy: PolicyOptions): Decision {
  const { h, confidence, pairConfidence } = x;
  const p1 = h.ranked[0]?.[1] ?? 1;
  const candidates = h.ranked.map(([c, p]): Candidate => {
    const entry = entries.get(data.classes[c] as string);
    if (!entry) throw new Error(`class ${c} is not an entry`);
    return { entry, score: confidence * (p / p1), lang: 'sv', phrasing: '', matched: [], unmatched: [] };
  });
  return decide(
    {
      lang: 'sv',
      candidates,
      pairConfidence,
      outOfScopeLeads: h.summary.pOutOfScope >= h.summary.p1,
      explanation: { summary: '', matchedTerms: [], unmatchedTerms: [], parts: [] },
    },
    policy,
  );
}

interface Row { answer: number; clarify: number; share: number; right: number; wrong: number; clarifyHit: number; offAnswered: number }
const rows: Row[] = [];
for (let answer = 0.5; answer <= 0.981; answer += 0.02) {
  for (let clarify = 0.5; clarify <= 0.981; clarify += 0.04) for (const share of [0.15, 0.25, 0.35, 0.5]) {
    const policy = { ...DEFAULT_POLICY_OPTIONS, answerThreshold: answer, clarifyThreshold: clarify, clarifyMinShare: share };
    let right = 0, wrong = 0, clarifyHit = 0, offAnswered = 0, off = 0;
    for (const x of held) {
      const d = decisionOf(x, policy);
      const expected = data.classes[x.h.label];
      if (x.h.label === data.outOfScope) {
        off++;
        if (d.kind !== 'escalate') offAnswered++;
        if (d.kind === 'answer') wrong++;
      } else if (d.kind === 'answer') {
        if (d.entry.id === expected) right++;
        else wrong++;
      } else if (d.kind === 'clarify' && d.options.some((o) => o.entry.id === expected)) clarifyHit++;
    }
    rows.push({ answer, clarify, share, right: right / inScope.length, wrong: wrong / held.length, clarifyHit: clarifyHit / inScope.length, offAnswered: offAnswered / Math.max(1, off) });
  }
}
const maxWrong = Number(process.env.CAL_MAX_WRONG ?? 0.01);
const maxOff = Number(process.env.CAL_MAX_OFF ?? 0.025);
const step = (x: number) => Math.round(x * 200);
const feasible = rows
  .filter((r) => r.wrong <= maxWrong && r.offAnswered <= maxOff)
  .sort((a, b) => step(b.right) - step(a.right) || step(b.clarifyHit) - step(a.clarifyHit) || b.answer - a.answer || b.clarify - a.clarify);
const show = (r: Row) =>
  `answer ≥ ${r.answer.toFixed(2)}, clarify ≥ ${r.clarify.toFixed(2)}, alternative share ${r.share.toFixed(2)}: right ${pct(r.right)}, clarify-hit ${pct(r.clarifyHit)}, confident-wrong ${pct(r.wrong)}, off-topic not escalated ${pct(r.offAnswered)}`;
const current = rows.find((r) => Math.abs(r.answer - DEFAULT_POLICY_OPTIONS.answerThreshold) < 0.011 && Math.abs(r.clarify - DEFAULT_POLICY_OPTIONS.clarifyThreshold) < 0.021 && r.share === DEFAULT_POLICY_OPTIONS.clarifyMinShare);
if (current) process.stdout.write(`current:     ${show(current)}\n`);
const best = feasible[0];
if (!best) {
  process.stdout.write(`no setting has ≤ ${pct(maxWrong)} confident-wrong and ≤ ${pct(maxOff)} off-topic not escalated; improve the corpus.\n`);
  process.exit(1);
}
process.stdout.write(`recommended: ${show(best)}\n`);
for (const r of feasible.slice(1, 4)) process.stdout.write(`also:        ${show(r)}\n`);

if (process.argv.includes('--misses')) {
  const policy = { ...DEFAULT_POLICY_OPTIONS, answerThreshold: best.answer, clarifyThreshold: best.clarify, clarifyMinShare: best.share };
  for (const x of held) {
    const d = decisionOf(x, policy);
    const expected = data.classes[x.h.label];
    const wrong = d.kind === 'answer' && d.entry.id !== expected;
    if (wrong || (x.h.label === data.outOfScope && d.kind !== 'escalate')) {
      process.stdout.write(`${d.kind}\t${expected}\t${d.kind === 'answer' ? d.entry.id : ''}\t${x.confidence.toFixed(2)}\t${x.h.text}\n`);
    }
  }
}
