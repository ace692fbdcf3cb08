/**
 * The shared store: state every instance of the service must see (with REDIS_URL), or that one
 * instance keeps in memory (without it). See docs/operations.md.
 */
export type { Counters, CountersOptions, KeyValue, KeyValueOptions, SharedStore, StoreErrorHandler, StoreHealth } from './store.js';
export { createMemoryStore, MEMORY_STORE_DEFAULTS, type MemoryStoreOptions } from './memory-store.js';
export { createRedisStore, hashedKey, type RedisStoreOptions } from './redis-store.js';
export { connectRedis, waitForRedis, type RedisConnectionOptions } from './redis-client.js';
