import type { Audience } from '../corpus/schema.js';

/**
 * Decision thresholds. Defaults come from `npm run calibrate` (leave-one-out over the corpus's own
 * phrasings plus its off-topic calibration set); see docs/matching.md. Override them through config.
 */
export interface PolicyOptions {
  /** A top candidate at or above this confidence is answered, if no other is close. */
  readonly answerThreshold: number;
  /** Candidates below this are never offered, not even as "did you mean". */
  readonly clarifyThreshold: number;
  /** Candidates within this distance of the top one are "close": the person is asked to choose. */
  readonly clarifyMargin: number;
  /** Escalate when the closest off-topic question scores within this distance of the best entry (or above it). */
  readonly outOfScopeMargin: number;
  /** At most this many choices in "did you mean". */
  readonly maxClarifyOptions: number;
  /**
   * Score multiplier, per asker audience, for entries written for that audience. In Teams the asker is
   * staff, so "var hittar jag information?" prefers the staff entry (the intranet) over the public
   * routes. Residents are the default audience and get no preference; nothing is ever penalised.
   */
  readonly audienceBoost: Readonly<Partial<Record<Audience, number>>>;
}

export const DEFAULT_POLICY_OPTIONS: PolicyOptions = Object.freeze({
  answerThreshold: 0.58,
  clarifyThreshold: 0.58,
  clarifyMargin: 0.04,
  outOfScopeMargin: 0.1,
  maxClarifyOptions: 3,
  audienceBoost: Object.freeze({ staff: 1.25 }),
});
