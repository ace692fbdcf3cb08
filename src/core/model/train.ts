import type { Corpus } from '../corpus/schema.js';
import { afterAnswer, understandMessage } from '../understand/message.js';
import { augmentCorpus, DEFAULT_AUGMENT_OPTIONS, messageKind, type AugmentOptions, type MessageKind, type TrainingMessage } from './augment.js';
import { fitCalibrator, pairInputs, topInputs, type CalibratorWeights, type PredictionSummary } from './calibrator.js';
import { blendResemblance, OUT_OF_SCOPE_CLASS, summarize, type TrainedModel } from './classifier.js';
import { FeatureNumbering, NumberedSpace, type NumberedMessage, type NumberedMessages } from './feature-space.js';
import { buildSimilarityIndex, SimilarityScorer } from './similarity.js';
import { corpusWeakness } from './weakness.js';
import { DEFAULT_POLICY_OPTIONS } from '../policy/options.js';
import { DEFAULT_FEATURIZER_OPTIONS, Featurizer, PAIR_PREFIX, UNKNOWN_PREFIX, type FeaturizerOptions } from './features.js';
import { DEFAULT_SOFTMAX_OPTIONS, SoftmaxPredictor, trainSoftmax, type Example, type SoftmaxOptions } from './softmax.js';

