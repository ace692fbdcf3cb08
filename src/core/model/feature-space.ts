import type { MessageFeature } from './features.js';
import type { SparseVector } from './softmax.js';

/** A message's features read into a space: the vector and how much of the message it covers. */
export interface ReadFeatures {
  /** The known features, scaled to unit length. */
  readonly x: SparseVector;
  /** The weight of the known features (the calibrator's "known" share is this against `totalWeight`). */
  readonly knownWeight: number;
  readonly totalWeight: number;
  /** How many features are known. */
  readonly known: number;
}

/**
 * The classifier's vocabulary: every feature seen in training has an index. A message's features
 * become one sparse vector, scaled to unit length so a long message and a short one weigh alike;
 * features never seen in training are left out (they say nothing about any entry).
 */
export class FeatureSpace {
  /**
   * Each key's index, in a prototype-less object used as a dictionary rather than a Map. Most keys of a
   * message are strings the featurizer keeps (cached words' keys and n-grams); V8 finds a string it has
   * met before among an object's property names by identity, where a Map of 25,000 keys compares its
   * text with keys spread over the heap. The look-ups were a tenth of a message's time.
   */
  private readonly ids: Record<string, number | undefined> = Object.create(null) as Record<string, number | undefined>;
  private readonly order: string[] = [];
  /**
   * Every message's vector is carved from shared buffers: two typed arrays of their own per message (each
   * with a buffer outside the heap past 64 bytes) cost more to make and collect than reading them.
   */
  private readonly pool = new VectorPool();

  constructor(keys: readonly string[] = []) {
    for (const k of keys) if (!this.has(k)) this.add(k);
  }

  get size(): number {
    return this.order.length;
  }

  /** The keys in index order (to store or send the model). */
  keys(): string[] {
    return [...this.order];
  }

  has(key: string): boolean {
    return this.ids[key] !== undefined;
  }

  idOf(key: string): number | undefined {
    return this.ids[key];
  }

  private add(key: string): number {
    const id = this.order.length;
    this.ids[key] = id;
    this.order.push(key);
    return id;
  }

  /** The vector of known features; with `grow`, unknown ones are added first (training only). */
  vector(features: readonly MessageFeature[], grow = false): SparseVector {
    return this.read(features, grow).x;
  }

  /** The vector of known features, and how much of the message they cover. */
  read(features: readonly MessageFeature[], grow = false): ReadFeatures {
    const reading = new Reading(features.length, this.pool);
    for (const f of features) {
      let id = this.ids[f.key];
      if (id === undefined && grow) id = this.add(f.key);
      reading.add(id, f.weight);
    }
    return reading.done();
  }
}

/** A message whose features are numbered already (in the order of its feature list): see {@link NumberedSpace}. */
export interface NumberedMessage {
  readonly ids: Int32Array;
  readonly weights: Float64Array;
}

/** Training messages with their features numbered, and every number's key. */
export interface NumberedMessages {
  readonly messages: readonly NumberedMessage[];
  readonly keys: readonly string[];
}

/**
 * Numbers every feature of the training messages once, by its key, as each message is read. Training
 * reads the same messages into a space per fold and one for the final model; with the keys numbered
 * once, those spaces map numbers to numbers instead of hashing every key of every message again, and
 * the messages' feature objects die young instead of filling the heap (a 10,000-entry corpus has
 * millions of them).
 */
export class FeatureNumbering {
  private readonly ids = new Map<string, number>();
  /** Every number's key. */
  readonly keys: string[] = [];

  private readonly pool = new VectorPool();

  number(features: readonly MessageFeature[]): NumberedMessage {
    const room = this.pool.take(features.length);
    const out = { ids: room.ids, weights: room.values };
    features.forEach((f, i) => {
      let id = this.ids.get(f.key);
      if (id === undefined) {
        id = this.keys.length;
        this.ids.set(f.key, id);
        this.keys.push(f.key);
      }
      out.ids[i] = id;
      out.weights[i] = f.weight;
    });
    return out;
  }
}

/**
 * A feature space over numbered features (see {@link numberMessages}): grows in the order features are
 * first seen, exactly as {@link FeatureSpace} would over the same messages, so the models are the same.
 */
export class NumberedSpace {
  private readonly local: Int32Array;
  private readonly order: number[] = [];
  private readonly pool = new VectorPool();

  /** @param numbered how many numbers there are */
  constructor(numbered: number) {
    this.local = new Int32Array(numbered).fill(-1);
  }

  get size(): number {
    return this.order.length;
  }

  /** The keys in index order, given every number's key. */
  keys(keyOf: readonly string[]): string[] {
    return this.order.map((n) => keyOf[n] as string);
  }

  vector(message: NumberedMessage, grow = false): SparseVector {
    return this.read(message, grow).x;
  }

  read(message: NumberedMessage, grow = false): ReadFeatures {
    const reading = new Reading(message.ids.length, this.pool);
    for (let i = 0; i < message.ids.length; i++) {
      const n = message.ids[i] as number;
      let id = this.local[n] as number;
      if (id < 0 && grow) {
        id = this.local[n] = this.order.length;
        this.order.push(n);
      }
      reading.add(id < 0 ? undefined : id, message.weights[i] as number);
    }
    return reading.done();
  }
}

/**
 * Room for many small vectors carved from a few large buffers. Training keeps a vector per message and
 * fold (millions on a 10,000-entry corpus); each with a buffer of its own gave the garbage collector
 * millions of buffers to track.
 */
export class VectorPool {
  private ids = new Int32Array(0);
  private values = new Float64Array(0);
  private used = 0;

  /** Arrays of `n` slots, valid for as long as anything refers to them. */
  take(n: number): { ids: Int32Array; values: Float64Array } {
    if (this.used + n > this.ids.length) {
      const size = Math.max(POOL_CHUNK, n);
      this.ids = new Int32Array(size);
      this.values = new Float64Array(size);
      this.used = 0;
    }
    const out = { ids: this.ids.subarray(this.used, this.used + n), values: this.values.subarray(this.used, this.used + n) };
    this.used += n;
    return out;
  }

  /** Gives back the last `n` slots taken (a vector turned out shorter than its room). */
  giveBack(n: number): void {
    this.used -= n;
  }
}

/** Slots per buffer of a {@link VectorPool}. */
const POOL_CHUNK = 1 << 16;

/** One message being read: the known features' ids and weights, then scaled to unit length. */
class Reading {
  private readonly ids: Int32Array;
  private readonly values: Float64Array;
  private k = 0;
  private norm = 0;
  private totalWeight = 0;

  constructor(
    private readonly capacity: number,
    private readonly pool?: VectorPool,
  ) {
    const room = pool ? pool.take(capacity) : { ids: new Int32Array(capacity), values: new Float64Array(capacity) };
    this.ids = room.ids;
    this.values = room.values;
  }

  add(id: number | undefined, weight: number): void {
    this.totalWeight += weight;
    if (id === undefined) return;
    this.ids[this.k] = id;
    this.values[this.k] = weight;
    this.norm += weight * weight;
    this.k++;
  }

  done(): ReadFeatures {
    const { ids, values, k, norm } = this;
    this.pool?.giveBack(this.capacity - k);
    let knownWeight = 0;
    if (Math.sqrt(norm) > 0) for (let i = 0; i < k; i++) knownWeight += values[i] as number;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 1;
    for (let i = 0; i < k; i++) values[i] = (values[i] as number) * scale;
    return { x: { ids: ids.subarray(0, k), values: values.subarray(0, k) }, knownWeight, totalWeight: this.totalWeight, known: k };
  }
}
