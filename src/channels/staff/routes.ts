import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type restify from 'restify';
import { z } from 'zod';
import type { FaqEngine } from '../../core/index.js';
import type { Logger } from '../../logging/index.js';
import { addDays, buildReview, buildStats, groupNumbers, localDay, questionsCsv, startOfLocalDay, type Records, type ReviewGroup, type StaffStats } from '../../records/index.js';
import { searchFaq } from '../http/index.js';
import { loadStaffAssets } from './assets.js';
import type { Caller, StaffAccess } from './auth/access.js';
import type { SessionRevocations } from './auth/revocations.js';
import { SignInThrottle } from './auth/sign-in-throttle.js';
import type { OidcSignIn } from './auth/oidc.js';
import type { SessionCookies, StaffRole } from './auth/session.js';
import { apiQuery, queryOf, readBody, readJsonText, redirect, sendAssetBody, sendCsv, sendError, sendHtml, sendJson } from './http.js';
import { renderConsolePage } from './pages/console.js';
import { renderBadAddressPage, renderMessagePage, type PageViewer } from './pages/layout.js';
import { renderReviewPage } from './pages/review.js';
import { renderStatsPage } from './pages/stats.js';
import { registerEditorPages } from './editor-routes.js';
import { registerContentRoutes, type ContentAccess, type DraftEngine } from './content-routes.js';
import { registerPageRoutes, type PageRoutesDeps } from './page-routes.js';
import { suggestFor, type ImpactQuestion } from '../../content/index.js';
import { LOCAL_SIGNIN_PATH, registerLocalSignIn } from './auth/local-signin.js';
import type { StaffLocalUser } from '../../config/staff-env.js';
import { previewDecision } from './preview.js';
import { STAFF_TEXT } from './text.js';

/** The URLs of the staff side (documented in docs/staff.md). */
export const STAFF_ROUTES = Object.freeze({
  console: '/staff',
  review: '/staff/review',
  stats: '/staff/stats',
  login: '/staff/auth/login',
  callback: '/staff/auth/callback',
  logout: '/staff/auth/logout',
  signedOut: '/staff/auth/signed-out',
  unanswered: '/api/staff/unanswered',
  statsApi: '/api/staff/stats',
  exportCsv: '/api/staff/export.csv',
  answeredDoubts: '/api/staff/answered-doubts',
  search: '/api/staff/search',
  preview: '/api/staff/preview',
});

/** Limits of the staff API. */
export const STAFF_LIMITS = Object.freeze({
  /** Kept questions read for one review (the newest of the period). */
  maxReviewRows: 5000,
  /** Of which one source (client address or conversation) may hold at most this many, its newest. */
  maxReviewRowsPerSource: 200,
  /** Groups the review page and API return at most. */
  maxGroups: 200,
  defaultGroups: 50,
  defaultDays: 30,
  maxDays: 400,
  maxBodyBytes: 8 * 1024,
});

export interface StaffRoutesDeps {
  /** The FAQ engine, read per request (a reloaded corpus applies at once). */
  readonly engine: () => FaqEngine;
  readonly records: Records;
  readonly access: StaffAccess;
  /** Entra ID sign-in; absent when only STAFF_TOKEN is configured. */
  readonly signIn?: { readonly oidc: OidcSignIn; readonly cookies: SessionCookies; readonly publicUrl: string } | undefined;
  readonly logger: Logger;
  readonly clock: () => Date;
  /** Editing the answers (drafts, publishing, versions, audit); see content-routes.ts. */
  readonly content: ContentAccess;
  /** Builds a draft's engine (the test pane and the impact preview). */
  readonly draftEngine: DraftEngine;
  /** The golden questions the impact preview asks besides the residents'. */
  readonly golden: readonly ImpactQuestion[];
  /** The loopback sign-in of named local users (STAFF_LOCAL_USERS); absent when not configured. */
  readonly local?: { readonly users: readonly StaffLocalUser[]; readonly cookies: SessionCookies } | undefined;
  /** Signed-out sessions (shared between instances through the shared store). */
  readonly revocations?: SessionRevocations | undefined;
  /** The caller's address (behind a trusted proxy, the client's): for the sign-in start's limit. */
  readonly clientOf?: (req: IncomingMessage) => string;
  /** The official page's store and watcher status (page-routes.ts); absent: no official-page routes. */
  readonly officialPage?: Pick<PageRoutesDeps, 'pages' | 'watchStatus' | 'fetch'> | undefined;
}

