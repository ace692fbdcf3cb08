/**
 * The official page on the staff side (docs/official-page.md): the changes the watcher saw with their
 * diff and the drafts made from them, the facts check of the published corpus against the page, a page
 * imported as a draft (from its address, through the same fetcher and limits as the watcher, or pasted),
 * and the page as it read when a version was published.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type restify from 'restify';
import { z } from 'zod';
import { importDraft, type ContentEditing, type ImportPlan } from '../../content/index.js';
import { checkFacts, describeFinding, guessFormat, importPage, snapshotPage, type CheckedPage, type PageFormat } from '../../content/page/index.js';
import type { FaqEngine } from '../../core/index.js';
import type { Logger } from '../../logging/index.js';
import { checkPageUrl, fetchPage, newestReadings, type FetchPageOptions, type PageWatchStatus, type SqlPageStore, type WatchedPage } from '../../platform/page-watch/index.js';
import type { Caller } from './auth/access.js';
import type { StaffRole } from './auth/session.js';
import { actorOf, type ContentAccess } from './content-routes.js';
import { sendError, sendHtml, sendJson } from './http.js';
import type { PageViewer } from './pages/layout.js';
import { renderOfficialPage } from './pages/official-page.js';
import type { Kind, Need } from './routes.js';

export const PAGE_ROUTES = Object.freeze({
  page: '/staff/official-page',
  state: '/api/staff/official-page',
  facts: '/api/staff/official-page/facts',
  importPage: '/api/staff/changes/import-page',
  versionPages: '/api/staff/versions/:version/pages',
});

type Signed = Extract<Caller, { roles: readonly StaffRole[] }>;

export interface PageRoutesDeps {
  readonly content: ContentAccess;
  /** The official page's store (readings and the change log), when the staff store is on. */
  readonly pages: () => SqlPageStore | undefined;
  /** The watcher's status per page (OFFICIAL_PAGE_URL), when one runs. */
  readonly watchStatus: () => readonly PageWatchStatus[] | undefined;
  readonly engine: () => FaqEngine;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly guard: (req: IncomingMessage, res: ServerResponse, need: Need, kind: Kind) => Signed | undefined;
  readonly guardWrite: (req: IncomingMessage, res: ServerResponse, need: Need) => Signed | undefined;
  readonly jsonBody: <S extends z.ZodType>(req: IncomingMessage, res: ServerResponse, schema: S, maxBytes?: number) => Promise<z.infer<S> | undefined>;
  readonly viewerOf: (caller: Signed) => PageViewer;
  /** The fetcher's limits (tests shorten the timeout). */
  readonly fetch?: FetchPageOptions;
}

/** A pasted page may be as large as a fetched one (2 MB), with JSON's escaping on top. */
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const pageAddress = z.string().trim().min(1).max(2000);
const importBody = z.union([
  z.strictObject({ url: pageAddress }),
  z.strictObject({ html: z.string().min(1), url: pageAddress.optional() }),
  z.strictObject({ text: z.string().min(1), url: pageAddress.optional() }),
]);
const versionParam = z.string().regex(/^\d{1,9}$/).transform(Number);
const param = (req: restify.Request, name: string): unknown => (req.params === undefined ? undefined : Reflect.get(req.params, name));

export const checkedOf = (p: WatchedPage): CheckedPage => ({ url: p.snapshot.url, text: p.snapshot.text, years: p.snapshot.years });

