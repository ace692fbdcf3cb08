import { Featurizer, type Corpus } from '../core/index.js';
import { trainingInput } from './model-reuse.js';

/**
 * The featurizer of the corpus last built, kept so that a reload which changed only what people read
 * (answers, timeline, contact details) does not build it again: it depends only on the training input.
 */
export class FeaturizerCache {
  private last: { readonly key: string; readonly featurizer: Featurizer } | undefined;

  /** The featurizer for `corpus`: the kept one when the training input is the same, else a new one (kept). */
  for(corpus: Corpus, key: string = trainingInput(corpus)): Featurizer {
    if (this.last?.key === key) return this.last.featurizer;
    const featurizer = new Featurizer(corpus);
    this.last = { key, featurizer };
    return featurizer;
  }
}
