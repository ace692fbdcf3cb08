import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '../../src/logging/index.js';
import { createMetrics, createRateLimiters, createRefusalReporter } from '../../src/platform/index.js';
import { connectRedis, waitForRedis } from '../../src/state/index.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

const spec = { name: 'test-limit', points: 3, durationSeconds: 10 };

async function spend(limiter: { consume(key: string): Promise<{ ok: boolean }> }, key: string, n: number): Promise<boolean[]> {
  const out: boolean[] = [];
  for (let i = 0; i < n; i += 1) out.push((await limiter.consume(key)).ok);
  return out;
}

describe('rate limits in memory', () => {
  test('when a key spends its points, the next request is refused with the seconds left in its window, then allowed again', async () => {
    let now = 0;
    const limiter = createRateLimiters({ enabled: true, now: () => now }).create(spec);
    expect(await spend(limiter, 'a', 4)).toEqual([true, true, true, false]);
    expect(await spend(limiter, 'b', 1)).toEqual([true]);
    now = 7_500;
    expect(await limiter.consume('a')).toEqual({ ok: false, retryAfterSeconds: 3 });
    now = 10_000;
    expect(await spend(limiter, 'a', 1)).toEqual([true]);
  });

  test('when more keys are tracked than the bound, the oldest windows are forgotten', async () => {
    const limiter = createRateLimiters({ enabled: true, maxLocalKeys: 2, now: () => 0 }).create({ ...spec, points: 1 });
    await spend(limiter, 'a', 2);
    await spend(limiter, 'b', 1);
    await spend(limiter, 'c', 1);
    // "a" was forgotten (memory stays bounded), so it starts a new window.
    expect(await spend(limiter, 'a', 1)).toEqual([true]);
    expect(await spend(limiter, 'c', 1)).toEqual([false]);
  });

  test('when RATE_LIMITS=off, nothing is refused', async () => {
    const limiter = createRateLimiters({ enabled: false }).create({ ...spec, points: 1 });
    expect(await spend(limiter, 'a', 5)).toEqual([true, true, true, true, true]);
  });
});

describe('refusals', () => {
  test('when one client is refused many times in a window, every refusal is counted and one line is logged, with the client hashed', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const metrics = createMetrics({ defaultMetrics: false });
    let now = 0;
    const report = createRefusalReporter({ logger: createLogger('info', sink), metrics, now: () => now });
    const limiter = createRateLimiters({ enabled: true, onRefused: report, now: () => now }).create({ ...spec, points: 1 });
    await spend(limiter, '198.51.100.7', 50);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('198.51.100.7');
    expect(lines[0]).toContain('test-limit');
    expect(await metrics.registry.getSingleMetricAsString('rate_limit_refusals_total')).toContain('rate_limit_refusals_total{limit="test-limit"} 49');
    now = 10_000;
    await spend(limiter, '198.51.100.7', 2);
    expect(lines).toHaveLength(2);
  });
});

describe('rate limits in Redis', () => {
  let server: RedisServer;
  const clients: ReturnType<typeof connectRedis>[] = [];
  const client = async () => {
    const redis = connectRedis({ url: server.url, onError: () => undefined });
    clients.push(redis);
    expect(await waitForRedis(redis, 2000)).toBe(true);
    return redis;
  };
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await server.stop();
  });

  test('when two instances share Redis, the limit holds across both, not twice over', async () => {
    const one = createRateLimiters({ enabled: true, redis: await client(), keyPrefix: 'shared:' }).create(spec);
    const two = createRateLimiters({ enabled: true, redis: await client(), keyPrefix: 'shared:' }).create(spec);
    const results = [(await one.consume('ip')).ok, (await two.consume('ip')).ok, (await one.consume('ip')).ok, (await two.consume('ip')).ok];
    expect(results).toEqual([true, true, true, false]);
    const refused = await one.consume('ip');
    expect(refused.ok === false && refused.retryAfterSeconds).toBeGreaterThanOrEqual(9);
  });

  test('when Redis is down, each instance falls back to its own count (fail local) and reports it', async () => {
    const own = await startRedisServer();
    const redis = connectRedis({ url: own.url, onError: () => undefined });
    clients.push(redis);
    expect(await waitForRedis(redis, 2000)).toBe(true);
    const errors: string[] = [];
    const limiter = createRateLimiters({ enabled: true, redis, keyPrefix: 'down:', onStoreError: (name) => errors.push(name) }).create(spec);
    await own.stop();
    expect(await spend(limiter, 'ip', 4)).toEqual([true, true, true, false]);
    expect(errors.length).toBeGreaterThan(0);
  });
});
