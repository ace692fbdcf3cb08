/** The residents' website chat: page, static files, self-hosted endpoint and Direct Line tokens. */
export { registerWebChatRoutes, WEB_CHAT_ROUTES } from './routes.js';
export { DEFAULT_WEB_CHAT_LIMITS, DEFAULT_WEB_CHAT_LINKS, type WebChatLinks, type DirectLineOptions, type InlineRunner, type WebChatActivity, type WebChatDeps, type WebChatLimits } from './options.js';
export { WEB_ERRORS, type WebErrorCode } from './errors.js';
export { WEB_BOT } from './request.js';
