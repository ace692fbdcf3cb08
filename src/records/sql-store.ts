import { z } from 'zod';
import { LANGS } from '../core/index.js';
import type { SqlConnection, SqlDatabase } from './database.js';
import { COUNT_OUTCOMES, KEPT_DECISIONS, type CountSummary, type KeptQuestion, type RecordStore, type WriteBatch } from './model.js';

// Rows come from our own schema, yet drivers differ (numbers as strings, dates as Date or text): parse them.
const timestamp = z.union([z.date(), z.string()]).transform((v) => new Date(v));
const questionRow = z.object({
  asked_at: timestamp,
  text: z.string(),
  decision: z.enum(KEPT_DECISIONS),
  reason: z.string().nullable(),
  confidence: z.coerce.number().nullable(),
  candidate_ids: z.array(z.string()),
  channel: z.string(),
  lang: z.enum(LANGS),
  source: z.string(),
});
const count = z.coerce.number().int().min(0);
const dayRow = z.object({ day: z.string(), outcome: z.enum(COUNT_OUTCOMES), count });
const hourRow = z.object({ hour: z.coerce.number().int(), outcome: z.enum(COUNT_OUTCOMES), count });
const entryRow = z.object({ entry_id: z.string(), outcome: z.enum(COUNT_OUTCOMES), count });

// Well under PostgreSQL's 65,535 bind parameters per statement.
const ROWS_PER_STATEMENT = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function placeholders(rows: number, columns: number): string {
  return Array.from({ length: rows }, (_, r) => `(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(', ')})`).join(', ');
}

async function insertQuestions(tx: SqlConnection, questions: WriteBatch['questions']): Promise<void> {
  for (const part of chunks(questions, ROWS_PER_STATEMENT)) {
    const params = part.flatMap((q) => [q.askedAt, q.text, q.decision, q.reason, q.confidence, [...q.candidateIds], q.channel, q.lang, q.source]);
    await tx.query(
      `INSERT INTO staff_resident_questions (asked_at, text, decision, reason, confidence, candidate_ids, channel, lang, source) VALUES ${placeholders(part.length, 9)}`,
      params,
    );
  }
}

async function addCounts(tx: SqlConnection, counts: WriteBatch['counts']): Promise<void> {
  for (const part of chunks(counts, ROWS_PER_STATEMENT)) {
    const params = part.flatMap((c) => [c.day, c.hour, c.outcome, c.entryId, c.channel, c.lang, c.count]);
    // Adds to what other instances wrote: the upsert is atomic in PostgreSQL.
    await tx.query(
      `INSERT INTO staff_turn_counts (day, hour, outcome, entry_id, channel, lang, count) VALUES ${placeholders(part.length, 7)}
       ON CONFLICT (day, hour, outcome, entry_id, channel, lang) DO UPDATE SET count = staff_turn_counts.count + EXCLUDED.count`,
      params,
    );
  }
}

/** The store over either database; the schema must be migrated first (see migrate). */
export function createSqlStore(db: SqlDatabase): RecordStore {
  return {
    kind: db.kind,
    async write(batch) {
      if (batch.questions.length === 0 && batch.counts.length === 0) return;
      await db.transaction(async (tx) => {
        await insertQuestions(tx, batch.questions);
        await addCounts(tx, batch.counts);
      });
    },
    async questions(since, limit, perSource = limit) {
      // Each source's newest `perSource` only (rows from before sources were kept have "" and are not capped).
      const result = await db.query(
        `SELECT asked_at, text, decision, reason, confidence, candidate_ids, channel, lang, source FROM (
           SELECT id, asked_at, text, decision, reason, confidence, candidate_ids, channel, lang, source,
                  row_number() OVER (PARTITION BY source ORDER BY asked_at DESC, id DESC) AS place
           FROM staff_resident_questions WHERE asked_at >= $1
         ) ranked
         WHERE source = '' OR place <= $3 ORDER BY asked_at DESC, id DESC LIMIT $2`,
        [since, limit, perSource],
      );
      return result.rows.map((row): KeptQuestion => {
        const r = questionRow.parse(row);
        return { askedAt: r.asked_at, text: r.text, decision: r.decision, reason: r.reason, confidence: r.confidence, candidateIds: r.candidate_ids, channel: r.channel, lang: r.lang, source: r.source };
      });
    },
    async counts(fromDay, toDay): Promise<CountSummary> {
      const range = [fromDay, toDay];
      const [byDay, byHour, byEntry] = await Promise.all([
        db.query('SELECT day, outcome, sum(count)::int AS count FROM staff_turn_counts WHERE day >= $1 AND day <= $2 GROUP BY day, outcome ORDER BY day', range),
        db.query('SELECT hour, outcome, sum(count)::int AS count FROM staff_turn_counts WHERE day >= $1 AND day <= $2 GROUP BY hour, outcome ORDER BY hour', range),
        db.query("SELECT entry_id, outcome, sum(count)::int AS count FROM staff_turn_counts WHERE day >= $1 AND day <= $2 AND entry_id <> '' GROUP BY entry_id, outcome", range),
      ]);
      return {
        byDay: byDay.rows.map((r) => dayRow.parse(r)),
        byHour: byHour.rows.map((r) => hourRow.parse(r)),
        byEntry: byEntry.rows.map((r) => entryRow.parse(r)).map((r) => ({ entryId: r.entry_id, outcome: r.outcome, count: r.count })),
      };
    },
    async purge(questionsBefore, countsBeforeDay) {
      const q = await db.query('DELETE FROM staff_resident_questions WHERE asked_at < $1', [questionsBefore]);
      const c = await db.query('DELETE FROM staff_turn_counts WHERE day < $1', [countsBeforeDay]);
      const questions = q.affectedRows ?? 0;
      if (questions > 0) {
        // A DELETE only marks rows dead: their text stays in the table's files until rewritten. VACUUM
        // FULL rewrites the (small) table without them; on the embedded store a checkpoint then writes it out.
        await db.query('VACUUM FULL staff_resident_questions');
        if (db.kind === 'embedded') await db.query('CHECKPOINT');
      }
      return { questions, counts: c.affectedRows ?? 0 };
    },
    async ping() {
      await db.query('SELECT 1');
    },
    close: () => db.close(),
  };
}
