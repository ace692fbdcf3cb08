/**
 * The entry point: reads the environment, builds the service (src/service.ts), listens, and turns
 * signals into operations: SIGTERM/SIGINT drain and exit, SIGHUP reloads faq-data/.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseEnv } from './config/index.js';
import { createLogger } from './logging/index.js';
import { createRequestContext } from './platform/index.js';
import { createService } from './service.js';

const DEFAULT_FAQ_DATA = fileURLToPath(new URL('../faq-data', import.meta.url));
const LOCALES_DIR = fileURLToPath(new URL('../locales', import.meta.url));

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

  const started = await createService({ env, logger, requestContext, faqDataDir: env.FAQ_DATA_DIR ?? DEFAULT_FAQ_DATA, localesDir: LOCALES_DIR });
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

  const url = await service.listen();
  if (env.CORPUS_WATCH) service.reloader.watch();
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
      watchingCorpus: env.CORPUS_WATCH,
    },
    'listening',
  );
  if (env.MicrosoftAppId === undefined) logger.info('MicrosoftAppId is not set: /api/messages is anonymous and answers only inline (expectReplies) and invokes');
}

main().catch((err: unknown) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
