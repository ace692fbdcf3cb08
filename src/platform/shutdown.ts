import type { Server } from 'node:http';

export type DrainResult = 'drained' | 'forced';

/**
 * Stops an HTTP server gracefully: no new connections, every request already received completes, idle
 * keep-alive sockets are closed cleanly (FIN, not reset), and connections that finish a response during the
 * drain are closed right after it. Whatever is still open at the deadline is closed ("forced").
 *
 * The caller makes responses carry `Connection: close` while draining (createHttpServer's `draining`), so
 * clients do not reuse a connection that is about to close.
 */
export function drainHttpServer(server: Server, timeoutMs: number): Promise<DrainResult> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: DrainResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearInterval(sweep);
      resolve(result);
    };
    const deadline = setTimeout(() => {
      server.closeAllConnections();
      settle('forced');
    }, timeoutMs);
    // Node closes idle connections on close(); a keep-alive connection whose response ends later becomes
    // idle then, so look again until the server has no connection left.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    if (!server.listening) {
      settle('drained');
      return;
    }
    server.close(() => settle('drained'));
    server.closeIdleConnections();
  });
}
