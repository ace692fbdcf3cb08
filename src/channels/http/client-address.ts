import type { IncomingMessage } from 'node:http';

/**
 * The client's address, for rate limits. Behind a reverse proxy the socket is the proxy, so with
 * trustProxy the last X-Forwarded-For hop (the one our proxy appended; earlier hops are the client's to
 * forge) is used.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const joined = Array.isArray(header) ? header.join(',') : header;
    const last = joined
      ?.split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .at(-1);
    if (last !== undefined) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
