import type { Lang } from '../corpus/schema.js';
import type { Candidate } from '../match/matcher.js';
import type { Decision, EscalationReason, Explanation } from './decision.js';
import type { PolicyOptions } from './options.js';

export interface PolicyInput {
  readonly lang: Lang;
  /** Ranked, audience-adjusted candidates. */
  readonly candidates: readonly Candidate[];
  /** The closest known out-of-scope question, if any. */
  readonly outOfScope?: Candidate | undefined;
  /** Set when the question must be escalated whatever matched (empty, gibberish, a human was asked for). */
  readonly forcedEscalation?: EscalationReason | undefined;
}

/**
 * The decision policy: answer when one entry is clearly best and confident enough, ask "did you mean"
 * when two or three are close, escalate otherwise. A confident wrong answer is worse than "call us",
 * so every doubt resolves towards asking or escalating.
 */
export function decide(input: PolicyInput, options: PolicyOptions): Decision {
  const { candidates, lang } = input;
  const top = candidates[0];
  const confidence = top?.score ?? 0;
  const explanation = explain(top, input.forcedEscalation);

  if (input.forcedEscalation !== undefined) {
    return { kind: 'escalate', reason: input.forcedEscalation, lang, confidence, candidates, explanation };
  }
  if (!top || top.score < options.clarifyThreshold) {
    return { kind: 'escalate', reason: 'low-confidence', lang, confidence, candidates, explanation };
  }
  // The question looks at least as much like a known off-topic question as like the best entry.
  const oos = input.outOfScope;
  if (oos && oos.score >= options.clarifyThreshold && oos.score >= top.score - options.outOfScopeMargin) {
    return {
      kind: 'escalate',
      reason: 'off-topic',
      lang,
      confidence,
      candidates,
      explanation: { ...explanation, summary: `resembles the off-topic question "${oos.phrasing}" (${oos.score.toFixed(2)}); ${explanation.summary}` },
    };
  }
  const close = candidates
    .filter((c) => c.score >= options.clarifyThreshold && top.score - c.score <= options.clarifyMargin)
    .slice(0, options.maxClarifyOptions);
  if (close.length >= 2) {
    return { kind: 'clarify', options: close, lang, confidence, candidates, explanation };
  }
  if (top.score >= options.answerThreshold) {
    return { kind: 'answer', entry: top.entry, lang, confidence, candidates, explanation };
  }
  return { kind: 'escalate', reason: 'low-confidence', lang, confidence, candidates, explanation };
}

function explain(top: Candidate | undefined, forced: EscalationReason | undefined): Explanation {
  if (forced !== undefined) {
    return { summary: `escalated: ${forced}`, matchedTerms: top?.matched ?? [], unmatchedTerms: top?.unmatched ?? [] };
  }
  if (!top) return { summary: 'no entry shares a meaningful word with the question', matchedTerms: [], unmatchedTerms: [] };
  const terms = top.matched.map((m) => (m.via === 'exact' ? m.query : `${m.query} (${m.via})`)).join(', ');
  const missing = top.unmatched.length > 0 ? `; not explained: ${top.unmatched.join(', ')}` : '';
  return {
    summary: `best match "${top.phrasing}" (${top.entry.id}, ${top.score.toFixed(2)}) on ${terms || 'nothing'}${missing}`,
    matchedPhrasing: top.phrasing,
    matchedTerms: top.matched,
    unmatchedTerms: top.unmatched,
  };
}
