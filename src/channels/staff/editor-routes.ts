import type { IncomingMessage, ServerResponse } from 'node:http';
import type restify from 'restify';
import { z } from 'zod';
import { applyPatch, conflictingPaths, CONTACT_FILE, draftReview, entryFile, fieldDiff, OUT_OF_SCOPE_FILE, TIMELINE_FILE, WELCOME_FILE, type ContentEditing, type PublishedCorpusView, type StoredChange } from '../../content/index.js';
import type { Logger } from '../../logging/index.js';
import type { Caller } from './auth/access.js';
import type { StaffRole } from './auth/session.js';
import { actorOf, type ContentAccess } from './content-routes.js';
import { EDITOR_TEXT } from './editor-text.js';
import { queryOf, sendHtml } from './http.js';
import { renderDraftPage, renderDraftsPage } from './pages/editor-draft.js';
import { renderContactEditor } from './pages/editor-contact.js';
import { renderEntriesPage, renderEntryEditor } from './pages/editor-entries.js';
import { renderOutOfScopeEditor, renderSynonymsEditor } from './pages/editor-lists.js';
import { renderTimelineEditor } from './pages/editor-timeline.js';
import { renderWelcomeEditor } from './pages/editor-welcome.js';
import { renderBadAddressPage, renderMessagePage, type PageViewer } from './pages/layout.js';
import { renderVersionsPage } from './pages/versions.js';
import type { Kind, Need } from './routes.js';

type Signed = Extract<Caller, { roles: readonly StaffRole[] }>;

/** The editors' pages' URLs (documented in docs/staff.md). */
export const EDITOR_PAGES = Object.freeze({
  entries: '/staff/entries',
  newEntry: '/staff/entries/new',
  entry: '/staff/entries/:id',
  timeline: '/staff/timeline',
  contact: '/staff/contact',
  outOfScope: '/staff/out-of-scope',
  synonyms: '/staff/synonyms',
  welcome: '/staff/welcome',
  drafts: '/staff/drafts',
  draft: '/staff/drafts/:id',
  versions: '/staff/versions',
});

export interface EditorPagesDeps {
  readonly content: ContentAccess;
  readonly logger: Logger;
  readonly guard: (req: IncomingMessage, res: ServerResponse, need: Need, kind: Kind) => Signed | undefined;
  readonly viewerOf: (caller: Signed) => PageViewer;
}

const idParam = z.string().regex(/^\d{1,12}$/).transform(Number);
const entryIdParam = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(100);
const param = (req: restify.Request, name: string): unknown => (req.params === undefined ? undefined : Reflect.get(req.params, name));

/**
 * The editors' pages: server-rendered Swedish HTML over the same content service as the staff API (the
 * pages read; their scripts write through the API with the session's CSRF token).
 */
