import { statSync, watch, type FSWatcher } from 'node:fs';
import type { FaqEngine } from '../core/index.js';
import { scrubPersonalData, type Logger } from '../logging/index.js';
import type { CorpusBuild, CorpusBuildProblem } from './corpus-build.js';
import type { LiveEngine } from './live-engine.js';

export type ReloadTrigger = 'start' | 'watch' | 'signal' | 'manual' | 'publish';

export type ReloadOutcome =
  | { readonly result: 'success'; readonly version: string; readonly previous: string; readonly entries: number; readonly warnings?: readonly CorpusBuildProblem[] }
  | { readonly result: 'unchanged'; readonly version: string; readonly warnings?: readonly CorpusBuildProblem[] }
  | { readonly result: 'failure'; readonly problems: readonly CorpusBuildProblem[] };

/** What /healthz reports about the corpus being served. */
export interface CorpusStatus {
  /** Content hash of the corpus being served. */
  readonly version: string;
  readonly loadedAt: Date;
  readonly entries: number;
  /** The last reload attempt, when there was one since start. */
  readonly lastReload?: { readonly at: Date; readonly trigger: ReloadTrigger; readonly result: ReloadOutcome['result']; readonly problems: number };
}

export interface CorpusReloaderOptions {
  /** The faq-data/ folder. */
  readonly dir: string;
  /** Builds an engine from the folder (see CorpusBuild: may run anywhere, is only awaited). */
  readonly build: CorpusBuild;
  /** The engine the channels hold; swapped on success. */
  readonly live: LiveEngine;
  /** The version being served at start. */
  readonly version: string;
  /** When it was loaded (now by default). */
  readonly loadedAt?: Date;
  readonly logger: Logger;
  /** What else a corpus must satisfy to be served (e.g. the bot's welcome questions exist). */
  readonly check?: (engine: FaqEngine) => readonly CorpusBuildProblem[];
  /** Told about every reload's outcome (metrics). */
  readonly onReload?: (outcome: ReloadOutcome, status: CorpusStatus) => void;
  /** Quiet time after the last file event before reloading, in ms: an editor's save is several events. */
  readonly debounceMs?: number;
  /** How often, in ms, the watched folder is checked for having been replaced (default 2000). */
  readonly replacedCheckMs?: number;
}

export interface CorpusReloader {
  /** Rebuilds from the folder and swaps if valid and different. Reloads never overlap: a request during one runs once after it. */
  reload(trigger: ReloadTrigger): Promise<ReloadOutcome>;
  /**
   * Makes `dir` the folder served from (a published version written out by the store follower) and
   * reloads from it; later reloads (SIGHUP) read it too.
   */
  reloadFrom(dir: string, trigger: ReloadTrigger): Promise<ReloadOutcome>;
  /** Starts watching the folder (recursively) and reloads after changes. */
  watch(): void;
  status(): CorpusStatus;
  /** Stops watching and waits for a reload under way. */
  close(): Promise<void>;
}

const MAX_PROBLEMS_LOGGED = 50;

/**
 * Logs what `npm run faq:check` warns about in the corpus being served (a folder inside entries/, a file
 * not ending in .yaml): never a reason to refuse it, but an editor may have meant it as an entry.
 */
export function logCorpusWarnings(logger: Logger, warnings: readonly CorpusBuildProblem[] | undefined, trigger: ReloadTrigger): void {
  for (const warning of (warnings ?? []).slice(0, MAX_PROBLEMS_LOGGED)) {
    logger.warn({ trigger, corpusFile: warning.file, warning: scrubPersonalData(warning.message) }, 'corpus warning (served anyway; npm run faq:check lists it too)');
  }
}

/**
 * Live corpus: validate, build off the request path, swap atomically; on an invalid corpus keep serving
 * the last good one and log every problem (file, entry, field), so an editor's mistake never takes the
 * service down.
 */
