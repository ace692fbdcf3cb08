import type { UnderstoodMessage } from '../understand/message.js';
import { applyCalibrator, pairInputs, topInputs, type CalibratorWeights, type PredictionSummary } from './calibrator.js';
import { FeatureSpace } from './feature-space.js';
import type { Featurizer, MessageFeature } from './features.js';
import { SimilarityScorer, type SimilarityIndex } from './similarity.js';
import type { CorpusWeakness } from './weakness.js';
import { SoftmaxPredictor, type SparseVector, type SoftmaxWeights } from './softmax.js';

/** The class of messages the FAQ must not answer (faq-data/out-of-scope.yaml). Never an entry id. */
export const OUT_OF_SCOPE_CLASS = '__out-of-scope';

/** Everything learned from the corpus at start-up, as plain data (it crosses from the build process). */
export interface TrainedModel {
  /** Entry ids in corpus order, then {@link OUT_OF_SCOPE_CLASS}. */
  readonly classes: readonly string[];
  /** Feature keys in index order. */
  readonly features: readonly string[];
  readonly weights: SoftmaxWeights;
  /** Each entry's own words (a second, independent reading; see similarity.ts). */
  readonly similarity: SimilarityIndex;
  /** P(the best entry is right). */
  readonly top: CalibratorWeights;
  /** P(the right entry is one of the best two). */
  readonly pair: CalibratorWeights;
  /**
   * The same two for a message read after the previous answer's topic. A reading in context is sure of
   * the previous topic for other reasons than a first question is of its entry; one calibrator for both
   * doubted every confident first question.
   */
  readonly inContext: { readonly top: CalibratorWeights; readonly pair: CalibratorWeights };
  /** How the model did on messages it was not trained on (k-fold over the corpus and its variants). */
  readonly report: TrainingReport;
}

export interface TrainingReport {
  readonly messages: number;
  readonly folds: number;
  /** Share of in-scope held-out messages whose right entry ranked first. */
  readonly top1: number;
  /** Expected calibration error of the top confidence on the held-out messages (0–1). */
  readonly calibrationError: number;
  readonly milliseconds: number;
  /** Where the corpus is weak (confused entries, thin entries, the share it would answer). */
  readonly weakness: CorpusWeakness;
}

export interface RankedClass {
  readonly id: string;
  readonly probability: number;
}

export interface Classification {
  /** Entries, best first (the out-of-scope class is not among them). */
  readonly ranked: readonly RankedClass[];
  /** Probability of the out-of-scope class. */
  readonly outOfScope: number;
  /** Calibrated probability that the best entry is right. */
  readonly confidence: number;
  /** Calibrated probability that the right entry is one of the best two. */
  readonly pairConfidence: number;
  /** The message's features, with weights (known to the model or not). */
  readonly features: readonly MessageFeature[];
  readonly summary: PredictionSummary;
}

/**
 * How much an entry's resemblance (TF-IDF cosine with its own words) multiplies its odds: p(c) × e^(α·cos).
 * Chosen on our own incidents' messages (eval/incidents/), where it ranks the right entry first more
 * often on every corpus and changes nothing on a large one.
 */
export const RESEMBLANCE_WEIGHT = 4;

/** Blends the classifier's probabilities with each entry's resemblance, in place (a product of experts). */
export function blendResemblance(p: Float64Array, outOfScopeIndex: number, resemblance: SimilarityScorer, weight = RESEMBLANCE_WEIGHT): void {
  // Only the entries the message shares words with change; the sum of all was 1 before.
  let sum = 1;
  resemblance.forEachTouched((c, cosine) => {
    if (c === outOfScopeIndex) return;
    const before = p[c] as number;
    const after = before * Math.exp(weight * cosine);
    p[c] = after;
    sum += after - before;
  });
  if (sum === 1) return;
  const scale = 1 / sum;
  for (let c = 0; c < p.length; c++) p[c] = (p[c] as number) * scale;
}

/** Summary of one prediction for the calibrators. */
export function summarize(p: Float64Array, outOfScopeIndex: number, coverage: { x: SparseVector; knownWeight: number; totalWeight: number; known: number }, resemblance: SimilarityScorer): PredictionSummary {
  let p1 = 0;
  let p2 = 0;
  let best = -1;
  for (let c = 0; c < p.length; c++) {
    if (c === outOfScopeIndex) continue;
    const v = p[c] as number;
    if (v > p1) {
      p2 = p1;
      p1 = v;
      best = c;
    } else if (v > p2) p2 = v;
  }
  return {
    p1,
    p2,
    pOutOfScope: p[outOfScopeIndex] ?? 0,
    known: coverage.totalWeight > 0 ? coverage.knownWeight / coverage.totalWeight : 0,
    features: coverage.known,
    agree: best >= 0 && resemblance.best() === best ? 1 : 0,
    similarity: best >= 0 ? resemblance.of(best) : 0,
    similarityMargin: best >= 0 ? resemblance.of(best) - resemblance.bestExcept(best) : 0,
    ...(best >= 0 ? resemblance.coverage(best, coverage.x) : { covered: 0, largestUncovered: 0 }),
  };
}

