import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createFaqEngine, loadCorpus, PRODUCT_DATA_DIR, type Corpus, type FaqEngine, type PolicyOptions, type TrainedModel } from '../core/index.js';
import { buildWarnings, corpusVersion, inProcessBuild, type CorpusBuild, type CorpusBuildProblem, type CorpusBuildResult } from './corpus-build.js';
import { corpusContentHash, type ModelCache } from './model-cache.js';
import type { FeaturizerCache } from './featurizer-cache.js';

// Under tsx the sources run as .ts and the child needs tsx's loader; the compiled service runs dist/.
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const CHILD = fileURLToPath(new URL(FROM_SOURCES ? './build-process.ts' : './build-process.js', import.meta.url));
const CHILD_ARGV = FROM_SOURCES ? ['--import', 'tsx'] : [];
/** A build that takes longer than this has hung: it is stopped and reported. */
const BUILD_TIMEOUT_MS = 120_000;

const problems = z.array(z.object({ message: z.string(), file: z.string().optional() }));
const calibrator = z.object({ w: z.array(z.number()), bias: z.number() });
// A trained model's shape and its typed arrays: what the child sends and what the model cache holds.
const trainedModel = z.object({
  classes: z.array(z.string()),
  features: z.array(z.string()),
  weights: z.object({ classes: z.number().int(), rowStart: z.instanceof(Int32Array), rowClass: z.instanceof(Int32Array), rowWeight: z.instanceof(Float32Array) }),
  similarity: z.object({
    classes: z.number().int(),
    idf: z.instanceof(Float32Array),
    rowStart: z.instanceof(Int32Array),
    rowClass: z.instanceof(Int32Array),
    rowWeight: z.instanceof(Float32Array),
  }),
  top: calibrator,
  pair: calibrator,
  inContext: z.object({ top: calibrator, pair: calibrator }),
  report: z.object({
    messages: z.number(),
    folds: z.number(),
    top1: z.number(),
    calibrationError: z.number(),
    milliseconds: z.number(),
    weakness: z.object({
      threshold: z.number(),
      predictedAnswered: z.number(),
      predictedWrong: z.number(),
      forecast: z.object({ right: z.number(), low: z.number(), high: z.number() }),
      confusions: z.array(z.object({ entry: z.string(), takenFor: z.string(), share: z.number() })),
      thin: z.array(z.object({ entry: z.string(), phrasings: z.number(), answered: z.number() })),
    }),
  }),
});
// A loaded corpus and its model, kept under the key of the files they came from (see filesKeyFor): the
// corpus is the loader's own output (plain objects and arrays), checked against the content hash
// stored with it, its entries frozen as the loader freezes them; the model is parsed as above.
// The loader's warnings about those files are kept with them, so a restart still reports them.
const loadedCorpus = z.object({ corpusHash: z.string(), corpus: z.looseObject({ entries: z.array(z.looseObject({ id: z.string() })) }), model: trainedModel, warnings: problems.optional() });

// What the child sends, checked at this edge; `corpusHash` says which content it trained on.
const childMessage = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(false), problems }),
  z.object({ ok: z.literal(true), model: trainedModel, corpusHash: z.string() }),
]);

/**
 * The service's build: training runs in a child process, so requests keep being answered while an
 * edited corpus is learned, and the service's memory does not grow by what training used. This process
 * loads and validates the corpus itself (milliseconds) and assembles the engine from the trained model.
 * Only when a child cannot be started at all does training run here, as {@link inProcessBuild}; a child
 * that fails, hangs or is stopped (shutdown) is reported as a failed build.
 */