export function createCorpusReloader(options: CorpusReloaderOptions): CorpusReloader {
  const { build, live, logger } = options;
  let dir = options.dir;
  const debounceMs = options.debounceMs ?? 300;
  let status: CorpusStatus = { version: options.version, loadedAt: options.loadedAt ?? new Date(), entries: live.corpus.entries.length };
  let running: Promise<ReloadOutcome> | undefined;
  let queued: Promise<ReloadOutcome> | undefined;
  let watcher: FSWatcher | undefined;
  let debounce: NodeJS.Timeout | undefined;
  let rewatch: NodeJS.Timeout | undefined;
  let replacedCheck: NodeJS.Timeout | undefined;
  // The folder being watched, as the file system knows it: a watch follows the folder, not its name.
  let watched: string | undefined;
  let closed = false;
  let stopBuild: AbortController | undefined;

  const attempt = async (trigger: ReloadTrigger): Promise<ReloadOutcome> => {
    let outcome: ReloadOutcome;
    stopBuild = new AbortController();
    try {
      const built = await build(dir, stopBuild.signal);
      if (closed) return { result: 'failure', problems: [{ message: 'the service is shutting down: the reload was stopped' }] };
      const problems = built.ok ? (options.check?.(built.engine) ?? []) : built.problems;
      if (!built.ok || problems.length > 0) outcome = { result: 'failure', problems };
      else if (built.version === status.version) outcome = { result: 'unchanged', version: built.version, warnings: built.warnings ?? [] };
      else {
        live.swap(built.engine);
        outcome = { result: 'success', version: built.version, previous: status.version, entries: built.engine.corpus.entries.length, warnings: built.warnings ?? [] };
      }
    } catch (error) {
      outcome = { result: 'failure', problems: [{ message: `building the corpus failed: ${error instanceof Error ? error.message : String(error)}` }] };
    }
    const at = new Date();
    const lastReload = { at, trigger, result: outcome.result, problems: outcome.result === 'failure' ? outcome.problems.length : 0 };
    status = outcome.result === 'success' ? { version: outcome.version, loadedAt: at, entries: outcome.entries, lastReload } : { ...status, lastReload };
    report(outcome, trigger);
    options.onReload?.(outcome, status);
    return outcome;
  };

  const report = (outcome: ReloadOutcome, trigger: ReloadTrigger) => {
    switch (outcome.result) {
      case 'success':
        logger.info({ trigger, version: outcome.version, previous: outcome.previous, entries: outcome.entries }, 'corpus reloaded');
        logCorpusWarnings(logger, outcome.warnings, trigger);
        return;
      case 'unchanged':
        logger.debug({ trigger, version: outcome.version }, 'corpus unchanged');
        // A folder put inside entries/ changes no entry, so the corpus is unchanged: still worth saying.
        logCorpusWarnings(logger, outcome.warnings, trigger);
        return;
      case 'failure':
        logger.error(
          { trigger, problems: outcome.problems.length, servedVersion: status.version },
          'corpus reload rejected: still serving the last good corpus; fix the problems below and save again (npm run faq:check lists them too)',
        );
        for (const problem of outcome.problems.slice(0, MAX_PROBLEMS_LOGGED)) {
          logger.error({ trigger, corpusFile: problem.file, problem: scrubPersonalData(problem.message) }, 'corpus problem');
        }
    }
  };

  const reload = (trigger: ReloadTrigger): Promise<ReloadOutcome> => {
    if (closed) return Promise.resolve({ result: 'failure', problems: [{ message: 'the service is shutting down: no reload' }] });
    if (running === undefined) {
      running = attempt(trigger).finally(() => {
        running = undefined;
      });
      return running;
    }
    // One follow-up covers any number of requests during a reload: it reads the folder as it is then.
    queued ??= running.then(() => {
      queued = undefined;
      return reload(trigger);
    });
    return queued;
  };

  const schedule = () => {
    if (closed) return;
    clearTimeout(debounce);
    debounce = setTimeout(() => void reload('watch'), debounceMs);
  };

  const startWatching = () => {
    if (closed) return;
    try {
      watched = folderIdentity(dir);
      watcher = watch(dir, { recursive: true }, schedule);
      watcher.on('error', (error) => {
        logger.warn({ err: error }, 'watching faq-data/ failed; trying again in 2 s (SIGHUP reloads meanwhile)');
        watcher?.close();
        watcher = undefined;
        retryWatching();
      });
    } catch (error) {
      logger.warn({ err: error }, 'cannot watch faq-data/; trying again in 2 s (SIGHUP reloads meanwhile)');
      retryWatching();
    }
  };

  const retryWatching = () => {
    rewatch = setTimeout(() => {
      rewatch = undefined;
      startWatching();
    }, 2000);
    rewatch.unref();
  };

  // A folder replaced as a whole (moved aside and copied anew, a symlink switched to another release, a
  // container's mounted volume swapped) is a new folder under the same name: the watch kept following
  // the old one, and every later edit went unserved without a word. The name is checked every few
  // seconds; a new folder is watched and read, a missing one waited for.
  const checkReplaced = () => {
    if (closed || rewatch !== undefined) return;
    const now = folderIdentity(dir);
    if (now === watched) return;
    watcher?.close();
    watcher = undefined;
    if (now === undefined) {
      if (watched !== undefined) logger.warn({ dir }, 'faq-data/ is gone; still serving the last good corpus and waiting for the folder to come back');
      watched = undefined;
      return;
    }
    logger.info({ dir }, 'faq-data/ was replaced by another folder: watching and reading the new one');
    startWatching();
    schedule();
  };

  return {
    reload,
    reloadFrom(next, trigger) {
      dir = next;
      return reload(trigger);
    },
    watch() {
      startWatching();
      replacedCheck ??= setInterval(checkReplaced, options.replacedCheckMs ?? 2000);
      replacedCheck.unref();
    },
    status: () => status,
    async close() {
      closed = true;
      clearTimeout(debounce);
      clearTimeout(rewatch);
      clearInterval(replacedCheck);
      watcher?.close();
      watcher = undefined;
      // A build under way is stopped (its child killed), not waited for: shutdown has a deadline.
      stopBuild?.abort();
      await (queued ?? running);
    },
  };
}

/** Which folder a path names now (device and inode, through symlinks); undefined when there is none. */
function folderIdentity(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return stat.isDirectory() ? `${stat.dev}:${stat.ino}` : undefined;
  } catch {
    return undefined;
  }
}
