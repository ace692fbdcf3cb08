import { AsyncResource } from 'node:async_hooks';
import type { ServerResponse } from 'node:http';
import restify from 'restify';
import type { Logger } from '../../logging/index.js';
import { clientAddress } from './client-address.js';
import { type ServiceMetrics, createRequestContext, requestIdFor, type RequestContext } from '../../platform/index.js';

export interface HttpServerOptions {
  readonly logger: Logger;
  /** Shown in the Server header. */
  readonly name?: string;
  /** Seconds a client may take to send a request's headers and body; 408 after (default 10). */
  readonly requestTimeoutSeconds?: number;
  /** Seconds a written response may wait with its client reading none of it before the connection is closed (default 60). */
  readonly unreadResponseSeconds?: number;
  /** Carries the request id to every log line written while serving the request. */
  readonly requestContext?: RequestContext;
  /** Behind our own reverse proxy: keep its x-request-id instead of making one. */
  readonly trustProxy?: boolean;
  /** Request duration and in-flight gauge. */
  readonly metrics?: Pick<ServiceMetrics, 'httpSeconds' | 'httpInFlight'>;
}

interface Lifecycle {
  draining: boolean;
  /** Responses whose headers may not be sent yet. */
  readonly open: Set<ServerResponse>;
}
const lifecycles = new WeakMap<restify.Server, Lifecycle>();

/**
 * From now on every response of `server` (including those of requests already being served) closes its
 * connection, so no client reuses a keep-alive connection that is about to close. Call when draining.
 */
export function markDraining(server: restify.Server): void {
  const lifecycle = lifecycles.get(server);
  if (lifecycle === undefined) return;
  lifecycle.draining = true;
  for (const res of lifecycle.open) if (!res.headersSent) res.setHeader('connection', 'close');
}

interface RouteError extends Error {
  statusCode?: number;
}

/** A request's route as logs and metrics name it: the route path, never the raw URL (which callers write). */
export function routeOf(req: restify.Request): string {
  // Not set when no route matched (404, 405): the raw path is the caller's text and is not kept.
  const route = (req.getRoute() as restify.Route | undefined)?.path;
  return route === undefined ? 'unmatched' : String(route);
}

/** What the service says when no route takes a request (the error shape of every other refusal). */
export const ROUTE_ERRORS = Object.freeze({
  not_found: 'There is nothing at this address. Check the path: the routes are listed in the README and docs/.',
  method_not_allowed: (allowed: readonly string[]) => `This address does not take that method. Use ${allowed.join(' or ')} (the Allow header lists them).`,
});

/** The methods restify found routes for on the request's path, with HEAD wherever GET is (see the pre handler). */
function allowedMethods(res: restify.Response): string[] {
  const found = Reflect.get(res, 'methods');
  const methods = Array.isArray(found) ? found.filter((m): m is string => typeof m === 'string') : [];
  return methods.includes('GET') && !methods.includes('HEAD') ? [...methods, 'HEAD'] : methods;
}

/**
 * The restify server with what every route shares: one error boundary, a request id on every response
 * and log line, request metrics, and a deadline for a request's headers and body.
 *
 * The boundary: a rejected handler reaches restify's 'restifyError' event, where an unexpected error is
 * logged with its route and answered with a short JSON 500 that names nothing internal. The server keeps
 * serving. restify's own `handleUncaughtExceptions` is not used: it wraps every request in a Node domain,
 * which costs about a third of the bot's throughput, and async routes do not need it.
 */
