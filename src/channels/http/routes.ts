import { timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import type { Clock, Decision, FaqEngine } from '../../core/index.js';
import type { Logger } from '../../logging/index.js';
import { corpusVersion, type RateLimiter } from '../../platform/index.js';
import { clientAddress } from './client-address.js';
import { searchFaq } from './search-api.js';

/** The corpus being served, as /healthz reports it. */
export interface CorpusHealth {
  /** Content hash. */
  readonly version: string;
  readonly loadedAt: Date;
  readonly entries: number;
  readonly lastReload?: { readonly at: Date; readonly trigger: string; readonly result: string; readonly problems: number };
}

/** What /readyz reports: ready only when every check passes. */
export interface Readiness {
  readonly ready: boolean;
  readonly checks: { readonly corpus: 'loaded'; readonly store: string; readonly draining: boolean };
  /** Information that never decides readiness, e.g. whether the official page could be fetched. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface OpsRoutesOptions {
  /** The corpus being served (the reloader's status). */
  readonly corpus: () => CorpusHealth;
  /** Corpus loaded, shared store reachable, not draining. */
  readonly readiness: () => Promise<Readiness>;
  /** The Prometheus registry; /metrics is not served without it. */
  readonly metrics?: { readonly contentType: string; metrics(): Promise<string> };
  /** When set, /metrics requires "Authorization: Bearer <token>". */
  readonly metricsToken?: string | undefined;
  /** Without a token, serve /metrics to anyone (true) or to loopback callers not behind a proxy only (false, the default). */
  readonly metricsPublic?: boolean | undefined;
}

const LOOPBACK = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/** A scraper on this machine: a loopback socket, and no proxy in between (a proxy adds X-Forwarded-For). */
function isLocalCaller(req: restify.Request): boolean {
  return LOOPBACK.test(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined;
}

const noStore = { 'cache-control': 'no-store' };

/**
 * GET /healthz (alive: 200 while the process serves, with the corpus version and load time),
 * GET /readyz (200 or 503: whether a load balancer should send traffic here) and GET /metrics.
 */
export function registerOpsRoutes(server: restify.Server, options: OpsRoutesOptions): void {
  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    const corpus = options.corpus();
    res.send(200, {
      status: 'ok',
      entries: corpus.entries,
      corpus: {
        version: corpus.version,
        loadedAt: corpus.loadedAt.toISOString(),
        ...(corpus.lastReload === undefined ? {} : { lastReload: { ...corpus.lastReload, at: corpus.lastReload.at.toISOString() } }),
      },
    }, noStore);
  });

  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    const readiness = await options.readiness();
    res.send(
      readiness.ready ? 200 : 503,
      { status: readiness.ready ? 'ready' : 'not-ready', checks: readiness.checks, ...(readiness.details === undefined ? {} : { details: readiness.details }) },
      noStore,
    );
  });

  const metrics = options.metrics;
  if (metrics === undefined) return;
  const token = options.metricsToken === undefined ? undefined : Buffer.from(`Bearer ${options.metricsToken}`);
  server.get('/metrics', async (req: restify.Request, res: restify.Response) => {
    if (token === undefined && options.metricsPublic !== true && !isLocalCaller(req)) {
      // Open metrics on a public host show traffic and internals: without a token, only local scrapers.
      res.send(403, { error: { code: 'forbidden', message: 'GET /metrics is served to this machine only. Set METRICS_TOKEN (or METRICS_PUBLIC=true) to scrape it from elsewhere.' } });
      return;
    }
    if (token !== undefined) {
      const given = Buffer.from(req.headers.authorization ?? '');
      if (given.length !== token.length || !timingSafeEqual(given, token)) {
        res.send(401, { error: { code: 'unauthorized', message: 'GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>".' } }, { 'www-authenticate': 'Bearer' });
        return;
      }
    }
    const body = Buffer.from(await metrics.metrics());
    res.writeHead(200, { 'content-type': metrics.contentType, 'content-length': String(body.length), ...noStore });
    res.end(body);
  });
}

/** GET /healthz alone, for a bare engine (tests, benches): the version is the content hash of its corpus. */
export function registerHealthRoute(server: restify.Server, engine: FaqEngine): void {
  const loadedAt = new Date();
  const version = corpusVersion(engine.corpus);
  registerOpsRoutes(server, {
    corpus: () => ({ version, loadedAt, entries: engine.corpus.entries.length }),
    readiness: () => Promise.resolve({ ready: true, checks: { corpus: 'loaded', store: 'ok', draining: false } }),
  });
}

const KNOWN_PARAMETERS: ReadonlySet<string> = new Set(['q', 'lang', 'limit']);

export interface SearchRouteOptions {
  /** "Now", for the answer versions valid and the latest update; the system clock when omitted. */
  readonly clock?: Clock;
  /** Per client address (SEARCH_RATE_LIMIT_*). None: unlimited. */
  readonly limiter?: RateLimiter;
  /** Take the client address from X-Forwarded-For (behind our own proxy). */
  readonly trustProxy?: boolean;
  /** Told about each decision (metrics). */
  readonly onDecision?: (decision: Decision['kind']) => void;
}

/** GET /api/faq/search: the contact-center agents' search over the vetted answers. */
export function registerSearchRoute(server: restify.Server, engine: FaqEngine, logger: Logger, options: SearchRouteOptions = {}): void {
  const clock = options.clock ?? (() => new Date());
  const { limiter, onDecision } = options;
  const trustProxy = options.trustProxy ?? false;
  server.get('/api/faq/search', async (req: restify.Request, res: restify.Response) => {
    if (limiter !== undefined) {
      const rate = await limiter.consume(clientAddress(req, trustProxy));
      if (!rate.ok) {
        res.send(
          429,
          { error: { code: 'rate_limited', message: `Too many searches from this address. Wait ${rate.retryAfterSeconds} s and try again.`, retryAfterSeconds: rate.retryAfterSeconds } },
          { 'retry-after': String(rate.retryAfterSeconds) },
        );
        return;
      }
    }
    const url = req.url ?? '';
    const at = url.indexOf('?');
    const started = process.hrtime.bigint();
    const result = searchFaq(engine, at === -1 ? '' : url.slice(at + 1), clock());
    const micros = Number(process.hrtime.bigint() - started) / 1000;
    if (result.status === 200) {
      onDecision?.(result.body.decision);
      // Never the query itself: agents paste residents' messages.
      logger.info({ route: 'search', decision: result.body.decision, top: result.body.results[0]?.id, micros }, 'search');
    } else {
      // The parameter's name is the caller's text too: only the API's own names are logged.
      const parameter = result.body.error.parameter;
      logger.info({ route: 'search', rejected: KNOWN_PARAMETERS.has(parameter) ? parameter : 'other' }, 'search rejected');
    }
    res.send(result.status, result.body);
  });
}
