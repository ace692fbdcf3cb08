import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface ClientRateLimiter {
  /** Spends one point for this client; says when to come back if none are left. */
  consume(key: string): Promise<RateDecision>;
}

/** Per-client limit in process memory: enough for one instance; use a shared store when scaling out. */
export function createClientRateLimiter(points: number, durationSeconds: number, keyPrefix: string): ClientRateLimiter {
  const limiter = new RateLimiterMemory({ points, duration: durationSeconds, keyPrefix });
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return { ok: true };
      } catch (rejection: unknown) {
        // The memory store only rejects with a RateLimiterRes; anything else is treated as "slow down".
        const ms = rejection instanceof RateLimiterRes ? rejection.msBeforeNext : durationSeconds * 1000;
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
      }
    },
  };
}

/**
 * The client's address. Behind a reverse proxy the socket is the proxy, so with trustProxy the last
 * X-Forwarded-For hop (the one our proxy appended; earlier hops are the client's to forge) is used.
 */
export function clientKey(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const joined = Array.isArray(header) ? header.join(',') : header;
    const last = joined?.split(',').map((s) => s.trim()).filter((s) => s !== '').at(-1);
    if (last !== undefined) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
