import { ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';
import type { Clock, FaqEngine } from '../../core/index.js';
import type { I18n } from '../../i18n/index.js';
import type { Logger } from '../../logging/index.js';
import type { TurnRecorder } from '../../records/index.js';
import { BotAdapter, createBotAdapter, type BotAuthConfig } from './adapter.js';
import { FaqBot } from './bot.js';
import { PendingChoices } from './pending-choice.js';
import { createMemoryReadingPreferences, type ReadingPreferences } from './reading-preference.js';
import { UsageCounter } from './usage.js';

export interface BotRuntimeOptions {
  /** The FAQ engine every channel shares. */
  readonly engine: FaqEngine;
  /** UI strings (locales/). */
  readonly i18n: I18n;
  /** Structured logger; pass a silent one in tests. */
  readonly logger: Logger;
  /** "Now", for the contact center's opening hours. */
  readonly clock: Clock;
  /** Bot Framework credentials; none means anonymous (local only). */
  readonly auth: BotAuthConfig;
  /** Per-conversation "Lättläst" choice; in process memory when omitted (a shared store when scaled out). */
  readonly readingPreferences?: ReadingPreferences;
  /** Keeps what residents asked for the staff side (src/records); none records nothing. */
  readonly recorder?: TurnRecorder | undefined;
}

/** The bot and its adapters, built once by main.ts (or a test) and shared by the routes and the inline runner. */
export interface BotRuntime {
  readonly bot: FaqBot;
  /** Authenticates with `auth`; serves POST /api/messages. */
  readonly adapter: BotAdapter;
  /** Anonymous and inline-only (expectReplies): serves the self-hosted web chat, which has no Bot Framework token. */
  readonly inlineAdapter: BotAdapter;
  /** True without an app id: replies may then go only inline or to loopback. */
  readonly anonymous: boolean;
  readonly logger: Logger;
  /** The bot's turn logic, for adapter.run. */
  readonly logic: (context: TurnContext) => Promise<void>;
}

export function createBotRuntime(options: BotRuntimeOptions): BotRuntime {
  const { engine, i18n, logger, clock, auth } = options;
  const boundary = { logger, i18n, contact: engine.corpus.contact };
  // MemoryStorage holds only conversations with an unanswered "Menar du …?" (see PendingChoices).
  const storage = new MemoryStorage();
  const pendingChoices = new PendingChoices(new ConversationState(storage), storage, engine, i18n);
  const bot = new FaqBot({
    engine,
    i18n,
    logger,
    clock,
    pendingChoices,
    usage: new UsageCounter(),
    readingPreferences: options.readingPreferences ?? createMemoryReadingPreferences(),
    recorder: options.recorder,
  });
  return {
    bot,
    adapter: createBotAdapter(auth, boundary),
    inlineAdapter: createBotAdapter({}, boundary),
    anonymous: !auth.MicrosoftAppId,
    logger,
    logic: (context) => bot.run(context),
  };
}
