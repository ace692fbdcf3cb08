import { randomBytes } from 'node:crypto';
import type restify from 'restify';
import { staffSideConfigured, type StaffEnv } from '../../config/staff-env.js';
import { fileURLToPath } from 'node:url';
import { CONTENT_MIGRATIONS, ContentEditing, ContentStore, readGoldenQuestions } from '../../content/index.js';
import { createSqlPageStore, newestReadings, type PageWatchStatus, type SqlPageStore } from '../../platform/page-watch/index.js';
import type { DraftEngine } from './content-routes.js';
import type { Corpus, FaqEngine } from '../../core/index.js';
import type { Logger } from '../../logging/index.js';
import { DEFAULT_DATA_DIR, startRecords, type Records, type TurnRecorder } from '../../records/index.js';
import { createMemoryStore, type SharedStore } from '../../state/index.js';
import { StaffAccess } from './auth/access.js';
import { SessionRevocations } from './auth/revocations.js';
import { OidcSignIn } from './auth/oidc.js';
import { SessionCookies } from './auth/session.js';
import { staffSideOff } from './off.js';
import { registerStaffRoutes, STAFF_ROUTES } from './routes.js';

/** The golden table the impact preview asks by default: the conversations written for this corpus's tests. */
const DEFAULT_GOLDEN_FILE = fileURLToPath(new URL('../../../tests/golden/conversations.tsv', import.meta.url));

export interface StaffSideDeps {
  /** The staff side's settings, validated by src/config/staff-env.ts. */
  readonly env: StaffEnv;
  /** The FAQ engine, read per request so a reloaded corpus applies at once. */
  readonly engine: () => FaqEngine;
  readonly logger: Logger;
  /** "Now"; the real clock by default. */
  readonly clock?: () => Date;
  /** How often recorded turns are written, in ms (tests shorten it). */
  readonly flushIntervalMs?: number;
  /** What else a corpus must satisfy to be published (the bot's welcome questions), as messages. */
  readonly checkCorpus?: (corpus: Corpus) => readonly string[];
  /** Told at once about every version this instance publishes or restores. */
  readonly onPublished?: (version: number) => void;
  /** Builds a draft's engine for the test pane and the impact preview (the service's build); without it they answer 503. */
  readonly draftEngine?: DraftEngine;
  /** The client address of the request being served (from its scope): the source of a kept question. */
  readonly sourceOf?: () => string | undefined;
  /** Key of the kept questions' source hashes (ID_HASH_SECRET); one made at start-up when absent. */
  readonly sourceSecret?: string | undefined;
  /** Where signed-out sessions are listed (Redis with several instances); this process's memory when absent. */
  readonly sharedStore?: SharedStore;
  /** The official page watcher's status per page, for the editors' page (when OFFICIAL_PAGE_URL is set). */
  readonly pageWatchStatus?: () => readonly PageWatchStatus[] | undefined;
}

/** What main.ts keeps: the recorder for the bot, and close() for shutdown. */
export interface StaffSide {
  /** True when STAFF_TOKEN or Entra ID sign-in is configured; otherwise no staff route exists (404) and nothing is recorded. */
  readonly enabled: boolean;
  /** Pass to createBotRuntime({ recorder }); undefined when the staff side is off. */
  readonly recorder: TurnRecorder | undefined;
  /** The store and its queue; undefined when the staff side is off. */
  readonly records: Records | undefined;
  /** Editing the answers, once the store is open (undefined before, and when the staff side is off). */
  content(): ContentEditing | undefined;
  /** Resolves once editing is possible (never, when the staff side is off). */
  readonly contentReady: Promise<ContentEditing>;
  /** The official page's readings, watch lock and change log in the staff store; undefined when the staff side is off. */
  readonly officialPages: SqlPageStore | undefined;
  /** Flushes queued records and closes the store (graceful shutdown). */
  close(): Promise<void>;
}

/**
 * Registers the staff side on the service's server: sign-in (STAFF_TOKEN and/or Entra ID through
 * OpenID Connect), the agents' console, the editors' review, the numbers and the staff API, and starts
 * the store of what residents asked (embedded by default, PostgreSQL with DATABASE_URL).
 *
 * With neither STAFF_TOKEN nor Entra ID configured, nothing is registered and nothing recorded: nobody
 * could read it, so nothing about residents is kept. The resident side is never affected.
 */
