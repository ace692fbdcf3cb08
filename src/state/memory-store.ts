import { claimNamespace, type Counters, type CountersOptions, type KeyValue, type KeyValueOptions, type SharedStore } from './store.js';

/** Bounds applied when a namespace does not set its own. */
export const MEMORY_STORE_DEFAULTS = Object.freeze({ maxEntries: 10_000, maxNames: 10_000 });

export interface MemoryStoreOptions {
  /** "Now" in milliseconds, for TTLs; Date.now by default (tests pass a fake clock). */
  readonly now?: () => number;
}

/**
 * The shared store for one instance: process memory, bounded. Values are copied through JSON and
 * checked with the namespace's schema on the way out, exactly as with Redis, so code that works on one
 * works on the other.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): SharedStore {
  const now = options.now ?? Date.now;
  const claimed = new Set<string>();
  return {
    backend: 'memory',
    keyValue<T>(namespace: string, kv: KeyValueOptions<T>): KeyValue<T> {
      claimNamespace(claimed, namespace);
      return memoryKeyValue(kv, now);
    },
    counters(namespace: string, counterOptions: CountersOptions = {}): Counters {
      claimNamespace(claimed, namespace);
      return memoryCounters(counterOptions.maxNames ?? MEMORY_STORE_DEFAULTS.maxNames);
    },
    health: () => Promise.resolve({ ok: true }),
    close: () => Promise.resolve(),
  };
}

function memoryKeyValue<T>(options: KeyValueOptions<T>, now: () => number): KeyValue<T> {
  const max = options.maxEntries ?? MEMORY_STORE_DEFAULTS.maxEntries;
  // Insertion order is age order (a set re-inserts), so the first key is always the oldest.
  const entries = new Map<string, { json: string; expiresAt: number }>();
  const read = (key: string): T | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    const parsed = options.schema.safeParse(JSON.parse(entry.json));
    return parsed.success ? parsed.data : undefined;
  };
  return {
    get: (key) => Promise.resolve(read(key)),
    set(key, value, ttlSeconds = options.ttlSeconds) {
      entries.delete(key);
      entries.set(key, { json: JSON.stringify(value), expiresAt: now() + ttlSeconds * 1000 });
      while (entries.size > max) {
        const oldest = entries.keys().next();
        if (oldest.done === true) break;
        entries.delete(oldest.value);
      }
      return Promise.resolve();
    },
    take(key) {
      const value = read(key);
      entries.delete(key);
      return Promise.resolve(value);
    },
    delete(key) {
      entries.delete(key);
      return Promise.resolve();
    },
  };
}

function memoryCounters(maxNames: number): Counters {
  const counts = new Map<string, number>();
  return {
    increment(name, by = 1) {
      const current = counts.get(name);
      if (current !== undefined) counts.set(name, current + by);
      else if (counts.size < maxNames) counts.set(name, by);
      return Promise.resolve();
    },
    all: () => Promise.resolve(new Map(counts)),
  };
}
