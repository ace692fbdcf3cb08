import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type restify from 'restify';
import { z } from 'zod';
import { applyPatch, asPhrasing, changeInputSchema, compareEngines, entryFile, OUT_OF_SCOPE_FILE, type Actor, type ContentEditing, type CorpusFiles, type ImpactQuestion } from '../../content/index.js';
import type { FaqEngine } from '../../core/index.js';
import type { Logger } from '../../logging/index.js';
import type { Caller } from './auth/access.js';
import type { StaffRole } from './auth/session.js';
import { apiQuery, declaresJson, NOT_JSON, readBody, sendError, sendJson } from './http.js';
import { previewDecision } from './preview.js';
import type { Kind, Need } from './routes.js';

/** Builds a draft's engine (never served): the service's own build on the draft's files. */
export type DraftEngine = (files: CorpusFiles) => Promise<{ readonly ok: true; readonly engine: FaqEngine } | { readonly ok: false; readonly problems: readonly { readonly message: string }[] }>;

/** Where editing stands: on (with the store open), waiting for the store, or off because content is kept in files. */
export type ContentAccess = () => { readonly state: 'ready'; readonly editing: ContentEditing } | { readonly state: 'opening' } | { readonly state: 'files' };

export const CONTENT_ROUTES = Object.freeze({
  corpus: '/api/staff/corpus',
  changes: '/api/staff/changes',
  change: '/api/staff/changes/:id',
  publish: '/api/staff/changes/:id/publish',
  withdraw: '/api/staff/changes/:id/withdraw',
  impact: '/api/staff/changes/:id/impact',
  ask: '/api/staff/changes/:id/ask',
  reviewDraft: '/api/staff/review/drafts',
  versions: '/api/staff/versions',
  restore: '/api/staff/versions/:version/restore',
  audit: '/api/staff/audit',
});

/** A whole corpus fits: the shipped one is about 120 KB as JSON. */
export const MAX_CHANGE_BYTES = 2 * 1024 * 1024;

type Signed = Extract<Caller, { roles: readonly StaffRole[] }>;

export interface ContentRoutesDeps {
  readonly content: ContentAccess;
  readonly logger: Logger;
  readonly guard: (req: IncomingMessage, res: ServerResponse, need: Need, kind: Kind) => Signed | undefined;
  readonly guardWrite: (req: IncomingMessage, res: ServerResponse, need: Need) => Signed | undefined;
  readonly jsonBody: <S extends z.ZodType>(req: IncomingMessage, res: ServerResponse, schema: S, maxBytes?: number) => Promise<z.infer<S> | undefined>;
  /** The engine being served (the published corpus). */
  readonly engine: () => FaqEngine;
  /** Builds a draft's engine for the test pane and the impact preview. */
  readonly draftEngine: DraftEngine;
  /** What residents asked in the last 30 days (scrubbed; the unsettled and the sampled answered), or undefined while the store opens. */
  readonly residentQuestions: () => Promise<readonly string[] | undefined>;
  /** The golden questions, asked too. */
  readonly golden: readonly ImpactQuestion[];
  readonly clock: () => Date;
}

const reviewDraftBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('phrasing'), text: z.string().trim().min(1).max(500), lang: z.enum(['sv', 'en']), entry: z.string().min(1).max(100) }),
  z.strictObject({ action: z.literal('out-of-scope'), text: z.string().trim().min(1).max(500), lang: z.enum(['sv', 'en']) }),
]);
const phrasingsOf = z.looseObject({ phrasings: z.looseObject({ sv: z.array(z.string()), en: z.array(z.string()) }) });
const outOfScopeOf = z.looseObject({ sv: z.array(z.string()), en: z.array(z.string()) });

const askBody = z.strictObject({
  text: z
    .string()
    .refine((s) => s.trim().length > 0, 'must not be empty')
    .refine((s) => s.length <= 1000, 'must be at most 1000 characters')
    .refine((s) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(s), 'must not contain control characters'),
});

/** Publishing takes an optional body: the publisher's acknowledgement of facts the page does not state. */
const publishBody = z.strictObject({ acknowledgeFacts: z.boolean().optional() });

