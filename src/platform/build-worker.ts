/**
 * The worker thread of {@link workerBuild}: loads and validates faq-data/, trains the engine's model, and
 * posts both back as plain data. Training takes seconds of CPU; here it never holds up a request.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { loadCorpus, trainFaqModel } from '../core/index.js';

const input = z.object({ dir: z.string() }).parse(workerData);
try {
  const loaded = loadCorpus(input.dir);
  if (!loaded.ok) {
    parentPort?.postMessage({ ok: false, problems: loaded.problems.map((p) => ({ message: p.message, ...(p.file === undefined ? {} : { file: p.file }) })) });
  } else {
    // Plain data: the corpus and the model's typed arrays are copied to the service's thread.
    parentPort?.postMessage({ ok: true, corpus: loaded.corpus, model: trainFaqModel(loaded.corpus) });
  }
} catch (error) {
  parentPort?.postMessage({ ok: false, problems: [{ message: `${input.dir}: training the FAQ engine failed (${error instanceof Error ? error.message : String(error)}).` }] });
}
