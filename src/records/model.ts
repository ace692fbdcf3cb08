import type { Lang } from '../core/index.js';

/**
 * What a kept question led to. Answered questions are counted, and only a sample of them is kept
 * ('answered', STAFF_ANSWERED_SAMPLE_RATE), scrubbed like the rest, to find confident mistakes.
 */
export const KEPT_DECISIONS = ['clarify', 'escalate', 'none-of-these', 'not-helpful', 'answered'] as const;
/** The decisions of questions the bot could not settle: what the review groups. */
export const UNSETTLED_DECISIONS = ['clarify', 'escalate', 'none-of-these', 'not-helpful'] as const;
export type KeptDecision = (typeof KEPT_DECISIONS)[number];

/** A resident's question the bot could not settle, as stored: personal data already removed. */
export interface KeptQuestion {
  readonly askedAt: Date;
  /** The text after scrubPersonalData. */
  readonly text: string;
  readonly decision: KeptDecision;
  /** The escalation reason (low-confidence, off-topic, human, …); null otherwise. */
  readonly reason: string | null;
  /** The engine's confidence in its best candidate; null when unknown (e.g. "Nej" after a click). */
  readonly confidence: number | null;
  /** Candidate FAQ ids, best first. */
  readonly candidateIds: readonly string[];
  readonly channel: string;
  readonly lang: Lang;
  /**
   * Where it came from, as a keyed hash (of the client's address, else the conversation; "" unknown):
   * one source may hold only a few places in the review, so a flood cannot push others' questions out.
   */
  readonly source: string;
}

/** The anonymous per-hour counters behind the numbers. */
export const COUNT_OUTCOMES = ['answer', 'answer-click', 'clarify', 'escalate', 'none-of-these', 'helpful', 'not-helpful'] as const;
export type CountOutcome = (typeof COUNT_OUTCOMES)[number];

/** One counter: a local (Europe/Stockholm) day and hour, an outcome, the entry it concerns, channel and language. */
export interface CountKey {
  /** YYYY-MM-DD in the contact center's time zone. */
  readonly day: string;
  /** 0–23 in the same time zone. */
  readonly hour: number;
  readonly outcome: CountOutcome;
  /** The entry shown, rated, or nearly chosen; "" when none. */
  readonly entryId: string;
  readonly channel: string;
  readonly lang: Lang;
}

export interface CountIncrement extends CountKey {
  readonly count: number;
}

/** What the write queue hands the store in one go. */
export interface WriteBatch {
  readonly questions: readonly KeptQuestion[];
  readonly counts: readonly CountIncrement[];
}

/** Sums of the counters over a period, as the store returns them. */
export interface CountSummary {
  readonly byDay: readonly { day: string; outcome: CountOutcome; count: number }[];
  readonly byHour: readonly { hour: number; outcome: CountOutcome; count: number }[];
  readonly byEntry: readonly { entryId: string; outcome: CountOutcome; count: number }[];
}

/** The store behind the staff side: the embedded database or PostgreSQL, the same schema for both. */
export interface RecordStore {
  /** "embedded" (PGlite file) or "postgres". */
  readonly kind: 'embedded' | 'postgres';
  /** Writes one batch atomically. */
  write(batch: WriteBatch): Promise<void>;
  /**
   * Kept questions asked at or after `since`, newest first, at most `limit`, and at most `perSource`
   * of any one source (its newest), so one source cannot fill the window.
   */
  questions(since: Date, limit: number, perSource?: number): Promise<KeptQuestion[]>;
  /** Counter sums for the days from `fromDay` to `toDay` (inclusive, YYYY-MM-DD). */
  counts(fromDay: string, toDay: string): Promise<CountSummary>;
  /** Deletes questions asked before `questionsBefore` and counters of days before `countsBeforeDay`. */
  purge(questionsBefore: Date, countsBeforeDay: string): Promise<{ questions: number; counts: number }>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
