import type restify from 'restify';
import { httpError, type HttpErrorCode } from './errors.js';
import { readJsonBody } from './http-body.js';
import { inboundActivitySchema, isLoopbackServiceUrl, toActivity } from './inbound.js';
import { BOT_LIMITS } from './limits.js';
import type { BotRuntime } from './runtime.js';

/**
 * POST /api/messages: the Bot Framework endpoint (Azure Bot Service, Teams, the Emulator). Validates the
 * request, refuses open-relay replies in anonymous mode, authenticates, and runs the bot.
 */
export function registerBotRoutes(server: restify.Server, runtime: BotRuntime): void {
  const { adapter, logger } = runtime;

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    const refuse = (code: HttpErrorCode, detail?: string) => {
      const { status, body } = httpError(code, detail);
      logger.debug({ route: 'messages', status, code }, 'request refused');
      res.send(status, body);
    };

    const body = await readJsonBody(req, BOT_LIMITS.maxBodyBytes);
    if (!body.ok) return refuse(body.problem);
    const parsed = inboundActivitySchema.safeParse(body.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.length ? issue.path.join('.') : 'body';
      return refuse('invalid_activity', `Field "${field}" ${issue?.message ?? 'is invalid'}.`);
    }
    const inbound = parsed.data;
    if ((inbound.text?.length ?? 0) > BOT_LIMITS.maxTextLength) return refuse('text_too_long');
    const inline = inbound.deliveryMode === 'expectReplies';
    if (!inline && inbound.serviceUrl === undefined) return refuse('invalid_activity', 'Field "serviceUrl" is required unless "deliveryMode" is "expectReplies".');
    // Without an app id nobody is authenticated: never let a caller make us POST to an address they choose.
    if (runtime.anonymous && !inline && !isLoopbackServiceUrl(inbound.serviceUrl)) return refuse('service_url_refused');

    const activity = toActivity(inbound);
    const auth = await adapter.authenticate(activity, req.header('authorization') ?? '');
    if (!auth.ok) {
      logger.warn({ route: 'messages', channel: activity.channelId, reason: auth.error instanceof Error ? auth.error.message : 'unknown' }, 'unauthorized request');
      return refuse('unauthorized');
    }
    try {
      const response = await adapter.run(auth.result, activity, runtime.logic);
      if (response?.body === undefined) res.send(response?.status ?? 200);
      else res.send(response.status, response.body);
    } catch (err) {
      // Bot logic errors are handled by onTurnError; this is broken infrastructure (e.g. connector setup).
      logger.error({ err, route: 'messages', activityId: activity.id, channel: activity.channelId }, 'activity processing failed');
      if (!res.headersSent) refuse('internal_error');
    }
  });
}
