import { z } from 'zod';
import type { SqlConnection, SqlDatabase } from '../records/index.js';
import { applyPatch, changePatchSchema, conflictingPaths, type ChangePatch } from './change.js';
import { filesHash, type CorpusFiles } from './corpus-files.js';
import { fieldDiff, type FieldChange } from './field-diff.js';
import type { KeptPage } from './official-page.js';
import type { FactFinding } from './page/index.js';
import type { DraftProblem } from './validate.js';

/** Who did something: the name the audit log shows, and the key four eyes compares. */
export interface Actor {
  readonly name: string;
  /** Stable and distinct per person or token ("oidc:<sub>", "token:<name>", "local:<name>"). */
  readonly key: string;
}

export type VersionAction = 'seed' | 'publish' | 'restore' | 'import';

export interface VersionInfo {
  readonly version: number;
  readonly hash: string;
  readonly publishedAt: Date;
  readonly publishedBy: string;
  readonly action: VersionAction;
  readonly changeId: number | null;
  readonly restoredFrom: number | null;
}

export interface PublishedVersion extends VersionInfo {
  readonly files: CorpusFiles;
}

export type ChangeStatus = 'draft' | 'published' | 'withdrawn';

export interface StoredChange {
  readonly id: number;
  readonly title: string;
  readonly baseVersion: number;
  readonly patch: ChangePatch;
  readonly author: string;
  readonly authorKey: string;
  readonly status: ChangeStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly publishedVersion: number | null;
}

export type AuditAction = 'seed' | 'draft' | 'update' | 'publish' | 'restore' | 'import' | 'withdraw';

export interface AuditItem {
  readonly at: Date;
  readonly who: string;
  readonly action: AuditAction;
  readonly change: number | null;
  readonly version: number | null;
  readonly diff: readonly FieldChange[];
  /** A publish or restore: the official page(s) as read then (address, hash, when; the text through versionPages). */
  readonly pages?: readonly { readonly url: string; readonly hash: string; readonly readAt: string }[];
  /** A publish: the facts the page did not state that the publisher acknowledged. */
  readonly factsAcknowledged?: readonly FactFinding[];
}

/** A publish, as a value: what happened and why not. */
export type PublishOutcome =
  | { readonly ok: true; readonly version: number; readonly diff: readonly FieldChange[] }
  | { readonly ok: false; readonly reason: 'not_found' | 'not_draft' | 'four_eyes' }
  | { readonly ok: false; readonly reason: 'conflict'; readonly latest: number; readonly paths: readonly string[]; readonly theirs: Readonly<Record<string, unknown>>; readonly mine: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly reason: 'invalid'; readonly problems: readonly DraftProblem[] }
  | { readonly ok: false; readonly reason: 'facts_unconfirmed'; readonly facts: readonly FactFinding[] };

/** A withdrawal: a draft its author or a publisher takes back; it is never published afterwards. */
export type WithdrawOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: 'not_found' | 'forbidden' | 'not_draft'; readonly status?: ChangeStatus };

export type RestoreOutcome = { readonly ok: true; readonly version: number } | { readonly ok: false; readonly reason: 'not_found' };

const timestamp = z.union([z.date(), z.string()]).transform((v) => new Date(v));
const int = z.coerce.number().int();
const jsonText = z.string().transform((s, ctx): unknown => {
  try {
    return JSON.parse(s);
  } catch {
    ctx.issues.push({ code: 'custom', input: s, message: 'stored JSON is broken' });
    return z.NEVER;
  }
});
const filesSchema = jsonText.pipe(z.record(z.string(), z.unknown()));
const versionRow = z.object({
  version: int,
  content_hash: z.string(),
  published_at: timestamp,
  published_by: z.string(),
  action: z.enum(['seed', 'publish', 'restore', 'import']),
  change_id: int.nullable(),
  restored_from: int.nullable(),
});
const changeRow = z.object({
  id: int,
  title: z.string(),
  base_version: int,
  patch: jsonText.pipe(changePatchSchema),
  author: z.string(),
  author_key: z.string(),
  status: z.enum(['draft', 'published', 'withdrawn']),
  created_at: timestamp,
  updated_at: timestamp,
  published_version: int.nullable(),
});
const fieldChange = z.object({ file: z.string(), field: z.string(), before: z.unknown().optional(), after: z.unknown().optional() });
const auditRow = z.object({
  at: timestamp,
  who: z.string(),
  action: z.enum(['seed', 'draft', 'update', 'publish', 'restore', 'import', 'withdraw']),
  change_id: int.nullable(),
  version: int.nullable(),
  diff: jsonText.pipe(z.array(fieldChange)),
  pages: jsonText.nullable().optional(),
  facts: jsonText.nullable().optional(),
});
const keptPage = z.object({ url: z.string(), hash: z.string(), text: z.string(), years: z.object({ published: z.string().optional(), weekdayYear: z.number().optional() }), readAt: z.string() });
const keptPages = z.array(keptPage);
const findings = z.array(z.object({ where: z.string(), field: z.string(), kind: z.string(), fact: z.string(), context: z.string(), source: z.string() }));

