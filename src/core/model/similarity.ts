import type { SparseVector } from './softmax.js';

/**
 * A second, independent reading of a message: how close it is to each entry's own words (its
 * phrasings, their variants and its answer) by TF-IDF cosine. The classifier learns what separates the
 * entries; this only measures resemblance. Where both point at the same entry, the answer is far more
 * often right than where they disagree, which is what the calibrator needs on a small corpus, whose
 * classifier has seen few examples.
 */

/** An entry's profile as plain data (crosses from the build process like the classifier's weights). */
export interface SimilarityIndex {
  readonly classes: number;
  /** Inverse document frequency of each feature over the entries' profiles. */
  readonly idf: Float32Array;
  /** Feature f's profile weights are at rowStart[f] … rowStart[f + 1] - 1 in rowClass / rowWeight. */
  readonly rowStart: Int32Array;
  readonly rowClass: Int32Array;
  readonly rowWeight: Float32Array;
}

export interface ProfileExample {
  readonly x: SparseVector;
  readonly y: number;
  readonly weight: number;
}

/** The most entries one feature's profile weights are kept for. */
export const MAX_PROFILE_SUPPORT = 64;

/** Builds each entry's profile: the weighted sum of its examples, IDF-weighted, unit length. */
export function buildSimilarityIndex(examples: readonly ProfileExample[], features: number, classes: number, skip: number): SimilarityIndex {
  const profiles: Map<number, number>[] = Array.from({ length: classes }, () => new Map<number, number>());
  for (const e of examples) {
    if (e.y === skip) continue;
    const profile = profiles[e.y] as Map<number, number>;
    for (let i = 0; i < e.x.ids.length; i++) {
      const f = e.x.ids[i] as number;
      profile.set(f, (profile.get(f) ?? 0) + e.weight * (e.x.values[i] as number));
    }
  }
  const df = new Float64Array(features);
  for (const p of profiles) for (const f of p.keys()) df[f] = (df[f] as number) + 1;
  const entries = profiles.filter((p) => p.size > 0).length;
  const idf = new Float32Array(features);
  for (let f = 0; f < features; f++) idf[f] = (df[f] as number) > 0 ? Math.log(1 + entries / (df[f] as number)) : 0;
  // Rows in compressed form straight away, class by class (so each row is in class order): a tuple per
  // (feature, entry) pair was millions of small arrays on a 10,000-entry corpus.
  const rowStart = new Int32Array(features + 1);
  for (let f = 0; f < features; f++) rowStart[f + 1] = (rowStart[f] as number) + (df[f] as number);
  const rowClass = new Int32Array(rowStart[features] as number);
  const rowWeight = new Float64Array(rowStart[features] as number);
  const next = rowStart.slice(0, features);
  profiles.forEach((p, c) => {
    let norm = 0;
    for (const [f, v] of p) norm += (v * (idf[f] as number)) ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (const [f, v] of p) {
      const at = next[f] as number;
      rowClass[at] = c;
      rowWeight[at] = v * (idf[f] as number) * scale;
      next[f] = at + 1;
    }
  });
  // A word in thousands of entries' profiles would make every message touch them all: keep the entries
  // it weighs most for (as the classifier's support does). With a few dozen entries nothing is cut.
  const capped = capRows(rowStart, rowClass, rowWeight, MAX_PROFILE_SUPPORT);
  return { classes, idf, rowStart: capped.rowStart, rowClass: capped.rowClass, rowWeight: Float32Array.from(capped.rowWeight) };
}

/** Each feature's row cut to the `cap` entries it weighs most for (ties: the lower entry first), in that order. */
function capRows(rowStart: Int32Array, rowClass: Int32Array, rowWeight: Float64Array, cap: number): { rowStart: Int32Array; rowClass: Int32Array; rowWeight: Float64Array } {
  const features = rowStart.length - 1;
  const length = (f: number) => (rowStart[f + 1] as number) - (rowStart[f] as number);
  let over = false;
  for (let f = 0; f < features && !over; f++) over = length(f) > cap;
  if (!over) return { rowStart, rowClass, rowWeight };
  const start = new Int32Array(features + 1);
  for (let f = 0; f < features; f++) start[f + 1] = (start[f] as number) + Math.min(cap, length(f));
  const cls = new Int32Array(start[features] as number);
  const weight = new Float64Array(start[features] as number);
  for (let f = 0; f < features; f++) {
    const from = rowStart[f] as number;
    const to = start[f] as number;
    if (length(f) <= cap) {
      cls.set(rowClass.subarray(from, from + length(f)), to);
      weight.set(rowWeight.subarray(from, from + length(f)), to);
      continue;
    }
    const kept = Array.from({ length: length(f) }, (_, k) => from + k)
      .sort((a, b) => (rowWeight[b] as number) - (rowWeight[a] as number) || (rowClass[a] as number) - (rowClass[b] as number))
      .slice(0, cap);
    kept.forEach((r, k) => {
      cls[to + k] = rowClass[r] as number;
      weight[to + k] = rowWeight[r] as number;
    });
  }
  return { rowStart: start, rowClass: cls, rowWeight: weight };
}

