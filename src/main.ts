/**
 * The composition root: the only file that reads the environment, builds objects and listens.
 */
import { fileURLToPath } from 'node:url';
import { BOT_LIMITS, createBotRuntime, createInlineRunner, registerBotRoutes } from './channels/botframework/index.js';
import { registerHealthRoute, registerSearchRoute, createHttpServer } from './channels/http/index.js';
import { registerStaffSide } from './channels/staff/index.js';
import { registerWebChatRoutes } from './channels/web/index.js';
import { parseEnv } from './config/index.js';
import { createFaqEngine, loadCorpus } from './core/index.js';
import { createI18n } from './i18n/index.js';
import { createLogger } from './logging/index.js';

const DEFAULT_FAQ_DATA = fileURLToPath(new URL('../faq-data', import.meta.url));
const LOCALES_DIR = fileURLToPath(new URL('../locales', import.meta.url));

async function main(): Promise<void> {
  const config = parseEnv(process.env);
  if (!config.ok) {
    process.stderr.write(`${config.message}\n`);
    process.exit(1);
  }
  const env = config.env;
  const logger = createLogger(env.LOG_LEVEL);

  const loaded = loadCorpus(env.FAQ_DATA_DIR ?? DEFAULT_FAQ_DATA);
  if (!loaded.ok) {
    // Never start half-loaded: every problem is printed for the editor, then exit 1.
    process.stderr.write(`The FAQ corpus is invalid; the service will not start.\n${loaded.problems.map((p) => `  - ${p.message}`).join('\n')}\nRun "npm run faq:check" after fixing.\n`);
    process.exit(1);
  }
  const engine = createFaqEngine(loaded.corpus, {
    policy: { answerThreshold: env.ANSWER_THRESHOLD, clarifyThreshold: env.CLARIFY_THRESHOLD, clarifyMinShare: env.CLARIFY_MIN_SHARE },
  });

  const server = createHttpServer({ logger });
  registerHealthRoute(server, engine);
  registerSearchRoute(server, engine, logger);

  const i18n = await createI18n({ localesDir: LOCALES_DIR });
  // The staff side (docs/staff.md): off, and recording nothing, unless STAFF_TOKEN or Entra ID sign-in is set.
  const staff = registerStaffSide(server, { env, engine: () => engine, logger });
  const bot = createBotRuntime({
    engine,
    i18n,
    logger,
    clock: () => new Date(),
    auth: { MicrosoftAppId: env.MicrosoftAppId, MicrosoftAppPassword: env.MicrosoftAppPassword, MicrosoftAppType: env.MicrosoftAppType, MicrosoftAppTenantId: env.MicrosoftAppTenantId },
    recorder: staff.recorder,
  });
  registerBotRoutes(server, bot);
  registerWebChatRoutes(server, {
    runInline: createInlineRunner(bot),
    contact: engine.corpus.contact,
    // The page's status line reads the timeline through the engine on every request (see issue 11).
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
    },
    directLine: env.DIRECT_LINE_SECRET === undefined ? undefined : { secret: env.DIRECT_LINE_SECRET, endpoint: env.DIRECT_LINE_ENDPOINT },
    trustProxy: env.WEBCHAT_TRUST_PROXY,
    frameAncestors: env.WEBCHAT_FRAME_ANCESTORS,
  });
  if (bot.anonymous) logger.warn('MicrosoftAppId is not set: /api/messages is anonymous and replies only inline or to loopback addresses');

  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  logger.info({ url: server.url, entries: loaded.corpus.entries.length }, 'listening');

  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close(() => void staff.close().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
