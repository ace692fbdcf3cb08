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
  /** Score multiplier for entries written for the asker's audience (Teams: staff). */
  readonly audienceBoost: number;
  /** Score multiplier for entries not written for the asker's audience. */
  readonly audiencePenalty: number;
}

export const DEFAULT_POLICY_OPTIONS: PolicyOptions = Object.freeze({
  answerThreshold: 0.58,
  clarifyThreshold: 0.58,
  clarifyMargin: 0.04,
  outOfScopeMargin: 0.05,
  maxClarifyOptions: 3,
  audienceBoost: 1.15,
  audiencePenalty: 0.85,
});
