import { z } from 'zod';
import { DEFAULT_POLICY_OPTIONS } from '../core/index.js';
import { staffEnvShape, staffSettingsProblem } from './staff-env.js';
import { webEnvShape } from './web-env.js';

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

// An empty value means "use the default", not 0.
const threshold = (fallback: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number().min(0).max(1).default(fallback));

/**
 * The service's environment, validated once at start-up by main.ts. Every variable is documented in
 * .env.example; none is required: the defaults run the service locally with no Azure and no secrets.
 */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FAQ_DATA_DIR: optionalString,
  ANSWER_THRESHOLD: threshold(DEFAULT_POLICY_OPTIONS.answerThreshold),
  CLARIFY_THRESHOLD: threshold(DEFAULT_POLICY_OPTIONS.clarifyThreshold),
  CLARIFY_MIN_SHARE: threshold(DEFAULT_POLICY_OPTIONS.clarifyMinShare),
  // Bot Framework (Azure Bot Service). No app id: anonymous, local only (inline or loopback replies).
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalString,
  // The website chat: self-hosted by default, Azure Direct Line when DIRECT_LINE_SECRET is set.
  ...webEnvShape,
  // The staff side: sign-in, the store of what residents asked and its retention (docs/staff.md).
  ...staffEnvShape,
});

export type Env = z.infer<typeof envSchema>;

export type ConfigResult = { ok: true; env: Env } | { ok: false; message: string };

/** Parses an environment (process.env in main.ts; a literal object in tests). */
export function parseEnv(source: Record<string, string | undefined>): ConfigResult {
  const result = envSchema.safeParse(source);
  if (result.success) {
    const botProblem = botSettingsProblem(result.data);
    if (botProblem) return { ok: false, message: botProblem };
    const staffProblem = staffSettingsProblem(result.data);
    if (staffProblem) return { ok: false, message: staffProblem };
    return { ok: true, env: result.data };
  }
  return { ok: false, message: `Invalid environment:\n${z.prettifyError(result.error)}\nSee .env.example for every variable and its default.` };
}

// The combinations Azure Bot Service needs; caught here instead of as a 401 on the first real message.
function botSettingsProblem(env: Env): string | undefined {
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