export interface TrainOptions {
  /** How messages become features (the engine reads messages with the same settings). */
  readonly features: FeaturizerOptions;
  readonly augment: AugmentOptions;
  readonly softmax: SoftmaxOptions;
  /** Folds for the held-out predictions the calibrators learn from. */
  readonly folds: number;
  /** Passes over the examples for each fold's model (fewer than the final model's: it only informs calibration). */
  readonly foldEpochs: number;
  /**
   * The out-of-scope class counts at most this many times an average entry. The product's generic
   * off-topic questions are many (hundreds) and an editor's corpus small (a dozen entries of a dozen
   * phrasings): unweighed, "off-topic" would be the likeliest answer to anything new.
   */
  readonly outOfScopeWeight: number;
  /** The answer threshold the weakness report is read at. */
  readonly weaknessThreshold: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = Object.freeze({
  features: DEFAULT_FEATURIZER_OPTIONS,
  augment: DEFAULT_AUGMENT_OPTIONS,
  softmax: { ...DEFAULT_SOFTMAX_OPTIONS, l2: 1e-4 },
  folds: 5,
  foldEpochs: 8,
  outOfScopeWeight: 3,
  weaknessThreshold: DEFAULT_POLICY_OPTIONS.answerThreshold,
});

/** One held-out prediction: what the calibrators learn from. */
export interface HeldOutPrediction {
  readonly summary: PredictionSummary;
  /** The class the message belongs to, the best entry and the second-best entry (class indices). */
  readonly label: number;
  readonly best: number;
  readonly second: number;
  /** The best three entries with their probabilities (class index, probability). */
  readonly ranked: readonly (readonly [number, number])[];
  readonly text: string;
  readonly kind: MessageKind;
}

/**
 * Learns everything the engine needs from the corpus: the classifier over the corpus's phrasings and
 * their resident-style variants, and the calibrators over held-out predictions. Runs at start-up (and on
 * every corpus reload), so an editor's new phrasing works after a reload with nothing else to do.
 */
export function trainFaqModel(corpus: Corpus, options: Partial<TrainOptions> = {}, featurizer = new Featurizer(corpus, options.features)): TrainedModel {
  const started = Date.now();
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const { classes, outOfScope, messages, numbered, labels, heldOut } = prepareTraining(corpus, o, featurizer);
  const { top, pair, inContext } = fitCalibrators(heldOut);

  const space = new NumberedSpace(numbered.keys.length);
  const weightOf = classWeights(labels, classes.length, outOfScope, o.outOfScopeWeight);
  const examples: Example[] = numbered.messages.map((f, i) => ({ x: space.vector(f, true), y: labels[i] as number, weight: exampleWeight(messages[i] as TrainingMessage, weightOf[labels[i] as number] as number) }));
  const weights = trainSoftmax(examples, space.size, classes.length, o.softmax);
  const similarity = buildSimilarityIndex(profileExamples(messages, examples), space.size, classes.length, outOfScope);

  const inScope = heldOut.filter((h) => h.label !== outOfScope);
  const entryById = new Map(corpus.entries.map((e) => [e.id, e]));
  return {
    classes,
    features: space.keys(numbered.keys),
    weights,
    similarity,
    top,
    pair,
    inContext,
    report: {
      messages: messages.length,
      folds: o.folds,
      top1: inScope.filter((h) => h.best === h.label).length / Math.max(1, inScope.length),
      calibrationError: expectedCalibrationError(heldOut.map((h) => ({ confidence: applyTop(top, h.summary), right: h.best === h.label }))),
      milliseconds: Date.now() - started,
      weakness: corpusWeakness(
        heldOut,
        classes,
        (h) => applyTop(top, h.summary),
        (id) => {
          const e = entryById.get(id);
          return { sv: e?.phrasings.sv.length ?? 0, en: e?.phrasings.en.length ?? 0 };
        },
        o.weaknessThreshold,
      ),
    },
  };
}

/** Training data and held-out predictions: shared by training and `npm run calibrate`. */
export function prepareTraining(corpus: Corpus, o: TrainOptions, featurizer: Featurizer) {
  const classes = [...corpus.entries.map((e) => e.id), OUT_OF_SCOPE_CLASS];
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const outOfScope = classes.length - 1;
  const messages = capOutOfScope(augmentCorpus(corpus, o.augment), o.outOfScopeWeight);
  const byId = new Map(corpus.entries.map((e) => [e.id, e]));
  const numbering = new FeatureNumbering();
  const numberedMessages = messages.map((m) => {
    const read = understandMessage(m.text);
    const previous = m.previous === undefined ? undefined : byId.get(m.previous);
    return numbering.number(featurizer.features((previous ? afterAnswer(read, previous, m.lang ?? 'sv') : read).segments));
  });
  const numbered: NumberedMessages = { messages: numberedMessages, keys: numbering.keys };
  const labels = messages.map((m) => (m.label === null ? outOfScope : (classIndex.get(m.label) ?? outOfScope)));
  const heldOut = heldOutPredictions(messages, numbered, labels, classes.length, outOfScope, o);
  return { classes, outOfScope, messages, numbered, labels, heldOut };
}

type Calibrators = { top: CalibratorWeights; pair: CalibratorWeights };

/**
 * The calibrators, fitted on held-out predictions: one pair for first questions (the kinds a resident's
 * first message stands for) and one for messages read in context (today's whole mix, follow-ups and fresh
 * starts included).
 */
export function fitCalibrators(heldOut: readonly HeldOutPrediction[]): Calibrators & { inContext: Calibrators } {
  const fit = (mix: Readonly<Record<MessageKind, number>>): Calibrators => {
    const w = calibrationWeights(heldOut, mix);
    return {
      top: fitCalibrator(heldOut.map((h) => topInputs(h.summary)), heldOut.map((h) => (h.best === h.label ? 1 : 0)), w),
      pair: fitCalibrator(heldOut.map((h) => pairInputs(h.summary)), heldOut.map((h) => (h.best === h.label || h.second === h.label ? 1 : 0)), w),
    };
  };
  return { ...fit(FIRST_TURN_MIX), inContext: fit(CALIBRATION_MIX) };
}

/**
 * The mix for first questions: held-out readings in context (follow-ups, and new questions read after an
 * unrelated answer) left out. Those are confidently wrong for a reason a first question never has (the
 * previous topic's words), and taught the first-question calibrator to doubt every confident reading.
 * Follow-up phrases asked with nothing before ("och om ingen svarar?") stay: they must not be answered.
 */
export const FIRST_TURN_MIX: Readonly<Record<MessageKind, number>> = Object.freeze({
  phrasing: 0.32,
  variant: 0.32,
  'out-of-scope': 0.27,
  context: 0.03,
  'follow-up': 0,
  'fresh-start': 0,
  alone: 0.06,
  answer: 0,
});

/** Share of the calibration data each kind of held-out message stands for. */
export const CALIBRATION_MIX: Readonly<Record<MessageKind, number>> = Object.freeze({
  phrasing: 0.3,
  variant: 0.3,
  'out-of-scope': 0.25,
  context: 0.03,
  'follow-up': 0.06,
  'fresh-start': 0.06,
  alone: 0,
  answer: 0,
});

/** How much a training message counts beside an editor's phrasing (an answer sentence is weak evidence). */
export const KIND_WEIGHT: Readonly<Partial<Record<MessageKind, number>>> = Object.freeze({ answer: 0.5 });

/** Weights that give each kind of held-out message its share of the calibration data, whatever the corpus size. */
function calibrationWeights(heldOut: readonly HeldOutPrediction[], mix: Readonly<Record<MessageKind, number>>): number[] {
  const counts = new Map<MessageKind, number>();
  for (const h of heldOut) counts.set(h.kind, (counts.get(h.kind) ?? 0) + 1);
  return heldOut.map((h) => (mix[h.kind] * heldOut.length) / (counts.get(h.kind) ?? 1));
}

function applyTop(top: TrainedModel['top'], s: PredictionSummary): number {
  const x = topInputs(s);
  return 1 / (1 + Math.exp(-(top.bias + x.reduce((acc, v, i) => acc + v * (top.w[i] ?? 0), 0))));
}

/**
 * The most held-out predictions made. A calibrator of a few coefficients needs thousands of them, not the
 * hundreds of thousands a 10,000-entry corpus would give, each costing a pass over every class.
 */
export const MAX_HELD_OUT = 12_000;

/**
 * Predictions for every training message by a model that never saw it, nor any variant of the phrasing
 * it was made from, nor a phrasing that differs only in å/ä/ö (they share a group).
 */
export function heldOutPredictions(
  messages: readonly TrainingMessage[],
  numbered: NumberedMessages,
  labels: readonly number[],
  classes: number,
  outOfScope: number,
  o: Pick<TrainOptions, 'folds' | 'foldEpochs' | 'softmax' | 'outOfScopeWeight'>,
): HeldOutPrediction[] {
  const weightOf = classWeights(labels, classes, outOfScope, o.outOfScopeWeight);
  const stride = Math.max(1, Math.ceil(messages.length / MAX_HELD_OUT));
  // Phrasings that read the same to the engine (they differ only in å/ä/ö, case or a function word)
  // share a fold, so no held-out message has a twin in training.
  const analysisOf = new Map<string, string>();
  messages.forEach((m, i) => {
    if (!m.original) return;
    const keys = [...(numbered.messages[i] as NumberedMessage).ids].map((n) => numbered.keys[n] as string).filter((k) => !k.startsWith(UNKNOWN_PREFIX) && !k.startsWith(PAIR_PREFIX)).sort();
    analysisOf.set(m.group, `${labels[i]}|${keys.join(' ')}`);
  });
  const foldOf = new Map<string, number>();
  for (const m of messages) if (!foldOf.has(m.group)) foldOf.set(m.group, hashString(analysisOf.get(m.group) ?? m.group) % o.folds);
  const out: HeldOutPrediction[] = [];
  for (let k = 0; k < o.folds; k++) {
    const space = new NumberedSpace(numbered.keys.length);
    const train: Example[] = [];
    const trainMessages: TrainingMessage[] = [];
    const test: number[] = [];
    messages.forEach((m, i) => {
      // Held out of this fold; on a large corpus only every `stride`-th is predicted (see MAX_HELD_OUT).
      if (foldOf.get(m.group) === k) {
        if (i % stride === 0) test.push(i);
      }
      else if (trainMessages.push(m)) train.push({ x: space.vector(numbered.messages[i] as NumberedMessage, true), y: labels[i] as number, weight: exampleWeight(messages[i] as TrainingMessage, weightOf[labels[i] as number] as number) });
    });
    const predictor = new SoftmaxPredictor(trainSoftmax(train, space.size, classes, { ...o.softmax, epochs: o.foldEpochs }));
    const resemblance = new SimilarityScorer(buildSimilarityIndex(profileExamples(trainMessages, train), space.size, classes, outOfScope));
    for (const i of test) {
      const read = space.read(numbered.messages[i] as NumberedMessage);
      const p = predictor.predict(read.x);
      blendResemblance(p, outOfScope, resemblance.score(read.x));
      let best = -1;
      let second = -1;
      for (let c = 0; c < classes; c++) {
        if (c === outOfScope) continue;
        if (best < 0 || (p[c] as number) > (p[best] as number)) {
          second = best;
          best = c;
        } else if (second < 0 || (p[c] as number) > (p[second] as number)) second = c;
      }
      const ranked = bestThree(p, outOfScope);
      out.push({ summary: summarize(p, outOfScope, read, resemblance), label: labels[i] as number, best, second, ranked, text: (messages[i] as TrainingMessage).text, kind: messageKind(messages[i] as TrainingMessage) });
    }
  }
  return out;
}

/**
 * Off-topic variants beyond what the class may weigh are left out (the questions as written all stay):
 * they would be weighed down to almost nothing anyway, and on a small corpus they were most of the
 * training time.
 */
function capOutOfScope(messages: TrainingMessage[], cap: number): TrainingMessage[] {
  const entryExamples = messages.filter((m) => m.label !== null).length;
  const entries = new Set(messages.map((m) => m.label).filter((l) => l !== null)).size;
  const room = Math.ceil((cap * entryExamples) / Math.max(1, entries));
  const variants = messages.filter((m) => m.label === null && !m.original && messageKind(m) === 'out-of-scope').length;
  const originals = messages.filter((m) => m.label === null).length - variants;
  let keep = Math.max(0, room - originals);
  if (keep >= variants) return messages;
  // Every k-th variant, so the kept ones are spread over the list (deterministic).
  const every = variants / Math.max(1, keep);
  let seen = 0;
  let next = 0;
  return messages.filter((m) => {
    if (m.label !== null || m.original || messageKind(m) !== 'out-of-scope') return true;
    const take = keep > 0 && seen++ >= next;
    if (take) {
      keep--;
      next += every;
    }
    return take;
  });
}

/** What makes an entry's profile: its phrasings, their variants and its answer's sentences (first turns only). */
function profileExamples(messages: readonly TrainingMessage[], examples: readonly Example[]) {
  return examples
    .map((e, i) => ({ x: e.x, y: e.y, weight: e.weight ?? 1, kind: messageKind(messages[i] as TrainingMessage) }))
    .filter((e) => e.kind === 'phrasing' || e.kind === 'variant' || e.kind === 'answer');
}

const exampleWeight = (m: TrainingMessage, classWeight: number): number => classWeight * (KIND_WEIGHT[messageKind(m)] ?? 1);

/**
 * Each class's example weight: 1 for entries; for the out-of-scope class, whatever makes its examples
 * together count at most `cap` times an average entry's.
 */
export function classWeights(labels: readonly number[], classes: number, outOfScope: number, cap: number): Float64Array {
  const counts = new Float64Array(classes);
  for (const y of labels) counts[y] = (counts[y] as number) + 1;
  let entryExamples = 0;
  for (let c = 0; c < classes; c++) if (c !== outOfScope) entryExamples += counts[c] as number;
  const meanEntry = entryExamples / Math.max(1, classes - 1);
  const weights = new Float64Array(classes).fill(1);
  const oos = counts[outOfScope] as number;
  if (oos > 0) weights[outOfScope] = Math.min(1, (cap * meanEntry) / oos);
  return weights;
}

/** The three most likely entries (class index, probability), in one pass over the classes. */
function bestThree(p: Float64Array, skip: number): (readonly [number, number])[] {
  const best: [number, number][] = [];
  for (let c = 0; c < p.length; c++) {
    if (c === skip) continue;
    const v = p[c] as number;
    if (best.length === 3 && v <= (best[2] as [number, number])[1]) continue;
    best.push([c, v]);
    best.sort((a, b) => b[1] - a[1]);
    if (best.length > 3) best.pop();
  }
  return best;
}

/** Expected calibration error over ten equal-width confidence bins (0–1). */
export function expectedCalibrationError(rows: readonly { confidence: number; right: boolean }[]): number {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, right: 0 }));
  for (const r of rows) {
    const b = bins[Math.min(9, Math.floor(r.confidence * 10))] as { n: number; conf: number; right: number };
    b.n++;
    b.conf += r.confidence;
    if (r.right) b.right++;
  }
  return bins.reduce((s, b) => s + (b.n > 0 ? Math.abs(b.conf - b.right) : 0), 0) / Math.max(1, rows.length);
}

/** FNV-1a: a stable fold for each group, independent of corpus order. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
