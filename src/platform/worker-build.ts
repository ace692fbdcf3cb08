import { Worker } from 'node:worker_threads';
import { createFaqEngine, type Corpus, type EngineOptions, type TrainedModel } from '../core/index.js';
import { corpusVersion, inProcessBuild, type CorpusBuild, type CorpusBuildProblem } from './corpus-build.js';

type WorkerResult = { ok: true; corpus: Corpus; model: TrainedModel } | { ok: false; problems: CorpusBuildProblem[] };

// Under tsx the sources run as .ts and the worker must register tsx's loader itself; the compiled
// service runs dist/platform/build-worker.js.
const WORKER_FILE = new URL(import.meta.url.endsWith('.ts') ? './build-worker-from-sources.mjs' : './build-worker.js', import.meta.url);

/**
 * The service's build: loading, validating and training run in a worker thread, so requests keep being
 * answered while an edited corpus is learned (seconds of CPU); this thread only assembles the engine from
 * the trained model. If a worker cannot start at all (a runtime without worker threads), the build runs
 * here instead, as {@link inProcessBuild}.
 */
export function workerBuild(options: Omit<EngineOptions, 'model'> = {}): CorpusBuild {
  const fallback = inProcessBuild(options);
  return async (dir) => {
    let result: WorkerResult;
    try {
      result = await runWorker(dir);
    } catch {
      return fallback(dir);
    }
    if (!result.ok) return { ok: false, problems: result.problems };
    try {
      return { ok: true, engine: createFaqEngine(result.corpus, { ...options, model: result.model }), version: corpusVersion(result.corpus) };
    } catch (error) {
      return { ok: false, problems: [{ message: `${dir}: building the FAQ engine failed (${error instanceof Error ? error.message : String(error)}).` }] };
    }
  };
}

function runWorker(dir: string): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { workerData: { dir } });
    let settled = false;
    worker.once('message', (message: WorkerResult) => {
      settled = true;
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      if (!settled) reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the build worker exited with code ${code} before answering`));
    });
  });
}
