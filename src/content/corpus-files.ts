import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { decodeCorpusText, isCorpusYamlName } from '../core/index.js';
import { canonicalJson } from './canonical-json.js';

/**
 * A corpus as the store keeps it: every YAML file of a faq-data/ folder, by its path in the folder
 * ("contact.yaml", "entries/contact.yaml"), as the data the file holds (the written form an editor
 * types, before the corpus schema's transforms). Kept as files, not as the engine's corpus, so a folder
 * written to faq-data/README.md round-trips unchanged and the one loader (src/core/corpus) judges it.
 */
export type CorpusFiles = Readonly<Record<string, unknown>>;

export const ENTRIES_FOLDER = 'entries';
export const TIMELINE_FILE = 'timeline.yaml';
export const CONTACT_FILE = 'contact.yaml';
export const SYNONYMS_FILE = 'synonyms.yaml';
export const OUT_OF_SCOPE_FILE = 'out-of-scope.yaml';
export const WELCOME_FILE = 'welcome.yaml';

export const entryFile = (id: string) => `${ENTRIES_FOLDER}/${id}.yaml`;

/** The entry id of a path "entries/<id>.yaml", else undefined. */
export function entryIdOf(path: string): string | undefined {
  return /^entries\/([^/]+)\.ya?ml$/i.exec(path)?.[1];
}

export type ReadFilesResult = { readonly ok: true; readonly files: CorpusFiles } | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Reads every *.yaml of a corpus folder (top level and entries/); README, hidden files and other files
 * are not content. A file not saved as UTF-8 is a problem, as it is to the loader.
 */
export function readCorpusFiles(dir: string): ReadFilesResult {
  const files: Record<string, unknown> = {};
  const problems: string[] = [];
  const read = (relative: string) => {
    try {
      const decoded = decodeCorpusText(readFileSync(join(dir, relative)), relative);
      if (!decoded.ok) {
        problems.push(decoded.message);
        return;
      }
      files[relative.replace(/\.ya?ml$/i, '.yaml')] = parseYaml(decoded.text);
    } catch (err) {
      problems.push(`${relative}: ${err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err)}`);
    }
  };
  const yamlIn = (folder: string) => {
    try {
      return readdirSync(folder, { withFileTypes: true })
        .filter((d) => d.isFile() && isCorpusYamlName(d.name))
        .map((d) => d.name)
        .sort();
    } catch (err) {
      problems.push(`${folder}: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  };
  for (const name of yamlIn(dir)) read(name);
  for (const name of yamlIn(join(dir, ENTRIES_FOLDER))) read(`${ENTRIES_FOLDER}/${name}`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, files };
}

/**
 * Writes the files into `dir` as YAML (created; files of other names left alone). `replace` first
 * empties the entries folder so a removed entry does not linger.
 */
export function writeCorpusFiles(files: CorpusFiles, dir: string, options: { replace?: boolean } = {}): void {
  if (options.replace) rmSync(join(dir, ENTRIES_FOLDER), { recursive: true, force: true });
  mkdirSync(join(dir, ENTRIES_FOLDER), { recursive: true });
  for (const [path, data] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, stringifyYaml(data, { lineWidth: 0 }));
  }
}

/** Writes the files into `dir` whole or not at all: into a sibling folder first, then renamed over it. */
export function replaceCorpusFolder(files: CorpusFiles, dir: string): void {
  const next = `${dir}.next-${process.pid}`;
  const old = `${dir}.old-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  writeCorpusFiles(files, next);
  rmSync(old, { recursive: true, force: true });
  try {
    renameSync(dir, old);
  } catch {
    // No folder yet: nothing to move aside.
  }
  renameSync(next, dir);
  rmSync(old, { recursive: true, force: true });
}

/** The content hash of a corpus's files: the same content gives the same hash on every instance. */
export function filesHash(files: CorpusFiles): string {
  return createHash('sha256').update(canonicalJson(files)).digest('hex').slice(0, 16);
}

/** The entries' written data by id, in id order. */
export function entriesOf(files: CorpusFiles): { readonly id: string; readonly data: unknown }[] {
  return Object.keys(files)
    .map((path) => ({ path, id: entryIdOf(path) }))
    .filter((p): p is { path: string; id: string } => p.id !== undefined)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((p) => ({ id: p.id, data: files[p.path] }));
}