/** Sign-in starts one address may make a minute; a person needs one or two. */
const SIGN_IN_STARTS_PER_MINUTE = 20;

export type Need = 'staff' | 'editor' | 'publisher' | 'editor-or-publisher';
export type Kind = 'page' | 'api';

const searchBody = z.strictObject({
  q: z.string(),
  lang: z.string().optional(),
  limit: z.number().int().optional(),
});
// Control characters other than line breaks mean a broken client, not a resident's words.
const previewBody = z.strictObject({
  text: z
    .string()
    .refine((s) => s.trim().length > 0, 'must not be empty')
    .refine((s) => s.length <= 1000, 'must be at most 1000 characters')
    .refine((s) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(s), 'must not contain control characters'),
});

// The staff pages only (never the sign-in routes themselves), with at most a short query.
const RETURN_TO = /^\/staff(?!\/auth\b)(?:\/[a-z0-9-]{1,80}){0,3}(?:\?[a-z]{1,20}=[A-Za-z0-9-]{1,80})?$/;
const hashed = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 12);

function parseDays(raw: string | undefined): number | undefined {
  if (raw === undefined) return STAFF_LIMITS.defaultDays;
  if (!/^\d{1,3}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 && n <= STAFF_LIMITS.maxDays ? n : undefined;
}

/** What the review suggests for a group; the entry a resident rejected with "Nej" is never suggested for their wording. */
const suggestionOf = (engine: FaqEngine, g: ReviewGroup) => suggestFor(engine, g.text, g.lang, new Set(g.decisions['not-helpful'] > 0 && g.nearest !== null ? [g.nearest.id] : []));

/** Registers the staff pages, sign-in and API on the service's restify server. */
export function registerStaffRoutes(server: restify.Server, deps: StaffRoutesDeps): void {
  const { access, records, logger, clock, signIn } = deps;
  const T = STAFF_TEXT;

  for (const asset of loadStaffAssets()) {
    server.get(asset.path, async (req: restify.Request, res: restify.Response) => {
      if (req.headers['if-none-match'] === asset.etag) {
        res.writeHead(304, { etag: asset.etag });
        res.end();
        return;
      }
      sendAssetBody(res, 200, asset.contentType, asset.body, { etag: asset.etag, 'cache-control': 'no-cache' });
    });
  }

  const viewerOf = (caller: Extract<Caller, { roles: readonly StaffRole[] }>): PageViewer =>
    caller.kind === 'session' ? { name: caller.session.name, roles: caller.roles, csrf: caller.session.csrf } : { name: caller.name, roles: caller.roles };

  /** The caller when allowed; otherwise the refusal is sent and undefined returned. */
  const guard = (req: IncomingMessage, res: ServerResponse, need: Need, kind: Kind): Extract<Caller, { roles: readonly StaffRole[] }> | undefined => {
    const caller = access.identify(req);
    if (caller.kind === 'bad-token' || caller.kind === 'anonymous') {
      if (kind === 'api' || caller.kind === 'bad-token') {
        sendError(res, 401, 'unauthorized', 'Sign in: send "Authorization: Bearer <STAFF_TOKEN>", or sign in with Entra ID at /staff.', { 'www-authenticate': 'Bearer realm="staff"' });
      } else if (signIn || deps.local) {
        const path = req.url ?? '/staff';
        redirect(res, `${signIn ? STAFF_ROUTES.login : LOCAL_SIGNIN_PATH}?returnTo=${encodeURIComponent(RETURN_TO.test(path) ? path : STAFF_ROUTES.console)}`);
      } else {
        sendHtml(res, 401, renderMessagePage(T.signIn.title, T.signIn.tokenOnlyHeading, T.signIn.tokenOnly));
      }
      return undefined;
    }
    const allowed =
      need === 'staff' ? caller.roles.length > 0 : need === 'editor-or-publisher' ? caller.roles.includes('editor') || caller.roles.includes('publisher') : caller.roles.includes(need);
    if (!allowed) {
      if (kind === 'api') sendError(res, 403, 'forbidden', need === 'publisher' ? 'This needs the publisher role (Staff.Publisher).' : 'This needs the editor role.');
      // Signed in with some role (a handläggare on an editors' page): say which role the page needs.
      else sendHtml(res, 403, renderMessagePage(T.signIn.title, T.signIn.forbiddenHeading, caller.roles.length > 0 ? T.signIn.forbiddenEditor : T.signIn.forbidden, { href: STAFF_ROUTES.console, label: T.nav.console }, viewerOf(caller)));
      return undefined;
    }
    return caller;
  };

  /** Guard plus CSRF for state-changing requests made with a session cookie. */
  const guardWrite = (req: IncomingMessage, res: ServerResponse, need: Need, formToken?: string) => {
    const caller = guard(req, res, need, 'api');
    if (caller?.kind === 'session' && !access.csrfAllows(req, caller.session, formToken)) {
      logger.warn({ event: 'staff-csrf-refused', path: req.url?.split('?')[0] }, 'state-changing staff request without a valid CSRF token or from another origin');
      sendError(res, 403, 'csrf', 'This request must come from the staff pages (CSRF token missing, wrong, or another origin).');
      return undefined;
    }
    return caller;
  };

  const timeZone = () => deps.engine().corpus.contact.openingHours.timeZone;
  const period = (days: number) => {
    const now = clock();
    const to = localDay(now, timeZone());
    const from = addDays(to, -(days - 1));
    return { now, today: to, from, to, since: startOfLocalDay(from, timeZone()) };
  };

  const loadStats = async (days: number): Promise<StaffStats | undefined> => {
    const store = records.store();
    if (!store) return undefined;
    const p = period(days);
    const [all, today] = await Promise.all([store.counts(p.from, p.to), store.counts(p.today, p.today)]);
    return buildStats(all, today, { from: p.from, to: p.to, today: p.today }, deps.engine().corpus);
  };

  const loadQuestions = async (days: number) => {
    const store = records.store();
    if (!store) return undefined;
    // The sampled answered questions are for finding confident mistakes, not for the review of the unsettled.
    return (await store.questions(period(days).since, STAFF_LIMITS.maxReviewRows, STAFF_LIMITS.maxReviewRowsPerSource)).filter((q) => q.decision !== 'answered');
  };

  // Store errors (a database gone mid-request) become a clear 503, never a 500.
  const storeFailed = (res: ServerResponse, kind: Kind, err: unknown, route: string) => {
    logger.error({ err, route, event: 'staff-store-read-failed' }, 'staff store read failed');
    if (res.headersSent) return;
    if (kind === 'api') sendError(res, 503, 'store_unavailable', 'The staff store is not available right now. Try again shortly.');
    else sendHtml(res, 503, renderMessagePage(T.signIn.title, T.signIn.failedHeading, T.storeUnavailable));
  };

  /**
   * A page's query parameters; when the query string is refused (a parameter given twice, malformed
   * %-encoding), the answer is a 400 page saying so, with a link to the page without parameters.
   */
  const pageQuery = (req: IncomingMessage, res: ServerResponse, title: string, link: { href: string; label: string }, viewer?: PageViewer): ReadonlyMap<string, string> | undefined => {
    const query = queryOf(req);
    if (query.ok) return query.params;
    sendHtml(res, 400, renderBadAddressPage(title, query, link, viewer));
    return undefined;
  };

  // --- Pages ---------------------------------------------------------------------------------------

  server.get(STAFF_ROUTES.console, async (req: restify.Request, res: restify.Response) => {
    const caller = guard(req, res, 'staff', 'page');
    if (!caller) return;
    let mostUsed: StaffStats['mostUsedToday'] | undefined;
    try {
      mostUsed = (await loadStats(1))?.mostUsedToday;
    } catch (err) {
      logger.error({ err, route: 'staff-console' }, 'most-used list unavailable');
    }
    sendHtml(res, 200, renderConsolePage(deps.engine(), viewerOf(caller), mostUsed, clock()));
  });

  server.get(STAFF_ROUTES.review, async (req: restify.Request, res: restify.Response) => {
    const caller = guard(req, res, 'editor', 'page');
    if (!caller) return;
    const query = pageQuery(req, res, T.review.title, { href: STAFF_ROUTES.review, label: T.badAddress.again }, viewerOf(caller));
    if (!query) return;
    const days = parseDays(query.get('days')) ?? STAFF_LIMITS.defaultDays;
    try {
      const [questions, stats] = await Promise.all([loadQuestions(days), loadStats(days)]);
      const engine = deps.engine();
      const groups = questions === undefined ? undefined : await buildReview(questions, engine.corpus, STAFF_LIMITS.defaultGroups);
      const suggested = groups?.map((g) => ({ group: g, suggestion: suggestionOf(engine, g) }));
      sendHtml(res, 200, renderReviewPage(viewerOf(caller), days, suggested, stats?.entries, engine.model.report.weakness, engine.corpus));
    } catch (err) {
      storeFailed(res, 'page', err, 'staff-review');
    }
  });

  registerEditorPages(server, { content: deps.content, logger, guard, viewerOf });

  server.get(STAFF_ROUTES.stats, async (req: restify.Request, res: restify.Response) => {
    const caller = guard(req, res, 'staff', 'page');
    if (!caller) return;
    const query = pageQuery(req, res, T.stats.title, { href: STAFF_ROUTES.stats, label: T.badAddress.again }, viewerOf(caller));
    if (!query) return;
    const days = parseDays(query.get('days')) ?? STAFF_LIMITS.defaultDays;
    try {
      sendHtml(res, 200, renderStatsPage(viewerOf(caller), days, await loadStats(days)));
    } catch (err) {
      storeFailed(res, 'page', err, 'staff-stats');
    }
  });

  // --- API -----------------------------------------------------------------------------------------

  const daysOr400 = (query: ReadonlyMap<string, string>, res: ServerResponse): number | undefined => {
    const days = parseDays(query.get('days'));
    if (days === undefined) sendError(res, 400, 'invalid_request', `Parameter "days" must be a whole number from 1 to ${STAFF_LIMITS.maxDays}.`);
    return days;
  };

  server.get(STAFF_ROUTES.unanswered, async (req: restify.Request, res: restify.Response) => {
    if (!guard(req, res, 'editor', 'api')) return;
    const query = apiQuery(req, res);
    if (!query) return;
    const days = daysOr400(query, res);
    if (days === undefined) return;
    const rawLimit = query.get('limit');
    const limit = rawLimit === undefined ? STAFF_LIMITS.defaultGroups : /^\d{1,3}$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!(limit >= 1 && limit <= STAFF_LIMITS.maxGroups)) {
      sendError(res, 400, 'invalid_request', `Parameter "limit" must be a whole number from 1 to ${STAFF_LIMITS.maxGroups}.`);
      return;
    }
    try {
      const questions = await loadQuestions(days);
      if (questions === undefined) return storeFailed(res, 'api', new Error('store not open'), 'staff-unanswered');
      const p = period(days);
      const engine = deps.engine();
      const items = (await buildReview(questions, engine.corpus, limit)).map((g) => ({
        text: g.text,
        count: g.count,
        lastSeen: g.lastSeen.toISOString(),
        decision: g.decision,
        nearest: g.nearest,
        decisions: g.decisions,
        examples: g.examples,
        lang: g.lang,
        snippet: g.snippet,
        suggestion: suggestionOf(engine, g),
      }));
      sendJson(res, 200, { from: p.from, to: p.to, questions: questions.length, items, weakness: engine.model.report.weakness });
    } catch (err) {
      storeFailed(res, 'api', err, 'staff-unanswered');
    }
  });

  // Confident mistakes reach the review only when a resident presses "Nej": the sampled answered
  // questions, those a resident rejected and the least sure first, are where to look for the rest.
  server.get(STAFF_ROUTES.answeredDoubts, async (req: restify.Request, res: restify.Response) => {
    if (!guard(req, res, 'editor', 'api')) return;
    const query = apiQuery(req, res);
    if (!query) return;
    const days = daysOr400(query, res);
    if (days === undefined) return;
    try {
      const store = records.store();
      if (!store) return storeFailed(res, 'api', new Error('store not open'), 'staff-answered-doubts');
      const kept = await store.questions(period(days).since, STAFF_LIMITS.maxReviewRows);
      const rejected = new Set(kept.filter((q) => q.decision === 'not-helpful').map((q) => `${q.candidateIds[0] ?? ''}|${q.text}`));
      const items = kept
        .filter((q) => q.decision === 'answered')
        .map((q) => ({ text: q.text, entry: q.candidateIds[0] ?? null, confidence: q.confidence, rejected: rejected.has(`${q.candidateIds[0] ?? ''}|${q.text}`), askedAt: q.askedAt.toISOString(), lang: q.lang }))
        .sort((a, b) => Number(b.rejected) - Number(a.rejected) || (a.confidence ?? 0) - (b.confidence ?? 0))
        .slice(0, STAFF_LIMITS.defaultGroups);
      sendJson(res, 200, { items });
    } catch (err) {
      storeFailed(res, 'api', err, 'staff-answered-doubts');
    }
  });

  server.get(STAFF_ROUTES.statsApi, async (req: restify.Request, res: restify.Response) => {
    if (!guard(req, res, 'staff', 'api')) return;
    const query = apiQuery(req, res);
    if (!query) return;
    const days = daysOr400(query, res);
    if (days === undefined) return;
    try {
      const stats = await loadStats(days);
      if (stats === undefined) return storeFailed(res, 'api', new Error('store not open'), 'staff-stats-api');
      sendJson(res, 200, stats);
    } catch (err) {
      storeFailed(res, 'api', err, 'staff-stats-api');
    }
  });

  server.get(STAFF_ROUTES.exportCsv, async (req: restify.Request, res: restify.Response) => {
    if (!guard(req, res, 'editor', 'api')) return;
    const query = apiQuery(req, res);
    if (!query) return;
    const days = daysOr400(query, res);
    if (days === undefined) return;
    const sep = query.get('sep');
    if (sep !== undefined && sep !== 'comma' && sep !== 'semicolon') {
      sendError(res, 400, 'invalid_request', 'Parameter "sep" must be "comma" or "semicolon".');
      return;
    }
    try {
      const questions = await loadQuestions(days);
      if (questions === undefined) return storeFailed(res, 'api', new Error('store not open'), 'staff-export');
      const numbers = await groupNumbers(questions, deps.engine().corpus);
      const rows = questions.map((question) => ({ question, group: numbers.get(question) ?? 0 }));
      sendCsv(res, questionsCsv(rows, sep === 'semicolon' ? ';' : ','), `obesvarade-fragor-${period(days).to}.csv`);
    } catch (err) {
      storeFailed(res, 'api', err, 'staff-export');
    }
  });

  /** A JSON body parsed by a schema; the refusal is sent when it does not parse. */
  const jsonBody = async <S extends z.ZodType>(req: IncomingMessage, res: ServerResponse, schema: S, maxBytes: number = STAFF_LIMITS.maxBodyBytes): Promise<z.infer<S> | undefined> => {
    const body = await readJsonText(req, maxBytes);
    if (!body.ok) {
      sendError(res, body.status, body.code, body.message, body.status === 400 ? {} : { connection: 'close' });
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(body.text);
    } catch {
      sendError(res, 400, 'invalid_request', 'The body must be JSON.');
      return undefined;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      sendError(res, 400, 'invalid_request', `Field "${issue?.path.join('.') || 'body'}" ${issue?.message ?? 'is invalid'}.`);
      return undefined;
    }
    return parsed.data;
  };

  server.post(STAFF_ROUTES.search, async (req: restify.Request, res: restify.Response) => {
    if (!guardWrite(req, res, 'staff')) return;
    const input = await jsonBody(req, res, searchBody);
    if (!input) return;
    // The same validation and answer shape as GET /api/faq/search: the same engine, the same ids.
    const query = new URLSearchParams({ q: input.q });
    if (input.lang !== undefined) query.set('lang', input.lang);
    if (input.limit !== undefined) query.set('limit', String(input.limit));
    const result = searchFaq(deps.engine(), query.toString(), clock());
    // Never the query: agents type residents' words.
    logger.info({ route: 'staff-search', status: result.status, ...(result.status === 200 ? { decision: result.body.decision, top: result.body.results[0]?.id } : {}) }, 'staff search');
    sendJson(res, result.status, result.body);
  });

  server.post(STAFF_ROUTES.preview, async (req: restify.Request, res: restify.Response) => {
    if (!guardWrite(req, res, 'staff')) return;
    const input = await jsonBody(req, res, previewBody);
    if (!input) return;
    sendJson(res, 200, previewDecision(deps.engine(), input.text));
  });

  registerContentRoutes(server, {
    content: deps.content,
    logger,
    guard,
    guardWrite,
    jsonBody,
    engine: deps.engine,
    draftEngine: deps.draftEngine,
    golden: deps.golden,
    clock,
    residentQuestions: async () => {
      const store = records.store();
      if (!store) return undefined;
      return (await store.questions(period(30).since, STAFF_LIMITS.maxReviewRows)).map((q) => q.text);
    },
  });

  if (deps.officialPage) {
    registerPageRoutes(server, { ...deps.officialPage, content: deps.content, engine: deps.engine, logger, clock, guard, guardWrite, jsonBody, viewerOf });
  }

  // --- Signing out (Entra ID or local sessions) -----------------------------------------------------

  const sessionCookies = signIn?.cookies ?? deps.local?.cookies;
  if (sessionCookies) {
    server.post(STAFF_ROUTES.logout, async (req: restify.Request, res: restify.Response) => {
      const body = await readBody(req, 1024);
      if (!body.ok && body.status === 415) return sendError(res, 415, body.code, body.message);
      const formToken = body.ok ? (new URLSearchParams(body.text).get('_csrf') ?? undefined) : undefined;
      if (!guardWrite(req, res, 'staff', formToken)) return;
      const caller = access.identify(req);
      // Clearing the cookie is not enough: a copy of it would still be valid until it expires.
      if (caller.kind === 'session') await deps.revocations?.revoke(caller.session, clock());
      redirect(res, STAFF_ROUTES.signedOut, { 'set-cookie': sessionCookies.clearSession() });
    });

    server.get(STAFF_ROUTES.signedOut, async (_req: restify.Request, res: restify.Response) => {
      const again = signIn ? STAFF_ROUTES.login : LOCAL_SIGNIN_PATH;
      sendHtml(res, 200, renderMessagePage(T.signIn.title, T.signIn.signedOutHeading, T.signIn.signedOut, { href: again, label: T.signIn.retry }));
    });
  }

  if (deps.local) {
    registerLocalSignIn(server, { users: deps.local.users, cookies: deps.local.cookies, logger, clock, returnable: (p) => RETURN_TO.test(p), fallback: STAFF_ROUTES.console });
  }

  // --- Entra ID sign-in ----------------------------------------------------------------------------

  if (!signIn) return;
  const { oidc, cookies } = signIn;

  const throttle = new SignInThrottle(SIGN_IN_STARTS_PER_MINUTE, 60_000, () => clock().getTime());
  const clientOf = deps.clientOf ?? ((req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown');
  server.get(STAFF_ROUTES.login, async (req: restify.Request, res: restify.Response) => {
    if (!throttle.allow(clientOf(req))) {
      sendHtml(res, 429, renderMessagePage(T.signIn.title, T.signIn.failedHeading, T.signIn.tooMany, { href: STAFF_ROUTES.login, label: T.signIn.retry }), { 'retry-after': '60' });
      return;
    }
    const query = pageQuery(req, res, T.signIn.title, { href: STAFF_ROUTES.login, label: T.signIn.retry });
    if (!query) return;
    const returnTo = query.get('returnTo') ?? STAFF_ROUTES.console;
    const started = await oidc.start();
    if (!started.ok) {
      // Once a minute, with how many were not logged: a provider that is down must not flood the log.
      const first = throttle.firstInWindow('unavailable');
      if (first !== undefined) logger.error({ event: 'staff-signin-unavailable', reason: started.detail, notLoggedBefore: first.suppressed }, 'the identity provider cannot be reached');
      sendHtml(res, 503, renderMessagePage(T.signIn.title, T.signIn.failedHeading, T.signIn.unavailable, { href: STAFF_ROUTES.login, label: T.signIn.retry }));
      return;
    }
    const cookie = cookies.startTransaction({ state: started.state, nonce: started.nonce, verifier: started.verifier, returnTo: RETURN_TO.test(returnTo) ? returnTo : STAFF_ROUTES.console }, clock());
    redirect(res, started.url.href, { 'set-cookie': cookie });
  });

  server.get(STAFF_ROUTES.callback, async (req: restify.Request, res: restify.Response) => {
    const failed = (status: number, message: string) =>
      sendHtml(res, status, renderMessagePage(T.signIn.title, T.signIn.failedHeading, message, { href: STAFF_ROUTES.login, label: T.signIn.retry }), { 'set-cookie': cookies.clearTransaction() });
    // A parameter given twice (two codes, two states) or malformed is refused before it reaches the provider.
    const query = queryOf(req);
    if (!query.ok) {
      logger.warn({ event: 'staff-signin-failed', reason: `callback parameter ${query.problem}` }, 'staff sign-in failed');
      failed(400, T.badAddress[query.problem](query.parameter));
      return;
    }
    const transaction = cookies.transaction(req.headers.cookie, clock());
    if (!transaction) {
      logger.warn({ event: 'staff-signin-failed', reason: 'no or expired sign-in cookie' }, 'staff sign-in failed');
      failed(400, T.signIn.failed);
      return;
    }
    const result = await oidc.finish(new URL(req.url ?? '/', signIn.publicUrl), transaction);
    if (!result.ok) {
      if (result.reason === 'no-role') {
        logger.warn({ event: 'staff-signin-no-role', subject: hashed(result.sub) }, 'signed in at the identity provider but holds no staff role');
        sendHtml(res, 403, renderMessagePage(T.signIn.title, T.signIn.forbiddenHeading, T.signIn.forbidden), { 'set-cookie': cookies.clearTransaction() });
        return;
      }
      logger.warn({ event: 'staff-signin-failed', reason: result.detail }, 'staff sign-in failed');
      failed(result.reason === 'unavailable' ? 503 : 400, result.reason === 'unavailable' ? T.signIn.unavailable : T.signIn.failed);
      return;
    }
    const { cookie } = cookies.issue(result, clock());
    logger.info({ event: 'staff-signin', subject: hashed(result.sub), roles: result.roles }, 'staff signed in');
    redirect(res, transaction.returnTo, { 'set-cookie': [cookies.clearTransaction(), cookie] });
  });
}
