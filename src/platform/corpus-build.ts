import { createHash } from 'node:crypto';
import { createFaqEngine, loadCorpus, type EngineOptions, type FaqEngine } from '../core/index.js';

/** A problem that keeps a corpus from being served, with where it is (file, entry, field) in `message`. */
export interface CorpusBuildProblem {
  readonly message: string;
  readonly file?: string;
}

export type CorpusBuildResult =
  | {
      readonly ok: true;
      readonly engine: FaqEngine;
      readonly version: string;
      /** True when the model came from the model cache (no training). */
      readonly fromCache?: boolean;
      /** Worth an editor's attention, never blocking (a folder inside entries/ that is not read): faq:check's warnings. */
      readonly warnings?: readonly CorpusBuildProblem[];
    }
  | { readonly ok: false; readonly problems: readonly CorpusBuildProblem[] };

/**
 * Loads, validates and trains `faq-data/` into a ready engine. The reloader only ever calls this and
 * awaits it (the service's build, `processBuild`, trains in a child process); `signal` stops a build
 * that is no longer wanted (shutdown). `version` is a content hash: equal corpora have equal versions.
 */
export type CorpusBuild = (dir: string, signal?: AbortSignal) => Promise<CorpusBuildResult>;

/**
 * The build with the core's own loadCorpus and createFaqEngine on this thread: training blocks it for
 * seconds, so the service uses `processBuild`; this is its fallback where no child process can start.
 * Deferred to its own macrotask so a build never runs inside a request.
 */
export function inProcessBuild(options: EngineOptions = {}): CorpusBuild {
  return (dir) =>
    new Promise((resolve) => {
      setImmediate(() => {
        try {
          const loaded = loadCorpus(dir);
          if (!loaded.ok) {
            resolve({ ok: false, problems: loaded.problems });
            return;
          }
          resolve({ ok: true, engine: createFaqEngine(loaded.corpus, options), version: corpusVersion(loaded.corpus), warnings: buildWarnings(loaded.warnings) });
        } catch (error) {
          // A bug in loading or indexing must not take the running service down with it.
          resolve({ ok: false, problems: [{ message: `${dir}: building the FAQ engine failed (${error instanceof Error ? error.message : String(error)}).` }] });
        }
      });
    });
}

/** The loader's warnings as build problems (file and message only). */
export function buildWarnings(warnings: readonly { readonly message: string; readonly file?: string | undefined }[] | undefined): CorpusBuildProblem[] {
  return (warnings ?? []).map((w) => (w.file === undefined ? { message: w.message } : { message: w.message, file: w.file }));
}

/** A short content hash of a validated corpus: the same content gives the same version on every replica. */
export function corpusVersion(corpus: unknown): string {
  return createHash('sha256').update(JSON.stringify(corpus)).digest('hex').slice(0, 12);
}