const VERSION_COLUMNS = 'version, content_hash, published_at, published_by, action, change_id, restored_from';
// Serialises publishing across instances sharing one PostgreSQL (any fixed number, not the migrations').
const PUBLISH_LOCK = 480_230_111;
/** The channel every instance LISTENs on; the payload is the new version number. */
export const CORPUS_CHANNEL = 'staff_corpus_published';

const toInfo = (row: Record<string, unknown>): VersionInfo => {
  const r = versionRow.parse(row);
  return { version: r.version, hash: r.content_hash, publishedAt: r.published_at, publishedBy: r.published_by, action: r.action, changeId: r.change_id, restoredFrom: r.restored_from };
};
const toChange = (row: Record<string, unknown>): StoredChange => {
  const r = changeRow.parse(row);
  return { id: r.id, title: r.title, baseVersion: r.base_version, patch: r.patch, author: r.author, authorKey: r.author_key, status: r.status, createdAt: r.created_at, updatedAt: r.updated_at, publishedVersion: r.published_version };
};

/**
 * The content room's tables: numbered published versions (whole corpora with their hash, who and
 * when), drafts (a patch on the version they started from) and the audit log. Publishing and restoring
 * take a lock and write the version, the draft's status and the audit line in one transaction, so a
 * publish that fails half-way leaves nothing behind, and instances never number two versions alike.
 */
