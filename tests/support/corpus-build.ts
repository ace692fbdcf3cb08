import { createFaqEngine, loadCorpus, trainFaqModel, type TrainedModel } from '../../src/core/index.js';
import { buildWarnings, corpusVersion, type CorpusBuild } from '../../src/platform/index.js';
import { FAQ_DATA_DIR } from './corpus.js';

let model: TrainedModel | undefined;

/**
 * The service's build (load, validate, engine) for tests that build many times: the classifier is trained
 * once per test file from the repository's corpus and reused for every corpus with the same entries
 * (copies whose answers a test edits). Any other corpus is trained as usual. Training speed is the
 * engine's business (measured by its benches), not what these tests are about.
 */
export const testBuild: CorpusBuild = async (dir) => {
  await new Promise((resolve) => setImmediate(resolve));
  const loaded = loadCorpus(dir);
  if (!loaded.ok) return { ok: false, problems: loaded.problems };
  if (model === undefined) {
    const repository = loadCorpus(FAQ_DATA_DIR);
    if (!repository.ok) throw new Error('faq-data/ is invalid');
    model = trainFaqModel(repository.corpus);
  }
  const ids = loaded.corpus.entries.map((e) => e.id);
  const sameEntries = ids.length === model.classes.length - 1 && ids.every((id, i) => model?.classes[i] === id);
  const engine = createFaqEngine(loaded.corpus, sameEntries ? { model } : {});
  return { ok: true, engine, version: corpusVersion(loaded.corpus), warnings: buildWarnings(loaded.warnings) };
};
