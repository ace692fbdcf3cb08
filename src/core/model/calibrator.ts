/**
 * Turns the classifier's raw output into a probability that is honest: of the messages it gives 0.9,
 * nine in ten are right. A logistic regression over a few summary features of each prediction, fitted
 * on predictions the classifier made for messages it was not trained on (k-fold over the corpus and
 * its resident-style variants), so the fit sees the classifier's real mistakes.
 */

/** What the calibrator looks at for one prediction. */
export interface PredictionSummary {
  /** Probability of the best entry. */
  readonly p1: number;
  /** Probability of the second-best entry. */
  readonly p2: number;
  /** Probability of the out-of-scope class. */
  readonly pOutOfScope: number;
  /** Share of the message's weighed words the classifier knows (0–1). */
  readonly known: number;
  /** How many known features the message has. */
  readonly features: number;
  /** 1 when the entries' own words (TF-IDF cosine) point at the same best entry as the classifier, else 0. */
  readonly agree: number;
  /** Cosine of the message with the best entry's own words (0–1). */
  readonly similarity: number;
  /** How much closer the message is to the best entry's words than to any other entry's (cosine difference). */
  readonly similarityMargin: number;
  /** Share of the message's rarity-weighted features the best entry's own words use (0–1). */
  readonly covered: number;
  /** The rarity weight of the heaviest feature of the message the best entry's own words do not use. */
  readonly largestUncovered: number;
}

/** Fitted coefficients: plain data. */
export interface CalibratorWeights {
  readonly w: readonly number[];
  readonly bias: number;
}

const clampLogit = (p: number) => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
};

/** Inputs of the top-answer calibrator. */
export function topInputs(s: PredictionSummary): number[] {
  return [clampLogit(s.p1), s.pOutOfScope, s.p1 - s.p2, s.known, Math.log1p(s.features), s.agree, s.similarity, s.similarityMargin, s.covered, s.largestUncovered];
}

/** Inputs of the "one of the top two" calibrator (for "Menar du …?"). */
export function pairInputs(s: PredictionSummary): number[] {
  return [clampLogit(s.p1 + s.p2), s.pOutOfScope, s.p2, s.known, Math.log1p(s.features), s.agree, s.similarity];
}

export function applyCalibrator(c: CalibratorWeights, inputs: readonly number[]): number {
  let z = c.bias;
  for (let i = 0; i < inputs.length; i++) z += (c.w[i] ?? 0) * (inputs[i] as number);
  return 1 / (1 + Math.exp(-z));
}

/**
 * Fits by Newton's method (iteratively reweighted least squares) with a small ridge: a handful of
 * coefficients, thousands of rows, converges in a few iterations to the same answer every time.
 */
export function fitCalibrator(rows: readonly (readonly number[])[], targets: readonly number[], weights?: readonly number[], ridge = 1e-3): CalibratorWeights {
  const d = (rows[0]?.length ?? 0) + 1;
  const beta = new Float64Array(d);
  for (let iteration = 0; iteration < 25; iteration++) {
    const g = new Float64Array(d);
    const h = Array.from({ length: d }, () => new Float64Array(d));
    rows.forEach((row, i) => {
      const x = [...row, 1];
      const z = x.reduce((s, v, j) => s + v * (beta[j] as number), 0);
      const p = 1 / (1 + Math.exp(-z));
      const sw = weights?.[i] ?? 1;
      const r = (p - (targets[i] as number)) * sw;
      const wgt = Math.max(p * (1 - p), 1e-9) * sw;
      for (let j = 0; j < d; j++) {
        g[j] = (g[j] as number) + r * (x[j] as number);
        const hj = h[j] as Float64Array;
        for (let k = 0; k < d; k++) hj[k] = (hj[k] as number) + wgt * (x[j] as number) * (x[k] as number);
      }
    });
    for (let j = 0; j < d; j++) {
      g[j] = (g[j] as number) + ridge * (beta[j] as number);
      const hj = h[j] as Float64Array;
      hj[j] = (hj[j] as number) + ridge;
    }
    const step = solve(h, g);
    let change = 0;
    for (let j = 0; j < d; j++) {
      beta[j] = (beta[j] as number) - (step[j] as number);
      change = Math.max(change, Math.abs(step[j] as number));
    }
    if (change < 1e-8) break;
  }
  return { w: [...beta.slice(0, d - 1)], bias: beta[d - 1] as number };
}

/** Gaussian elimination with partial pivoting for the small Newton system. */
function solve(a: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    const tmp = m[col] as number[];
    m[col] = m[pivot] as number[];
    m[pivot] = tmp;
    const p = (m[col] as number[])[col] as number;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = ((m[r] as number[])[col] as number) / p;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) (m[r] as number[])[c] = ((m[r] as number[])[c] as number) - f * ((m[col] as number[])[c] as number);
    }
  }
  return Float64Array.from({ length: n }, (_, i) => {
    const p = (m[i] as number[])[i] as number;
    return Math.abs(p) < 1e-12 ? 0 : ((m[i] as number[])[n] as number) / p;
  });
}
