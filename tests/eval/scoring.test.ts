import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Candidate, Decision, Explanation } from '../../src/core/index.js';
import { formatScores, scoreDecisions, type Scored } from '../../scripts/scoring.js';
import { realCorpus } from '../support/corpus.js';

const entries = realCorpus().entries;
const byId = (id: string) => {
  const e = entries.find((x) => x.id === id);
  if (!e) throw new Error(id);
  return e;
};
const explanation: Explanation = { summary: '', matchedTerms: [], unmatchedTerms: [], parts: [] };
const candidate = (id: string, score: number): Candidate => ({ entry: byId(id), score, lang: 'sv', phrasing: '', matched: [], unmatched: [] });

/** A decision whose best entry is `best` with confidence `confidence`. */
function decision(kind: 'answer' | 'escalate', best: string, confidence: number): Decision {
  const base = { lang: 'sv' as const, confidence, candidates: [candidate(best, confidence)], explanation, personalData: [] };
  return kind === 'answer' ? { kind, entry: byId(best), ...base } : { kind, reason: 'low-confidence', ...base };
}

/**
 * A fixed set: ten messages whose confidences and outcomes are known, so the reliability table and the
 * expected calibration error can be worked out by hand.
 *  - bin 0.9–1.0: four messages at 0.95, three right         → mean 0.95, share right 0.75
 *  - bin 0.5–0.6: four messages at 0.55, two right           → mean 0.55, share right 0.50
 *  - bin 0.1–0.2: two off-topic messages at 0.15, never right → mean 0.15, share right 0.00
 * ECE = (4·|0.95−0.75| + 4·|0.55−0.50| + 2·|0.15−0|) / 10 = (0.8 + 0.2 + 0.3) / 10 = 0.13.
 */
const FIXED: Scored[] = [
  { expected: 'payments', decision: decision('answer', 'payments', 0.95), question: 'a' },
  { expected: 'payments', decision: decision('answer', 'payments', 0.95), question: 'b' },
  { expected: 'invoices', decision: decision('answer', 'invoices', 0.95), question: 'c' },
  { expected: 'invoices', decision: decision('answer', 'payments', 0.95), question: 'd' },
  { expected: 'contact', decision: decision('escalate', 'contact', 0.55), question: 'e' },
  { expected: 'contact', decision: decision('escalate', 'contact', 0.55), question: 'f' },
  { expected: 'contact', decision: decision('escalate', 'employees', 0.55), question: 'g' },
  { expected: 'employees', decision: decision('escalate', 'contact', 0.55), question: 'h' },
  { expected: 'ESCALATE', decision: decision('escalate', 'contact', 0.15), question: 'i' },
  { expected: 'ESCALATE', decision: decision('answer', 'contact', 0.15), question: 'j' },
];

describe('the evaluation figures', () => {
  const s = scoreDecisions(FIXED);

  test('when scored, counts answered right, confident-wrong and off-topic escalated as defined', () => {
    expect([s.cases, s.inScope, s.offTopic]).toEqual([10, 8, 2]);
    expect(s.right).toBe(3);
    // One in-scope answer with the wrong id, and one off-topic message answered.
    expect(s.confidentWrong).toBe(2);
    expect(s.offTopicEscalated).toBe(1);
    expect(s.rankedFirst).toBe(5);
  });

  test('when binned by confidence, the reliability table holds each bin\'s count, mean confidence and share right', () => {
    const bins = s.bins.filter((b) => b.n > 0).map((b) => [b.from, b.n, round(b.confidence), round(b.right)]);
    expect(bins).toEqual([
      [0.1, 2, 0.15, 0],
      [0.5, 4, 0.55, 0.5],
      [0.9, 4, 0.95, 0.75],
    ]);
    expect(s.calibrationError).toBeCloseTo(0.13, 10);
  });

  test('when printed, the figures and the table come out in the documented lines', () => {
    const text = formatScores(s);
    expect(text).toContain('in-scope answered right: 37.5 % (3/8)');
    expect(text).toContain('confident-wrong: 20.0 % (2/10 answered with a wrong id)');
    expect(text).toContain('0.9–1.0:    4  0.95  0.75');
    expect(text).toContain('expected calibration error: 13.0 points');
  });
});

const round = (n: number) => Math.round(n * 1000) / 1000;

describe('npm run eval -- --incidents --seeds N', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  test.each(['0', '21', 'many'])('when the number of seeds is %s, it says what it takes and exits 2 without training', (n) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', '--incidents', '--seeds', n], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--seeds takes a whole number from 1 to 20');
    expect(run.stdout).toBe('');
  });
});
