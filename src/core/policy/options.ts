import type { Audience } from '../corpus/schema.js';

/**
 * Decision thresholds on the calibrated confidence (a probability: 0.9 means nine in ten such answers
 * are right). How the defaults were chosen is in docs/matching.md (§7); override through config.
 */
export interface PolicyOptions {
  /** Answer directly when the best entry is at least this likely to be right. */
  readonly answerThreshold: number;
  /** Ask "Menar du …?" when the right entry is at least this likely to be among the choices offered. */
  readonly clarifyThreshold: number;
  /**
   * An entry at least this likely relative to the best one (0–1) is a real alternative: the bot then
   * asks "Menar du …?" instead of answering, if the right entry is very likely among the choices.
   */
  readonly clarifyMinShare: number;
  /**
   * A hand-over to the contact center also offers the best entry's question as a button when that
   * entry is at least this likely to be right (not for a request for a human, gibberish or nothing to
   * read): the resident who asked what the vetted answers do cover is one click from it instead of on
   * the phone. 1 turns it off.
   */
  readonly suggestThreshold: number;
  /** At most this many choices in "Menar du …?". */
  readonly maxClarifyOptions: number;
  /**
   * Prior odds, per asker audience, for entries written for that audience. In Teams the asker is
   * staff, so "var hittar jag information?" prefers the staff entry (the intranet). Applied to the
   * classifier's probabilities before calibration, so the confidence stays a probability.
   */
  readonly audienceBoost: Readonly<Partial<Record<Audience, number>>>;
}

export const DEFAULT_POLICY_OPTIONS: PolicyOptions = Object.freeze({
  answerThreshold: 0.7,
  clarifyThreshold: 0.8,
  clarifyMinShare: 0.25,
  suggestThreshold: 0.4,
  maxClarifyOptions: 3,
  audienceBoost: Object.freeze({ staff: 8 }),
});
