/**
 * The service's object graph, built from a parsed environment: every part composed here and nowhere else.
 * main.ts reads the environment, calls createService, listens and handles signals; tests build the same
 * service in-process.
 */
import type restify from 'restify';
// botbuilder, the staff side, the page watcher and pg load only when used (see docs/operations.md, start-up time).
import { BOT_LIMITS, createInlineRunner, deferredBotRuntime, registerBotRoutes, type TurnObserver } from './channels/botframework/deferred.js';
import { createHttpServer, markDraining, registerOpsRoutes, registerSearchRoute, type Readiness } from './channels/http/index.js';
import { staffSideOff } from './channels/staff/off.js';
import { registerWebChatRoutes } from './channels/web/index.js';
import type { Env } from './config/index.js';
import { staffSideConfigured } from './config/staff-env.js';
import type { VersionListener } from './content/listen.js';
import type { Clock, FaqEngine } from './core/index.js';
import { createI18n } from './i18n/index.js';
import type { Logger } from './logging/index.js';
import { createModelCache, draftEngineBuilder, FeaturizerCache, followStore, reuseModelBuild, type StoreFollower } from './platform/index.js';
import { processBuild, type CorpusBuild, type CorpusBuildProblem, createCorpusReloader, logCorpusWarnings, type CorpusReloader, createLiveEngine, type LiveEngine, channelLabel, createMetrics, type ServiceMetrics, createRateLimiters, createRefusalReporter, type RequestContext, drainHttpServer, type DrainResult } from './platform/index.js';
import type { PageWatcher, RecentPageChanges } from './platform/page-watch/index.js';
import { connectRedis, createMemoryStore, createRedisStore, waitForRedis, type SharedStore } from './state/index.js';

export interface ServiceOptions {
  /** The parsed environment (src/config). */
  readonly env: Env;
  readonly logger: Logger;
  /** The request scope the logger reads its request id from. */
  readonly requestContext: RequestContext;
  /** faq-data/ (FAQ_DATA_DIR or the repository's). */
  readonly faqDataDir: string;
  /** locales/. */
  readonly localesDir: string;
  /** "Now": opening hours, the answer versions valid and the latest update; the system clock by default. */
  readonly clock?: Clock;
  /** Builds the engine from faq-data/ (see CorpusBuild); training in a child process by default. */
  readonly build?: CorpusBuild;
  /** Node's process metrics in /metrics (default true). */
  readonly defaultMetrics?: boolean;
  /** Where trained models are kept between starts (see model-cache.ts); no cache when omitted. */
  readonly modelCacheDir?: string;
}

export interface Service {
  readonly server: restify.Server;
  /** The engine every channel holds. */
  readonly engine: LiveEngine;
  readonly reloader: CorpusReloader;
  /** True when the corpus served is the store's published version (not faq-data/ watched). */
  readonly followsStore: boolean;
  readonly store: SharedStore;
  readonly metrics: ServiceMetrics;
  /** Whether the first corpus's model came from the model cache (no training at start). */
  readonly modelFromCache: boolean;
  /** The official page's watcher and the changes it saw, when OFFICIAL_PAGE_URL is set. */
  readonly officialPage?: { readonly watcher: PageWatcher; readonly changes: RecentPageChanges };
  /** Listens on env.HOST:env.PORT and resolves to the URL; rejects when it cannot (the port is taken). */
  listen(): Promise<string>;
  /** Readiness 503 at once, drain, flush the store; resolves to the exit code (0 drained, 1 forced). */
  shutdown(signal: string): Promise<number>;
}

export type ServiceStart = { readonly ok: true; readonly service: Service } | { readonly ok: false; readonly problems: readonly CorpusBuildProblem[] };

/** Logs a recurring failure at most once per interval (a dead Redis fails every request). */
function throttled(logger: Logger, intervalMs: number) {
  const last = new Map<string, number>();
  return (key: string, fields: Record<string, unknown>, message: string) => {
    const now = Date.now();
    if (now - (last.get(key) ?? Number.NEGATIVE_INFINITY) < intervalMs) return;
    last.set(key, now);
    logger.warn(fields, message);
  };
}