/** Cosine of a message with every entry's profile; one instance per model, not re-entrant. */
export class SimilarityScorer {
  private readonly scores: Float64Array;
  private readonly touched: Int32Array;
  private readonly stamp: Uint32Array;
  private generation = 0;
  private n = 0;

  constructor(private readonly index: SimilarityIndex) {
    this.scores = new Float64Array(index.classes);
    this.touched = new Int32Array(index.classes);
    this.stamp = new Uint32Array(index.classes);
  }

  /** Scores the message; then {@link of} and {@link best} read them. */
  score(x: SparseVector): this {
    const { idf, rowStart, rowClass, rowWeight } = this.index;
    const gen = (this.generation = (this.generation + 1) >>> 0 || 1);
    this.n = 0;
    let norm = 0;
    for (let i = 0; i < x.ids.length; i++) {
      const f = x.ids[i] as number;
      const q = (x.values[i] as number) * (idf[f] ?? 0);
      norm += q * q;
      for (let r = rowStart[f] as number, end = rowStart[f + 1] as number; r < end; r++) {
        const c = rowClass[r] as number;
        if (this.stamp[c] !== gen) {
          this.stamp[c] = gen;
          this.scores[c] = 0;
          this.touched[this.n++] = c;
        }
        this.scores[c] = (this.scores[c] as number) + q * (rowWeight[r] as number);
      }
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < this.n; k++) {
      const c = this.touched[k] as number;
      this.scores[c] = (this.scores[c] as number) * scale;
    }
    return this;
  }

  /** The cosine with entry `c` (0 when the message shares nothing with it). */
  of(c: number): number {
    return this.stamp[c] === this.generation ? (this.scores[c] as number) : 0;
  }

  /** Calls `f` with every entry the message shares a word with, and its cosine. */
  forEachTouched(f: (c: number, cosine: number) => void): void {
    for (let k = 0; k < this.n; k++) {
      const c = this.touched[k] as number;
      f(c, this.scores[c] as number);
    }
  }

  /** The highest cosine of any entry but `skip` (0 when none shares a word). */
  bestExcept(skip: number): number {
    let best = 0;
    for (let k = 0; k < this.n; k++) {
      const c = this.touched[k] as number;
      if (c !== skip && (this.scores[c] as number) > best) best = this.scores[c] as number;
    }
    return best;
  }

  /**
   * How much of the message entry `c`'s own words cover: the share of the message's rarity-weighted
   * features that stand in `c`'s profile, and the heaviest one that does not. A feature no entry uses
   * (only off-topic questions do) weighs ln(1 + classes), a little more than a word of one entry only.
   * A resident asking a detail the entry does not give ("skadestånd" beside a leak) leaves a heavy word
   * uncovered; the entry's own questions do not. On a large corpus a feature's row keeps only the
   * entries it weighs most for (MAX_PROFILE_SUPPORT), so a very common word may count as uncovered.
   */
  coverage(c: number, x: SparseVector): { covered: number; largestUncovered: number } {
    const { idf, rowStart, rowClass } = this.index;
    const rarest = Math.log(1 + this.index.classes);
    // The message's features each scan their (short) row for `c`: no allocation.
    let covered = 0;
    let total = 0;
    let largest = 0;
    for (let i = 0; i < x.ids.length; i++) {
      const f = x.ids[i] as number;
      const w = (x.values[i] as number) * ((idf[f] ?? 0) > 0 ? (idf[f] as number) : rarest);
      total += w;
      let has = false;
      for (let r = rowStart[f] as number, end = rowStart[f + 1] as number; r < end && !has; r++) has = rowClass[r] === c;
      if (has) covered += w;
      else if (w > largest) largest = w;
    }
    return { covered: total > 0 ? covered / total : 0, largestUncovered: largest };
  }

  /** The entry the message most resembles (-1 when it shares nothing with any). */
  best(): number {
    let best = -1;
    for (let k = 0; k < this.n; k++) {
      const c = this.touched[k] as number;
      if (best < 0 || (this.scores[c] as number) > (this.scores[best] as number)) best = c;
    }
    return best;
  }
}
