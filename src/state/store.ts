import type { z } from 'zod';

/** Options of one namespace of keyed values. */
export interface KeyValueOptions<T> {
  /** Checks every value read back (Redis is outside data too); a value that does not parse is a miss. */
  readonly schema: z.ZodType<T>;
  /** How long a value lives unless `set` says otherwise, in seconds. */
  readonly ttlSeconds: number;
  /** Most keys kept in process memory (the oldest is forgotten first). Redis bounds keys by TTL alone. */
  readonly maxEntries?: number;
}

/**
 * Values by key in one namespace, each with a time to live. Keys may be caller-chosen (conversation
 * ids): the store hashes them, so none is written to Redis as given.
 *
 * Never throws: when the backend is unreachable a read is a miss and a write is skipped (fail open), the
 * failure is reported to the store's `onError`, and the caller carries on.
 */
export interface KeyValue<T> {
  get(key: string): Promise<T | undefined>;
  /** Stores `value` for `ttlSeconds` (the namespace's default when omitted). */
  set(key: string, value: T, ttlSeconds?: number): Promise<void>;
  /** Reads and removes in one step: of two replicas taking the same key, one gets the value. */
  take(key: string): Promise<T | undefined>;
  delete(key: string): Promise<void>;
}

/** Options of one set of named counters. */
export interface CountersOptions {
  /** Most names counted in process memory; new names beyond it are not counted. */
  readonly maxNames?: number;
}

/** Named counters, e.g. answers per FAQ id. Never throws, like KeyValue. */
export interface Counters {
  increment(name: string, by?: number): Promise<void>;
  /** Every name and its count; empty when the backend is unreachable. */
  all(): Promise<ReadonlyMap<string, number>>;
}

export type StoreHealth = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * The state that every instance of the service must share (with REDIS_URL) or that one instance keeps in
 * memory (without it): namespaced values with a TTL, and counters. One namespace per feature, e.g.
 * "clarify-offer", "last-topic", "reading-level".
 */
export interface SharedStore {
  readonly backend: 'memory' | 'redis';
  /** The namespace `namespace` of values of type T. Each namespace may be opened once. */
  keyValue<T>(namespace: string, options: KeyValueOptions<T>): KeyValue<T>;
  /** The counters `namespace`. Each namespace may be opened once. */
  counters(namespace: string, options?: CountersOptions): Counters;
  /** Whether the backend answers now (always ok in memory). */
  health(): Promise<StoreHealth>;
  /** Waits for writes still under way, then disconnects. */
  close(): Promise<void>;
}

/** What a store reports when its backend fails (for logs and metrics). */
export type StoreErrorHandler = (operation: string, namespace: string, error: unknown) => void;

const NAMESPACE = /^[a-z][a-z0-9-]{0,39}$/;

/** Refuses a malformed or already opened namespace: both are programming errors, found at start-up. */
export function claimNamespace(claimed: Set<string>, namespace: string): void {
  if (!NAMESPACE.test(namespace)) throw new Error(`Store namespace "${namespace}" must be 1–40 lower-case letters, digits or "-", starting with a letter.`);
  if (claimed.has(namespace)) throw new Error(`Store namespace "${namespace}" is already open: each feature needs its own namespace.`);
  claimed.add(namespace);
}
