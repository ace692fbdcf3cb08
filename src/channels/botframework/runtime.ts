import type { TurnContext } from 'botbuilder';
import type { Clock, FaqEngine } from '../../core/index.js';
import type { I18n } from '../../i18n/index.js';
import type { Logger } from '../../logging/index.js';
import type { TurnRecorder } from '../../records/index.js';
import { createMemoryStore, type SharedStore } from '../../state/index.js';
import { BotAdapter, createBotAdapter, type BotAuthConfig } from './adapter.js';
import { FaqBot } from './bot.js';
import type { TurnObserver } from './observer.js';
import { PendingChoices } from './pending-choice.js';
import type { ReadingPreferences } from './reading-preference.js';
import { createSharedReadingPreferences } from './shared-reading-preference.js';
import { createConversationTopics } from './conversation-topic.js';
import { USAGE_NAMESPACE, UsageCounter } from './usage.js';

export interface BotRuntimeOptions {
  /** The FAQ engine every channel shares (the service passes its live engine, swapped on reload). */
  readonly engine: FaqEngine;
  /** UI strings (locales/). */
  readonly i18n: I18n;
  /** Structured logger; pass a silent one in tests. */
  readonly logger: Logger;
  /** "Now", for the contact center's opening hours. */
  readonly clock: Clock;
  /** Bot Framework credentials; none means anonymous (local only). */
  readonly auth: BotAuthConfig;
  /** State every instance must share ("Menar du" offers, usage counts, reading preferences); this process's memory when omitted. */
  readonly store?: SharedStore;
  /** Seconds an unanswered "Menar du …?" is kept. */
  readonly offerTtlSeconds?: number;
  /** Seconds a conversation's last answered topic is kept for follow-up questions. */
  readonly topicTtlSeconds?: number;
  /** Told about every outcome (metrics). */
  readonly observer?: TurnObserver;
  /** Anonymous only: also post replies to a Bot Framework Emulator on a loopback serviceUrl. */
  readonly emulatorReplies?: boolean;
  /** Per-conversation "Lättläst" choice; in the shared store when omitted. */
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
  /** True without an app id: replies then go only inline (or to the Emulator, see emulatorReplies). */
  readonly anonymous: boolean;
  /** Anonymous and BOT_EMULATOR_REPLIES: replies may also be posted to a loopback serviceUrl. */
  readonly emulatorReplies: boolean;
  readonly logger: Logger;
  /** The bot's turn logic, for adapter.run. */
  readonly logic: (context: TurnContext) => Promise<void>;
}

export function createBotRuntime(options: BotRuntimeOptions): BotRuntime {
  const { engine, i18n, logger, clock, auth } = options;
  const store = options.store ?? createMemoryStore();
  // The contact details of the corpus being served at the time of the error, not at start-up.
  const boundary = { logger, i18n, contact: () => engine.corpus.contact };
  const pendingChoices = new PendingChoices(store, engine, i18n, options.offerTtlSeconds === undefined ? {} : { ttlSeconds: options.offerTtlSeconds });
  const usage = new UsageCounter(store.counters(USAGE_NAMESPACE));
  const bot = new FaqBot({
    engine,
    i18n,
    logger,
    clock,
    pendingChoices,
    usage,
    readingPreferences: options.readingPreferences ?? createSharedReadingPreferences(store),
    topics: createConversationTopics(store, options.topicTtlSeconds),
    recorder: options.recorder,
    ...(options.observer === undefined ? {} : { observer: options.observer }),
  });
  const anonymous = !auth.MicrosoftAppId;
  return {
    bot,
    adapter: createBotAdapter(auth, boundary),
    inlineAdapter: createBotAdapter({}, boundary),
    anonymous,
    emulatorReplies: anonymous && options.emulatorReplies === true,
    logger,
    logic: (context) => bot.run(context),
  };
}
