/**
 * Content management, a room of its own beside the records: the published corpus as numbered versions
 * in the staff store, drafts validated by the corpus rules, publishing with four eyes and optimistic
 * locking, rollback, the audit log, and how other instances hear of a new version.
 */
export { canonicalJson } from './canonical-json.js';
export { applyPatch, changeInputSchema, conflictingPaths, patchOf, touchedPaths, type ChangeInput, type ChangePatch } from './change.js';
export { CONTACT_FILE, OUT_OF_SCOPE_FILE, entriesOf, entryFile, entryIdOf, filesHash, readCorpusFiles, replaceCorpusFolder, TIMELINE_FILE, WELCOME_FILE, writeCorpusFiles, type CorpusFiles } from './corpus-files.js';
export { ContentStore, CORPUS_CHANNEL, type Actor, type AuditItem, type PublishedVersion, type PublishOutcome, type RestoreOutcome, type StoredChange, type VersionInfo, type WithdrawOutcome } from './content-store.js';
export { ContentEditing, type ContentEditingOptions, type CreateOutcome, type PublishedCorpusView } from './editing.js';
export { fieldDiff, type FieldChange } from './field-diff.js';
export { CONTENT_MIGRATIONS } from './migrations.js';
export { draftReview, validateChange, type DraftProblem, type DraftReview, type ValidationResult } from './validate.js';
export { compareEngines, readGoldenQuestions, type DecisionSummary, type Impact, type ImpactChange, type ImpactQuestion } from './impact.js';
export { asPhrasing, PHRASING_SUGGESTION_MIN_CONFIDENCE, suggestFor, type Suggestion } from './suggest.js';
export { corpusOfFiles, factsToConfirm, importDraft, pageChangeDraft, type ImportPlan, type KeptPage, type PublishFactsCheck } from './official-page.js';