export function registerEditorPages(server: restify.Server, deps: EditorPagesDeps): void {
  const { guard, viewerOf, logger } = deps;
  const T = EDITOR_TEXT;

  const message = (res: ServerResponse, status: number, text: string, viewer?: PageViewer) =>
    sendHtml(res, status, renderMessagePage(`${T.entries.title} ${T.site}`, T.entries.heading, text, { href: EDITOR_PAGES.entries, label: T.entries.heading }, viewer));

  const editing = (res: ServerResponse, viewer: PageViewer): ContentEditing | undefined => {
    const access = deps.content();
    if (access.state === 'ready') return access.editing;
    message(res, access.state === 'files' ? 409 : 503, access.state === 'files' ? T.filesMode : T.notReady, viewer);
    return undefined;
  };
  const failed = (res: ServerResponse, err: unknown, route: string, viewer: PageViewer) => {
    logger.error({ err, route, event: 'staff-content-store-failed' }, 'the content store failed while rendering an editors page');
    if (!res.headersSent) message(res, 503, T.notReady, viewer);
  };

  /** A page read from the content store: signed in with `need`, the store open; a store failure is a 503 page. */
  const storePage = (path: string, need: Need, handle: (ctx: { caller: Signed; viewer: PageViewer; e: ContentEditing; req: restify.Request; res: restify.Response }) => Promise<void>) => {
    server.get(path, async (req: restify.Request, res: restify.Response) => {
      const caller = guard(req, res, need, 'page');
      if (!caller) return;
      const viewer = viewerOf(caller);
      const e = editing(res, viewer);
      if (!e) return;
      try {
        await handle({ caller, viewer, e, req, res });
      } catch (err) {
        failed(res, err, path, viewer);
      }
    });
  };

  /** An editor page: the published corpus, and a draft to start from when `?draft=N` names one. */
  const editorPage = (path: string, need: Need, render: (viewer: PageViewer, corpus: PublishedCorpusView, from: StoredChange | undefined, req: restify.Request, res: ServerResponse, e: ContentEditing) => string | undefined | Promise<string>) =>
    storePage(path, need, async ({ viewer, e, req, res }) => {
      const query = queryOf(req);
      if (!query.ok) return sendHtml(res, 400, renderBadAddressPage(`${T.entries.title} ${T.site}`, query, { href: EDITOR_PAGES.entries, label: T.entries.heading }, viewer));
      const corpus = await e.published();
      if (corpus === undefined) return message(res, 503, T.notReady, viewer);
      const draftId = idParam.safeParse(query.params.get('draft') ?? '');
      const from = draftId.success ? await e.change(draftId.data) : undefined;
      const html = await render(viewer, corpus, from, req, res, e);
      if (html !== undefined) sendHtml(res, 200, html);
    });
  /** The file as a draft has it, else as published. */
  const fileOf = (from: StoredChange | undefined, file: string, published: unknown) => (from !== undefined && file in from.patch.put ? from.patch.put[file] : published);

  editorPage(EDITOR_PAGES.entries, 'editor', async (viewer, corpus, _from, _req, _res, e) => renderEntriesPage(viewer, corpus, (await e.store.changes('draft')).length));
  editorPage(EDITOR_PAGES.newEntry, 'editor', (viewer, corpus) => renderEntryEditor({ viewer, corpus, entry: undefined, isNew: true }));
  editorPage(EDITOR_PAGES.entry, 'editor', (viewer, corpus, from, req, res) => {
    const id = entryIdParam.safeParse(param(req, 'id'));
    const published = id.success ? corpus.entries.find((x) => x !== null && typeof x === 'object' && Reflect.get(x, 'id') === id.data) : undefined;
    const fromDraft = id.success && from !== undefined && entryFile(id.data) in from.patch.put ? from : undefined;
    if (published === undefined && fromDraft === undefined) {
      message(res, 404, T.entry.unknown, viewer);
      return undefined;
    }
    const entry = fromDraft === undefined ? published : fromDraft.patch.put[entryFile(id.success ? id.data : '')];
    return renderEntryEditor({ viewer, corpus, entry, isNew: published === undefined, ...(fromDraft === undefined ? {} : { fromDraft: fromDraft.id }) });
  });
  const used = (from: StoredChange | undefined, file: string) => (from !== undefined && file in from.patch.put ? from.id : undefined);
  editorPage(EDITOR_PAGES.timeline, 'editor', (viewer, corpus, from) => renderTimelineEditor(viewer, corpus, fileOf(from, TIMELINE_FILE, corpus.timeline), used(from, TIMELINE_FILE)));
  editorPage(EDITOR_PAGES.contact, 'editor', (viewer, corpus, from) => renderContactEditor(viewer, corpus, fileOf(from, CONTACT_FILE, corpus.contact), used(from, CONTACT_FILE)));
  editorPage(EDITOR_PAGES.outOfScope, 'editor', (viewer, corpus, from) => renderOutOfScopeEditor(viewer, corpus, fileOf(from, OUT_OF_SCOPE_FILE, corpus.outOfScope), used(from, OUT_OF_SCOPE_FILE)));
  editorPage(EDITOR_PAGES.synonyms, 'editor', (viewer, corpus, from) => renderSynonymsEditor(viewer, corpus, fileOf(from, 'synonyms.yaml', corpus.synonyms), used(from, 'synonyms.yaml')));
  editorPage(EDITOR_PAGES.welcome, 'editor', (viewer, corpus, from) => renderWelcomeEditor(viewer, corpus, fileOf(from, WELCOME_FILE, corpus.welcome), used(from, WELCOME_FILE)));

  storePage(EDITOR_PAGES.drafts, 'editor-or-publisher', async ({ viewer, e, res }) => {
    const [drafts, published, withdrawn] = await Promise.all([e.store.changes('draft'), e.store.changes('published', 10), e.store.changes('withdrawn', 10)]);
    sendHtml(res, 200, renderDraftsPage(viewer, drafts, published, withdrawn));
  });

  storePage(EDITOR_PAGES.draft, 'editor-or-publisher', async ({ caller, viewer, e, req, res }) => {
    const id = idParam.safeParse(param(req, 'id'));
    const change = id.success ? await e.change(id.data) : undefined;
    const latest = await e.store.latest();
    if (change === undefined || latest === undefined) return message(res, 404, T.drafts.none, viewer);
    let diff;
    let conflict;
    let review;
    if (change.status === 'draft') {
      const mineFiles = applyPatch(latest.files, change.patch);
      diff = fieldDiff(latest.files, mineFiles);
      review = draftReview(latest.files, mineFiles);
      const base = await e.store.version(change.baseVersion);
      const paths = base === undefined || base.version === latest.version ? [] : conflictingPaths(change.patch, base.files, latest.files);
      if (paths.length > 0) {
        conflict = {
          latest: latest.version,
          paths,
          theirs: Object.fromEntries(paths.map((p) => [p, latest.files[p]])),
          mine: Object.fromEntries(paths.map((p) => [p, mineFiles[p]])),
        };
      }
    } else {
      diff = (await e.audit()).find((a) => a.change === change.id && a.action === 'draft')?.diff ?? [];
    }
    const isPublisher = caller.roles.includes('publisher');
    sendHtml(res, 200, renderDraftPage({ viewer, change, diff, conflict, review, canPublish: isPublisher, canWithdraw: isPublisher || actorOf(caller).key === change.authorKey }));
  });

  storePage(EDITOR_PAGES.versions, 'editor-or-publisher', async ({ caller, viewer, e, res }) => {
    const [versions, audit] = await Promise.all([e.store.versions(), e.audit(100)]);
    sendHtml(res, 200, renderVersionsPage(viewer, versions, audit, caller.roles.includes('publisher')));
  });
}
