import type { Lang } from '../corpus/schema.js';
import type { PersonalDataKind } from '../privacy/personal-data.js';
import type { Candidate, Decision, EscalationReason, Explanation } from './decision.js';
import type { PolicyOptions } from './options.js';

export interface PolicyInput {
  readonly lang: Lang;
  /** Ranked candidates, best first; the best one's score is the calibrated confidence. */
  readonly candidates: readonly Candidate[];
  /** Calibrated probability that the right entry is one of the best two. */
  readonly pairConfidence?: number;
  /** True when the classifier finds the off-topic class more likely than any entry. */
  readonly outOfScopeLeads?: boolean;
  /** True when the message uses the incident's own words (see model/incident-words.ts). */
  readonly aboutIncident?: boolean;
  /** Set when the message must be escalated whatever matched (empty, gibberish, a human was asked for). */
  readonly forcedEscalation?: EscalationReason | undefined;
  readonly explanation: Explanation;
  readonly personalData?: readonly PersonalDataKind[];
}

/** Hand-overs that may offer the best entry beside the contact center: not a request for a human, gibberish or an empty message. */
const SUGGESTED_AFTER: ReadonlySet<EscalationReason> = new Set<EscalationReason>(['not-covered', 'off-topic', 'low-confidence']);

/**
 * The decision policy: answer when the best entry is likely enough to be right, ask "Menar du …?" when
 * the right one is very likely among two or three, escalate otherwise. A confident wrong answer is
 * worse than "call us", so every doubt resolves towards asking or escalating.
 */
export function decide(input: PolicyInput, options: PolicyOptions): Decision {
  const { candidates, lang, explanation } = input;
  const top = candidates[0];
  const confidence = top?.score ?? 0;
  const base = { lang, confidence, candidates, explanation, personalData: input.personalData ?? [] };
  const escalate = (reason: EscalationReason): Decision => {
    const suggestion = SUGGESTED_AFTER.has(reason) && top !== undefined && top.score >= options.suggestThreshold ? top : undefined;
    return suggestion === undefined ? { kind: 'escalate', reason, ...base } : { kind: 'escalate', reason, suggestion, ...base };
  };

  if (input.forcedEscalation !== undefined) return escalate(input.forcedEscalation);
  if (!top) return escalate('low-confidence');
  const sure = confidence >= options.answerThreshold;
  // The off-topic class is more likely than any entry: an errand the FAQ does not cover.
  const offTopic = input.outOfScopeLeads === true && !sure;
  // Entries nearly as likely as the best: the message may be about any of them ("pengar och fakturor?").
  const choices = candidates.filter((c) => c.score >= top.score * options.clarifyMinShare).slice(0, options.maxClarifyOptions);
  if (sure && choices.length === 1) return { kind: 'answer', entry: top.entry, ...base };
  if (!offTopic && (input.pairConfidence ?? 0) >= options.clarifyThreshold) {
    // The right entry is very likely one of the best two: ask, also when the second is much less likely
    // than the first ("påverkas jag?" is vague, not wrong). Sure answers without a near rival were given above.
    const offered = choices.length >= 2 ? choices : candidates.slice(0, 2);
    if (offered.length >= 2 && !sure) return { kind: 'clarify', options: offered, ...base };
    if (choices.length >= 2) return { kind: 'clarify', options: choices, ...base };
  }
  if (sure) return { kind: 'answer', entry: top.entry, ...base };
  // About the incident but not answered: say the vetted information has no sure answer. Anything else is
  // told what the bot is for.
  if (input.aboutIncident === true) return escalate('not-covered');
  return escalate(offTopic || input.aboutIncident === false ? 'off-topic' : 'low-confidence');
}
