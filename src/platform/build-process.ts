/**
 * The child process of {@link processBuild}: trains the engine's model on the corpus the parent loaded
 * and validated (sent as its first message, so the YAML is not read twice; without one it loads `dir`
 * itself), sends the model back as plain data, and exits. Training takes seconds of CPU and a hundred megabytes of
 * short-lived memory; in a process of its own it neither holds up a request nor leaves the service's
 * memory larger afterwards (a worker thread's heap would stay in the process).
 */
import { loadCorpus, trainFaqModel, type Corpus } from '../core/index.js';
import { corpusContentHash } from './model-cache.js';

const dir = process.argv[2] ?? '';

function reply(message: unknown): void {
  if (process.send) process.send(message, undefined, {}, () => process.exit(0));
  else process.exit(2);
}

function train(corpus: Corpus): void {
  reply({ ok: true, model: trainFaqModel(corpus), corpusHash: corpusContentHash(corpus) });
}

function fromFiles(): void {
  const loaded = loadCorpus(dir);
  if (!loaded.ok) reply({ ok: false, problems: loaded.problems.map((p) => ({ message: p.message, ...(p.file === undefined ? {} : { file: p.file }) })) });
  else train(loaded.corpus);
}

function guarded(run: () => void): void {
  try {
    run();
  } catch (error) {
    reply({ ok: false, problems: [{ message: `${dir}: training the FAQ engine failed (${error instanceof Error ? error.message : String(error)}).` }] });
  }
}

const corpusIn = (message: unknown): Corpus | undefined => {
  const corpus = message !== null && typeof message === 'object' && 'corpus' in message ? message.corpus : undefined;
  return corpus !== null && typeof corpus === 'object' && Array.isArray((corpus as { entries?: unknown }).entries) ? (corpus as Corpus) : undefined;
};

// The parent sends the corpus it loaded (the content hash sent back says what was trained on, and the
// parent checks it); a message without one, or no IPC at all, reads the files instead.
if (process.send) {
  process.once('message', (message: unknown) => {
    const corpus = corpusIn(message);
    guarded(() => (corpus === undefined ? fromFiles() : train(corpus)));
  });
} else guarded(fromFiles);
