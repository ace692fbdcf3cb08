import restify from 'restify';
import type { Logger } from '../../logging/index.js';

export interface HttpServerOptions {
  readonly logger: Logger;
  /** Shown in the Server header. */
  readonly name?: string;
}

/**
 * The restify server with the one error boundary every route shares: an unexpected exception is
 * logged with its route and answered with a short JSON 500, and the server keeps serving.
 */
export function createHttpServer({ logger, name = 'incident-faq-bot' }: HttpServerOptions): restify.Server {
  const server = restify.createServer({ name, handleUncaughtExceptions: true, ignoreTrailingSlash: true });

  server.on('uncaughtException', (req: restify.Request, res: restify.Response, route: unknown, err: unknown) => {
    logger.error({ err, method: req.method, path: req.getPath?.() }, 'unhandled error in route');
    if (!res.headersSent) {
      res.send(500, { error: { code: 'internal_error', message: 'Something went wrong on our side. Try again, or contact the contact center.' } });
    }
  });

  // restify's own errors (404, 405, 413, bad JSON) are already JSON; log them at debug without bodies.
  server.on('restifyError', (req: restify.Request, _res: restify.Response, err: { statusCode?: number; name?: string }, cb: () => void) => {
    logger.debug({ status: err.statusCode, error: err.name, method: req.method, path: req.getPath?.() }, 'request rejected');
    cb();
  });

  server.pre(restify.plugins.pre.context());
  return server;
}
