import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { hashedKey } from '../state/index.js';

export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/** One limit: `points` requests per key (client address, conversation) per window. */
export interface RateLimiter {
  /** Spends one point for `key`; says when to come back if none are left. Never throws. */
  consume(key: string): Promise<RateDecision>;
}

export interface RateLimitSpec {
  /** Names the limit in metrics, logs and Redis keys, e.g. "webchat-client". */
  readonly name: string;
  /** Requests allowed per window. */
  readonly points: number;
  /** The window, in seconds. */
  readonly durationSeconds: number;
}

/** Makes the service's limits; one instance per process, built by the composition root. */
export interface RateLimiters {
  /** False with RATE_LIMITS=off: every limiter then allows everything. */
  readonly enabled: boolean;
  create(spec: RateLimitSpec): RateLimiter;
}

export interface RateLimitersOptions {
  /** RATE_LIMITS=on. */
  readonly enabled: boolean;
  /** With REDIS_URL: the limits are counted in Redis, so they hold across every instance. */
  readonly redis?: Redis | undefined;
  /** Prefix of the Redis keys (REDIS_KEY_PREFIX). */
  readonly keyPrefix?: string;
  /** Told about every refusal (metrics, the once-per-window log line). */
  readonly onRefused?: (limit: string, key: string, retryAfterSeconds: number) => void;
  /** Told when Redis fails and the limit falls back to this process's own count. */
  readonly onStoreError?: (limit: string, error: unknown) => void;
  /** Most keys one in-memory limit tracks (the oldest window is forgotten first). */
  readonly maxLocalKeys?: number;
  /** ID_HASH_SECRET: the Redis keys are HMACs of the client address under it. */
  readonly hashSecret?: string | undefined;
  /** "Now" in ms (tests). */
  readonly now?: () => number;
}

const ALLOW: RateDecision = Object.freeze({ ok: true });

/**
 * The service's rate limits. Without Redis each limit is a fixed window counted in this process's memory,
 * bounded in keys. With Redis it is counted there (rate-limiter-flexible's RateLimiterRedis), shared by
 * every instance; when Redis fails, the limit falls back to this process's own count ("fail local": each
 * instance then enforces the limit on its own, so N instances allow up to N times as much until Redis
 * is back).
 */
export function createRateLimiters(options: RateLimitersOptions): RateLimiters {
  const now = options.now ?? Date.now;
  return {
    enabled: options.enabled,
    create(spec) {
      if (!options.enabled) return { consume: () => Promise.resolve(ALLOW) };
      const local = createLocalLimiter(spec, options.maxLocalKeys ?? 100_000, now);
      const redis = options.redis;
      const limiter: RateLimiter =
        redis === undefined
          ? local
          : createRedisLimiter(spec, redis, options.keyPrefix ?? '', local, (error) => options.onStoreError?.(spec.name, error), options.hashSecret);
      const onRefused = options.onRefused;
      if (onRefused === undefined) return limiter;
      return {
        async consume(key) {
          const decision = await limiter.consume(key);
          if (!decision.ok) onRefused(spec.name, key, decision.retryAfterSeconds);
          return decision;
        },
      };
    },
  };
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** A fixed window per key in a Map whose insertion order is window order, so expiry sweeps from the front. */
function createLocalLimiter(spec: RateLimitSpec, maxKeys: number, now: () => number): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const durationMs = spec.durationSeconds * 1000;
  return {
    consume(key) {
      const t = now();
      let window = windows.get(key);
      if (window === undefined || window.resetAt <= t) {
        windows.delete(key);
        for (const [oldest, w] of windows) {
          if (w.resetAt > t && windows.size < maxKeys) break;
          windows.delete(oldest);
        }
        window = { count: 0, resetAt: t + durationMs };
        windows.set(key, window);
      }
      window.count += 1;
      return Promise.resolve(window.count <= spec.points ? ALLOW : { ok: false, retryAfterSeconds: seconds(window.resetAt - t) });
    },
  };
}

function createRedisLimiter(spec: RateLimitSpec, redis: Redis, keyPrefix: string, fallback: RateLimiter, onError: (error: unknown) => void, hashSecret: string | undefined): RateLimiter {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${keyPrefix}rl:${spec.name}`,
    points: spec.points,
    duration: spec.durationSeconds,
    // A disconnected client fails at once instead of waiting: the local count takes over.
    rejectIfRedisNotReady: true,
  });
  return {
    async consume(key) {
      try {
        // Client addresses and conversation ids are personal or caller-chosen: only hashes go to Redis.
        await limiter.consume(hashedKey(key, hashSecret));
        return ALLOW;
      } catch (rejection: unknown) {
        if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: seconds(rejection.msBeforeNext) };
        onError(rejection);
        return fallback.consume(key);
      }
    },
  };
}
