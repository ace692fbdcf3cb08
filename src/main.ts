/**
 * The entry point: reads the environment, builds the service (src/service.ts), listens, and turns
 * signals into operations: SIGTERM/SIGINT drain and exit, SIGHUP reloads faq-data/.
 */
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseEnv } from './config/index.js';
import { createLogger } from './logging/index.js';
import { createRequestContext } from './platform/index.js';
import { createService } from './service.js';

const DEFAULT_FAQ_DATA = fileURLToPath(new URL('../faq-data', import.meta.url));
const LOCALES_DIR = fileURLToPath(new URL('../locales', import.meta.url));
// Beside the repository's faq-data/ (gitignored data/): from src/ under tsx and from dist/ alike.
const DEFAULT_MODEL_CACHE = fileURLToPath(new URL('../data/model-cache', import.meta.url));
/** How often a long preparation says it is still at work. */
const PROGRESS_EVERY_MS = 5000;

/**
 * Why HOST:PORT cannot be listened on, as one line for the person starting the service; undefined when
 * it can. Asked before the seconds of training, so a second `npm start` fails at once.
 */
function portProblem(host: string, port: number): Promise<string | undefined> {
  if (port === 0) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') resolve(`Port ${port} on ${host} is already in use (is the service already running?). Stop that process, or start with another port: PORT=${port + 1} npm start`);
      else if (err.code === 'EACCES') resolve(`Port ${port} on ${host} needs privileges this user does not have. Use a port above 1023, e.g. PORT=3978.`);
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') resolve(`HOST=${host} is not an address of this machine. Use 127.0.0.1 (this machine only) or 0.0.0.0 (all interfaces).`);
      else resolve(`Cannot listen on ${host}:${port}: ${err.message}`);
    });
    probe.listen(port, host, () => probe.close(() => resolve(undefined)));
  });
}

async function main(): Promise<void> {
  const config = parseEnv(process.env);
  if (!config.ok) {
    process.stderr.write(`${config.message}\n`);
    process.exit(1);
  }
  const env = config.env;
  const requestContext = createRequestContext();
  // Without ID_HASH_SECRET a key made now: hashes in the log still follow one caller, but nobody can test guesses.
  const logger = createLogger(env.LOG_LEVEL, undefined, { mixin: requestContext.logFields, hashSecret: env.ID_HASH_SECRET ?? randomBytes(32).toString('hex') });

  const busy = await portProblem(env.HOST, env.PORT);
  if (busy !== undefined) {
    process.stderr.write(`${busy}\n`);
    process.exit(1);
  }

  const faqDataDir = env.FAQ_DATA_DIR ?? DEFAULT_FAQ_DATA;
  const modelCacheDir = env.MODEL_CACHE_DIR === 'off' ? undefined : (env.MODEL_CACHE_DIR ?? DEFAULT_MODEL_CACHE);
  const preparing = Date.now();
  logger.info(
    { event: 'preparing', faqDataDir, modelCacheDir: modelCacheDir ?? 'off' },
    'preparing the FAQ engine: reading faq-data/ and training its model (about 20 s the first time; a restart with the same corpus reads the cached model)',
  );
  const progress = setInterval(() => logger.info({ event: 'preparing', seconds: Math.round((Date.now() - preparing) / 1000) }, `still preparing the FAQ engine (${Math.round((Date.now() - preparing) / 1000)} s)`), PROGRESS_EVERY_MS);
  const started = await createService({ env, logger, requestContext, faqDataDir, localesDir: LOCALES_DIR, ...(modelCacheDir === undefined ? {} : { modelCacheDir }) }).finally(() => clearInterval(progress));
  if (!started.ok) {
    // Never start half-loaded: every problem is printed for the editor, then exit 1. A running service
    // never gets here: it keeps its last good corpus when an edit is invalid.
    process.stderr.write(`The FAQ corpus is invalid; the service will not start.\n${started.problems.map((p) => `  - ${p.message}`).join('\n')}\nRun "npm run faq:check" after fixing.\n`);
    process.exit(1);
  }
  const service = started.service;

  let exiting = false;
  const stop = (signal: string, fallbackCode = 0) => {
    if (exiting) {
      // A second Ctrl-C or SIGTERM while draining: stop waiting.
      logger.warn({ signal }, 'second signal while draining: exiting now');
      process.exit(1);
    }
    exiting = true;
    void service
      .shutdown(signal)
      .catch(() => 1)
      .then((code) => logger.flush(() => process.exit(code || fallbackCode)));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // SIGHUP means "reload", not "hang up and die".
  process.on('SIGHUP', () => void service.reloader.reload('signal'));
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection (the service keeps serving)'));
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception: draining and exiting');
    stop('uncaughtException', 1);
  });

  let url: string;
  try {
    url = await service.listen();
  } catch (err) {
    // Taken by someone else during the preparation: the same one line as before it.
    process.stderr.write(`${(await portProblem(env.HOST, env.PORT)) ?? `Cannot listen on ${env.HOST}:${env.PORT}: ${err instanceof Error ? err.message : String(err)}`}\n`);
    await service.shutdown('listen failed');
    process.exit(1);
  }
  // Following the store, faq-data/ only seeds an empty store: editing it changes nothing served.
  if (env.CORPUS_WATCH && !service.followsStore) service.reloader.watch();
  const corpus = service.reloader.status();
  logger.info(
    {
      url,
      entries: corpus.entries,
      corpusVersion: corpus.version,
      store: service.store.backend,
      rateLimits: env.RATE_LIMITS,
      anonymousBot: env.MicrosoftAppId === undefined,
      emulatorReplies: env.BOT_EMULATOR_REPLIES,
      watchingCorpus: env.CORPUS_WATCH && !service.followsStore,
      corpusSource: service.followsStore ? 'store' : 'files',
      modelFromCache: service.modelFromCache,
      preparedSeconds: Math.round((Date.now() - preparing) / 100) / 10,
    },
    'listening',
  );
  logger.info({ event: 'ready', url }, `ready: the residents' chat is at ${url}/ (the agents' search at ${url}/api/faq/search?q=…); stop with Ctrl-C`);
  if (env.MicrosoftAppId === undefined) logger.info('MicrosoftAppId is not set: /api/messages is anonymous and answers only inline (expectReplies) and invokes');
}

main().catch((err: unknown) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