export function registerStaffSide(server: restify.Server, deps: StaffSideDeps): StaffSide {
  const { env, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const oidcOn = env.STAFF_OIDC_ISSUER !== undefined;
  if (!staffSideConfigured(env)) return staffSideOff(logger);

  const records = startRecords({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.STAFF_DATA_DIR ?? DEFAULT_DATA_DIR,
    retentionDays: env.STAFF_RETENTION_DAYS,
    countRetentionDays: env.STAFF_COUNTS_RETENTION_DAYS,
    timeZone: deps.engine().corpus.contact.openingHours.timeZone,
    logger,
    clock,
    extraMigrations: CONTENT_MIGRATIONS,
    answeredSampleRate: env.STAFF_ANSWERED_SAMPLE_RATE,
    ...(deps.flushIntervalMs === undefined ? {} : { flushIntervalMs: deps.flushIntervalMs }),
    ...(deps.sourceOf === undefined ? {} : { sourceOf: deps.sourceOf }),
    sourceSecret: deps.sourceSecret,
  });
  let editing: ContentEditing | undefined;
  const officialPages = createSqlPageStore(
    records.ready.then(() => {
      const db = records.database();
      if (db === undefined) throw new Error('the store opened without its database');
      return db;
    }),
  );
  const contentReady = records.ready.then(() => {
    const db = records.database();
    if (db === undefined) throw new Error('the store opened without its database');
    editing = new ContentEditing({
      store: new ContentStore(db, clock),
      fourEyes: env.STAFF_FOUR_EYES,
      // The page(s) as last read: the facts check before publishing, and kept with each version.
      pages: async () =>
        newestReadings(await officialPages.watch.list()).map((p) => ({ url: p.snapshot.url, hash: p.snapshot.hash, text: p.snapshot.text, years: p.snapshot.years, readAt: p.checkedAt })),
      ...(deps.checkCorpus === undefined ? {} : { check: deps.checkCorpus }),
      ...(deps.onPublished === undefined ? {} : { onPublished: deps.onPublished }),
    });
    return editing;
  });

  let signIn: { oidc: OidcSignIn; cookies: SessionCookies; publicUrl: string } | undefined;
  let origin: string | undefined;
  // staffSettingsProblem (src/config) guarantees all five are set together.
  if (oidcOn && env.STAFF_OIDC_CLIENT_ID && env.STAFF_OIDC_CLIENT_SECRET && env.STAFF_PUBLIC_URL && env.STAFF_SESSION_SECRET && env.STAFF_OIDC_ISSUER) {
    const publicUrl = env.STAFF_PUBLIC_URL;
    origin = new URL(publicUrl).origin;
    signIn = {
      publicUrl,
      cookies: new SessionCookies(env.STAFF_SESSION_SECRET, env.STAFF_SESSION_HOURS * 3600),
      oidc: new OidcSignIn(
        {
          issuer: env.STAFF_OIDC_ISSUER,
          clientId: env.STAFF_OIDC_CLIENT_ID,
          clientSecret: env.STAFF_OIDC_CLIENT_SECRET,
          redirectUri: `${publicUrl}${STAFF_ROUTES.callback}`,
          agentValues: env.STAFF_AGENT_ROLES,
          editorValues: env.STAFF_EDITOR_ROLES,
          publisherValues: env.STAFF_PUBLISHER_ROLES,
        },
        logger,
      ),
    };
  }
  // The loopback sign-in shares Entra ID's session cookie when both are on; alone, a secret of its own
  // (STAFF_SESSION_SECRET, or one made at start: local sessions then end with the process).
  const local =
    env.STAFF_LOCAL_USERS.length === 0
      ? undefined
      : { users: env.STAFF_LOCAL_USERS, cookies: signIn?.cookies ?? new SessionCookies(env.STAFF_SESSION_SECRET ?? randomBytes(32).toString('base64url'), env.STAFF_SESSION_HOURS * 3600) };
  const access = new StaffAccess({ token: env.STAFF_TOKEN, apiTokens: env.STAFF_API_TOKENS, cookies: signIn?.cookies ?? local?.cookies, origin, sameHostOrigin: signIn === undefined && local !== undefined, clock });
  const content = () => (env.CORPUS_SOURCE === 'files' ? ({ state: 'files' } as const) : editing === undefined ? ({ state: 'opening' } as const) : ({ state: 'ready', editing } as const));
  const golden = readGoldenQuestions(env.STAFF_IMPACT_GOLDEN_FILE ?? DEFAULT_GOLDEN_FILE);
  const draftEngine: DraftEngine = deps.draftEngine ?? (async () => ({ ok: false, problems: [{ message: 'Draft engines are not available in this service.' }] }));
  let revocations: SessionRevocations | undefined;
  const sessions = signIn?.cookies ?? local?.cookies;
  if (sessions) {
    const list = new SessionRevocations(deps.sharedStore ?? createMemoryStore(), env.STAFF_SESSION_HOURS * 3600);
    revocations = list;
    // Before any staff route reads the cookie: a signed-out session's cookie is taken off the request,
    // which then goes on as a signed-out browser's would (to sign-in, or 401).
    server.pre((req: restify.Request, _res: restify.Response, next: restify.Next) => {
      const path = req.url ?? '';
      if (req.headers.cookie === undefined || !(path.startsWith('/staff') || path.startsWith('/api/staff'))) return next();
      list
        .withoutRevoked(req.headers.cookie, sessions, clock())
        .then((cookie) => {
          if (cookie === undefined) delete req.headers.cookie;
          else req.headers.cookie = cookie;
        })
        .catch((err: unknown) => logger.warn({ err, event: 'staff-revocation-check-failed' }, 'could not check the sign-out list'))
        .finally(() => next());
    });
  }
  registerStaffRoutes(server, {
    engine: deps.engine,
    records,
    access,
    signIn,
    logger,
    clock,
    content,
    local,
    draftEngine,
    golden,
    revocations,
    officialPage: { pages: () => (editing === undefined ? undefined : officialPages), watchStatus: () => deps.pageWatchStatus?.() },
    ...(deps.sourceOf === undefined ? {} : { clientOf: (req) => deps.sourceOf?.() ?? req.socket.remoteAddress ?? 'unknown' }),
  });
  logger.info(
    { event: 'staff-side-on', signIn: [env.STAFF_TOKEN === undefined ? [] : ['token'], env.STAFF_API_TOKENS.map((t) => `api-token:${t.name}`), signIn ? ['entra-id'] : [], local ? ['local'] : []].flat(), store: env.DATABASE_URL === undefined ? 'embedded' : 'postgres', retentionDays: env.STAFF_RETENTION_DAYS },
    'staff side on',
  );
  return { enabled: true, recorder: records.recorder, records, content: () => editing, contentReady, officialPages, close: () => records.close() };
}
