import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

// ioredis (CommonJS) is required when a client is made: a service without REDIS_URL never loads it,
// which saves start-up time (see docs/operations.md, start-up time).
const load = createRequire(import.meta.url);

export interface RedisConnectionOptions {
  /** redis:// or rediss:// URL (REDIS_URL). */
  readonly url: string;
  /** Longest a command may take before it fails (and the caller fails open), in ms. */
  readonly commandTimeoutMs?: number;
  /** Told about connection errors; ioredis would otherwise print them to the console. */
  readonly onError: (error: Error) => void;
}

/**
 * An ioredis client set up for a request path: commands fail at once while disconnected instead of
 * queueing (no request waits for a dead Redis), each command has a deadline, and the client keeps
 * reconnecting in the background (at most every 2 s).
 */
export function connectRedis(options: RedisConnectionOptions): Redis {
  const { Redis: Client } = load('ioredis') as typeof import('ioredis');
  const redis = new Client(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  redis.on('error', options.onError);
  return redis;
}

/** Resolves when the client is ready or after `timeoutMs`, whichever is first (true when ready). */
export function waitForRedis(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.on('ready', onReady);
  });
}
