/**
 * The figures `npm run eval` prints for single messages, conversations and cross-validation: answered right, confident-wrong,
 * off-topic escalated, right entry ranked first, and calibration (reliability table and ECE).
 */
import type { Decision } from '../src/core/index.js';
import { ESCALATE } from './lib.js';

export interface Scored {
  readonly expected: string;
  readonly decision: Decision;
  readonly question: string;
}

export interface Scores {
  readonly cases: number;
  readonly inScope: number;
  readonly offTopic: number;
  readonly right: number;
  readonly clarified: number;
  readonly clarifyHit: number;
  /** In-scope messages escalated with the right entry offered beside the hand-over. */
  readonly suggestHit: number;
  /** Escalations that offered an entry (in scope and off-topic). */
  readonly suggested: number;
  readonly confidentWrong: number;
  readonly offTopicEscalated: number;
  readonly rankedFirst: number;
  /** Confidence bins: [from, to), count, mean confidence, share whose best entry was right. */
  readonly bins: readonly { from: number; to: number; n: number; confidence: number; right: number }[];
  readonly calibrationError: number;
}

/** Whether the engine's best entry was the right one (for off-topic messages: never). */
export const bestIsRight = (s: Scored) => s.expected !== ESCALATE && s.decision.candidates[0]?.entry.id === s.expected;

export function scoreDecisions(scored: readonly Scored[]): Scores {
  let inScope = 0, right = 0, clarified = 0, clarifyHit = 0, suggestHit = 0, suggested = 0, confidentWrong = 0, offTopic = 0, offTopicEscalated = 0, rankedFirst = 0;
  const bins = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, n: 0, confidence: 0, right: 0 }));
  for (const s of scored) {
    const d = s.decision;
    // Calibration is judged on every message the engine was asked to read (forced escalations of an
    // empty message say nothing about it, but they are rare and have confidence near 0 anyway).
    const bin = bins[Math.min(9, Math.floor(d.confidence * 10))] as (typeof bins)[number];
    bin.n++;
    bin.confidence += d.confidence;
    if (bestIsRight(s)) bin.right++;
    if (d.kind === 'escalate' && d.suggestion !== undefined) suggested++;
    if (s.expected === ESCALATE) {
      offTopic++;
      if (d.kind === 'escalate') offTopicEscalated++;
      if (d.kind === 'answer') confidentWrong++;
      continue;
    }
    inScope++;
    if (bestIsRight(s)) rankedFirst++;
    if (d.kind === 'answer') {
      if (d.entry.id === s.expected) right++;
      else confidentWrong++;
    } else if (d.kind === 'clarify') {
      clarified++;
      if (d.options.some((o) => o.entry.id === s.expected)) clarifyHit++;
    } else if (d.suggestion?.entry.id === s.expected) {
      suggestHit++;
    }
  }
  const n = scored.length;
  const calibrationError = bins.reduce((acc, b) => acc + Math.abs(b.confidence - b.right), 0) / Math.max(1, n);
  return {
    cases: n,
    inScope,
    offTopic,
    right,
    clarified,
    clarifyHit,
    suggestHit,
    suggested,
    confidentWrong,
    offTopicEscalated,
    rankedFirst,
    bins: bins.map((b) => ({ ...b, confidence: b.n > 0 ? b.confidence / b.n : 0, right: b.n > 0 ? b.right / b.n : 0 })),
    calibrationError,
  };
}

const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`);

export function formatScores(s: Scores): string {
  const lines = [
    `cases: ${s.cases} (${s.inScope} in scope, ${s.offTopic} off-topic)`,
    `in-scope answered right: ${pct(s.right, s.inScope)} (${s.right}/${s.inScope})`,
    `clarify rate: ${pct(s.clarified, s.inScope)} of in-scope messages got "Menar du …?" (${s.clarified}/${s.inScope}); clarify-hit: ${pct(s.clarifyHit, s.clarified)} (${s.clarifyHit}/${s.clarified} offered the right entry)`,
    `escalated with the right entry offered beside the hand-over: ${pct(s.suggestHit, s.inScope)} of in-scope messages (${s.suggestHit}/${s.inScope}); escalations that offered an entry: ${s.suggested}, ${pct(s.suggestHit, s.suggested)} of them the right one`,
    `confident-wrong: ${pct(s.confidentWrong, s.cases)} (${s.confidentWrong}/${s.cases} answered with a wrong id)`,
    `off-topic escalated: ${pct(s.offTopicEscalated, s.offTopic)} (${s.offTopicEscalated}/${s.offTopic})`,
    `right entry ranked first: ${pct(s.rankedFirst, s.inScope)} (${s.rankedFirst}/${s.inScope})`,
    `reliability (confidence bin: messages, mean confidence, share whose best entry was right):`,
    ...s.bins.filter((b) => b.n > 0).map((b) => `  ${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${String(b.n).padStart(4)}  ${b.confidence.toFixed(2)}  ${b.right.toFixed(2)}`),
    `expected calibration error: ${(100 * s.calibrationError).toFixed(1)} points`,
  ];
  return lines.join('\n') + '\n';
}

/** One line of figures, for a table of several corpora. */
export function formatScoresLine(name: string, s: Scores): string {
  const p = (n: number, d: number) => (d === 0 ? '  n/a' : ((100 * n) / d).toFixed(1).padStart(5));
  return `${name.padEnd(28)} ${String(s.cases).padStart(4)} ${p(s.right, s.inScope)} ${p(s.clarifyHit, s.inScope)} ${p(s.suggestHit, s.inScope)} ${p(s.confidentWrong, s.cases)} ${p(s.offTopicEscalated, s.offTopic)} ${p(s.rankedFirst, s.inScope)} ${(100 * s.calibrationError).toFixed(1).padStart(5)}`;
}

export const SCORES_LINE_HEADER = `${'corpus (messages)'.padEnd(28)} case right clhit sghit wrong escal rank1   ECE`;
