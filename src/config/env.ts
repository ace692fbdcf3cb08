import { z } from 'zod';
import { DEFAULT_POLICY_OPTIONS } from '../core/index.js';
import { pageEnvShape } from './page-env.js';
import { staffEnvShape, staffSettingsProblem } from './staff-env.js';
import { webEnvShape } from './web-env.js';
import { flag, fraction, optionalString, wholeNumber } from './values.js';

const count = (fallback: number, max = 1_000_000) => wholeNumber(1, max, fallback);

/**
 * The service's environment, validated once at start-up by main.ts. Every variable is documented in
 * .env.example; none is required: the defaults run the service locally with no Azure and no secrets.
 */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FAQ_DATA_DIR: optionalString,
  ANSWER_THRESHOLD: fraction(DEFAULT_POLICY_OPTIONS.answerThreshold),
  CLARIFY_THRESHOLD: fraction(DEFAULT_POLICY_OPTIONS.clarifyThreshold),
  CLARIFY_MIN_SHARE: fraction(DEFAULT_POLICY_OPTIONS.clarifyMinShare),
  SUGGEST_THRESHOLD: fraction(DEFAULT_POLICY_OPTIONS.suggestThreshold),
  // Bot Framework (Azure Bot Service). No app id: anonymous, local only (inline or loopback replies).
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalString,
  // Development only: post replies to a Bot Framework Emulator on this machine (loopback serviceUrl).
  BOT_EMULATOR_REPLIES: flag(false),
  // Operations (docs/operations.md).
  REDIS_URL: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379' }).optional(),
  ),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'must be 1–64 letters, digits, ":", "_" or "-", e.g. "faqbot:"')
    .default('faqbot:'),
  RATE_LIMITS: z.enum(['on', 'off'], { error: 'must be "on" or "off"' }).default('on'),
  TRUST_PROXY: flag(false),
  BOT_RATE_LIMIT_POINTS: count(600),
  BOT_RATE_LIMIT_DURATION: count(60, 86_400),
  SEARCH_RATE_LIMIT_POINTS: count(600),
  SEARCH_RATE_LIMIT_DURATION: count(60, 86_400),
  HTTP_REQUEST_TIMEOUT_SECONDS: count(10, 300),
  SHUTDOWN_TIMEOUT_SECONDS: count(10, 600),
  CORPUS_WATCH: flag(true),
  // Where trained models are kept so a restart with the same corpus skips training; "off" for none.
  MODEL_CACHE_DIR: optionalString,
  CLARIFY_OFFER_TTL_SECONDS: count(1800, 86_400),
  CONVERSATION_TOPIC_TTL_SECONDS: count(1800, 86_400),
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  // Without a token /metrics answers loopback callers only (not through a proxy) unless this is true.
  METRICS_PUBLIC: flag(false),
  // Key of every hash of a client address or caller-chosen id (logs, Redis keys, kept questions' sources).
  ID_HASH_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  // The website chat: self-hosted by default, Azure Direct Line when DIRECT_LINE_SECRET is set.
  ...webEnvShape,
  // The staff side: sign-in, the store of what residents asked and its retention (docs/staff.md).
  ...staffEnvShape,
  // The official page: watched for changes when set (docs/official-page.md).
  ...pageEnvShape,
});

export type Env = z.infer<typeof envSchema>;

export type ConfigResult = { ok: true; env: Env } | { ok: false; message: string };

/** Parses an environment (process.env in main.ts; a literal object in tests). */
export function parseEnv(source: Record<string, string | undefined>): ConfigResult {
  const result = envSchema.safeParse(source);
  if (result.success) {
    const botProblem = botSettingsProblem(result.data) ?? exposureProblem(result.data);
    if (botProblem) return { ok: false, message: botProblem };
    const staffProblem = staffSettingsProblem(result.data);
    if (staffProblem) return { ok: false, message: staffProblem };
    return { ok: true, env: result.data };
  }
  return { ok: false, message: `Invalid environment:\n${z.prettifyError(result.error)}\nSee .env.example for every variable and its default.` };
}

/** True for a HOST that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

// Settings that open a door are refused on an address other machines can reach, not merely warned about.
function exposureProblem(env: Env): string | undefined {
  if (isLoopbackHost(env.HOST)) return undefined;
  if (env.RATE_LIMITS === 'off') {
    return `RATE_LIMITS=off is only allowed when HOST is a loopback address (127.0.0.1, ::1, localhost), for load tests on this machine; HOST is ${env.HOST}. Remove RATE_LIMITS or set HOST=127.0.0.1.`;
  }
  if (env.STAFF_LOCAL_USERS.length > 0) {
    return `STAFF_LOCAL_USERS (sign-in without a password, for trying the staff pages on this machine) is only allowed when HOST is a loopback address (127.0.0.1, ::1, localhost); HOST is ${env.HOST}. Remove STAFF_LOCAL_USERS and use Entra ID sign-in, or set HOST=127.0.0.1.`;
  }
  if (env.BOT_EMULATOR_REPLIES) {
    return `BOT_EMULATOR_REPLIES=true is only allowed when HOST is a loopback address (127.0.0.1, ::1, localhost), for the Bot Framework Emulator on this machine; HOST is ${env.HOST}. Remove BOT_EMULATOR_REPLIES or set HOST=127.0.0.1.`;
  }
  return undefined;
}

// The combinations Azure Bot Service needs; caught here instead of as a 401 on the first real message.
function botSettingsProblem(env: Env): string | undefined {
  if (env.MicrosoftAppId && env.BOT_EMULATOR_REPLIES) {
    return 'BOT_EMULATOR_REPLIES applies only without MicrosoftAppId (local use with the Emulator). Remove one of them.';
  }
  if (!env.MicrosoftAppId) {
    return env.MicrosoftAppPassword ? 'MicrosoftAppPassword is set but MicrosoftAppId is not. Set both (from the Azure Bot resource), or neither for local use.' : undefined;
  }
  if (env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
    return `MicrosoftAppId is set but MicrosoftAppPassword is not. Set the client secret of the bot's app registration, or use MicrosoftAppType=UserAssignedMSI.`;
  }
  if (env.MicrosoftAppType !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
    return `MicrosoftAppType=${env.MicrosoftAppType} needs MicrosoftAppTenantId (the directory/tenant id of the app registration).`;
  }
  return undefined;
}
