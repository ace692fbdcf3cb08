import type { Translate } from '../../i18n/index.js';
import type { Clock, Contact, FaqEngine } from '../../core/index.js';
import type { Logger } from '../../logging/index.js';
import type { RateLimiters } from '../../platform/index.js';

/**
 * The activity the public endpoint builds for the bot: a structural subset of botframework's Activity
 * (so the Bot Framework channel's inline runner accepts it without this folder importing botbuilder).
 */
export interface WebChatActivity {
  readonly type: 'message' | 'conversationUpdate';
  readonly id: string;
  readonly timestamp: Date;
  readonly channelId: 'webchat';
  readonly conversation: { readonly id: string; readonly name: string; readonly isGroup: false; readonly conversationType: 'personal' };
  readonly from: { readonly id: string; readonly name: string; readonly role: 'user' };
  readonly recipient: { readonly id: string; readonly name: string; readonly role: 'bot' };
  readonly text?: string;
  readonly value?: unknown;
  readonly locale?: string;
  membersAdded?: { id: string; name: string; role: 'user' }[];
}

/**
 * Runs the bot on one activity with inline replies (the Bot Framework channel's export) and returns the
 * reply activities. Typed structurally so this channel does not depend on botbuilder; the replies are
 * parsed before they reach the browser.
 */
export type InlineRunner = (activity: WebChatActivity) => Promise<readonly unknown[]>;

export interface WebChatLimits {
  /** Longest message text the endpoint accepts, in characters. */
  readonly maxTextLength: number;
  /**
   * Longest question the bot answers (the Bot Framework channel's BOT_LIMITS.maxQuestionLength). The
   * page's input allows the smaller of this and maxTextLength, so a resident never sends what is refused.
   */
  readonly maxQuestionLength: number;
  /** Largest request body, in bytes. */
  readonly maxBodyBytes: number;
  /** Requests per client IP per window: the ceiling over all its conversations (welcomes counted apart). */
  readonly rateLimitPoints: number;
  /** The rate-limit window, in seconds. */
  readonly rateLimitDurationSeconds: number;
  /** Messages per conversation per window (the welcome is not counted). */
  readonly conversationRateLimitPoints: number;
  /** That window, in seconds. */
  readonly conversationRateLimitDurationSeconds: number;
  /** How long a request body may take to arrive, in ms. */
  readonly bodyTimeoutMs: number;
}

export const DEFAULT_WEB_CHAT_LIMITS: WebChatLimits = Object.freeze({
  maxTextLength: 2000,
  maxQuestionLength: 500,
  maxBodyBytes: 16 * 1024,
  rateLimitPoints: 300,
  rateLimitDurationSeconds: 60,
  conversationRateLimitPoints: 120,
  conversationRateLimitDurationSeconds: 600,
  bodyTimeoutMs: 10_000,
});

/**
 * Pages the chat links to: from the environment (WEBCHAT_PRIVACY_URL, WEBCHAT_ACCESSIBILITY_URL), else
 * from the corpus's welcome.yaml (`links`), so each incident's folder names its own municipality's pages.
 * A page the chat has no address for is not linked.
 */
export interface WebChatLinks {
  /** How the municipality handles personal data (the privacy notice links here). */
  readonly privacy?: string | undefined;
  /** The accessibility statement (tillgänglighetsredogörelse) that covers the chat. */
  readonly accessibility?: string | undefined;
}

/** No address of the environment's: the corpus's own (welcome.yaml), or none. */
export const DEFAULT_WEB_CHAT_LINKS: WebChatLinks = Object.freeze({});

export interface DirectLineOptions {
  /** The Direct Line secret from Azure Bot Service. Stays on the server. */
  readonly secret: string;
  /** Direct Line base URL, e.g. https://europe.directline.botframework.com/v3/directline. */
  readonly endpoint: string;
  /** Injected for tests; the global fetch otherwise. */
  readonly fetch?: typeof fetch;
  /** How long to wait for Azure, in ms. */
  readonly timeoutMs?: number;
}

export interface WebChatDeps {
  /** Runs the bot with inline replies. */
  readonly runInline: InlineRunner;
  /** The contact center, shown without JavaScript and whenever the chat cannot answer. */
  readonly contact: Contact;
  /** The page's own text (Swedish: the page is lang="sv"), from locales/. */
  readonly translate: Translate;
  /** English strings for the notices the page shows itself once a conversation is in English; Swedish when omitted. */
  readonly translateEn?: Translate;
  /** The privacy page and accessibility statement the page links to; DEFAULT_WEB_CHAT_LINKS when omitted. */
  readonly links?: WebChatLinks;
  readonly logger: Logger;
  /** Overrides of DEFAULT_WEB_CHAT_LIMITS. */
  readonly limits?: Partial<WebChatLimits>;
  /** When set, the page talks to Azure Direct Line instead of the self-hosted endpoint. */
  readonly directLine?: DirectLineOptions | undefined;
  /** Take the client IP from the last X-Forwarded-For hop (only behind a reverse proxy you run). */
  readonly trustProxy?: boolean;
  /** Origins allowed to frame /embed (the municipality's website). */
  readonly frameAncestors?: readonly string[];
  /** Makes the rate limits (in Redis when configured); in-process memory when omitted. */
  readonly rateLimiters?: RateLimiters;
  /** Path of botframework-webchat's dist/webchat.js; found in node_modules when omitted. */
  readonly webChatBundlePath?: string;
  /**
   * The engine whose corpus's timeline gives the latest update shown above the chat. Read on every page
   * request, so a reloaded corpus shows at once; no status line when omitted.
   */
  readonly engine?: Pick<FaqEngine, 'corpus'>;
  /** "Now", for the update shown; the system clock when omitted. */
  readonly clock?: Clock;
}
