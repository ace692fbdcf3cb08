/**
 * The Bot Framework channel: the only place that imports botbuilder.
 *
 * - `createBotRuntime(options) => BotRuntime`: the bot (a TeamsActivityHandler) and its adapters.
 * - `registerBotRoutes(server, runtime, options?)`: POST /api/messages on a restify server (rate-limited,
 *   closed by default: without an app id replies go only inline, or to the Emulator on loopback when
 *   `emulatorReplies` is set).
 * - `createInlineRunner(runtime) => (activity: InlineActivity) => Promise<Partial<Activity>[]>`: runs the same
 *   bot on one already-validated message activity for the self-hosted web chat endpoint. It forces
 *   `deliveryMode: "expectReplies"`, `channelId: "webchat"` and a fixed local serviceUrl (never
 *   contacted), authenticates nothing (the caller is the public web endpoint), and resolves to the bot's
 *   reply activities (messages with text, cards and suggested actions; events such as handoff.initiate).
 */
export type { BotAuthConfig } from './adapter.js';
export { BOT_LIMITS, INLINE_SERVICE_URL } from './limits.js';
export { HTTP_ERRORS, type HttpErrorCode } from './errors.js';
export { createBotRuntime, type BotRuntime, type BotRuntimeOptions } from './runtime.js';
export { registerBotRoutes, type BotRoutesOptions } from './routes.js';
export type { TurnObserver } from './observer.js';
export { DEFAULT_OFFER_TTL_SECONDS, MAX_OPEN_CHOICES, OFFER_NAMESPACE } from './pending-choice.js';
export { USAGE_NAMESPACE } from './usage.js';
export { createInlineRunner, type InlineActivity, type InlineRunner } from './inline-runner.js';
export { deferredBotRuntime, type BotRuntimeSource, type DeferredBotRuntime } from './deferred.js';
export type { ButtonValue } from './actions.js';
export { createMemoryReadingPreferences, MAX_REMEMBERED_PREFERENCES, READING_STYLES, type ReadingPreferences, type ReadingStyle } from './reading-preference.js';
