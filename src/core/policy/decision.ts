import type { FaqEntry, Lang } from '../corpus/schema.js';
import type { Candidate } from '../match/matcher.js';

/** Why the engine hands the person over to the contact center. */
export type EscalationReason =
  /** Nothing to match: empty or only punctuation. */
  | 'empty'
  /** No recognisable words at all. */
  | 'gibberish'
  /** The person asked for a human. */
  | 'human'
  /** The question resembles a known off-topic question more than any entry. */
  | 'off-topic'
  /** Words were understood but no entry explains them well enough. */
  | 'low-confidence';

export interface Explanation {
  /** One line for agents and logs, in English. */
  readonly summary: string;
  /** The phrasing of the top candidate that matched best. */
  readonly matchedPhrasing?: string;
  /** Query words and the corpus key each matched, with how. */
  readonly matchedTerms: readonly { query: string; key: string; via: string }[];
  /** Meaningful query words the top candidate does not explain. */
  readonly unmatchedTerms: readonly string[];
}

interface DecisionBase {
  /** The language to answer in. */
  readonly lang: Lang;
  /** Calibrated confidence in the top candidate, 0–1. */
  readonly confidence: number;
  /** Ranked candidates, best first, each with its own confidence. */
  readonly candidates: readonly Candidate[];
  readonly explanation: Explanation;
}

/** The engine's outcome for one question: an expected value, never an exception. */
export type Decision =
  | (DecisionBase & { readonly kind: 'answer'; readonly entry: FaqEntry })
  | (DecisionBase & { readonly kind: 'clarify'; readonly options: readonly Candidate[] })
  | (DecisionBase & { readonly kind: 'escalate'; readonly reason: EscalationReason });

export type DecisionKind = Decision['kind'];
