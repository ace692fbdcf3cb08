import type { SqlDatabase } from './database.js';

/** A schema change, applied once, in order, in one transaction with the others pending. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The staff store's schema: the same SQL for the embedded database (PGlite) and PostgreSQL. Append new
 * migrations; never edit one that has shipped. Tables are prefixed so DATABASE_URL may share a database.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'resident questions and turn counts',
    sql: `
      CREATE TABLE staff_resident_questions (
        id bigserial PRIMARY KEY,
        asked_at timestamptz NOT NULL,
        text text NOT NULL CHECK (char_length(text) <= 1000),
        decision text NOT NULL CHECK (decision IN ('clarify', 'escalate', 'none-of-these', 'not-helpful')),
        reason text,
        confidence real CHECK (confidence >= 0 AND confidence <= 1),
        candidate_ids text[] NOT NULL DEFAULT '{}',
        channel text NOT NULL,
        lang text NOT NULL CHECK (lang IN ('sv', 'en'))
      );
      CREATE INDEX staff_resident_questions_asked_at ON staff_resident_questions (asked_at);
      CREATE TABLE staff_turn_counts (
        day text NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        hour smallint NOT NULL CHECK (hour >= 0 AND hour <= 23),
        outcome text NOT NULL,
        entry_id text NOT NULL,
        channel text NOT NULL,
        lang text NOT NULL CHECK (lang IN ('sv', 'en')),
        count integer NOT NULL CHECK (count > 0),
        PRIMARY KEY (day, hour, outcome, entry_id, channel, lang)
      );
    `,
  },
  {
    version: 2,
    name: 'the source of each kept question',
    sql: `
      ALTER TABLE staff_resident_questions ADD COLUMN source text NOT NULL DEFAULT '' CHECK (char_length(source) <= 64);
      CREATE INDEX staff_resident_questions_source ON staff_resident_questions (source, asked_at)
    `,
  },
];

// Any fixed number: serialises migrations when several instances start against one PostgreSQL.
const MIGRATION_LOCK = 480_230_110;

/**
 * Brings the schema up to date at start-up. Safe to run from several instances at once: a transaction
 * advisory lock makes the second wait, then find nothing left to do.
 */
export async function migrate(db: SqlDatabase, migrations: readonly Migration[] = MIGRATIONS): Promise<{ applied: number[] }> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS staff_schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = await tx.query('SELECT version FROM staff_schema_migrations');
    const have = new Set(done.rows.map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (have.has(m.version)) continue;
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO staff_schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return { applied };
  });
}

// Extended-protocol queries take one statement each; our migrations hold no semicolons in strings.
function splitStatements(sql: string): string[] {
  return sql
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
