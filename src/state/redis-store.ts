import { createHash, createHmac } from 'node:crypto';
import type { Redis } from 'ioredis';
import { claimNamespace, type Counters, type KeyValue, type KeyValueOptions, type SharedStore, type StoreErrorHandler, type StoreHealth } from './store.js';

export interface RedisStoreOptions {
  /** A connected ioredis client (see connectRedis); closed by the store's close(). */
  readonly redis: Redis;
  /** Prefix of every key, e.g. "faqbot:". */
  readonly keyPrefix: string;
  /** Told about every failed command; the store itself fails open. */
  readonly onError: StoreErrorHandler;
  /** How long health() waits for PING, in ms. */
  readonly pingTimeoutMs?: number;
  /** ID_HASH_SECRET: keys are keyed hashes (HMAC), so nobody with Redis can test guessed addresses or ids. */
  readonly hashSecret?: string | undefined;
}

/**
 * A caller-chosen key as it is stored: a hash, so no conversation id is written as given. With a secret
 * it is an HMAC: an unkeyed hash of an IPv4 address is reversed by hashing all four billion of them.
 */
export function hashedKey(key: string, secret?: string): string {
  return (secret === undefined ? createHash('sha256') : createHmac('sha256', secret)).update(key).digest('base64url').slice(0, 32);
}

/**
 * The shared store on Redis, for two or more instances. Values are JSON strings under
 * `{prefix}kv:{namespace}:{hash of key}` with an expiry; counters are one hash per namespace under
 * `{prefix}count:{namespace}`. Every command is bounded by the client's commandTimeout; a failure is a
 * miss or a skipped write (fail open), never an exception for the caller.
 */
export function createRedisStore(options: RedisStoreOptions): SharedStore {
  const { redis, keyPrefix, onError } = options;
  const claimed = new Set<string>();
  const pending = new Set<Promise<unknown>>();

  // Every command goes through here: tracked until settled (close() waits for writes), errors reported.
  const run = async <R>(operation: string, namespace: string, command: () => Promise<R>, fallback: R): Promise<R> => {
    const promise = command();
    pending.add(promise);
    try {
      return await promise;
    } catch (error) {
      onError(operation, namespace, error);
      return fallback;
    } finally {
      pending.delete(promise);
    }
  };

  return {
    backend: 'redis',
    keyValue<T>(namespace: string, kv: KeyValueOptions<T>): KeyValue<T> {
      claimNamespace(claimed, namespace);
      const keyOf = (key: string) => `${keyPrefix}kv:${namespace}:${hashedKey(key, options.hashSecret)}`;
      const decode = (raw: string | null): T | undefined => {
        if (raw === null) return undefined;
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch {
          return undefined;
        }
        const parsed = kv.schema.safeParse(json);
        return parsed.success ? parsed.data : undefined;
      };
      return {
        get: async (key) => decode(await run('get', namespace, () => redis.get(keyOf(key)), null)),
        set: async (key, value, ttlSeconds = kv.ttlSeconds) => {
          await run('set', namespace, () => redis.set(keyOf(key), JSON.stringify(value), 'EX', Math.max(1, Math.round(ttlSeconds))), null);
        },
        take: async (key) => decode(await run('take', namespace, () => redis.getdel(keyOf(key)), null)),
        delete: async (key) => {
          await run('delete', namespace, () => redis.del(keyOf(key)), 0);
        },
      };
    },
    counters(namespace: string): Counters {
      claimNamespace(claimed, namespace);
      const key = `${keyPrefix}count:${namespace}`;
      return {
        increment: async (name, by = 1) => {
          await run('increment', namespace, () => redis.hincrby(key, name, by), 0);
        },
        all: async () => {
          const raw = await run('all', namespace, () => redis.hgetall(key), {});
          const counts = new Map<string, number>();
          for (const [name, value] of Object.entries(raw)) {
            const n = Number(value);
            if (Number.isSafeInteger(n)) counts.set(name, n);
          }
          return counts;
        },
      };
    },
    async health(): Promise<StoreHealth> {
      if (redis.status !== 'ready') return { ok: false, reason: `redis ${redis.status}` };
      const timeoutMs = options.pingTimeoutMs ?? 500;
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer to PING within ${timeoutMs} ms`)), timeoutMs);
        });
        await Promise.race([redis.ping(), timeout]);
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: error instanceof Error ? error.message : 'PING failed' };
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await Promise.allSettled([...pending]);
      try {
        await redis.quit();
      } catch {
        // Not connected: nothing to flush.
        redis.disconnect();
      }
    },
  };
}
