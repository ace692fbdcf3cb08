/**
 * Multinomial logistic regression over sparse features: the engine's classifier.
 *
 * A feature has a weight only for the classes it was seen with in training (its support), stored in
 * compressed rows, so a 10,000-entry corpus costs memory and time in proportion to what it says, not
 * to entries × vocabulary. With a handful of entries this is the ordinary dense model. Training is
 * AdaGrad with L2, in a fraction of a second on the real corpus, so editors never retrain by hand.
 * Deterministic: the same examples and seed give the same weights.
 */

/** A sparse feature vector: ids sorted or not, values already scaled. */
export interface SparseVector {
  readonly ids: Int32Array;
  readonly values: Float64Array;
}

export interface Example {
  readonly x: SparseVector;
  /** The class index. */
  readonly y: number;
  /** How much the example counts (1 unless said): classes with very many examples are weighed down. */
  readonly weight?: number;
}

export interface SoftmaxOptions {
  /** Passes over the examples. */
  readonly epochs: number;
  /** AdaGrad's base step. */
  readonly learningRate: number;
  /** L2 penalty per step. */
  readonly l2: number;
  /** Seed of the example order. */
  readonly seed: number;
}

export const DEFAULT_SOFTMAX_OPTIONS: SoftmaxOptions = Object.freeze({ epochs: 24, learningRate: 0.6, l2: 2e-5, seed: 7 });

/** Trained weights as plain data, so a model can cross from the process that trained it. */
export interface SoftmaxWeights {
  readonly classes: number;
  /** Feature f's weights are at rowStart[f] … rowStart[f + 1] - 1 in rowClass / rowWeight. */
  readonly rowStart: Int32Array;
  readonly rowClass: Int32Array;
  readonly rowWeight: Float32Array;
}

/**
 * A feature has weights for at most this many classes. With a handful of entries every class fits; a
 * feature that occurs with more classes than this (a common word or letter group in a corpus of
 * thousands of entries) gets no weights at all: it cannot tell that many entries apart, and keeping
 * weights for an arbitrary 64 of them made every example cost thousands of updates (training a
 * 10,000-entry corpus spent two thirds of its time there). The entries' own words (similarity.ts) still
 * read it.
 */
export const MAX_SUPPORT = 64;

/** Builds each feature's support (the classes it occurs with; none past MAX_SUPPORT) from the examples. */
function supportOf(examples: readonly Example[], features: number, classes: number): { rowStart: Int32Array; rowClass: Int32Array } {
  // Examples taken class by class, so each (feature, class) pair is met first in class order and counted
  // once: two arrays instead of a map per feature (a 10,000-entry corpus has hundreds of thousands).
  const byClass = examplesByClass(examples, classes);
  const lastClass = new Int32Array(features).fill(-1);
  const count = new Int32Array(features);
  for (const k of byClass) {
    const { x, y } = examples[k] as Example;
    for (const f of x.ids) {
      if (lastClass[f] === y) continue;
      lastClass[f] = y;
      count[f] = (count[f] as number) + 1;
    }
  }
  const rowStart = new Int32Array(features + 1);
  for (let f = 0; f < features; f++) rowStart[f + 1] = (rowStart[f] as number) + ((count[f] as number) > MAX_SUPPORT ? 0 : (count[f] as number));
  const rowClass = new Int32Array(rowStart[features] as number);
  const next = rowStart.slice(0, features);
  lastClass.fill(-1);
  for (const k of byClass) {
    const { x, y } = examples[k] as Example;
    for (const f of x.ids) {
      if (lastClass[f] === y || (count[f] as number) > MAX_SUPPORT) continue;
      lastClass[f] = y;
      rowClass[next[f] as number] = y;
      next[f] = (next[f] as number) + 1;
    }
  }
  return { rowStart, rowClass };
}

/** The examples' indices, class by class (a counting sort: stable, linear). */
function examplesByClass(examples: readonly Example[], classes: number): Int32Array {
  const start = new Int32Array(classes + 1);
  for (const e of examples) start[e.y + 1] = (start[e.y + 1] as number) + 1;
  for (let c = 0; c < classes; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const out = new Int32Array(examples.length);
  examples.forEach((e, k) => {
    out[start[e.y] as number] = k;
    start[e.y] = (start[e.y] as number) + 1;
  });
  return out;
}

export function trainSoftmax(examples: readonly Example[], features: number, classes: number, options: Partial<SoftmaxOptions> = {}): SoftmaxWeights {
  const o = { ...DEFAULT_SOFTMAX_OPTIONS, ...options };
  const { rowStart, rowClass } = supportOf(examples, features, classes);
  const w = new Float64Array(rowClass.length);
  const g2 = new Float64Array(rowClass.length).fill(1e-8);
  const scratch = new Scores(classes);
  const order = Int32Array.from(examples.keys());
  const random = mulberry32(o.seed);
  const { learningRate, l2 } = o;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    for (const k of order) {
      const { x, y, weight = 1 } = examples[k] as Example;
      // Only the classes this example's features support get a gradient, and those are all touched.
      scratch.computeTraining(rowStart, rowClass, w, x);
      const p = scratch.p;
      const ids = x.ids;
      const values = x.values;
      for (let f = 0; f < ids.length; f++) {
        const id = ids[f] as number;
        const v = values[f] as number;
        for (let r = rowStart[id] as number, end = rowStart[id + 1] as number; r < end; r++) {
          const c = rowClass[r] as number;
          const wr = w[r] as number;
          const grad = ((p[c] as number) - (c === y ? 1 : 0)) * v * weight + l2 * wr;
          const g = (g2[r] as number) + grad * grad;
          g2[r] = g;
          w[r] = wr - (learningRate * grad) / Math.sqrt(g);
        }
      }
    }
  }
  return { classes, rowStart, rowClass, rowWeight: Float32Array.from(w) };
}

