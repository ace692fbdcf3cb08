/**
 * The Bot Framework channel: the only place that imports botbuilder.
 *
 * - `createBotRuntime(options) => BotRuntime`: the bot (a TeamsActivityHandler) and its adapters.
 * - `registerBotRoutes(server, runtime)`: POST /api/messages on a restify server.
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
export { registerBotRoutes } from './routes.js';
export { createInlineRunner, type InlineActivity, type InlineRunner } from './inline-runner.js';
export { WELCOME_STARTERS } from './bot.js';
export type { ButtonValue } from './actions.js';
export { createMemoryReadingPreferences, MAX_REMEMBERED_PREFERENCES, READING_STYLES, type ReadingPreferences, type ReadingStyle } from './reading-preference.js';
