import { z } from 'zod';
import { canonicalJson } from './canonical-json.js';
import { CONTACT_FILE, entryFile, OUT_OF_SCOPE_FILE, SYNONYMS_FILE, TIMELINE_FILE, WELCOME_FILE, type CorpusFiles } from './corpus-files.js';

/**
 * The most fields one object of a corpus file may have: the largest in any corpus is the contact details'
 * (under ten). YAML's reader checks each key of a map against every other (quadratic), and the draft is
 * read back several times, so 35,000 made-up keys in one object (1.6 MB, under the body limit) held the
 * event loop for seconds and then ran the heap out; refused here, before anything reads them.
 */
export const MAX_FIELDS_PER_OBJECT = 200;
/** Objects and lists nested deeper than any corpus file. */
export const MAX_NESTING = 16;

/** The first place where `value` is wider or deeper than a corpus file ever is, or undefined. */
export function oversizedAt(value: unknown, path = '', depth = 0): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (depth > MAX_NESTING) return `${path || '(top)'}: nested more than ${MAX_NESTING} levels deep`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = oversizedAt(value[i], `${path}[${i}]`, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const keys = Object.keys(value);
  if (keys.length > MAX_FIELDS_PER_OBJECT) return `${path || '(top)'}: ${keys.length} fields, at most ${MAX_FIELDS_PER_OBJECT}`;
  for (const key of keys) {
    const found = oversizedAt((value as Record<string, unknown>)[key], path === '' ? key : `${path}.${key}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

const bounded = <T extends z.ZodType>(schema: T) =>
  schema.superRefine((value, ctx) => {
    const found = oversizedAt(value);
    if (found !== undefined) ctx.addIssue({ code: 'custom', message: `no corpus file is this large: ${found}` });
  });

const entryData = bounded(z.record(z.string(), z.unknown()).refine((e) => typeof e['id'] === 'string' && e['id'] !== '', 'every entry needs its id'));
const fileData = bounded(z.record(z.string(), z.unknown()));

/**
 * A change as an editor (or the API) submits it: whole entries to add or replace (the fields of
 * faq-data/README.md), ids to remove, and whole files (timeline, contact details, out-of-scope
 * questions, synonyms, the welcome) to replace. The content itself is judged by the corpus rules (see validate.ts).
 */
export const changeInputSchema = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  /** The published version the change was made from (optimistic locking). */
  baseVersion: z.number().int().min(1),
  entries: z.array(entryData).max(1000).optional(),
  remove: z.array(z.string().min(1).max(100)).max(1000).optional(),
  timeline: fileData.optional(),
  contact: fileData.optional(),
  outOfScope: fileData.optional(),
  synonyms: fileData.optional(),
  /** welcome.yaml: who the bot speaks for, its greeting and the questions it offers first. */
  welcome: fileData.optional(),
});
export type ChangeInput = z.infer<typeof changeInputSchema>;

/** What a change does to the files, as the store keeps it with the draft. */
export interface ChangePatch {
  /** Files written whole, by path. */
  readonly put: Readonly<Record<string, unknown>>;
  /** Files removed, by path. */
  readonly remove: readonly string[];
}

export const changePatchSchema = z.object({ put: z.record(z.string(), z.unknown()), remove: z.array(z.string()) });

export function patchOf(input: ChangeInput): ChangePatch {
  const put: Record<string, unknown> = {};
  for (const entry of input.entries ?? []) put[entryFile(String(entry['id']))] = entry;
  if (input.timeline !== undefined) put[TIMELINE_FILE] = input.timeline;
  if (input.contact !== undefined) put[CONTACT_FILE] = input.contact;
  if (input.outOfScope !== undefined) put[OUT_OF_SCOPE_FILE] = input.outOfScope;
  if (input.synonyms !== undefined) put[SYNONYMS_FILE] = input.synonyms;
  if (input.welcome !== undefined) put[WELCOME_FILE] = input.welcome;
  return { put, remove: (input.remove ?? []).map(entryFile) };
}

/** The files after the change. */
export function applyPatch(files: CorpusFiles, patch: ChangePatch): CorpusFiles {
  const next: Record<string, unknown> = { ...files };
  for (const path of patch.remove) delete next[path];
  for (const [path, data] of Object.entries(patch.put)) next[path] = data;
  return next;
}

/** The paths a change touches. */
export const touchedPaths = (patch: ChangePatch): string[] => [...new Set([...Object.keys(patch.put), ...patch.remove])];

/** The paths the change touches that were changed by someone else between `base` and `latest`. */
export function conflictingPaths(patch: ChangePatch, base: CorpusFiles, latest: CorpusFiles): string[] {
  return touchedPaths(patch).filter((path) => canonicalJson(base[path]) !== canonicalJson(latest[path]));
}
