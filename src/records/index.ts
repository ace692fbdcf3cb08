/**
 * What residents asked, kept safely: the bot's turn recorder, the write queue, the store (embedded
 * PGlite or PostgreSQL, one schema), retention, and the review and numbers built from it.
 */
export type { ResidentTurn, TurnOutcome, TurnRecorder } from './turn.js';
export type { CountOutcome, CountSummary, KeptDecision, KeptQuestion, RecordStore, WriteBatch } from './model.js';
export { KEPT_DECISIONS, UNSETTLED_DECISIONS } from './model.js';
export { startRecords, type Records, type RecordsOptions, type RecordsStatus } from './records.js';
export { createTurnRecorder, MAX_KEPT_TEXT, type TurnRecorderOptions } from './recorder.js';
export { WriteQueue, type WriteQueueOptions, type WriteQueueStats } from './write-queue.js';
export { DEFAULT_DATA_DIR, EmbeddedStoreInUseError, embeddedPaths, openDatabase, type SqlConnection, type SqlDatabase } from './database.js';
export { migrate, MIGRATIONS, type Migration } from './migrations.js';
export { createSqlStore } from './sql-store.js';
export { purgeExpired, type RetentionPolicy } from './retention.js';
export { groupSimilar, type Group, type KeysOf } from './grouping.js';
export { buildReview, engineKeys, groupNumbers, yamlSnippet, type ReviewGroup } from './review.js';
export { buildStats, type StaffStats } from './stats.js';
export { questionsCsv, type CsvSeparator } from './csv.js';
export { reviewTable, type ReviewRow } from './review-table.js';
export { addDays, localDay, startOfLocalDay } from './days.js';
