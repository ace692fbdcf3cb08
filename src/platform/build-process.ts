/**
 * The child process of {@link processBuild}: loads and validates faq-data/, trains the engine's model,
 * sends the model back as plain data, and exits. Training takes seconds of CPU and a hundred megabytes of
 * short-lived memory; in a process of its own it neither holds up a request nor leaves the service's
 * memory larger afterwards (a worker thread's heap would stay in the process).
 */
import { loadCorpus, trainFaqModel } from '../core/index.js';
import { corpusContentHash } from './model-cache.js';

const dir = process.argv[2] ?? '';

function reply(message: unknown): void {
  if (process.send) process.send(message, undefined, {}, () => process.exit(0));
  else process.exit(2);
}

try {
  const loaded = loadCorpus(dir);
  if (!loaded.ok) reply({ ok: false, problems: loaded.problems.map((p) => ({ message: p.message, ...(p.file === undefined ? {} : { file: p.file }) })) });
  else reply({ ok: true, model: trainFaqModel(loaded.corpus), corpusHash: corpusContentHash(loaded.corpus) });
} catch (error) {
  reply({ ok: false, problems: [{ message: `${dir}: training the FAQ engine failed (${error instanceof Error ? error.message : String(error)}).` }] });
}