export class ContentStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly clock: () => Date,
  ) {}

  get kind(): SqlDatabase['kind'] {
    return this.db.kind;
  }

  /** The newest version's number, or undefined in an empty store (cheap: every instance polls it). */
  async latestNumber(): Promise<number | undefined> {
    const r = await this.db.query('SELECT max(version) AS v FROM staff_corpus_versions');
    const v = r.rows[0]?.['v'];
    return v === null || v === undefined ? undefined : int.parse(v);
  }

  async version(version: number, conn: SqlConnection = this.db): Promise<PublishedVersion | undefined> {
    const r = await conn.query(`SELECT ${VERSION_COLUMNS}, files FROM staff_corpus_versions WHERE version = $1`, [version]);
    const row = r.rows[0];
    if (row === undefined) return undefined;
    return { ...toInfo(row), files: filesSchema.parse(row['files']) };
  }

  async latest(): Promise<PublishedVersion | undefined> {
    const n = await this.latestNumber();
    return n === undefined ? undefined : this.version(n);
  }

  async versions(limit = 200): Promise<VersionInfo[]> {
    const r = await this.db.query(`SELECT ${VERSION_COLUMNS} FROM staff_corpus_versions ORDER BY version DESC LIMIT $1`, [limit]);
    return r.rows.map(toInfo);
  }

  /** Stores `files` as version 1 when the store holds no version yet; returns whether it did. */
  async seedIfEmpty(files: CorpusFiles, who: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK]);
      const r = await tx.query('SELECT count(*) AS n FROM staff_corpus_versions');
      if (int.parse(r.rows[0]?.['n'] ?? 0) > 0) return false;
      await this.insertVersion(tx, 1, files, who, 'seed', null, null);
      await this.insertAudit(tx, who, 'seed', null, 1, []);
      return true;
    });
  }

  /** A new version holding `files` whole (faq:import): not a draft, recorded as an import. */
  async importVersion(files: CorpusFiles, who: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK]);
      const latest = await this.latestIn(tx);
      const next = (latest?.version ?? 0) + 1;
      await this.insertVersion(tx, next, files, who, 'import', null, null);
      await this.insertAudit(tx, who, 'import', null, next, fieldDiff(latest?.files ?? {}, files));
      await this.notify(tx, next);
      return next;
    });
  }

  async createChange(input: { title: string; baseVersion: number; patch: ChangePatch; author: Actor; diff: readonly FieldChange[] }): Promise<number> {
    return this.db.transaction(async (tx) => {
      const now = this.clock();
      const r = await tx.query(
        `INSERT INTO staff_corpus_changes (title, base_version, patch, author, author_key, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'draft', $6, $6) RETURNING id`,
        [input.title, input.baseVersion, JSON.stringify(input.patch), input.author.name, input.author.key, now],
      );
      const id = int.parse(r.rows[0]?.['id']);
      await this.insertAudit(tx, input.author.name, 'draft', id, input.baseVersion, input.diff);
      return id;
    });
  }

  async change(id: number): Promise<StoredChange | undefined> {
    const r = await this.db.query('SELECT * FROM staff_corpus_changes WHERE id = $1', [id]);
    const row = r.rows[0];
    return row === undefined ? undefined : toChange(row);
  }

  async changes(status: ChangeStatus | undefined, limit = 200): Promise<StoredChange[]> {
    const r =
      status === undefined
        ? await this.db.query('SELECT * FROM staff_corpus_changes ORDER BY id DESC LIMIT $1', [limit])
        : await this.db.query('SELECT * FROM staff_corpus_changes WHERE status = $1 ORDER BY id DESC LIMIT $2', [status, limit]);
    return r.rows.map(toChange);
  }

  /**
   * Publishes a draft as the next version. A draft made from an older version is rebased when nobody
   * else changed what it touches, refused as a conflict (with both sides) when someone did. `validate`
   * judges a rebased corpus (a draft on the latest version was judged on exactly those files when saved).
   */
  async publish(
    id: number,
    publisher: Actor,
    options: {
      fourEyes: boolean;
      validate: (files: CorpusFiles) => readonly DraftProblem[];
      /** The official page(s) as read now: kept with the version. */
      pages?: readonly KeptPage[];
      /** Facts not on the page that the publisher acknowledged: kept in the audit log. */
      factsAcknowledged?: readonly FactFinding[];
    },
  ): Promise<PublishOutcome> {
    return this.db.transaction(async (tx): Promise<PublishOutcome> => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK]);
      const r = await tx.query('SELECT * FROM staff_corpus_changes WHERE id = $1', [id]);
      const row = r.rows[0];
      if (row === undefined) return { ok: false, reason: 'not_found' };
      const change = toChange(row);
      if (change.status !== 'draft') return { ok: false, reason: 'not_draft' };
      if (options.fourEyes && change.authorKey === publisher.key) return { ok: false, reason: 'four_eyes' };
      const latest = await this.latestIn(tx);
      if (latest === undefined) return { ok: false, reason: 'not_found' };
      if (latest.version !== change.baseVersion) {
        const base = await this.version(change.baseVersion, tx);
        const paths = base === undefined ? Object.keys(change.patch.put) : conflictingPaths(change.patch, base.files, latest.files);
        if (paths.length > 0) {
          const mine: Record<string, unknown> = {};
          const theirs: Record<string, unknown> = {};
          for (const p of paths) {
            mine[p] = change.patch.remove.includes(p) ? null : (change.patch.put[p] ?? null);
            theirs[p] = latest.files[p] ?? null;
          }
          return { ok: false, reason: 'conflict', latest: latest.version, paths, theirs, mine };
        }
      }
      const files = applyPatch(latest.files, change.patch);
      // A draft on the version it started from was validated on exactly these files when it was saved.
      const problems = latest.version === change.baseVersion ? [] : options.validate(files);
      if (problems.length > 0) return { ok: false, reason: 'invalid', problems };
      const next = latest.version + 1;
      const diff = fieldDiff(latest.files, files);
      await this.insertVersion(tx, next, files, publisher.name, 'publish', id, null, options.pages);
      await tx.query(`UPDATE staff_corpus_changes SET status = 'published', published_version = $2, updated_at = $3 WHERE id = $1`, [id, next, this.clock()]);
      await this.insertAudit(tx, publisher.name, 'publish', id, next, diff, options.factsAcknowledged);
      await this.notify(tx, next);
      return { ok: true, version: next, diff };
    });
  }

  /**
   * Withdraws a draft: its author may, and so may any publisher (`mayWithdrawOthers`). Taken under the
   * publishing lock, so a withdrawal and a publish of one draft never both succeed.
   */
  async withdraw(id: number, actor: Actor, mayWithdrawOthers: boolean): Promise<WithdrawOutcome> {
    return this.db.transaction(async (tx): Promise<WithdrawOutcome> => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK]);
      const r = await tx.query('SELECT * FROM staff_corpus_changes WHERE id = $1', [id]);
      const row = r.rows[0];
      if (row === undefined) return { ok: false, reason: 'not_found' };
      const change = toChange(row);
      if (change.authorKey !== actor.key && !mayWithdrawOthers) return { ok: false, reason: 'forbidden' };
      if (change.status !== 'draft') return { ok: false, reason: 'not_draft', status: change.status };
      await tx.query(`UPDATE staff_corpus_changes SET status = 'withdrawn', updated_at = $2 WHERE id = $1`, [id, this.clock()]);
      await this.insertAudit(tx, actor.name, 'withdraw', id, null, []);
      return { ok: true };
    });
  }

  /** A new version with an earlier version's content (it was approved when first published). */
  async restore(version: number, publisher: Actor, pages?: readonly KeptPage[]): Promise<RestoreOutcome> {
    return this.db.transaction(async (tx): Promise<RestoreOutcome> => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK]);
      const target = await this.version(version, tx);
      const latest = await this.latestIn(tx);
      if (target === undefined || latest === undefined) return { ok: false, reason: 'not_found' };
      const next = latest.version + 1;
      await this.insertVersion(tx, next, target.files, publisher.name, 'restore', null, version, pages);
      await this.insertAudit(tx, publisher.name, 'restore', null, next, fieldDiff(latest.files, target.files));
      await this.notify(tx, next);
      return { ok: true, version: next };
    });
  }

  async audit(limit = 500): Promise<AuditItem[]> {
    const r = await this.db.query(
      `SELECT a.at, a.who, a.action, a.change_id, a.version, a.diff, a.facts, CASE WHEN a.action IN ('publish', 'restore') THEN v.pages END AS pages
       FROM staff_corpus_audit a LEFT JOIN staff_corpus_versions v ON v.version = a.version ORDER BY a.id DESC LIMIT $1`,
      [limit],
    );
    return r.rows.map((row) => {
      const a = auditRow.parse(row);
      const pages = a.pages === null || a.pages === undefined ? undefined : keptPages.parse(a.pages).map((p) => ({ url: p.url, hash: p.hash, readAt: p.readAt }));
      const facts = a.facts === null || a.facts === undefined ? undefined : (findings.parse(a.facts) as FactFinding[]);
      return {
        at: a.at,
        who: a.who,
        action: a.action,
        change: a.change_id,
        version: a.version,
        diff: a.diff.map((d) => ({ file: d.file, field: d.field, ...('before' in d ? { before: d.before } : {}), ...('after' in d ? { after: d.after } : {}) })),
        ...(pages === undefined ? {} : { pages }),
        ...(facts === undefined || facts.length === 0 ? {} : { factsAcknowledged: facts }),
      };
    });
  }

  /** The official page(s) as read when `version` was published (their text too); undefined for no such version. */
  async versionPages(version: number): Promise<readonly KeptPage[] | undefined> {
    const r = await this.db.query('SELECT pages FROM staff_corpus_versions WHERE version = $1', [version]);
    const row = r.rows[0];
    if (row === undefined) return undefined;
    const raw = row['pages'];
    return raw === null || raw === undefined ? [] : (keptPages.parse(jsonText.parse(raw)) as KeptPage[]);
  }

  private async latestIn(tx: SqlConnection): Promise<PublishedVersion | undefined> {
    const r = await tx.query('SELECT max(version) AS v FROM staff_corpus_versions');
    const v = r.rows[0]?.['v'];
    return v === null || v === undefined ? undefined : this.version(int.parse(v), tx);
  }

  private async insertVersion(tx: SqlConnection, version: number, files: CorpusFiles, who: string, action: VersionAction, changeId: number | null, restoredFrom: number | null, pages?: readonly KeptPage[]): Promise<void> {
    await tx.query(
      `INSERT INTO staff_corpus_versions (version, files, content_hash, published_at, published_by, action, change_id, restored_from, pages) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [version, JSON.stringify(files), filesHash(files), this.clock(), who, action, changeId, restoredFrom, pages === undefined ? null : JSON.stringify(pages)],
    );
  }

  private async insertAudit(tx: SqlConnection, who: string, action: AuditAction, changeId: number | null, version: number | null, diff: readonly FieldChange[], facts?: readonly FactFinding[]): Promise<void> {
    await tx.query('INSERT INTO staff_corpus_audit (at, who, action, change_id, version, diff, facts) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      this.clock(),
      who,
      action,
      changeId,
      version,
      JSON.stringify(diff),
      facts === undefined || facts.length === 0 ? null : JSON.stringify(facts),
    ]);
  }

  // Delivered at commit, to every instance LISTENing on PostgreSQL; the embedded store has one process.
  private async notify(tx: SqlConnection, version: number): Promise<void> {
    if (this.db.kind === 'postgres') await tx.query('SELECT pg_notify($1, $2)', [CORPUS_CHANNEL, String(version)]);
  }
}
