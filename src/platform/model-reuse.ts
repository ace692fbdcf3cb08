import { createFaqEngine, loadCorpus, type Corpus, type FaqEngine, type PolicyOptions } from '../core/index.js';
import { canonicalJson } from '../content/index.js';
import { corpusVersion, type CorpusBuild } from './corpus-build.js';

/**
 * What the classifier learns from: the corpus without the parts only shown to people (answers and their
 * versions, sources, review dates, the timeline, the contact details). Conservative on purpose: any
 * field not listed here as shown-only counts as training input, so a new kind of content retrains.
 */
export function trainingInput(corpus: Corpus): string {
  const { timeline: _timeline, contact: _contact, entries, ...rest } = corpus;
  return canonicalJson({ ...rest, entries: entries.map(({ versions: _versions, source: _source, lastReviewed: _reviewed, ...trained }) => trained) });
}

/**
 * A build that skips training when only what people read changed (answers, the timeline, the contact
 * details): the new corpus is served with the model of the engine being served, which was trained on the
 * same phrasings, entries and out-of-scope questions. Anything else goes to `train` (the child process),
 * while the old engine keeps answering.
 */
export function reuseModelBuild(train: CorpusBuild, current: () => FaqEngine | undefined, options: { readonly policy?: Partial<PolicyOptions> } = {}): CorpusBuild {
  return async (dir, signal) => {
    await new Promise((resolve) => setImmediate(resolve));
    const loaded = loadCorpus(dir);
    if (!loaded.ok) return { ok: false, problems: loaded.problems };
    const served = current();
    if (served === undefined || trainingInput(loaded.corpus) !== trainingInput(served.corpus)) return train(dir, signal);
    try {
      return { ok: true, engine: createFaqEngine(loaded.corpus, { ...options, model: served.model }), version: corpusVersion(loaded.corpus) };
    } catch {
      return train(dir, signal);
    }
  };
}
