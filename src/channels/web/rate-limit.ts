import { clientAddress } from '../http/client-address.js';
import { createRateLimiters, type RateLimiter, type RateLimiters } from '../../platform/index.js';
import type { WebChatLimits } from './options.js';

export type { RateDecision } from '../../platform/index.js';

/** The client's address (see clientAddress): the key of the per-address limits. */
export const clientKey = clientAddress;

/** The web chat's limits. */
export interface WebChatLimiters {
  /** Per client address, over all its conversations: a ceiling high enough for a municipal NAT. */
  readonly client: RateLimiter;
  /** Per client address, for welcomes (conversationUpdate) only, so opening the chat costs no message. */
  readonly welcome: RateLimiter;
  /** Per conversation: the resident's own budget (by default 120 messages in 10 minutes). */
  readonly conversation: RateLimiter;
  /** Per client address, for Direct Line tokens. */
  readonly token: RateLimiter;
}

/** The web chat's limits from `factory` (shared through Redis when configured; memory by default). */
export function createWebChatLimiters(limits: WebChatLimits, factory: RateLimiters = createRateLimiters({ enabled: true })): WebChatLimiters {
  const perClient = { points: limits.rateLimitPoints, durationSeconds: limits.rateLimitDurationSeconds };
  return {
    client: factory.create({ name: 'webchat-client', ...perClient }),
    welcome: factory.create({ name: 'webchat-welcome', ...perClient }),
    conversation: factory.create({ name: 'webchat-conversation', points: limits.conversationRateLimitPoints, durationSeconds: limits.conversationRateLimitDurationSeconds }),
    token: factory.create({ name: 'directline-token', ...perClient }),
  };
}
