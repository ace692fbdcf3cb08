import { randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type restify from 'restify';
import { ASSET_PATHS, defaultWebChatBundlePath, loadAssets, type StaticAsset } from './assets.js';
import { generateDirectLineToken } from './direct-line-token.js';
import { WEB_ERRORS, webError, type WebErrorCode } from './errors.js';
import { latestUpdateAt, type Welcome } from '../../core/index.js';
import { capitalized, identityOf, type Translate } from '../../i18n/index.js';
import { DEFAULT_WEB_CHAT_LIMITS, DEFAULT_WEB_CHAT_LINKS, type WebChatDeps, type WebChatLimits, type WebChatLinks } from './options.js';
import { contentSecurityPolicy, createChatPage, type PageVariant } from './page.js';
import { clientKey, createWebChatLimiters } from './rate-limit.js';
import { readJsonBody } from './read-body.js';
import { shapeReplies } from './replies.js';
import { buildActivity, describeIssues, MAX_JSON_DEPTH, nestsDeeperThan, WEB_BOT, webChatRequestSchema } from './request.js';

/** The URLs this channel serves (documented in docs/web-and-teams.md). */
export const WEB_CHAT_ROUTES = Object.freeze({
  page: '/',
  embed: '/embed',
  messages: '/api/webchat/messages',
  pageState: '/api/webchat/page-state',
  directLineToken: '/api/directline/token',
  assets: ASSET_PATHS,
});

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/** Without a corpus (tests of the page alone): the product's neutral names. */
const NO_WELCOME: Welcome = Object.freeze({ starters: [], places: [] });

/** The environment's addresses first, then the corpus's own (welcome.yaml). */
function linksFor(configured: WebChatLinks, welcome: Welcome): WebChatLinks {
  return { privacy: configured.privacy ?? welcome.links?.privacy, accessibility: configured.accessibility ?? welcome.links?.accessibility };
}

/** The bot as the page and its replies name it: the organisation the corpus speaks for. */
function webBot(welcome: Welcome, translate: Translate): { readonly id: string; readonly name: string } {
  return { id: WEB_BOT.id, name: capitalized(identityOf(welcome, 'sv', translate).organisation) };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(payload.length),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(payload);
}

const sendError = (res: ServerResponse, status: number, code: WebErrorCode, message: string, headers: Record<string, string> = {}) =>
  sendJson(res, status, webError(code, message), headers);

// 429 with the seconds to wait twice: Retry-After for HTTP clients, retryAfterSeconds for the page's own text.
const sendRateLimited = (res: ServerResponse, retryAfterSeconds: number, message: string) =>
  sendJson(res, 429, { error: { ...webError('rate_limited', message).error, retryAfterSeconds } }, { 'retry-after': String(retryAfterSeconds) });

async function sendAsset(req: restify.Request, res: ServerResponse, asset: StaticAsset): Promise<void> {
  if (req.headers['if-none-match'] === asset.etag) {
    res.writeHead(304, { etag: asset.etag, 'cache-control': asset.cacheControl });
    res.end();
    return;
  }
  const gzipped = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) ? await asset.gzipped : undefined;
  const gzip = gzipped !== undefined;
  const body = gzipped ?? asset.body;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': asset.contentType,
    'content-length': String(body.length),
    'cache-control': asset.cacheControl,
    etag: asset.etag,
    vary: 'Accept-Encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(body);
}

/**
 * Registers the residents' website chat on the service's restify server: the page (GET / and /embed),
 * its static files, the self-hosted message endpoint and, when configured, the Direct Line token endpoint.
 * Reads its static files synchronously, once: a missing Web Chat bundle fails start-up.
 */