export function createHttpServer(options: HttpServerOptions): restify.Server {
  const { logger, name = 'incident-faq-bot', metrics } = options;
  const context = options.requestContext ?? createRequestContext();
  const trustProxy = options.trustProxy ?? false;
  const server = restify.createServer({ name, ignoreTrailingSlash: true });
  const lifecycle: Lifecycle = { draining: false, open: new Set() };
  lifecycles.set(server, lifecycle);

  // A client that trickles its headers or body cannot hold a connection (Node's default is 300 s);
  // Node checks the deadlines every connectionsCheckingInterval (30 s by default), read when it starts
  // listening; restify creates the http.Server without options, so it is set on the instance.
  const timeoutMs = (options.requestTimeoutSeconds ?? 10) * 1000;
  const unreadMs = (options.unreadResponseSeconds ?? 60) * 1000;
  server.server.requestTimeout = timeoutMs;
  server.server.headersTimeout = timeoutMs;
  Object.assign(server.server, { connectionsCheckingInterval: 1000 });

  server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
    // HEAD is GET without the body (RFC 9110: every server supports both). restify routes HEAD only
    // where a route registers it, so HEAD /healthz, / and the chat's files answered 405 and an uptime
    // monitor that checks with HEAD saw the service as down. Node's response left out the body on its
    // own when it saw the request was HEAD, before this; the route runs as the GET.
    const method = req.method ?? 'OTHER';
    if (method === 'HEAD') req.method = 'GET';
    const requestId = requestIdFor(req.headers['x-request-id'], trustProxy);
    res.setHeader('x-request-id', requestId);
    // Every answer may echo a resident's words (search explanations, chat replies): no cache keeps them.
    // Static assets set their own policy, which replaces this one.
    res.setHeader('cache-control', 'no-store');
    if (lifecycle.draining) res.setHeader('connection', 'close');
    lifecycle.open.add(res);
    // A client that asks for a large file (the 3.9 MB Web Chat bundle) and never reads it held its
    // connection for ever: Node has no idle limit on a socket, and the keep-alive limit starts only once
    // the response has left. Enough of them use up the process's file descriptors and nobody else gets in.
    // When the handler has written the whole response and some of it is still waiting for the client,
    // the connection may stand still unreadMs at most (Node closes a socket whose time-out nobody
    // handles, after a second look); a slow reader that takes some of it now and then is not cut, and Node's keep-alive
    // limit replaces this one once the response has left. Handlers themselves take the time they need
    // (a draft's test may wait for a build): nothing is armed before the response is written.
    res.once('prefinish', () => {
      if (req.socket.writableLength > 0) req.socket.setTimeout(unreadMs);
    });
    context.run({ requestId, client: clientAddress(req, trustProxy) }, () => {
      const started = process.hrtime.bigint();
      metrics?.httpInFlight.inc();
      let done = false;
      // Bound to the request's scope: 'finish' is emitted from wherever the socket completes.
      const finish = AsyncResource.bind(() => {
        if (done) return;
        done = true;
        lifecycle.open.delete(res);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const route = routeOf(req);
        const status = res.statusCode;
        metrics?.httpInFlight.dec();
        metrics?.httpSeconds.observe({ method, route, status: String(status) }, seconds);
        logger.debug({ method, route, status, ms: Math.round(seconds * 1e4) / 10 }, 'request');
      });
      res.once('finish', finish);
      res.once('close', finish);
      next();
    });
  });

  // restify's own 404 and 405 said {"code":"ResourceNotFound","message":"/nope does not exist"}: another
  // shape than every other error of the service, named after restify's classes, and echoing the caller's
  // path. Answered here in the service's shape, from our words only (the methods come from our routes).
  server.on('NotFound', (_req: restify.Request, res: restify.Response, _err: RouteError, done: () => void) => {
    res.send(404, { error: { code: 'not_found', message: ROUTE_ERRORS.not_found } });
    done();
  });
  server.on('MethodNotAllowed', (_req: restify.Request, res: restify.Response, _err: RouteError, done: () => void) => {
    // restify has set Allow from the routes registered on the path; every GET route answers HEAD too.
    const allowed = allowedMethods(res);
    res.setHeader('allow', allowed.join(', '));
    res.send(405, { error: { code: 'method_not_allowed', message: ROUTE_ERRORS.method_not_allowed(allowed) } });
    done();
  });

  server.on('restifyError', (req: restify.Request, res: restify.Response, err: RouteError, done: () => void) => {
    if (typeof err.statusCode !== 'number') {
      logger.error({ err, method: req.method, route: routeOf(req) }, 'unhandled error in route');
      if (!res.headersSent) {
        res.send(500, { error: { code: 'internal_error', message: 'Something went wrong on our side. Try again, or contact the contact center.' } });
      }
    } else {
      // restify's own rejections (404, 405), answered above; log them without bodies or paths.
      logger.debug({ status: err.statusCode, error: err.name, method: req.method, route: routeOf(req) }, 'request rejected');
    }
    done();
  });

  return server;
}