const idParam = z.string().regex(/^\d{1,12}$/).transform(Number);
const statusParam = z.enum(['draft', 'published', 'withdrawn']).optional();

/** Who the audit log records, and the key four eyes compares: a token's name, a person's subject id. */
export function actorOf(caller: Signed): Actor {
  if (caller.kind === 'token') return { name: caller.name, key: `token:${caller.name}` };
  const sub = caller.session.sub;
  const name = caller.session.name !== '' ? caller.session.name : `anställd ${createHash('sha256').update(sub).digest('base64url').slice(0, 8)}`;
  return { name, key: sub.startsWith('local:') ? sub : `oidc:${sub}` };
}

const param = (req: restify.Request, name: string): unknown => (req.params === undefined ? undefined : Reflect.get(req.params, name));

/** The editors' API: the published corpus, drafts, publishing, versions and rollback, and the audit log. */
export function registerContentRoutes(server: restify.Server, deps: ContentRoutesDeps): void {
  const { guard, guardWrite, jsonBody, logger } = deps;

  /** The editing service when it can be used; otherwise the refusal is sent. */
  const editing = (res: ServerResponse): ContentEditing | undefined => {
    const access = deps.content();
    if (access.state === 'ready') return access.editing;
    if (access.state === 'files') sendError(res, 409, 'files_mode', 'The answers are kept in faq-data/ (CORPUS_SOURCE=files): edit the files, or unset CORPUS_SOURCE to edit here.');
    else sendError(res, 503, 'store_unavailable', 'The staff store is not available right now; nothing was changed. Try again shortly.');
    return undefined;
  };
  const failed = (res: ServerResponse, err: unknown, route: string) => {
    logger.error({ err, route, event: 'staff-content-store-failed' }, 'the content store failed; the corpus being served is unchanged');
    if (!res.headersSent) sendError(res, 503, 'store_unavailable', 'The staff store is not available right now; nothing was changed. Try again shortly.');
  };

  server.get(CONTENT_ROUTES.corpus, async (req: restify.Request, res: restify.Response) => {
    if (!guard(req, res, 'staff', 'api')) return;
    const e = editing(res);
    if (!e) return;
    try {
      const view = await e.published();
      if (view === undefined) sendError(res, 503, 'store_unavailable', 'No version has been published yet; the store is being seeded. Try again shortly.');
      else sendJson(res, 200, view);
    } catch (err) {
      failed(res, err, 'staff-corpus');
    }
  });

  server.post(CONTENT_ROUTES.changes, async (req: restify.Request, res: restify.Response) => {
    const caller = guardWrite(req, res, 'editor');
    if (!caller) return;
    const input = await jsonBody(req, res, changeInputSchema, MAX_CHANGE_BYTES);
    if (!input) return;
    const e = editing(res);
    if (!e) return;
    try {
      const outcome = await e.createChange(input, actorOf(caller));
      if (outcome.ok) {
        logger.info({ event: 'staff-draft-created', change: outcome.id, base: input.baseVersion }, 'draft created');
        sendJson(res, 201, { id: outcome.id, status: 'draft', problems: [] });
      } else if (outcome.reason === 'invalid') {
        sendJson(res, 422, { error: { code: 'invalid_change', message: `The change was not stored: ${outcome.problems.length} problem(s), each named below at its entry and field.` }, problems: outcome.problems });
      } else {
        sendJson(res, 422, {
          error: { code: 'invalid_change', message: `There is no version ${input.baseVersion}; start from the published version${outcome.latest === undefined ? '' : ` (${outcome.latest})`}.` },
          problems: [{ entry: null, file: '', field: 'baseVersion', code: 'UNKNOWN_BASE', message: `there is no version ${input.baseVersion}` }],
        });
      }
    } catch (err) {
      failed(res, err, 'staff-changes-create');
    }
  });

  server.get(CONTENT_ROUTES.changes, async (req: restify.Request, res: restify.Response) => {
    if (!guard(req, res, 'editor-or-publisher', 'api')) return;
    const query = apiQuery(req, res);
    if (!query) return;
    const status = statusParam.safeParse(query.get('status'));
    if (!status.success) return sendError(res, 400, 'invalid_request', 'Parameter "status" must be draft, published or withdrawn.');
    const e = editing(res);
    if (!e) return;
    try {
      const items = await e.store.changes(status.data);
      sendJson(res, 200, { items: items.map((c) => ({ id: c.id, title: c.title, status: c.status, baseVersion: c.baseVersion, author: c.author, createdAt: c.createdAt.toISOString(), publishedVersion: c.publishedVersion })) });
    } catch (err) {
      failed(res, err, 'staff-changes-list');
    }
  });

  server.get(CONTENT_ROUTES.change, async (req: restify.Request, res: restify.Response) => {
    if (!guard(req, res, 'editor-or-publisher', 'api')) return;
    const id = idParam.safeParse(param(req, 'id'));
    if (!id.success) return sendError(res, 404, 'not_found', 'There is no such change.');
    const e = editing(res);
    if (!e) return;
    try {
      const change = await e.change(id.data);
      if (change === undefined) return sendError(res, 404, 'not_found', 'There is no such change.');
      sendJson(res, 200, { ...change, createdAt: change.createdAt.toISOString(), updatedAt: change.updatedAt.toISOString() });
    } catch (err) {
      failed(res, err, 'staff-change');
    }
  });

  server.post(CONTENT_ROUTES.publish, async (req: restify.Request, res: restify.Response) => {
    const caller = guardWrite(req, res, 'publisher');
    if (!caller) return;
    const id = idParam.safeParse(param(req, 'id'));
    if (!id.success) return sendError(res, 404, 'not_found', 'There is no such change.');
    const raw = await readBody(req, 1024);
    if (!raw.ok) return sendError(res, raw.status, raw.code, raw.message);
    let body: z.infer<typeof publishBody> = {};
    if (raw.text.trim() !== '') {
      if (!declaresJson(req)) return sendError(res, NOT_JSON.status, NOT_JSON.code, NOT_JSON.message);
      let json: unknown;
      try {
        json = JSON.parse(raw.text);
      } catch {
        return sendError(res, 400, 'invalid_request', 'The body must be JSON (or empty).');
      }
      const parsed = publishBody.safeParse(json);
      if (!parsed.success) return sendError(res, 400, 'invalid_request', 'The body may hold only "acknowledgeFacts": true or false.');
      body = parsed.data;
    }
    const e = editing(res);
    if (!e) return;
    try {
      const outcome = await e.publish(id.data, actorOf(caller), { acknowledgeFacts: body.acknowledgeFacts === true });
      if (outcome.ok) {
        logger.info({ event: 'staff-corpus-published', change: id.data, version: outcome.version, fields: outcome.diff.length }, 'draft published');
        return sendJson(res, 200, { version: outcome.version });
      }
      switch (outcome.reason) {
        case 'not_found':
          return sendError(res, 404, 'not_found', 'There is no such change.');
        case 'not_draft':
          return sendError(res, 409, 'not_draft', 'This change is not a draft any more (already published or withdrawn).');
        case 'four_eyes':
          return sendError(res, 403, 'four_eyes', 'Four eyes: a draft is published by a publisher who is not its author. Ask another publisher.');
        case 'conflict':
          return sendJson(res, 409, {
            error: { code: 'conflict', message: `Version ${outcome.latest} changed what this draft changes since it was started. Nothing was published; compare both and make a new draft from version ${outcome.latest}.` },
            latest: outcome.latest,
            paths: outcome.paths,
            theirs: outcome.theirs,
            mine: outcome.mine,
          });
        case 'invalid':
          return sendJson(res, 422, { error: { code: 'invalid_change', message: 'On top of the published version this draft would make an invalid corpus; nothing was published.' }, problems: outcome.problems });
        case 'facts_unconfirmed':
          return sendJson(res, 409, {
            error: {
              code: 'facts_unconfirmed',
              message: `${outcome.facts.length} fact(s) in this draft are not on the official page. Nothing was published: check each, then publish again with {"acknowledgeFacts": true} to publish anyway (the audit log keeps them).`,
              facts: outcome.facts,
            },
          });
      }
    } catch (err) {
      failed(res, err, 'staff-publish');
    }
  });

  // A draft its author (or a publisher) takes back: it leaves the drafts and can never be published.
  server.post(CONTENT_ROUTES.withdraw, async (req: restify.Request, res: restify.Response) => {
    const caller = guardWrite(req, res, 'editor-or-publisher');
    if (!caller) return;
    const id = idParam.safeParse(param(req, 'id'));
    if (!id.success) return sendError(res, 404, 'not_found', 'There is no such change.');
    const e = editing(res);
    if (!e) return;
    try {
      const outcome = await e.withdraw(id.data, actorOf(caller), caller.roles.includes('publisher'));
      if (outcome.ok) {
        logger.info({ event: 'staff-draft-withdrawn', change: id.data }, 'draft withdrawn');
        return sendJson(res, 200, { id: id.data, status: 'withdrawn' });
      }
      if (outcome.reason === 'not_found') return sendError(res, 404, 'not_found', 'There is no such change.');
      if (outcome.reason === 'forbidden') return sendError(res, 403, 'forbidden', 'Only the draft\'s author or a publisher may withdraw it.');
      sendError(res, 409, 'not_draft', outcome.status === 'published' ? 'This change is published; it cannot be withdrawn (restore an earlier version instead).' : 'This draft is already withdrawn.');
    } catch (err) {
      failed(res, err, 'staff-withdraw');
    }
  });

  /** The draft's files on top of the version published now, and its engine; the refusal is sent when there is none. */
  const draftOf = async (req: restify.Request, res: ServerResponse, e: ContentEditing): Promise<{ engine: FaqEngine; version: number } | undefined> => {
    const id = idParam.safeParse(param(req, 'id'));
    const change = id.success ? await e.change(id.data) : undefined;
    const latest = await e.store.latest();
    if (change === undefined || latest === undefined) {
      sendError(res, 404, 'not_found', 'There is no such change.');
      return undefined;
    }
    const built = await deps.draftEngine(applyPatch(latest.files, change.patch));
    if (!built.ok) {
      sendJson(res, 422, { error: { code: 'invalid_change', message: 'On top of the published version this draft does not build.' }, problems: built.problems.map((p) => ({ entry: null, field: '', code: 'DRAFT_BUILD', message: p.message })) });
      return undefined;
    }
    return { engine: built.engine, version: latest.version };
  };

  server.get(CONTENT_ROUTES.impact, async (req: restify.Request, res: restify.Response) => {
    if (!guard(req, res, 'editor-or-publisher', 'api')) return;
    const e = editing(res);
    if (!e) return;
    try {
      const draft = await draftOf(req, res, e);
      if (!draft) return;
      const resident = (await deps.residentQuestions()) ?? [];
      const questions: ImpactQuestion[] = [...resident.map((text) => ({ text, source: 'resident' as const })), ...deps.golden];
      const impact = compareEngines(questions, deps.engine(), draft.engine, deps.clock());
      sendJson(res, 200, { version: draft.version, asked: impact.asked, changed: impact.changed });
    } catch (err) {
      failed(res, err, 'staff-impact');
    }
  });

  server.post(CONTENT_ROUTES.ask, async (req: restify.Request, res: restify.Response) => {
    if (!guardWrite(req, res, 'editor-or-publisher')) return;
    const input = await jsonBody(req, res, askBody);
    if (!input) return;
    const e = editing(res);
    if (!e) return;
    try {
      const draft = await draftOf(req, res, e);
      if (!draft) return;
      sendJson(res, 200, { version: draft.version, draft: previewDecision(draft.engine, input.text), published: previewDecision(deps.engine(), input.text) });
    } catch (err) {
      failed(res, err, 'staff-draft-ask');
    }
  });

  // From the review to the corpus: a resident's wording becomes a draft (a phrasing of an entry, or an
  // out-of-scope question), validated like any other, for a publisher to approve.
  server.post(CONTENT_ROUTES.reviewDraft, async (req: restify.Request, res: restify.Response) => {
    const caller = guardWrite(req, res, 'editor');
    if (!caller) return;
    const input = await jsonBody(req, res, reviewDraftBody);
    if (!input) return;
    const e = editing(res);
    if (!e) return;
    const wording = asPhrasing(input.text);
    if (wording === '') return sendError(res, 400, 'invalid_request', 'Field "text" holds nothing but removed personal data.');
    try {
      const latest = await e.store.latest();
      if (latest === undefined) return sendError(res, 503, 'store_unavailable', 'No version has been published yet. Try again shortly.');
      let change: z.input<typeof changeInputSchema>;
      if (input.action === 'phrasing') {
        const parsed = phrasingsOf.safeParse(latest.files[entryFile(input.entry)]);
        if (!parsed.success) return sendError(res, 404, 'not_found', `There is no entry "${input.entry}".`);
        const entry = parsed.data;
        const list = entry.phrasings[input.lang];
        const phrasings = { ...entry.phrasings, [input.lang]: list.includes(wording) ? list : [...list, wording] };
        change = { title: `Ny formulering för ${input.entry}: ”${wording}”`, baseVersion: latest.version, entries: [{ ...entry, phrasings }] };
      } else {
        const parsed = outOfScopeOf.safeParse(latest.files[OUT_OF_SCOPE_FILE]);
        if (!parsed.success) return sendError(res, 503, 'store_unavailable', 'The published out-of-scope questions cannot be read.');
        const list = parsed.data[input.lang];
        change = { title: `Inte om incidenten: ”${wording}”`, baseVersion: latest.version, outOfScope: { ...parsed.data, [input.lang]: list.includes(wording) ? list : [...list, wording] } };
      }
      const outcome = await e.createChange(changeInputSchema.parse(change), actorOf(caller));
      if (outcome.ok) return sendJson(res, 201, { id: outcome.id, status: 'draft', problems: [] });
      if (outcome.reason === 'invalid') return sendJson(res, 422, { error: { code: 'invalid_change', message: 'This wording cannot be added as it stands.' }, problems: outcome.problems });
      sendError(res, 409, 'conflict', 'The published version changed meanwhile. Try again.');
    } catch (err) {
      failed(res, err, 'staff-review-draft');
    }
  });

  server.get(CONTENT_ROUTES.versions, async (req: restify.Request, res: restify.Response) => {
    if (!guard(req, res, 'editor-or-publisher', 'api')) return;
    const e = editing(res);
    if (!e) return;
    try {
      const items = await e.store.versions();
      sendJson(res, 200, { items: items.map((v) => ({ ...v, publishedAt: v.publishedAt.toISOString() })) });
    } catch (err) {
      failed(res, err, 'staff-versions');
    }
  });

  server.post(CONTENT_ROUTES.restore, async (req: restify.Request, res: restify.Response) => {
    const caller = guardWrite(req, res, 'publisher');
    if (!caller) return;
    const version = idParam.safeParse(param(req, 'version'));
    if (!version.success) return sendError(res, 404, 'not_found', 'There is no such version.');
    const e = editing(res);
    if (!e) return;
    try {
      const outcome = await e.restore(version.data, actorOf(caller));
      if (!outcome.ok) return sendError(res, 404, 'not_found', `There is no version ${version.data}.`);
      logger.info({ event: 'staff-corpus-restored', from: version.data, version: outcome.version }, 'earlier version restored');
      sendJson(res, 200, { version: outcome.version });
    } catch (err) {
      failed(res, err, 'staff-restore');
    }
  });

  server.get(CONTENT_ROUTES.audit, async (req: restify.Request, res: restify.Response) => {
    if (!guard(req, res, 'editor-or-publisher', 'api')) return;
    const e = editing(res);
    if (!e) return;
    try {
      const items = await e.audit();
      sendJson(res, 200, { items: items.map((a) => ({ ...a, at: a.at.toISOString() })) });
    } catch (err) {
      failed(res, err, 'staff-audit');
    }
  });
}