/**
 * The trained classifier at run time: message → ranked entries with calibrated confidence.
 * Synchronous, allocation-light, one instance per corpus version.
 */
export class FaqClassifier {
  private readonly space: FeatureSpace;
  private readonly predictor: SoftmaxPredictor;
  private readonly resemblance: SimilarityScorer;
  private readonly outOfScopeIndex: number;

  constructor(
    private readonly featurizer: Featurizer,
    readonly model: TrainedModel,
    /** How many entries to rank at most. */
    private readonly maxRanked = 10,
  ) {
    this.space = new FeatureSpace(model.features);
    this.predictor = new SoftmaxPredictor(model.weights);
    this.resemblance = new SimilarityScorer(model.similarity);
    this.outOfScopeIndex = model.classes.indexOf(OUT_OF_SCOPE_CLASS);
  }

  /**
   * Ranks the entries for a message. `prior` multiplies the odds of some entries (staff asking in
   * Teams prefer staff entries); the result is renormalised before calibration.
   */
  classify(message: UnderstoodMessage, prior?: ReadonlyMap<string, number>): Classification {
    const features = this.featurizer.features(message.segments);
    const read = this.space.read(features);
    const p = this.predictor.predict(read.x);
    blendResemblance(p, this.outOfScopeIndex, this.resemblance.score(read.x));
    if (prior !== undefined) this.applyPrior(p, prior);
    const summary = summarize(p, this.outOfScopeIndex, read, this.resemblance);
    const calibrators = message.segments.some((s) => s.role === 'previous-topic') ? this.model.inContext : this.model;
    return {
      ranked: this.rank(p),
      outOfScope: p[this.outOfScopeIndex] ?? 0,
      confidence: applyCalibrator(calibrators.top, topInputs(summary)),
      pairConfidence: applyCalibrator(calibrators.pair, pairInputs(summary)),
      features,
      summary,
    };
  }

  /** How much each feature of the message pushed towards one class (for explanations), largest first. */
  contributions(features: readonly MessageFeature[], classId: string): { feature: MessageFeature; contribution: number }[] {
    const c = this.model.classes.indexOf(classId);
    const x = this.space.vector(features);
    const { rowStart, rowClass, rowWeight } = this.model.weights;
    const byId = new Map<number, number>();
    for (let f = 0; f < x.ids.length; f++) {
      const id = x.ids[f] as number;
      for (let r = rowStart[id] as number; r < (rowStart[id + 1] as number); r++) {
        if (rowClass[r] === c) byId.set(id, (rowWeight[r] as number) * (x.values[f] as number));
      }
    }
    return features
      .map((feature) => {
        const id = this.space.idOf(feature.key);
        return { feature, contribution: id === undefined ? 0 : (byId.get(id) ?? 0) };
      })
      .sort((a, b) => b.contribution - a.contribution);
  }

  private applyPrior(p: Float64Array, prior: ReadonlyMap<string, number>): void {
    let sum = 0;
    for (let c = 0; c < p.length; c++) {
      const factor = prior.get(this.model.classes[c] as string) ?? 1;
      p[c] = (p[c] as number) * factor;
      sum += p[c] as number;
    }
    for (let c = 0; c < p.length; c++) p[c] = (p[c] as number) / sum;
  }

  private rank(p: Float64Array): RankedClass[] {
    const out: RankedClass[] = [];
    for (let c = 0; c < p.length; c++) {
      if (c === this.outOfScopeIndex) continue;
      const probability = p[c] as number;
      if (out.length === this.maxRanked && probability <= (out[out.length - 1] as RankedClass).probability) continue;
      let i = out.length < this.maxRanked ? out.length : this.maxRanked - 1;
      if (out.length < this.maxRanked) out.push({ id: '', probability: 0 });
      while (i > 0 && probability > (out[i - 1] as RankedClass).probability) {
        out[i] = out[i - 1] as RankedClass;
        i--;
      }
      out[i] = { id: this.model.classes[c] as string, probability };
    }
    return out;
  }
}
