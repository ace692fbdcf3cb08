import restify from 'restify';
import type { Logger } from '../../logging/index.js';

export interface HttpServerOptions {
  readonly logger: Logger;
  /** Shown in the Server header. */
  readonly name?: string;
}

interface RouteError extends Error {
  statusCode?: number;
}

/**
 * The restify server with the one error boundary every route shares. Routes are async; a rejected
 * handler reaches restify's 'restifyError' event, where an unexpected error is logged with its route and
 * answered with a short JSON 500 that names nothing internal. The server keeps serving.
 *
 * restify's own `handleUncaughtExceptions` is not used: it wraps every request in a Node domain, which
 * costs about a third of the bot's throughput, and async routes do not need it.
 */
export function createHttpServer({ logger, name = 'incident-faq-bot' }: HttpServerOptions): restify.Server {
  const server = restify.createServer({ name, ignoreTrailingSlash: true });

  server.on('restifyError', (req: restify.Request, res: restify.Response, err: RouteError, done: () => void) => {
    if (typeof err.statusCode !== 'number') {
      logger.error({ err, method: req.method, path: req.getPath() }, 'unhandled error in route');
      if (!res.headersSent) {
        res.send(500, { error: { code: 'internal_error', message: 'Something went wrong on our side. Try again, or contact the contact center.' } });
      }
    } else {
      // restify's own rejections (404, 405, 413 …) are already JSON; log them without bodies.
      logger.debug({ status: err.statusCode, error: err.name, method: req.method, path: req.getPath() }, 'request rejected');
    }
    done();
  });

  return server;
}
