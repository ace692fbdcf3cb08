/** The FAQ engine's public surface. Channels import from here only. */
export { createFaqEngine, type AskContext, type EngineOptions, type FaqEngine } from './engine.js';
export { loadCorpus, type LoadResult } from './corpus/load.js';
export { reviewAge, type ReviewAge, type StaleEntry } from './corpus/review-age.js';
export * from './corpus/schema.js';
export { CORPUS_ERRORS, CorpusInvalidError, type CorpusErrorCode, type CorpusProblem } from './errors.js';
export type { Candidate, MatchedTerm, MatchResult } from './match/matcher.js';
export { DEFAULT_MATCH_OPTIONS, type MatchOptions } from './match/options.js';
export type { Decision, DecisionKind, EscalationReason, Explanation } from './policy/decision.js';
export { DEFAULT_POLICY_OPTIONS, type PolicyOptions } from './policy/options.js';
export type { SmallTalk } from './intents.js';
export { detectLanguage } from './text/language.js';
export { foldSwedishLetters, normalizePhrase, tokenize } from './text/normalize.js';
export { isSwedishPublicHoliday, openingStatus, zonedTime, type Clock, type ClockTime, type NextOpening, type OpeningHours, type OpeningStatus, type ZonedTime } from './hours/index.js';
