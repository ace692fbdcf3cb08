/** The FAQ engine's public surface. Channels import from here only. */
export { createFaqEngine, type AskContext, type EngineOptions, type FaqEngine } from './engine.js';
export { loadCorpus, type LoadResult } from './corpus/load.js';
export { reviewAge, type ReviewAge, type StaleEntry } from './corpus/review-age.js';
export * from './corpus/schema.js';
export { CORPUS_ERRORS, CorpusInvalidError, type CorpusErrorCode, type CorpusProblem } from './errors.js';
export type { Candidate, Decision, DecisionKind, EscalationReason, Explanation, MatchedTerm, MessagePart } from './policy/decision.js';
export { DEFAULT_POLICY_OPTIONS, type PolicyOptions } from './policy/options.js';
export { OUT_OF_SCOPE_CLASS, type TrainedModel, type TrainingReport } from './model/classifier.js';
export { trainFaqModel, DEFAULT_TRAIN_OPTIONS, type TrainOptions } from './model/train.js';
export type { SmallTalk } from './intents.js';
export { detectLanguage } from './text/language.js';
export { foldSwedishLetters, normalizePhrase, tokenize } from './text/normalize.js';
export { findPersonalData, scrubPersonalData, PERSONAL_DATA_KINDS, type PersonalDataKind, type PersonalDataSpan } from './privacy/personal-data.js';
export { understandMessage, type UnderstoodMessage } from './understand/message.js';
export type { Segment, SegmentRole } from './understand/segments.js';
export { isSwedishPublicHoliday, openingStatus, zonedTime, type Clock, type ClockTime, type NextOpening, type OpeningHours, type OpeningStatus, type ZonedTime } from './hours/index.js';
