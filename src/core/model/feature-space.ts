import type { MessageFeature } from './features.js';
import type { SparseVector } from './softmax.js';

/**
 * The classifier's vocabulary: every feature seen in training has an index. A message's features
 * become one sparse vector, scaled to unit length so a long message and a short one weigh alike;
 * features never seen in training are left out (they say nothing about any entry).
 */
export class FeatureSpace {
  private readonly ids = new Map<string, number>();

  constructor(keys: readonly string[] = []) {
    for (const k of keys) this.ids.set(k, this.ids.size);
  }

  get size(): number {
    return this.ids.size;
  }

  /** The keys in index order (to store or send the model). */
  keys(): string[] {
    return [...this.ids.keys()];
  }

  has(key: string): boolean {
    return this.ids.has(key);
  }

  idOf(key: string): number | undefined {
    return this.ids.get(key);
  }

  /** The vector of known features; with `grow`, unknown ones are added first (training only). */
  vector(features: readonly MessageFeature[], grow = false): SparseVector {
    return this.read(features, grow).x;
  }

  /**
   * The vector of known features, and how much of the message they cover: the weight of the known
   * features against all (the calibrator's "known" share) and how many are known.
   */
  read(features: readonly MessageFeature[], grow = false): { x: SparseVector; knownWeight: number; totalWeight: number; known: number } {
    const ids = new Int32Array(features.length);
    const values = new Float64Array(features.length);
    let k = 0;
    let norm = 0;
    let totalWeight = 0;
    for (const f of features) {
      totalWeight += f.weight;
      let id = this.ids.get(f.key);
      if (id === undefined && grow) this.ids.set(f.key, (id = this.ids.size));
      if (id === undefined) continue;
      ids[k] = id;
      values[k] = f.weight;
      norm += f.weight * f.weight;
      k++;
    }
    const knownWeight = Math.sqrt(norm) > 0 ? sum(values, k) : 0;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 1;
    for (let i = 0; i < k; i++) values[i] = (values[i] as number) * scale;
    return { x: { ids: ids.subarray(0, k), values: values.subarray(0, k) }, knownWeight, totalWeight, known: k };
  }
}

function sum(values: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i] as number;
  return s;
}