export function processBuild(options: { readonly policy?: Partial<PolicyOptions>; readonly modelCache?: ModelCache; readonly featurizers?: FeaturizerCache } = {}): CorpusBuild {
  const { modelCache, featurizers, ...engineOptions } = options;
  const fallback = inProcessBuild(engineOptions);
  const engineFor = (corpus: Corpus, model: TrainedModel) => {
    const featurizer = featurizers?.for(corpus);
    return createFaqEngine(corpus, { ...engineOptions, model, ...(featurizer === undefined ? {} : { featurizer }) });
  };
  return async (dir, signal) => {
    // The same files as a build before: the corpus as it was loaded then, and its model (no YAML read).
    const filesKey = modelCache?.filesKeyFor([dir, PRODUCT_DATA_DIR]);
    if (modelCache !== undefined && filesKey !== undefined) {
      const kept = loadedCorpus.safeParse(modelCache.read(filesKey));
      if (kept.success && corpusContentHash(kept.data.corpus) === kept.data.corpusHash) {
        const corpus = asLoaded(kept.data.corpus);
        if (fitsCorpus(corpus, kept.data.model)) {
          try {
            return { ok: true, engine: engineFor(corpus, kept.data.model), version: corpusVersion(corpus), fromCache: true, warnings: buildWarnings(kept.data.warnings) };
          } catch {
            // Falls through to loading the files.
          }
        }
      }
    }
    // Kept for the next build from the same files, unless they changed while they were read.
    const keep = (corpus: Corpus, model: TrainedModel, warnings: readonly CorpusBuildProblem[]) => {
      if (modelCache !== undefined && filesKey !== undefined && modelCache.filesKeyFor([dir, PRODUCT_DATA_DIR]) === filesKey) {
        modelCache.write(filesKey, { corpusHash: corpusContentHash(corpus), corpus, model, warnings });
      }
    };

    // Loaded, frozen and validated in this process first (milliseconds): an invalid corpus never
    // starts a child, and a valid one names its cached model.
    const loaded = loadCorpus(dir);
    if (!loaded.ok) return { ok: false, problems: loaded.problems };
    const corpus = loaded.corpus;
    const warnings = buildWarnings(loaded.warnings);
    const fits = (model: TrainedModel) => fitsCorpus(corpus, model);
    const key = modelCache?.keyFor(corpus);

    if (modelCache !== undefined && key !== undefined) {
      // A cached model is read with the same parser as a freshly trained one; anything that does not
      // parse, fit the corpus or build an engine is ignored and the corpus is trained again.
      const cached = trainedModel.safeParse(modelCache.read(key));
      if (cached.success && fits(cached.data)) {
        try {
          const engine = engineFor(corpus, cached.data);
          keep(corpus, cached.data, warnings);
          return { ok: true, engine, version: corpusVersion(corpus), fromCache: true, warnings };
        } catch {
          // Falls through to training.
        }
      }
    }

    let trained: TrainedModel;
    let trainedOn: string;
    try {
      const child = runChild(dir, corpus, signal);
      // While the child trains, this process builds the new corpus's featurizer (kept for the engine below).
      try {
        featurizers?.for(corpus);
      } catch {
        // Built again (and its error reported) when the engine is assembled.
      }
      const message = await child;
      if (!message.ok) return { ok: false, problems: message.problems.map((p) => (p.file === undefined ? { message: p.message } : { message: p.message, file: p.file })) };
      trained = message.model;
      trainedOn = message.corpusHash;
    } catch (error) {
      if (error instanceof ChildStartError) return fallback(dir, signal);
      return failure(dir, error);
    }
    // The model must be for the corpus this process loaded (an editor may have saved in between).
    if (!fits(trained)) {
      return failure(dir, new Error('the entries changed while the model was trained; the next save or SIGHUP reloads them'));
    }
    let engine: FaqEngine;
    try {
      // The featurizer is kept, so a later change to answers only need not build it again.
      engine = engineFor(corpus, trained);
    } catch (error) {
      return failure(dir, error);
    }
    // Cached only when the child trained on exactly this content, and only once it built an engine.
    if (modelCache !== undefined && key !== undefined && trainedOn === corpusContentHash(corpus)) {
      modelCache.write(key, trained);
      keep(corpus, trained, warnings);
    }
    return { ok: true, engine, version: corpusVersion(corpus), fromCache: false, warnings };
  };
}

/** Whether `model` was trained on exactly `corpus`'s entries, in order (its last class is "none of them"). */
function fitsCorpus(corpus: { readonly entries: readonly { readonly id: string }[] }, model: TrainedModel): boolean {
  return corpus.entries.length === model.classes.length - 1 && corpus.entries.every((e, i) => model.classes[i] === e.id);
}

/** A kept corpus as loadCorpus returns one: its entries frozen. */
function asLoaded(corpus: { readonly entries: readonly unknown[] }): Corpus {
  Object.freeze(corpus.entries);
  return corpus as unknown as Corpus;
}

function failure(dir: string, error: unknown): CorpusBuildResult {
  return { ok: false, problems: [{ message: `${dir}: building the FAQ engine failed (${error instanceof Error ? error.message : String(error)}).` }] };
}

/** The child could not be started at all (no fork here): the only case that falls back to this process. */
class ChildStartError extends Error {}

function runChild(dir: string, corpus: Corpus, signal: AbortSignal | undefined): Promise<z.infer<typeof childMessage>> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('stopped before it started'));
      return;
    }
    let child: ReturnType<typeof fork>;
    try {
      // "advanced" serialization carries the model's typed arrays as they are.
      child = fork(CHILD, [dir], { execArgv: CHILD_ARGV, serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      // The corpus this process loaded and validated: the child trains it without reading the YAML again.
      child.send({ corpus });
    } catch (error) {
      reject(new ChildStartError(error instanceof Error ? error.message : String(error)));
      return;
    }
    let settled = false;
    const stop = () => child.kill('SIGKILL');
    const timer = setTimeout(stop, BUILD_TIMEOUT_MS);
    timer.unref();
    signal?.addEventListener('abort', stop, { once: true });
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
    };
    child.once('message', (message: unknown) => {
      settled = true;
      done();
      const parsed = childMessage.safeParse(message);
      if (parsed.success) resolve(parsed.data);
      else reject(new Error('the build process answered with something that is not a model'));
    });
    child.once('error', (error) => {
      done();
      if (!settled) reject(new ChildStartError(error.message));
    });
    child.once('exit', (code, exitSignal) => {
      done();
      if (!settled) reject(new Error(signal?.aborted ? 'stopped: the service is shutting down' : `the build process exited (${exitSignal ?? code}) before answering`));
    });
  });
}