/**
 * Class probabilities for feature vectors. Untouched classes keep logit 0, so the softmax needs only
 * the classes a message's features touch plus a count of the rest. One instance per model; not
 * re-entrant (the engine is synchronous).
 */
export class SoftmaxPredictor {
  private readonly scores: Scores;

  constructor(private readonly model: SoftmaxWeights) {
    this.scores = new Scores(model.classes);
  }

  /** Probabilities of every class for `x`: a view valid until the next call. */
  predict(x: SparseVector): Float64Array {
    this.scores.compute(this.model.rowStart, this.model.rowClass, this.model.rowWeight, x);
    return this.scores.p;
  }
}

/** Scratch for one softmax: logits of the touched classes, probabilities of all. */
class Scores {
  readonly p: Float64Array;
  private readonly z: Float64Array;
  private readonly stamp: Uint32Array;
  private readonly touched: Int32Array;
  private generation = 0;

  constructor(private readonly classes: number) {
    this.p = new Float64Array(classes);
    this.z = new Float64Array(classes);
    this.stamp = new Uint32Array(classes);
    this.touched = new Int32Array(classes);
  }

  /**
   * {@link compute} for training: weights in double precision, only the touched classes written. A copy
   * of its loop, so that each sees one kind of typed array (a loop fed both Float32Array and
   * Float64Array weights reads them through slower polymorphic look-ups).
   */
  computeTraining(rowStart: Int32Array, rowClass: Int32Array, w: Float64Array, x: SparseVector): void {
    const gen = (this.generation = (this.generation + 1) >>> 0 || 1);
    const { z, stamp, touched } = this;
    const ids = x.ids;
    const values = x.values;
    let n = 0;
    for (let f = 0; f < ids.length; f++) {
      const id = ids[f] as number;
      const v = values[f] as number;
      for (let r = rowStart[id] as number, end = rowStart[id + 1] as number; r < end; r++) {
        const c = rowClass[r] as number;
        if (stamp[c] !== gen) {
          stamp[c] = gen;
          z[c] = 0;
          touched[n++] = c;
        }
        z[c] = (z[c] as number) + (w[r] as number) * v;
      }
    }
    this.normalize(n, false);
  }

  /**
   * Logits and probabilities for `x`. With `everyClass` false only the touched classes' probabilities are
   * written (training needs no others, and a 10,000-class fill per example would dominate it).
   */
  compute(rowStart: Int32Array, rowClass: Int32Array, w: Float32Array, x: SparseVector, everyClass = true): void {
    const gen = (this.generation = (this.generation + 1) >>> 0 || 1);
    let n = 0;
    for (let f = 0; f < x.ids.length; f++) {
      const id = x.ids[f] as number;
      const v = x.values[f] as number;
      for (let r = rowStart[id] as number, end = rowStart[id + 1] as number; r < end; r++) {
        const c = rowClass[r] as number;
        if (this.stamp[c] !== gen) {
          this.stamp[c] = gen;
          this.z[c] = 0;
          this.touched[n++] = c;
        }
        this.z[c] = (this.z[c] as number) + (w[r] as number) * v;
      }
    }
    this.normalize(n, everyClass);
  }

  /** Probabilities from the logits of the `n` touched classes (every other class has logit 0). */
  private normalize(n: number, everyClass: boolean): void {
    let max = 0;
    for (let k = 0; k < n; k++) max = Math.max(max, this.z[this.touched[k] as number] as number);
    const rest = Math.exp(-max);
    let sum = (this.classes - n) * rest;
    for (let k = 0; k < n; k++) {
      const c = this.touched[k] as number;
      const e = Math.exp((this.z[c] as number) - max);
      this.z[c] = e;
      sum += e;
    }
    // Every untouched class has the same probability (a fill of 10,000 classes costs a few µs).
    if (everyClass) this.p.fill(rest / sum);
    for (let k = 0; k < n; k++) {
      const c = this.touched[k] as number;
      this.p[c] = (this.z[c] as number) / sum;
    }
  }
}

/** A small, fast, seedable PRNG (public domain), so training and augmentation are reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
