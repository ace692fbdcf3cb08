import type restify from 'restify';
import type { Clock, FaqEngine } from '../../core/index.js';
import type { Logger } from '../../logging/index.js';
import { searchFaq } from './search-api.js';

/** GET /healthz: 200 once the corpus is loaded (the server only listens after it is). */
export function registerHealthRoute(server: restify.Server, engine: FaqEngine): void {
  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.send(200, { status: 'ok', entries: engine.corpus.entries.length });
  });
}

const KNOWN_PARAMETERS: ReadonlySet<string> = new Set(['q', 'lang', 'limit']);

export interface SearchRouteOptions {
  /** "Now", for the answer versions valid and the latest update; the system clock when omitted. */
  readonly clock?: Clock;
}

/** GET /api/faq/search: the contact-center agents' search over the vetted answers. */
export function registerSearchRoute(server: restify.Server, engine: FaqEngine, logger: Logger, options: SearchRouteOptions = {}): void {
  const clock = options.clock ?? (() => new Date());
  server.get('/api/faq/search', async (req: restify.Request, res: restify.Response) => {
    const url = req.url ?? '';
    const at = url.indexOf('?');
    const started = process.hrtime.bigint();
    const result = searchFaq(engine, at === -1 ? '' : url.slice(at + 1), clock());
    const micros = Number(process.hrtime.bigint() - started) / 1000;
    if (result.status === 200) {
      // Never the query itself: agents paste residents' messages.
      logger.info({ route: 'search', decision: result.body.decision, top: result.body.results[0]?.id, micros }, 'search');
    } else {
      // The parameter's name is the caller's text too: only the API's own names are logged.
      const parameter = result.body.error.parameter;
      logger.info({ route: 'search', rejected: KNOWN_PARAMETERS.has(parameter) ? parameter : 'other' }, 'search rejected');
    }
    res.send(result.status, result.body);
  });
}