export async function createService(options: ServiceOptions): Promise<ServiceStart> {
  const { env, logger, requestContext } = options;
  const metrics = createMetrics({ defaultMetrics: options.defaultMetrics ?? true });
  const warnOnce = throttled(logger, 30_000);

  const redis =
    env.REDIS_URL === undefined
      ? undefined
      : connectRedis({ url: env.REDIS_URL, onError: (err) => warnOnce('redis-connection', { err }, 'Redis unreachable: answering without it (see docs/operations.md)') });
  if (redis !== undefined && env.ID_HASH_SECRET === undefined) {
    logger.warn({ event: 'id-hash-unkeyed' }, 'REDIS_URL without ID_HASH_SECRET: client addresses are hashed in Redis without a key; set the same ID_HASH_SECRET (32+ characters) on every instance');
  }
  if (redis !== undefined && !(await waitForRedis(redis, 2000))) {
    logger.warn({ redis: redis.status }, 'Redis is not reachable at start: serving anyway; /readyz reports it until it is');
  }
  const store =
    redis === undefined
      ? createMemoryStore()
      : createRedisStore({
          redis,
          keyPrefix: env.REDIS_KEY_PREFIX,
          hashSecret: env.ID_HASH_SECRET,
          onError: (operation, namespace, err) => {
            metrics.storeErrors.inc({ operation });
            warnOnce(`store-${operation}`, { err, operation, namespace }, 'shared store command failed: failing open');
          },
        });

  // Training runs in a child process, so a reload never holds up a request nor grows this process.
  const policy = { answerThreshold: env.ANSWER_THRESHOLD, clarifyThreshold: env.CLARIFY_THRESHOLD, clarifyMinShare: env.CLARIFY_MIN_SHARE, suggestThreshold: env.SUGGEST_THRESHOLD };
  const modelCache = options.modelCacheDir === undefined ? undefined : createModelCache({ dir: options.modelCacheDir, onProblem: (message) => logger.warn({ event: 'model-cache' }, message) });
  const featurizers = new FeaturizerCache();
  const train = options.build ?? processBuild({ policy, featurizers, ...(modelCache === undefined ? {} : { modelCache }) });
  // A change to what people read only (answers, timeline, contact details) keeps the trained model.
  let live: LiveEngine | undefined;
  const build = reuseModelBuild(train, () => live?.current, { policy, featurizers });
  const first = await train(options.faqDataDir);
  if (!first.ok) {
    await store.close();
    return { ok: false, problems: first.problems };
  }

  logCorpusWarnings(logger, first.warnings, 'start');
  const engine = createLiveEngine(first.engine, { onAsk: (seconds) => metrics.matchSeconds.observe(seconds) });
  live = engine;
  const corpusMetrics = (version: string, loadedAt: Date, entries: number) => {
    metrics.corpusInfo.reset();
    metrics.corpusInfo.set({ version }, 1);
    metrics.corpusLoadedAt.set(loadedAt.getTime() / 1000);
    metrics.corpusEntries.set(entries);
  };
  const reloader = createCorpusReloader({
    dir: options.faqDataDir,
    build,
    live: engine,
    version: first.version,
    logger,
    onReload: (outcome, status) => {
      metrics.corpusReloads.inc({ result: outcome.result });
      corpusMetrics(status.version, status.loadedAt, status.entries);
    },
  });
  const initial = reloader.status();
  corpusMetrics(initial.version, initial.loadedAt, initial.entries);

  const i18n = await createI18n({ localesDir: options.localesDir });
  const limits = createRateLimiters({
    enabled: env.RATE_LIMITS === 'on',
    redis,
    keyPrefix: env.REDIS_KEY_PREFIX,
    hashSecret: env.ID_HASH_SECRET,
    onRefused: createRefusalReporter({ logger, metrics }),
    onStoreError: (limit, err) => {
      metrics.storeErrors.inc({ operation: 'rate-limit' });
      warnOnce('store-rate-limit', { err, limit }, 'rate limit falls back to this instance\'s own count: Redis failed');
    },
  });

  // One setting for every route, as documented: WEBCHAT_TRUST_PROXY is the older name of TRUST_PROXY.
  // (It used to reach the web chat only, so behind a proxy every search and Teams client shared one limit.)
  const trustProxy = env.TRUST_PROXY || env.WEBCHAT_TRUST_PROXY;
  let draining = false;
  const server = createHttpServer({
    logger,
    requestTimeoutSeconds: env.HTTP_REQUEST_TIMEOUT_SECONDS,
    requestContext,
    trustProxy,
    metrics,
  });

  const officialPageDetails = () => (officialPage === undefined ? undefined : { officialPages: officialPage.watcher.status() });

  const readiness = async (): Promise<Readiness> => {
    const details = officialPageDetails();
    const extra = details === undefined ? {} : { details };
    if (draining) return { ready: false, checks: { corpus: 'loaded', store: 'not checked', draining: true }, ...extra };
    const health = await store.health();
    metrics.storeUp.set(health.ok ? 1 : 0);
    return { ready: health.ok, checks: { corpus: 'loaded', store: health.ok ? 'ok' : `unreachable (${health.reason})`, draining: false }, ...extra };
  };
  registerOpsRoutes(server, {
    corpus: () => reloader.status(),
    readiness,
    metrics: {
      contentType: metrics.registry.contentType,
      metrics: async () => {
        metrics.storeUp.set((await store.health()).ok ? 1 : 0);
        return metrics.registry.metrics();
      },
    },
    metricsToken: env.METRICS_TOKEN,
    metricsPublic: env.METRICS_PUBLIC,
  });

  const clock = options.clock ?? (() => new Date());
  registerSearchRoute(server, engine, logger, {
    clock,
    limiter: limits.create({ name: 'search', points: env.SEARCH_RATE_LIMIT_POINTS, durationSeconds: env.SEARCH_RATE_LIMIT_DURATION }),
    trustProxy,
    onDecision: (decision) => metrics.decisions.inc({ decision, channel: 'search' }),
  });

  const observer: TurnObserver = {
    decision({ decision, channel, entryId, reason }) {
      const label = channelLabel(channel);
      metrics.decisions.inc({ decision, channel: label });
      if (entryId !== undefined) metrics.answers.inc({ entry_id: entryId, channel: label });
      if (reason !== undefined) metrics.escalations.inc({ reason, channel: label });
    },
    feedback({ entryId, helpful }) {
      // The id comes from a button value (outside data): only corpus ids become label values.
      metrics.feedback.inc({ entry_id: engine.entry(entryId) === undefined ? 'unknown' : entryId, helpful: String(helpful) });
    },
  };
  // The staff side (docs/staff.md): off, and recording nothing, unless STAFF_TOKEN or Entra ID sign-in is set.
  // With the staff side on, the published corpus lives in the store and every instance follows it;
  // CORPUS_SOURCE=files (or the staff side off) keeps faq-data/ watched as before.
  const followsStore = staffSideConfigured(env) && env.CORPUS_SOURCE === 'store';
  let follower: StoreFollower | undefined;
  const staff = !staffSideConfigured(env) ? staffSideOff(logger) : (await import('./channels/staff/index.js')).registerStaffSide(server, {
    env,
    engine: () => engine,
    logger,
    clock,
    onPublished: () => follower?.poke(),
    draftEngine: draftEngineBuilder(build),
    sourceOf: () => requestContext.current()?.client,
    sharedStore: store,
    sourceSecret: env.ID_HASH_SECRET,
    pageWatchStatus: () => officialPage?.watcher.status(),
  });
  // The official page: a page that cannot be fetched is a detail of readiness and a metric, never an outage.
  const officialPage: { watcher: PageWatcher; changes: RecentPageChanges } | undefined = env.OFFICIAL_PAGE_URL.length === 0 ? undefined : await (async () => {
    // Loaded only when a page is watched (start-up time: docs/operations.md).
    const { createDraftPageChangeSink, createMemoryPageWatchStore, createPageWatcher, createRecentPageChanges } = await import('./platform/page-watch/index.js');
    const recent = createRecentPageChanges(logger);
    const shared = staff.officialPages;
    // With the staff side on, the staff store keeps the readings and the lock (one instance of several
    // watches) and each change becomes a draft for the editors; off, this instance keeps them in memory.
    const changes = shared === undefined || env.CORPUS_SOURCE !== 'store' ? recent : createDraftPageChangeSink({ editing: () => staff.contentReady, log: shared.changes, recent });
    const watcher = createPageWatcher({
      urls: env.OFFICIAL_PAGE_URL,
      intervalMs: env.OFFICIAL_PAGE_INTERVAL_SECONDS * 1000,
      store: shared?.watch ?? createMemoryPageWatchStore(),
      sink: changes,
      corpus: () => engine.corpus,
      onCheck: (url, outcome, failure) => {
        metrics.pageChecks.inc({ outcome });
        if (outcome === 'not-leader') return;
        metrics.pageUp.set({ page: url }, failure === undefined ? 1 : 0);
        if (failure !== undefined) {
          metrics.pageFetchFailures.inc({ reason: failure.reason });
          warnOnce(`official-page-${url}`, { page: url, reason: failure.reason, detail: failure.message }, 'the official page could not be checked: answering from the corpus as before');
        }
      },
    });
    return { watcher, changes };
  })();
  let listener: VersionListener | undefined;
  if (followsStore) {
    follower = followStore({ store: staff.contentReady.then((c) => c.store), reloader, seedDir: options.faqDataDir, pollMs: env.CORPUS_POLL_SECONDS * 1000, logger });
    if (env.DATABASE_URL !== undefined) {
      const { listenForVersions } = await import('./content/listen.js');
      listener = listenForVersions(env.DATABASE_URL, () => follower?.poke(), (err) => warnOnce('corpus-listen', { err }, 'listening for published versions failed: polling meanwhile'));
    }
  }
  const bot = deferredBotRuntime({
    engine,
    i18n,
    logger,
    clock,
    recorder: staff.recorder,
    auth: { MicrosoftAppId: env.MicrosoftAppId, MicrosoftAppPassword: env.MicrosoftAppPassword, MicrosoftAppType: env.MicrosoftAppType, MicrosoftAppTenantId: env.MicrosoftAppTenantId },
    store,
    offerTtlSeconds: env.CLARIFY_OFFER_TTL_SECONDS,
    topicTtlSeconds: env.CONVERSATION_TOPIC_TTL_SECONDS,
    observer,
    emulatorReplies: env.BOT_EMULATOR_REPLIES,
  });
  registerBotRoutes(server, bot.runtime, {
    limiter: limits.create({ name: 'bot', points: env.BOT_RATE_LIMIT_POINTS, durationSeconds: env.BOT_RATE_LIMIT_DURATION }),
    trustProxy,
  });
  registerWebChatRoutes(server, {
    runInline: createInlineRunner(bot.runtime),
    contact: engine.corpus.contact,
    // The page's status line reads the timeline through the live engine on every request.
    engine,
    translate: i18n.translator('sv'),
    translateEn: i18n.translator('en'),
    links: { privacy: env.WEBCHAT_PRIVACY_URL, accessibility: env.WEBCHAT_ACCESSIBILITY_URL },
    logger,
    limits: {
      maxTextLength: env.WEBCHAT_MAX_TEXT_LENGTH,
      maxQuestionLength: BOT_LIMITS.maxQuestionLength,
      rateLimitPoints: env.WEBCHAT_RATE_LIMIT_POINTS,
      rateLimitDurationSeconds: env.WEBCHAT_RATE_LIMIT_DURATION,
      conversationRateLimitPoints: env.WEBCHAT_CONVERSATION_RATE_LIMIT_POINTS,
      conversationRateLimitDurationSeconds: env.WEBCHAT_CONVERSATION_RATE_LIMIT_DURATION,
      bodyTimeoutMs: env.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
    },
    directLine: env.DIRECT_LINE_SECRET === undefined ? undefined : { secret: env.DIRECT_LINE_SECRET, endpoint: env.DIRECT_LINE_ENDPOINT },
    trustProxy,
    frameAncestors: env.WEBCHAT_FRAME_ANCESTORS,
    rateLimiters: limits,
  });

  let stopping: Promise<number> | undefined;
  const service: Service = {
    server,
    engine,
    reloader,
    store,
    metrics,
    modelFromCache: first.fromCache === true,
    ...(officialPage === undefined ? {} : { officialPage }),
    followsStore,
    listen: () =>
      new Promise((resolve, reject) => {
        const failed = (err: Error) => reject(err);
        server.once('error', failed);
        server.listen(env.PORT, env.HOST, () => {
          server.removeListener('error', failed);
          // Watching starts with serving: building a service (tests, tools) fetches nothing.
          officialPage?.watcher.start();
          // The bot's modules load now, once the service is ready, rather than on the first message.
          setImmediate(() => bot.load());
          resolve(server.url);
        });
      }),
    shutdown(signal) {
      stopping ??= (async () => {
        draining = true;
        markDraining(server);
        logger.info({ signal }, 'shutting down: not ready any more, finishing requests in flight');
        const timeoutMs = env.SHUTDOWN_TIMEOUT_SECONDS * 1000;
        try {
          // Leave a second of the budget for the stores' last writes.
          const drained: DrainResult = await drainHttpServer(server.server, Math.max(500, timeoutMs - 1000));
          await Promise.all([follower?.close(), listener?.close()]);
          await reloader.close();
          await officialPage?.watcher.stop();
          // The staff store's queued writes and the shared store's last commands, within the budget.
          await Promise.race([Promise.all([staff.close(), store.close()]), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
          logger.info({ signal, drained }, drained === 'drained' ? 'stopped: every request finished' : 'stopped: requests still open at the deadline were closed');
          return drained === 'drained' ? 0 : 1;
        } catch (err) {
          logger.error({ err, signal }, 'shutting down failed part-way: exiting anyway');
          return 1;
        }
      })();
      return stopping;
    },
  };
  return { ok: true, service };
}
