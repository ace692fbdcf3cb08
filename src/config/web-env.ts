import { z } from 'zod';
import { emptyAsUnset, flag, optionalString } from './values.js';

// A page residents open from the chat: https only, so no javascript: or data: link can be configured.
const pageUrl = z.url({ protocol: /^https$/, error: 'must be an https:// address of a page, e.g. https://www.kommunen.se/personuppgifter' });

/**
 * The website chat's environment, as a zod object shape to spread into the service's env schema
 * (`z.object({ ...coreShape, ...webEnvShape })`). None is required: without DIRECT_LINE_SECRET the page
 * uses the self-hosted channel. Every variable is described in docs/web-and-teams.md.
 */

export const webEnvShape = {
  /** Azure Direct Line secret. When set, the page uses Azure Direct Line with short-lived tokens. */
  DIRECT_LINE_SECRET: optionalString,
  /** Direct Line base URL; the European region keeps residents' messages in the EU. */
  DIRECT_LINE_ENDPOINT: z
    .url({ protocol: /^https$/, error: 'must be an https:// URL, e.g. https://europe.directline.botframework.com/v3/directline' })
    .transform((s) => s.replace(/\/+$/, ''))
    .default('https://directline.botframework.com/v3/directline'),
  /**
   * Requests one client IP may make to the public chat endpoints per window: a ceiling against floods,
   * high enough for the many residents and staff behind one municipal NAT or proxy.
   */
  WEBCHAT_RATE_LIMIT_POINTS: z.coerce.number().int().min(1).max(100_000).default(300),
  /** The rate-limit window in seconds. */
  WEBCHAT_RATE_LIMIT_DURATION: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Messages one conversation may send per window (the welcome is not counted). */
  WEBCHAT_CONVERSATION_RATE_LIMIT_POINTS: z.coerce.number().int().min(1).max(100_000).default(120),
  /** That window in seconds: by default 120 messages in 10 minutes. */
  WEBCHAT_CONVERSATION_RATE_LIMIT_DURATION: z.coerce.number().int().min(1).max(86_400).default(600),
  /** Longest message text the public endpoint accepts, in characters. */
  WEBCHAT_MAX_TEXT_LENGTH: z.coerce.number().int().min(50).max(10_000).default(2000),
  /** Behind a reverse proxy, take the client IP from the last X-Forwarded-For hop it appended. */
  WEBCHAT_TRUST_PROXY: flag(false),
  /** Origins allowed to frame /embed, space-separated, e.g. "https://www.norrkoping.se". */
  WEBCHAT_FRAME_ANCESTORS: z
    .string()
    .trim()
    .default('')
    .transform((s) => s.split(/\s+/).filter((o) => o !== ''))
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'must be a space-separated list of origins such as https://www.norrkoping.se' })))
    // Origins only: nothing from the variable can add a directive to the Content-Security-Policy.
    .transform((list) => list.map((o) => new URL(o).origin)),
  /**
   * The municipality's page on how it handles personal data, linked from the chat's privacy notice. Without
   * it, the corpus's welcome.yaml `links.privacy` (each incident's folder names its own municipality's page).
   */
  WEBCHAT_PRIVACY_URL: z.preprocess(emptyAsUnset, pageUrl.optional()),
  /** The accessibility statement (tillgänglighetsredogörelse) that covers the chat; else welcome.yaml `links.accessibility`. */
  WEBCHAT_ACCESSIBILITY_URL: z.preprocess(emptyAsUnset, pageUrl.optional()),
};

export const webEnvSchema = z.object(webEnvShape);
export type WebEnv = z.infer<typeof webEnvSchema>;
