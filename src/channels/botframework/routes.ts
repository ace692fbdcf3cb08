import type { Activity } from 'botbuilder';
import type restify from 'restify';
import { clientAddress } from '../http/client-address.js';
import { scrubPersonalData } from '../../logging/index.js';
import type { RateLimiter } from '../../platform/index.js';
import { bufferedActivities, deliverToEmulator } from './emulator-delivery.js';
import { httpError, type HttpErrorCode } from './errors.js';
import { readJsonBody } from './http-body.js';
import { inboundActivitySchema, isLoopbackServiceUrl, toActivity } from './inbound.js';
import { BOT_LIMITS, INLINE_SERVICE_URL } from './limits.js';
import { runtimeOf, type BotRuntimeSource } from './runtime-source.js';

export interface BotRoutesOptions {
  /** Per client address (BOT_RATE_LIMIT_*). None: unlimited. */
  readonly limiter?: RateLimiter;
  /** Take the client address from X-Forwarded-For (behind our own proxy). */
  readonly trustProxy?: boolean;
}

/**
 * How a request's replies leave: through the Bot Connector (authenticated), inline in the response
 * (expectReplies), inline for an anonymous invoke (its response is the HTTP response; anything else the
 * turn sends is dropped), or posted by us to the Emulator (development flag, loopback only).
 */
type Delivery = 'connector' | 'inline' | 'invoke-only' | 'emulator';

/**
 * POST /api/messages: the Bot Framework endpoint (Azure Bot Service, Teams, the Emulator). Rate-limits,
 * validates, and is closed by default: without an app id it never calls a caller's serviceUrl (unless
 * BOT_EMULATOR_REPLIES, on loopback), then authenticates and runs the bot.
 */
export function registerBotRoutes(server: restify.Server, source: BotRuntimeSource, options: BotRoutesOptions = {}): void {
  const { limiter } = options;
  const trustProxy = options.trustProxy ?? false;

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    // Built once, on the first request when the service deferred it (botbuilder loads then).
    const runtime = await runtimeOf(source);
    const { adapter, logger } = runtime;
    const refuse = (code: HttpErrorCode, detail?: string) => {
      const { status, body } = httpError(code, detail);
      logger.debug({ route: 'messages', status, code }, 'request refused');
      // A body refused before it ended (too slow, too large) is not read further: close the connection, or
      // Node's own request timeout answers the same request a second time on it.
      if (status === 408 || status === 413) res.header('connection', 'close');
      res.send(status, body);
    };

    if (limiter !== undefined) {
      const rate = await limiter.consume(clientAddress(req, trustProxy));
      if (!rate.ok) {
        const { status, body } = httpError('rate_limited');
        res.send(status, { error: { ...body.error, retryAfterSeconds: rate.retryAfterSeconds } }, { 'retry-after': String(rate.retryAfterSeconds) });
        return;
      }
    }
    const body = await readJsonBody(req, BOT_LIMITS.maxBodyBytes, BOT_LIMITS.bodyTimeoutMs, BOT_LIMITS.maxJsonElements);
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
    let delivery: Delivery = 'connector';
    if (runtime.anonymous) {
      if (inline) delivery = 'inline';
      else if (runtime.emulatorReplies && isLoopbackServiceUrl(inbound.serviceUrl)) delivery = 'emulator';
      else if (inbound.type === 'invoke') delivery = 'invoke-only';
      else return refuse('service_url_refused');
    }

    const activity = toActivity(inbound);
    const auth = await adapter.authenticate(activity, req.header('authorization') ?? '');
    if (!auth.ok) {
      logger.warn({ route: 'messages', channel: activity.channelId, reason: auth.error instanceof Error ? scrubPersonalData(auth.error.message.slice(0, 300)) : 'unknown' }, 'unauthorized request');
      return refuse('unauthorized');
    }
    try {
      if (delivery === 'connector' || delivery === 'inline') {
        const response = await adapter.run(auth.result, activity, runtime.logic);
        if (activity.type === 'invoke' && response?.status === NOT_IMPLEMENTED) return void res.send(400, unsupportedInvoke(activity.name));
        // Inline, the invoke response is an activity in the body: the same 400 there, not botbuilder's 501.
        const body = activity.type === 'invoke' && delivery === 'inline' ? withUnsupportedInvokeAs400(response?.body, activity.name) : response?.body;
        if (body === undefined) res.send(response?.status ?? 200);
        else res.send(response?.status ?? 200, body);
        return;
      }
      // Run buffered: nothing leaves through botbuilder's connector (no caller-chosen address, no retries).
      const buffered: Activity = { ...activity, deliveryMode: 'expectReplies', serviceUrl: INLINE_SERVICE_URL };
      const response = await adapter.run(auth.result, buffered, runtime.logic);
      const replies = bufferedActivities(response?.body);
      const invokeResponse = replies.find((a) => a.type === 'invokeResponse');
      const others = replies.filter((a) => a.type !== 'invokeResponse');
      if (delivery === 'emulator' && others.length > 0) {
        const delivered = await deliverToEmulator(inbound.serviceUrl ?? '', others);
        if (!delivered.ok) {
          logger.warn({ route: 'messages', reason: delivered.reason }, 'reply could not be delivered to the Emulator');
          return refuse('service_url_unreachable');
        }
      } else if (others.length > 0) {
        logger.debug({ route: 'messages', dropped: others.length }, 'anonymous invoke: activities other than the invoke response are not sent');
      }
      if (activity.type !== 'invoke') return void res.send(200);
      const value = invokeResponseValue(invokeResponse?.['value']);
      if (value.status === NOT_IMPLEMENTED) res.send(400, unsupportedInvoke(activity.name));
      else if (value.body === undefined) res.send(value.status);
      else res.send(value.status, value.body);
    } catch (err) {
      // Bot logic errors are handled by onTurnError; this is broken infrastructure (e.g. connector setup).
      logger.error({ err, route: 'messages', activityId: activity.id, channel: activity.channelId }, 'activity processing failed');
      if (!res.headersSent) refuse('internal_error');
    }
  });
}

const NOT_IMPLEMENTED = 501;

/**
 * An invoke this bot does not handle. botbuilder answers 501; it is the caller's request that cannot be
 * served, so it gets 400 with the Bot Framework's error shape (monitoring counts 5xx as our failures).
 */
function unsupportedInvoke(name: string | undefined) {
  return {
    statusCode: 400,
    type: 'application/vnd.microsoft.error',
    value: { code: 'NotSupported', message: `This bot does not handle the invoke "${(name ?? '').slice(0, 64)}".` },
  };
}

/** An expectReplies body whose invoke response says 501 (no handler), with that response made 400 NotSupported. */
function withUnsupportedInvokeAs400(body: unknown, name: string | undefined): unknown {
  const replies = bufferedActivities(body);
  if (!replies.some((a) => a.type === 'invokeResponse' && invokeResponseValue(a['value']).status === NOT_IMPLEMENTED)) return body;
  return {
    ...(body as object),
    activities: replies.map((a) =>
      a.type === 'invokeResponse' && invokeResponseValue(a['value']).status === NOT_IMPLEMENTED ? { ...a, value: { status: 400, body: unsupportedInvoke(name) } } : a,
    ),
  };
}

/** The status and body of an invoke response activity's value; 501 when the bot gave none (botbuilder's rule). */
function invokeResponseValue(value: unknown): { status: number; body?: unknown } {
  if (typeof value !== 'object' || value === null || !('status' in value) || typeof value.status !== 'number') return { status: NOT_IMPLEMENTED };
  return 'body' in value && value.body !== undefined ? { status: value.status, body: value.body } : { status: value.status };
}