export function registerPageRoutes(server: restify.Server, deps: PageRoutesDeps): void {
  const { guard, guardWrite, jsonBody, logger } = deps;

  /** Editing and the page store when both can be used; otherwise the refusal is sent. */
  const open = (res: ServerResponse): { editing: ContentEditing; pages: SqlPageStore } | undefined => {
    const access = deps.content();
    const pages = deps.pages();
    if (access.state === 'files') {
      sendError(res, 409, 'files_mode', 'The answers are kept in faq-data/ (CORPUS_SOURCE=files): import with npm run faq:import-page, or unset CORPUS_SOURCE to import here.');
      return undefined;
    }
    if (access.state === 'opening' || pages === undefined) {
      sendError(res, 503, 'store_unavailable', 'The staff store is not available right now; nothing was changed. Try again shortly.');
      return undefined;
    }
    return { editing: access.editing, pages };
  };
  const failed = (res: ServerResponse, err: unknown, route: string) => {
    logger.error({ err, route, event: 'staff-official-page-failed' }, 'the official page\'s store failed');
    if (!res.headersSent) sendError(res, 503, 'store_unavailable', 'The staff store is not available right now; nothing was changed. Try again shortly.');
  };

  /** The hosts of the watched pages and of every source the published corpus cites. */
  const allowedHosts = (): Set<string> => {
    const corpus = deps.engine().corpus;
    const urls = [
      ...(deps.watchStatus() ?? []).map((w) => w.url),
      ...corpus.entries.map((e) => e.source.url),
      ...corpus.timeline.updates.map((u) => u.source.url),
      corpus.contact.source.url,
    ];
    const hosts = new Set<string>();
    for (const u of urls) {
      try {
        hosts.add(new URL(u).hostname.toLowerCase());
      } catch {
        // not an address: nothing allowed by it
      }
    }
    return hosts;
  };

  const factsOf = async (pages: SqlPageStore) => {
    const read = newestReadings(await pages.watch.list());
    const result = checkFacts(deps.engine().corpus, read.map(checkedOf));
    return {
      pages: read.map((p) => ({ url: p.snapshot.url, hash: p.snapshot.hash, checkedAt: p.checkedAt, changedAt: p.changedAt })),
      checked: result.checked,
      findings: result.findings.map((f) => ({ ...f, message: describeFinding(f) })),
      unchecked: result.unchecked,
    };
  };

  server.get(PAGE_ROUTES.page, async (req: restify.Request, res: restify.Response) => {
    const caller = guard(req, res, 'editor-or-publisher', 'page');
    if (!caller) return;
    const pages = deps.pages();
    try {
      const [changes, facts] = pages === undefined || deps.content().state !== 'ready' ? [undefined, undefined] : await Promise.all([pages.changes.list(20), factsOf(pages)]);
      sendHtml(res, 200, renderOfficialPage({ viewer: deps.viewerOf(caller), changes, facts, watch: deps.watchStatus() ?? [], filesMode: deps.content().state === 'files' }));
    } catch (err) {
      logger.error({ err, route: 'staff-official-page' }, 'the official page\'s store failed');
      sendHtml(res, 200, renderOfficialPage({ viewer: deps.viewerOf(caller), changes: undefined, facts: undefined, watch: deps.watchStatus() ?? [], filesMode: false }));
    }
  });

  server.get(PAGE_ROUTES.state, async (req: restify.Request, res: restify.Response) => {
    if (!guard(req, res, 'editor-or-publisher', 'api')) return;
    const o = open(res);
    if (!o) return;
    try {
      const [read, changes] = await Promise.all([o.pages.watch.list(), o.pages.changes.list(20)]);
      sendJson(res, 200, {
        pages: read.map((p) => ({ url: p.snapshot.url, hash: p.snapshot.hash, checkedAt: p.checkedAt, changedAt: p.changedAt })),
        watch: deps.watchStatus() ?? [],
        changes,
      });
    } catch (err) {
      failed(res, err, 'staff-official-page-state');
    }
  });

  server.get(PAGE_ROUTES.facts, async (req: restify.Request, res: restify.Response) => {
    if (!guard(req, res, 'editor-or-publisher', 'api')) return;
    const o = open(res);
    if (!o) return;
    try {
      sendJson(res, 200, await factsOf(o.pages));
    } catch (err) {
      failed(res, err, 'staff-official-page-facts');
    }
  });

  server.post(PAGE_ROUTES.importPage, async (req: restify.Request, res: restify.Response) => {
    const caller = guardWrite(req, res, 'editor');
    if (!caller) return;
    const input = await jsonBody(req, res, importBody, MAX_IMPORT_BYTES);
    if (!input) return;
    const o = open(res);
    if (!o) return;
    const today = deps.clock().toISOString().slice(0, 10);
    let body: string;
    let format: PageFormat;
    let fetchedFrom: string | undefined;
    let validators: { etag?: string; lastModified?: string } = {};
    if ('html' in input || 'text' in input) {
      body = 'html' in input ? input.html : input.text;
      format = 'html' in input ? 'html' : guessFormat(input.text, 'text/plain');
    } else {
      // Only from a site the service already trusts: an editor's address must not make the server fetch
      // from anywhere it can reach (an internal host). Another site's page can be pasted instead.
      const checked = checkPageUrl(input.url);
      if (!checked.ok) return sendJson(res, 422, { error: { code: 'page_refused', reason: 'invalid-url', message: checked.message } });
      const allowed = allowedHosts();
      if (!allowed.has(checked.url.hostname.toLowerCase())) {
        return sendJson(res, 422, {
          error: {
            code: 'page_refused',
            reason: 'host-not-allowed',
            message: `Pages are fetched only from the sites the service watches (OFFICIAL_PAGE_URL) or the answers cite: ${[...allowed].sort().join(', ') || 'none yet'}. Paste the page's HTML or text instead, with its address.`,
          },
        });
      }
      // The watcher's fetcher: https only (loopback for tests), 2 MB, 10 s, same-host redirects, HTML or text.
      const fetched = await fetchPage(input.url, deps.fetch ?? {});
      if (fetched.kind !== 'page') {
        const message = fetched.kind === 'failed' ? fetched.message : `${input.url} answered 304 Not Modified to a plain request`;
        return sendJson(res, 422, { error: { code: 'page_refused', reason: fetched.kind === 'failed' ? fetched.reason : 'not-modified', message } });
      }
      body = fetched.body;
      format = fetched.format;
      fetchedFrom = fetched.url;
      validators = { ...(fetched.etag === undefined ? {} : { etag: fetched.etag }), ...(fetched.lastModified === undefined ? {} : { lastModified: fetched.lastModified }) };
    }
    // A pasted page may say where it is published; a fetched one is named by its canonical address or where it was read.
    const url = 'html' in input || 'text' in input ? input.url : undefined;
    const imported = importPage({ body, format, today, ...(url === undefined ? {} : { url }), ...(fetchedFrom === undefined ? {} : { fetchedFrom }) });
    if (!imported.ok) return sendJson(res, 422, { error: { code: 'page_refused', reason: imported.code, message: imported.message } });
    const draft = imported.draft;
    try {
      const latest = await o.editing.store.latest();
      if (latest === undefined) return sendError(res, 503, 'store_unavailable', 'No version has been published yet; the store is being seeded. Try again shortly.');
      // The page as read is what the facts check compares with, unless the watcher already keeps it.
      const at = deps.clock().toISOString();
      const known = await o.pages.watch.list();
      if (!known.some((p) => p.snapshot.url === draft.page.url)) {
        const snapshot = snapshotPage({ body, format, url: draft.page.url, today });
        await o.pages.watch.write(draft.page.url, { snapshot, ...validators, checkedAt: at, changedAt: at });
      }
      const summaryOf = (plan: ImportPlan) => ({
        page: { url: draft.page.url, title: draft.page.title, ...(draft.page.published === undefined ? {} : { published: draft.page.published }) },
        entries: { found: draft.entries.length, added: plan.added, matched: plan.matched },
        updates: { found: draft.timeline.length, added: plan.updates },
        contact: Object.fromEntries(
          (['name', 'phone', 'email', 'visitingAddress', 'openingHours', 'phoneHours'] as const).flatMap((k) => {
            const v = draft.contact[k];
            return v === undefined ? [] : [[k, { value: v.value, sentence: v.sentence }]];
          }),
        ),
        unplaced: plan.unplaced,
        personalDataRemoved: draft.personalDataRemoved,
      });
      // A new entry the corpus rules refuse (another contact center's number in its answer, a phrasing
      // another entry has) is left out and listed with why; the rest is drafted. Twice at most.
      const leaveOut = new Map<string, string>();
      for (let attempt = 0; ; attempt++) {
        const plan = importDraft(draft, latest, today, leaveOut);
        if (plan.change === undefined) return sendJson(res, 200, { id: null, status: 'nothing_new', ...summaryOf(plan) });
        const outcome = await o.editing.createChange(plan.change, actorOf(caller));
        if (outcome.ok) {
          logger.info({ event: 'staff-page-imported', change: outcome.id, page: draft.page.url, added: plan.added.length, matched: plan.matched.length, updates: plan.updates }, 'official page imported as a draft');
          return sendJson(res, 201, { id: outcome.id, status: 'draft', ...summaryOf(plan) });
        }
        if (outcome.reason !== 'invalid') break;
        const ofAdded = outcome.problems.filter((p) => p.entry !== null && plan.added.includes(p.entry));
        if (attempt >= 2 || ofAdded.length !== outcome.problems.length) {
          return sendJson(res, 422, { error: { code: 'invalid_change', message: 'The page was read, but the draft it makes breaks the corpus rules; nothing was stored. Each problem is named below.' }, problems: outcome.problems, ...summaryOf(plan) });
        }
        for (const p of ofAdded) if (p.entry !== null) leaveOut.set(p.entry, [leaveOut.get(p.entry), p.message].filter((m) => m !== undefined).join('; '));
      }
      sendError(res, 409, 'conflict', 'The published version changed meanwhile. Import again.');
    } catch (err) {
      failed(res, err, 'staff-import-page');
    }
  });

  server.get(PAGE_ROUTES.versionPages, async (req: restify.Request, res: restify.Response) => {
    if (!guard(req, res, 'editor-or-publisher', 'api')) return;
    const version = versionParam.safeParse(param(req, 'version'));
    if (!version.success) return sendError(res, 404, 'not_found', 'There is no such version.');
    const o = open(res);
    if (!o) return;
    try {
      const pages = await o.editing.store.versionPages(version.data);
      if (pages === undefined) return sendError(res, 404, 'not_found', `There is no version ${version.data}.`);
      sendJson(res, 200, { version: version.data, pages });
    } catch (err) {
      failed(res, err, 'staff-version-pages');
    }
  });
}
