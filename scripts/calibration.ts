/**
 * Calibration from the corpus itself (see scripts/calibrate.ts): leave-one-out over every phrasing plus
 * the off-topic set in faq-data/calibration/negatives.yaml.
 */
import type { Candidate, FaqEngine } from '../src/core/index.js';
import { LANGS, normalizePhrase } from '../src/core/index.js';


export interface Case {
  readonly expected: string | null;
  readonly candidates: readonly Candidate[];
  readonly outOfScope: Candidate | undefined;
  readonly text: string;
}

/** Every phrasing and every out-of-scope question, each asked with itself left out of the index. */
export function collectCases(e: FaqEngine): Case[] {
  const cases: Case[] = [];
  const ask = (text: string, expected: string | null) => {
    const own = normalizePhrase(text);
    const { candidates, outOfScope } = e.rank(text, (phrasing) => normalizePhrase(phrasing) === own);
    cases.push({ expected, candidates, outOfScope, text });
  };
  for (const entry of e.corpus.entries) {
    for (const lang of LANGS) for (const text of entry.phrasings[lang]) ask(text, entry.id);
  }
  for (const lang of LANGS) for (const text of e.corpus.outOfScope[lang]) ask(text, null);
  return cases;
}

export type Outcome = 'right' | 'wrong' | 'clarify-hit' | 'clarify-miss' | 'escalate';

export interface Thresholds {
  readonly answer: number;
  readonly clarify: number;
  readonly margin: number;
  readonly oosMargin: number;
}

/** The policy of src/core/policy/decide.ts, replayed on precomputed candidates. */
export function outcome(c: Case, { answer, clarify, margin, oosMargin }: Thresholds): Outcome {
  const top = c.candidates[0];
  if (!top || top.score < clarify) return 'escalate';
  const oos = c.outOfScope;
  if (oos && oos.score >= clarify && oos.score >= top.score - oosMargin) return 'escalate';
  const close = c.candidates.filter((x) => x.score >= clarify && top.score - x.score <= margin).slice(0, 3);
  if (close.length >= 2) return close.some((x) => x.entry.id === c.expected) ? 'clarify-hit' : 'clarify-miss';
  if (top.score >= answer) return top.entry.id === c.expected ? 'right' : 'wrong';
  return 'escalate';
}

/**
 * Clarify margins tried. Below 0.04 two near-equal entries would be settled by a guess; the product asks
 * "Menar du …?" instead, so smaller margins are not on offer.
 */
export const MARGINS = [0.04, 0.06, 0.08, 0.1] as const;

export interface Row extends Thresholds { right: number; wrong: number; clarifyHit: number; offAnswered: number; offNotEscalated: number }

export function sweep(cases: readonly Case[]): Row[] {
  const inScope = cases.filter((c) => c.expected !== null);
  const offTopic = cases.filter((c) => c.expected === null);
  const rows: Row[] = [];
  for (let answer = 0.4; answer <= 0.9001; answer += 0.02) {
    for (let clarify = 0.3; clarify <= answer + 1e-9; clarify += 0.02) {
      for (const margin of MARGINS) for (const oosMargin of [-0.1, -0.05, 0, 0.05, 0.1]) {
        const t = { answer, clarify, margin, oosMargin };
        let right = 0, wrong = 0, clarifyHit = 0, offAnswered = 0, offNot = 0;
        for (const c of inScope) {
          const o = outcome(c, t);
          if (o === 'right') right++;
          else if (o === 'wrong') wrong++;
          else if (o === 'clarify-hit') clarifyHit++;
        }
        for (const c of offTopic) {
          const o = outcome(c, t);
          if (o === 'right' || o === 'wrong') offAnswered++;
          if (o !== 'escalate') offNot++;
        }
        rows.push({ ...t, right: right / inScope.length, wrong: wrong / cases.length, clarifyHit: clarifyHit / inScope.length, offAnswered: offAnswered / offTopic.length, offNotEscalated: offNot / offTopic.length });
      }
    }
  }
  return rows;
}

/**
 * Most right answers among settings within the limits, counted in steps of half a percentage point
 * (finer differences are a handful of cases, noise); then the fewest mistakes of either kind (wrong
 * answers, off-topic not escalated); then the safest (highest) answer threshold.
 */
export function pick(rows: readonly Row[], maxWrong: number, maxOff: number): Row[] {
  const step = (x: number) => Math.round(x * 200);
  return rows
    .filter((r) => r.wrong <= maxWrong && r.offNotEscalated <= maxOff)
    .sort(
      (a, b) =>
        step(b.right) - step(a.right) ||
        a.wrong + a.offNotEscalated - (b.wrong + b.offNotEscalated) ||
        b.right - a.right ||
        b.answer - a.answer,
    );
}
