import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * A page served on 127.0.0.1 the way a municipal web server serves one: ETag and Last-Modified, 304 to a
 * matching conditional request. Tests change `body` to publish a new version and count the requests.
 */
export interface LoopbackPage {
  readonly url: string;
  body: string;
  contentType: string;
  /** Counts of responses by status. */
  readonly served: Map<number, number>;
  /** Replaces the handler for the next requests (redirects, stalls, errors). */
  handler?: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  close(): Promise<void>;
}

export async function serveLoopbackPage(body: string, path = '/incident'): Promise<LoopbackPage> {
  let modified = new Date('2026-12-01T10:00:00Z');
  let lastBody = body;
  const page: LoopbackPage = {
    url: '',
    body,
    contentType: 'text/html; charset=utf-8',
    served: new Map(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const count = (status: number) => page.served.set(status, (page.served.get(status) ?? 0) + 1);
  const server: Server = createServer((req, res) => {
    if (page.handler !== undefined) {
      page.handler(req, res);
      return;
    }
    if (page.body !== lastBody) {
      lastBody = page.body;
      modified = new Date(modified.getTime() + 60_000);
    }
    const etag = `"${createHash('sha256').update(page.body).digest('hex').slice(0, 16)}"`;
    const lastModified = modified.toUTCString();
    if (req.headers['if-none-match'] === etag || (req.headers['if-none-match'] === undefined && req.headers['if-modified-since'] === lastModified)) {
      count(304);
      res.writeHead(304, { etag, 'last-modified': lastModified });
      res.end();
      return;
    }
    count(200);
    res.writeHead(200, { 'content-type': page.contentType, etag, 'last-modified': lastModified });
    res.end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  Object.assign(page, { url: `http://127.0.0.1:${port}${path}` });
  return page;
}
