import type { Logger } from '../logging/index.js';
import type { ServiceMetrics } from './metrics.js';

export interface RefusalReporterOptions {
  readonly logger: Logger;
  readonly metrics?: Pick<ServiceMetrics, 'rateLimitRefusals'>;
  /** Most clients remembered as "already logged in this window". */
  readonly maxKeys?: number;
  /** "Now" in ms (tests). */
  readonly now?: () => number;
}

/**
 * Counts every 429 in metrics, and logs one line per client per limit per window: a flood is one line,
 * not one per request. The client is logged as a hash (the logger hashes `clientId`).
 */
export function createRefusalReporter(options: RefusalReporterOptions): (limit: string, key: string, retryAfterSeconds: number) => void {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  const loggedUntil = new Map<string, number>();
  return (limit, key, retryAfterSeconds) => {
    options.metrics?.rateLimitRefusals.inc({ limit });
    const id = `${limit}\n${key}`;
    const t = now();
    const until = loggedUntil.get(id);
    if (until !== undefined && until > t) return;
    loggedUntil.delete(id);
    for (const oldest of loggedUntil.keys()) {
      if (loggedUntil.size < maxKeys) break;
      loggedUntil.delete(oldest);
    }
    loggedUntil.set(id, t + retryAfterSeconds * 1000);
    options.logger.warn({ limit, clientId: key, retryAfterSeconds }, 'rate limit reached: refusals of this client are counted in metrics, not logged again in this window');
  };
}
