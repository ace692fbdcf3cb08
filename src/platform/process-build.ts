import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createFaqEngine, type Corpus, type EngineOptions, type TrainedModel } from '../core/index.js';
import { corpusVersion, inProcessBuild, type CorpusBuild, type CorpusBuildProblem } from './corpus-build.js';

type BuildResult = { ok: true; corpus: Corpus; model: TrainedModel } | { ok: false; problems: CorpusBuildProblem[] };

// Under tsx the sources run as .ts and the child needs tsx's loader; the compiled service runs dist/.
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const CHILD = fileURLToPath(new URL(FROM_SOURCES ? './build-process.ts' : './build-process.js', import.meta.url));
const CHILD_ARGV = FROM_SOURCES ? ['--import', 'tsx'] : [];
/** A build that takes longer than this has hung: it is stopped and reported. */
const BUILD_TIMEOUT_MS = 120_000;

/**
 * The service's build: loading, validating and training run in a child process, so requests keep being
 * answered while an edited corpus is learned, and the service's memory does not grow by what training
 * used; this process only assembles the engine from the trained model. If the child cannot run at all,
 * the build runs here instead, as {@link inProcessBuild}.
 */
export function processBuild(options: Omit<EngineOptions, 'model'> = {}): CorpusBuild {
  const fallback = inProcessBuild(options);
  return async (dir) => {
    let result: BuildResult;
    try {
      result = await runChild(dir);
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

function runChild(dir: string): Promise<BuildResult> {
  return new Promise((resolve, reject) => {
    // "advanced" serialization carries the model's typed arrays and the corpus's dates as they are.
    const child = fork(CHILD, [dir], { execArgv: CHILD_ARGV, serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let settled = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    timer.unref();
    child.once('message', (message: BuildResult) => {
      settled = true;
      clearTimeout(timer);
      resolve(message);
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      if (!settled) reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!settled) reject(new Error(`the corpus build exited (${signal ?? code}) before answering`));
    });
  });
}
