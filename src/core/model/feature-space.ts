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
    const ids: number[] = [];
    const values: number[] = [];
    let norm = 0;
    for (const f of features) {
      let id = this.ids.get(f.key);
      if (id === undefined && grow) this.ids.set(f.key, (id = this.ids.size));
      if (id === undefined) continue;
      ids.push(id);
      values.push(f.weight);
      norm += f.weight * f.weight;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 1;
    return { ids: Int32Array.from(ids), values: Float64Array.from(values, (v) => v * scale) };
  }
}
