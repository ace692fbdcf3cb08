import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';

/**
 * Bump when the cached payload's framing changes. The model's own shape is checked by the caller's
 * parser on every read, and the engine's code is part of the key, so a changed engine never reads an
 * old model.
 */
const MODEL_CACHE_FORMAT = 1;
/** Models kept: the one in use and a few recent corpora (an editor's undo is then instant too). */
const KEEP = 4;
const SUFFIX = '.model';
/** Keys from filesKeyFor start with this; they are kept (KEEP of them) apart from the models by content. */
const FILES_PREFIX = 'f-';

/**
 * Trained models on disk, keyed by the corpus's content and the engine's code, so a restart with an
 * unchanged corpus skips training. The payload is opaque here: the caller validates what `read` returns
 * with the same parser it uses for a freshly trained model, and a file that fails is treated as absent.
 * Files are 0600 in a 0700 directory, written to a temporary name and renamed (never half-written).
 */
export interface ModelCache {
  /** The cache key for a loaded corpus: its content, the engine's code and the cache format. */
  keyFor(corpus: unknown): string;
  /**
   * A key known before the corpus is loaded: every file under `dirs` (names and bytes), the engine's
   * code and the cache format. A start with unchanged files reads the loaded corpus and its model under
   * it instead of parsing and validating the YAML again (most of a cached start's preparation).
   */
  filesKeyFor(dirs: readonly string[]): string;
  /** The stored payload for `key`; undefined when absent or unreadable (never throws). */
  read(key: string): unknown;
  /** Stores `payload` under `key`; a failure is reported to onProblem and otherwise ignored. */
  write(key: string, payload: unknown): void;
}

export interface ModelCacheOptions {
  readonly dir: string;
  /** Told when a file cannot be read or written (the service goes on training instead). */
  readonly onProblem?: (message: string) => void;
}

/** A hash of a validated corpus's full content (the child and this process must compute the same). */
export function corpusContentHash(corpus: unknown): string {
  return createHash('sha256').update(JSON.stringify(corpus)).digest('hex');
}

let engineCode: string | undefined;
/**
 * A hash of the engine's code as it runs (src/core under tsx, dist/core when compiled): any change to
 * how a model is trained or read gives new keys. Read once; the files are small.
 */
function engineCodeHash(): string {
  if (engineCode !== undefined) return engineCode;
  const root = fileURLToPath(new URL('../core/', import.meta.url));
  const hash = createHash('sha256');
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else if (/\.(?:ts|js|json)$/.test(name)) hash.update(`${prefix}${name}\0`).update(readFileSync(path)).update('\0');
    }
  };
  walk(root, '');
  engineCode = hash.digest('hex');
  return engineCode;
}

export function createModelCache(options: ModelCacheOptions): ModelCache {
  const { dir } = options;
  const problem = (message: string) => options.onProblem?.(message);
  const fileFor = (key: string) => join(dir, `${key}${SUFFIX}`);
  return {
    keyFor(corpus) {
      // The V8 version too: the payload is V8's structured-clone format.
      return createHash('sha256')
        .update(`format ${MODEL_CACHE_FORMAT}\0v8 ${process.versions.v8}\0engine ${engineCodeHash()}\0corpus ${corpusContentHash(corpus)}`)
        .digest('hex')
        .slice(0, 32);
    },
    filesKeyFor(dirs) {
      const hash = createHash('sha256').update(`format ${MODEL_CACHE_FORMAT}\0v8 ${process.versions.v8}\0engine ${engineCodeHash()}\0`);
      // By position and relative names: the same files elsewhere (a moved checkout) give the same key.
      dirs.forEach((dir, i) => hashTree(hash, dir, `${i}:`));
      return `${FILES_PREFIX}${hash.digest('hex').slice(0, 32)}`;
    },
    read(key) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(fileFor(key));
      } catch {
        return undefined;
      }
      try {
        return deserialize(bytes);
      } catch (error) {
        problem(`model cache ${fileFor(key)} is unreadable (${error instanceof Error ? error.message : String(error)}): training instead`);
        return undefined;
      }
    },
    write(key, payload) {
      const file = fileFor(key);
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        writeFileSync(temporary, serialize(payload), { mode: 0o600 });
        // writeFileSync's mode applies only to a new file; a leftover temporary keeps its own.
        chmodSync(temporary, 0o600);
        renameSync(temporary, file);
        prune(dir, file);
      } catch (error) {
        problem(`model cache: could not write ${file} (${error instanceof Error ? error.message : String(error)}): the next start trains again`);
        try {
          unlinkSync(temporary);
        } catch {
          // Nothing was written.
        }
      }
    },
  };
}

/** Every file under `dir`, by name (sorted) and content, into `hash`; a missing directory counts as empty. */
function hashTree(hash: ReturnType<typeof createHash>, dir: string, prefix: string): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    hash.update(`${prefix}(none)\0`);
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(hash, path, `${prefix}${name}/`);
    else hash.update(`${prefix}${name}\0`).update(readFileSync(path)).update('\0');
  }
}

/** Keeps the newest KEEP models of each kind (by content, by files; and always `keep`); older ones and stale temporaries go. */
function prune(dir: string, keep: string): void {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(SUFFIX) || name.endsWith('.tmp'))
    .map((name) => ({ path: join(dir, name), byFiles: name.startsWith(FILES_PREFIX) }))
    .map((file) => ({ ...file, mtime: statSync(file.path).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  const keepByFiles = basename(keep).startsWith(FILES_PREFIX);
  const kept = { true: 0, false: 0 };
  for (const file of files) {
    const isModel = file.path.endsWith(SUFFIX);
    const room = KEEP - (file.byFiles === keepByFiles ? 1 : 0);
    if (file.path === keep || (isModel && kept[`${file.byFiles}`] < room)) {
      if (file.path !== keep) kept[`${file.byFiles}`] += 1;
      continue;
    }
    // A temporary younger than a minute may be another process's write in progress.
    if (!isModel && Date.now() - file.mtime < 60_000) continue;
    unlinkSync(file.path);
  }
}
