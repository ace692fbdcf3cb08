import type { FaqEntry, Lang } from '../corpus/schema.js';
import type { PersonalDataKind } from '../privacy/personal-data.js';
import type { SegmentRole } from '../understand/segments.js';

/** Why the engine hands the person over to the contact center. */
export type EscalationReason =
  /** Nothing to match: empty, only punctuation or only personal data. */
  | 'empty'
  /** No recognisable words at all. */
  | 'gibberish'
  /** The person asked for a human. */
  | 'human'
  /** The question is about something the FAQ does not cover (it resembles the off-topic questions). */
  | 'off-topic'
  /** The question is about the incident, but no vetted answer covers it (or none surely enough). */
  | 'not-covered'
  /** The engine is not sure enough which entry answers it. */
  | 'low-confidence';

/** A word of the message that counted for an entry, and how it was recognised. */
export interface MatchedTerm {
  /** The word(s) as the person wrote them (lower-case). */
  readonly query: string;
  /** The key it matched in the corpus (a folded stem, a ~concept or a word pair). */
  readonly key: string;
  readonly via: 'exact' | 'synonym' | 'compound' | 'typo';
}

/** One entry the message may be about. */
export interface Candidate {
  readonly entry: FaqEntry;
  /** Calibrated probability that this entry is the right one, 0–1. */
  readonly score: number;
  /** The language of the phrasing that matched best. */
  readonly lang: Lang;
  /** The entry's phrasing closest to the message (worked out when read). */
  readonly phrasing: string;
  /** Words of the message that spoke for this entry, strongest first (worked out when read). */
  readonly matched: readonly MatchedTerm[];
  /** Weighed words of the message that did not speak for it. */
  readonly unmatched: readonly string[];
}

/** A part of the message as the engine read it. */
export interface MessagePart {
  /** Its words, lower-case, personal data removed. */
  readonly text: string;
  readonly role: SegmentRole;
  /** How much it counted (0 = set aside). */
  readonly weight: number;
  /** Why it counted as it did, in English, for agents and editors (never logged: the text is the resident's). */
  readonly note: string;
}

export interface Explanation {
  /** One line for agents and editors, in English. Personal data is removed, but it quotes the resident's words: never logged. */
  readonly summary: string;
  /** The best entry's phrasing closest to the message. */
  readonly matchedPhrasing?: string | undefined;
  /** Words that spoke for the best entry, and how each was recognised. */
  readonly matchedTerms: readonly MatchedTerm[];
  /** Weighed words that did not. */
  readonly unmatchedTerms: readonly string[];
  /** The message part by part: what was used, what was set aside and why. */
  readonly parts: readonly MessagePart[];
  /** True when the previous answer's topic was used to read a follow-up. */
  readonly usedPreviousTopic?: boolean;
}

interface DecisionBase {
  /** The language to answer in. */
  readonly lang: Lang;
  /** Calibrated probability that the best entry is the right one, 0–1. */
  readonly confidence: number;
  /** Ranked candidates, best first, each with its own calibrated score. */
  readonly candidates: readonly Candidate[];
  readonly explanation: Explanation;
  /** Kinds of personal data removed from the message before anything else read it. */
  readonly personalData: readonly PersonalDataKind[];
}

/** The engine's outcome for one question: an expected value, never an exception. */
export type Decision =
  | (DecisionBase & { readonly kind: 'answer'; readonly entry: FaqEntry })
  | (DecisionBase & { readonly kind: 'clarify'; readonly options: readonly Candidate[] })
  | (DecisionBase & {
      readonly kind: 'escalate';
      readonly reason: EscalationReason;
      /**
       * The entry most likely to answer it, offered beside the hand-over ("Det här kanske svarar på din
       * fråga"), when it is at least `suggestThreshold` likely; never after a request for a human.
       */
      readonly suggestion?: Candidate;
    });

export type DecisionKind = Decision['kind'];
