import type { Migration } from '../records/index.js';

/**
 * The content room's tables, applied with the records' migrations (same runner, same advisory lock,
 * numbered from 100 so the two lists never collide). Versions, drafts and the audit log are kept for
 * good: the audit log lives as long as the versions it describes. Content is stored as JSON text, so a
 * file's key order survives the round trip to YAML.
 */
export const CONTENT_MIGRATIONS: readonly Migration[] = [
  {
    version: 100,
    name: 'published corpus versions, drafts and the audit log',
    sql: `
      CREATE TABLE staff_corpus_versions (
        version integer PRIMARY KEY CHECK (version >= 1),
        files text NOT NULL,
        content_hash text NOT NULL,
        published_at timestamptz NOT NULL,
        published_by text NOT NULL,
        action text NOT NULL CHECK (action IN ('seed', 'publish', 'restore', 'import')),
        change_id bigint,
        restored_from integer
      );
      CREATE TABLE staff_corpus_changes (
        id bigserial PRIMARY KEY,
        title text NOT NULL,
        base_version integer NOT NULL,
        patch text NOT NULL,
        author text NOT NULL,
        author_key text NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'published', 'withdrawn')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        published_version integer
      );
      CREATE TABLE staff_corpus_audit (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        who text NOT NULL,
        action text NOT NULL CHECK (action IN ('seed', 'draft', 'update', 'publish', 'restore', 'import', 'withdraw')),
        change_id bigint,
        version integer,
        diff text NOT NULL
      );
      CREATE INDEX staff_corpus_audit_at ON staff_corpus_audit (at)
    `,
  },
  {
    version: 101,
    name: 'a sample of answered questions is kept, to find confident mistakes',
    sql: `
      ALTER TABLE staff_resident_questions DROP CONSTRAINT IF EXISTS staff_resident_questions_decision_check;
      ALTER TABLE staff_resident_questions ADD CONSTRAINT staff_resident_questions_decision_check CHECK (decision IN ('clarify', 'escalate', 'none-of-these', 'not-helpful', 'answered'))
    `,
  },
  {
    version: 102,
    name: 'the official page: what the watcher last read, its lock, the changes it saw, and the page kept with each version',
    sql: `
      CREATE TABLE staff_official_pages (
        url text PRIMARY KEY,
        reading text NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE TABLE staff_page_watch_lock (
        name text PRIMARY KEY,
        owner text NOT NULL,
        until_ms bigint NOT NULL
      );
      CREATE TABLE staff_page_changes (
        id bigserial PRIMARY KEY,
        url text NOT NULL,
        detected_at timestamptz NOT NULL,
        change text NOT NULL,
        change_id bigint,
        problems text NOT NULL
      );
      ALTER TABLE staff_corpus_versions ADD COLUMN pages text;
      ALTER TABLE staff_corpus_audit ADD COLUMN facts text
    `,
  },
];
