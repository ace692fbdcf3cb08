import { createFaqEngine, loadCorpus, type Corpus, type FaqEngine, type PolicyOptions } from '../core/index.js';
import { canonicalJson } from '../content/canonical-json.js';
import { buildWarnings, corpusVersion, type CorpusBuild } from './corpus-build.js';
import type { FeaturizerCache } from './featurizer-cache.js';

/**
 * What the classifier learns from: the corpus without the parts only shown to people (answers and their
 * versions, sources, review dates, the timeline, the contact details, the welcome's greeting and
 * buttons). Conservative on purpose: any field not listed here as shown-only counts as training input,
 * so a new kind of content retrains. The answers' sentences are weak training examples too (model/
 * augment.ts), but a changed answer is served at once with the model trained on its earlier wording:
 * the next training (a phrasing change, or a restart, whose model cache key covers every field) learns
 * the new words.
 */
export function trainingInput(corpus: Corpus): string {
  const { timeline: _timeline, contact: _contact, welcome, entries, ...rest } = corpus;
  return canonicalJson({ ...rest, places: welcome.places, entries: entries.map(({ versions: _versions, source: _source, lastReviewed: _reviewed, ...trained }) => trained) });
}

/**
 * A build that skips training when only what people read changed (answers, the timeline, the contact
 * details): the new corpus is served with the model of the engine being served, which was trained on the
 * same phrasings, entries and out-of-scope questions. Anything else goes to `train` (the child process),
 * while the old engine keeps answering.
 */
export function reuseModelBuild(
  train: CorpusBuild,
  current: () => FaqEngine | undefined,
  options: { readonly policy?: Partial<PolicyOptions>; readonly featurizers?: FeaturizerCache } = {},
): CorpusBuild {
  return async (dir, signal) => {
    await new Promise((resolve) => setImmediate(resolve));
    const loaded = loadCorpus(dir);
    if (!loaded.ok) return { ok: false, problems: loaded.problems };
    const served = current();
    const key = trainingInput(loaded.corpus);
    if (served === undefined || key !== trainingInput(served.corpus)) return train(dir, signal);
    try {
      const featurizer = options.featurizers?.for(loaded.corpus, key);
      const engine = createFaqEngine(loaded.corpus, { model: served.model, ...(options.policy === undefined ? {} : { policy: options.policy }), ...(featurizer === undefined ? {} : { featurizer }) });
      return { ok: true, engine, version: corpusVersion(loaded.corpus), warnings: buildWarnings(loaded.warnings) };
    } catch {
      return train(dir, signal);
    }
  };
}