export function registerWebChatRoutes(server: restify.Server, deps: WebChatDeps): void {
  const limits: WebChatLimits = { ...DEFAULT_WEB_CHAT_LIMITS, ...deps.limits };
  const { logger, contact, runInline, directLine } = deps;
  const trustProxy = deps.trustProxy ?? false;
  const assets = loadAssets(deps.webChatBundlePath ?? defaultWebChatBundlePath());
  const requestSchema = webChatRequestSchema(limits.maxTextLength);
  const limiters = createWebChatLimiters(limits, deps.rateLimiters);
  const directLineOrigin = directLine === undefined ? undefined : new URL(directLine.endpoint).origin;
  const pageFor = (contact: WebChatDeps['contact'], welcome: Welcome) =>
    createChatPage({
      contact,
      welcome,
      translate: deps.translate,
      translateEn: deps.translateEn,
      links: linksFor(deps.links ?? DEFAULT_WEB_CHAT_LINKS, welcome),
      maxLength: Math.min(limits.maxTextLength, limits.maxQuestionLength),
      transport:
        directLine === undefined
          ? { kind: 'self-hosted', messagesUrl: WEB_CHAT_ROUTES.messages }
          : { kind: 'direct-line', tokenUrl: WEB_CHAT_ROUTES.directLineToken, domain: directLine.endpoint },
      bot: webBot(welcome, deps.translate),
      stateUrl: WEB_CHAT_ROUTES.pageState,
    });
  // The contact details come from the corpus being served (a reload swaps it): the page is built again
  // only when they change, never kept from start-up.
  const welcomeNow = () => deps.engine?.corpus.welcome ?? NO_WELCOME;
  let built = { contact, welcome: welcomeNow(), page: pageFor(contact, welcomeNow()) };
  const chatPageNow = () => {
    const current = deps.engine?.corpus.contact ?? contact;
    const welcome = welcomeNow();
    if (current !== built.contact || welcome !== built.welcome) built = { contact: current, welcome, page: pageFor(current, welcome) };
    return built.page;
  };

  const clock = deps.clock ?? (() => new Date());
  // The corpus being served now (a reload swaps it), never a copy taken at start-up.
  const latestNow = () => (deps.engine === undefined ? undefined : latestUpdateAt(deps.engine.corpus.timeline, clock()));
  const page = (variant: PageVariant) => async (_req: restify.Request, res: restify.Response) => {
    const nonce = randomBytes(16).toString('base64');
    const latest = latestNow();
    const html = Buffer.from(chatPageNow().html(variant, nonce, latest));
    // The standalone page is never framed; /embed only by the origins the municipality configured.
    const frameAncestors = variant === 'embed' ? (deps.frameAncestors?.length ? deps.frameAncestors : ["'self'"]) : [];
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/html; charset=utf-8',
      'content-length': String(html.length),
      'cache-control': 'no-store',
      'content-security-policy': contentSecurityPolicy(nonce, { directLineOrigin, frameAncestors }),
    });
    res.end(html);
  };
  server.get(WEB_CHAT_ROUTES.page, page('standalone'));
  server.get(WEB_CHAT_ROUTES.embed, page('embed'));

  // An open page's status line and contact details, for the Direct Line transport (the self-hosted one
  // gets them with its replies). `?v=` is the version the page shows: 204 when it is still current.
  server.get(WEB_CHAT_ROUTES.pageState, async (req: restify.Request, res: restify.Response) => {
    const state = chatPageNow().state(latestNow());
    const shown = new URL(req.url ?? '/', 'http://page').searchParams.get('v');
    if (shown === state.version) {
      res.writeHead(204, { ...SECURITY_HEADERS, 'cache-control': 'no-store' });
      res.end();
      return;
    }
    sendJson(res, 200, state);
  });

  for (const [path, asset] of assets) {
    server.get(path, async (req: restify.Request, res: restify.Response) => sendAsset(req, res, asset));
  }

  server.post(WEB_CHAT_ROUTES.messages, async (req: restify.Request, res: restify.Response) => {
    const started = process.hrtime.bigint();
    try {
      const body = await readJsonBody(req, limits.maxBodyBytes, limits.bodyTimeoutMs);
      // zod's JSON check recurses: absurd nesting is refused before any parsing instead of overflowing the stack.
      const tooDeep = body.ok && nestsDeeperThan(body.value, MAX_JSON_DEPTH);
      const parsed = body.ok && !tooDeep ? requestSchema.safeParse(body.value) : undefined;
      // Every request counts against its address; a welcome (opening the chat) only against the welcome
      // bucket, so it never costs a resident a message. Refusals are logged once per window by the limiter.
      const welcome = parsed?.success === true && parsed.data.type === 'conversationUpdate';
      const rate = await (welcome ? limiters.welcome : limiters.client).consume(clientKey(req, trustProxy));
      if (!rate.ok) {
        sendRateLimited(res, rate.retryAfterSeconds, WEB_ERRORS.rate_limited(rate.retryAfterSeconds));
        return;
      }
      if (!body.ok) {
        const message = body.code === 'body_too_large' ? WEB_ERRORS.body_too_large(limits.maxBodyBytes) : WEB_ERRORS[body.code]();
        // A body we stopped reading cannot share the connection with the next request.
        sendError(res, body.status, body.code, message, body.status === 413 || body.status === 408 ? { connection: 'close' } : {});
        return;
      }
      if (parsed === undefined) {
        logger.info({ route: 'webchat', status: 400 }, 'webchat request rejected');
        sendError(res, 400, 'invalid_request', WEB_ERRORS.invalid_request(`JSON nests deeper than ${MAX_JSON_DEPTH} levels`));
        return;
      }
      if (!parsed.success) {
        const details = describeIssues(parsed.error);
        const tooLong = parsed.error.issues.some((i) => i.code === 'too_big' && i.path[0] === 'text');
        logger.info({ route: 'webchat', status: tooLong ? 413 : 400 }, 'webchat request rejected');
        sendError(res, tooLong ? 413 : 400, 'invalid_request', WEB_ERRORS.invalid_request(details));
        return;
      }
      if (parsed.data.type === 'message') {
        const own = await limiters.conversation.consume(parsed.data.conversationId);
        if (!own.ok) {
          sendRateLimited(res, own.retryAfterSeconds, WEB_ERRORS.rate_limited_conversation(own.retryAfterSeconds));
          return;
        }
      }
      const now = new Date();
      const bot = webBot(welcomeNow(), deps.translate);
      const activity = buildActivity(parsed.data, now, `wc-${randomUUID()}`, bot);
      let replies: readonly unknown[];
      try {
        replies = await runInline(activity);
      } catch (err) {
        logger.error({ err, route: 'webchat', activityId: activity.id, type: activity.type }, 'bot failed on a web chat activity');
        sendError(res, 503, 'bot_unavailable', WEB_ERRORS.bot_unavailable());
        return;
      }
      const shaped = shapeReplies(Array.isArray(replies) ? replies : [], { conversationId: activity.conversation.id, replyToId: activity.id, after: now, bot });
      if (shaped.dropped > 0) logger.warn({ route: 'webchat', activityId: activity.id, dropped: shaped.dropped }, 'bot replies that did not parse were dropped');
      // Ids, lengths and timings only: residents type personal data.
      logger.info(
        { route: 'webchat', type: activity.type, textLength: activity.text?.length ?? 0, replies: shaped.activities.length, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        'webchat turn',
      );
      // A page that shows an older status line or contact details gets the current ones with its reply
      // (only the page sends pageVersion; other callers get the reply alone).
      const shown = parsed.data.pageVersion;
      const state = shown === undefined ? undefined : chatPageNow().state(latestNow());
      const fresh = state === undefined || shown === state.version ? {} : { page: state };
      sendJson(res, 200, { id: activity.id, timestamp: now.toISOString(), activities: shaped.activities, ...fresh });
    } catch (err) {
      // One boundary for this endpoint: whatever broke, the browser gets JSON it can explain, not a 500.
      logger.error({ err, route: 'webchat' }, 'unexpected error in web chat endpoint');
      if (!res.headersSent) sendError(res, 503, 'bot_unavailable', WEB_ERRORS.bot_unavailable());
    }
  });

  server.post(WEB_CHAT_ROUTES.directLineToken, async (req: restify.Request, res: restify.Response) => {
    try {
      const rate = await limiters.token.consume(clientKey(req, trustProxy));
      if (!rate.ok) {
        sendRateLimited(res, rate.retryAfterSeconds, WEB_ERRORS.rate_limited(rate.retryAfterSeconds));
        return;
      }
      if (directLine === undefined) {
        sendError(res, 404, 'direct_line_not_configured', WEB_ERRORS.direct_line_not_configured());
        return;
      }
      const result = await generateDirectLineToken(directLine);
      if (!result.ok) {
        logger.error({ route: 'directline-token', reason: result.reason, status: result.status }, 'Direct Line token exchange failed');
        sendError(res, 502, 'direct_line_unavailable', WEB_ERRORS.direct_line_unavailable());
        return;
      }
      sendJson(res, 200, result.value);
    } catch (err) {
      logger.error({ err, route: 'directline-token' }, 'unexpected error in Direct Line token endpoint');
      if (!res.headersSent) sendError(res, 502, 'direct_line_unavailable', WEB_ERRORS.direct_line_unavailable());
    }
  });
}
