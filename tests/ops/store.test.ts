import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { connectRedis, createMemoryStore, createRedisStore, waitForRedis, type SharedStore } from '../../src/state/index.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

const offer = z.object({ ids: z.array(z.string()).min(1), lang: z.enum(['sv', 'en']) });

/** The same contract, run against memory and against a real redis-server. */
function contract(name: string, open: () => Promise<SharedStore>) {
  describe(`${name} store`, () => {
    test('when a value is set, get returns a parsed copy; take returns it once; delete removes it', async () => {
      const kv = (await open()).keyValue('offers', { schema: offer, ttlSeconds: 60 });
      const value = { ids: ['contact', 'employees'], lang: 'sv' as const };
      await kv.set('conv-1', value);
      expect(await kv.get('conv-1')).toEqual(value);
      expect(await kv.take('conv-1')).toEqual(value);
      expect(await kv.take('conv-1')).toBeUndefined();
      await kv.set('conv-2', value);
      await kv.delete('conv-2');
      expect(await kv.get('conv-2')).toBeUndefined();
    });

    test('when a stored value no longer fits the schema, it reads as a miss', async () => {
      const store = await open();
      await store.keyValue('loose', { schema: z.unknown(), ttlSeconds: 60 }).set('conv', { ids: [] });
      // Another namespace cannot see it; the same data read with the strict schema is refused.
      const strict = store.keyValue('strict', { schema: offer, ttlSeconds: 60 });
      expect(await strict.get('conv')).toBeUndefined();
    });

    test('when counters are incremented, all() returns every name with its total', async () => {
      const counters = (await open()).counters('usage');
      await counters.increment('police-report');
      await counters.increment('police-report', 2);
      await counters.increment('contact');
      expect(Object.fromEntries(await counters.all())).toEqual({ 'police-report': 3, contact: 1 });
    });

    test('when a namespace is opened twice or is malformed, it is refused', async () => {
      const store = await open();
      store.keyValue('twice', { schema: z.string(), ttlSeconds: 1 });
      expect(() => store.keyValue('twice', { schema: z.string(), ttlSeconds: 1 })).toThrow(/already open/);
      expect(() => store.counters('Bad Name')).toThrow(/lower-case/);
    });
  });
}

contract('memory', () => Promise.resolve(createMemoryStore()));

describe('memory store bounds', () => {
  test('when more keys are set than maxEntries, the oldest are forgotten', async () => {
    const kv = createMemoryStore().keyValue('bounded', { schema: z.number(), ttlSeconds: 60, maxEntries: 2 });
    await kv.set('a', 1);
    await kv.set('b', 2);
    await kv.set('c', 3);
    expect([await kv.get('a'), await kv.get('b'), await kv.get('c')]).toEqual([undefined, 2, 3]);
  });

  test('when the TTL has passed, the value is gone', async () => {
    let now = 1_000_000;
    const kv = createMemoryStore({ now: () => now }).keyValue('ttl', { schema: z.number(), ttlSeconds: 10 });
    await kv.set('a', 1);
    now += 9_999;
    expect(await kv.get('a')).toBe(1);
    now += 2;
    expect(await kv.get('a')).toBeUndefined();
  });

  test('when more names are counted than maxNames, new names are not counted', async () => {
    const counters = createMemoryStore().counters('few', { maxNames: 1 });
    await counters.increment('a');
    await counters.increment('b');
    await counters.increment('a');
    expect(Object.fromEntries(await counters.all())).toEqual({ a: 2 });
  });
});

describe('redis store against a real redis-server', () => {
  let server: RedisServer;
  const stores: SharedStore[] = [];
  let prefix = 0;
  const open = () => {
    const redis = connectRedis({ url: server.url, onError: () => undefined });
    // Each store gets its own prefix: the contract tests must not see each other's keys.
    const store = createRedisStore({ redis, keyPrefix: `test${(prefix += 1)}:`, onError: () => undefined });
    stores.push(store);
    return { store, redis };
  };

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await server.stop();
  });

  contract('redis', async () => {
    const { store, redis } = open();
    if (!(await waitForRedis(redis, 2000))) throw new Error('redis did not become ready');
    return store;
  });

  test('when a conversation id is used as a key, Redis holds only its hash and the value expires', async () => {
    const { store, redis } = open();
    expect(await waitForRedis(redis, 2000)).toBe(true);
    await store.keyValue('offers', { schema: offer, ttlSeconds: 30 }).set('conv-personal-looking-id', { ids: ['contact'], lang: 'sv' });
    const keys = await redis.keys('*');
    expect(keys.some((k) => k.includes('conv-personal-looking-id'))).toBe(false);
    const key = keys.find((k) => k.includes(':kv:offers:'));
    expect(key).toBeDefined();
    const ttl = await redis.ttl(key ?? '');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30);
  });

  test('when Redis is frozen or stopped, reads miss and writes are skipped within the command timeout, and health says why', async () => {
    const own = await startRedisServer();
    const redis = connectRedis({ url: own.url, onError: () => undefined, commandTimeoutMs: 200 });
    const seen: string[] = [];
    const store = createRedisStore({ redis, keyPrefix: 'fail:', onError: (op) => seen.push(op), pingTimeoutMs: 200 });
    expect(await waitForRedis(redis, 2000)).toBe(true);
    const kv = store.keyValue('offers', { schema: offer, ttlSeconds: 30 });
    await kv.set('c', { ids: ['contact'], lang: 'sv' });
    expect(await store.health()).toEqual({ ok: true });

    own.freeze();
    const started = Date.now();
    expect(await kv.get('c')).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1500);
    expect((await store.health()).ok).toBe(false);
    own.thaw();

    await own.stop();
    await kv.set('c', { ids: ['contact'], lang: 'sv' });
    expect(await kv.take('c')).toBeUndefined();
    expect(await store.counters('usage').all()).toEqual(new Map());
    expect(await store.health()).toMatchObject({ ok: false });
    expect(seen).toEqual(expect.arrayContaining(['get', 'set', 'take', 'all']));
    await store.close();
  });
});
