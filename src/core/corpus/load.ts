import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { CORPUS_ERRORS, type CorpusProblem } from '../errors.js';
import { normalizePhrase } from '../text/normalize.js';
import {
  contactSchema,
  intentsSchema,
  outOfScopeSchema,
  stopwordsSchema,
  synonymsSchema,
  faqEntrySchema,
  type Corpus,
  type FaqEntry,
  type LANGS,
} from './schema.js';

export type LoadResult = { ok: true; corpus: Corpus } | { ok: false; problems: CorpusProblem[] };

/**
 * Loads and validates `faq-data/`. Never throws for content problems: every problem is collected and
 * returned, so an editor sees all of them at once. The corpus is returned only when there are none.
 */
export function loadCorpus(dir: string): LoadResult {
  const problems: CorpusProblem[] = [];
  // Paths as an editor would type them from the project folder; absolute when outside it.
  const display = (file: string) => {
    const rel = relative(process.cwd(), file);
    return rel === '' || rel.startsWith('..') ? file : rel;
  };

  const readYaml = (file: string): unknown => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      const code = err instanceof Error && 'code' in err ? String(err.code) : 'unknown error';
      problems.push(
        code === 'ENOENT'
          ? { code: 'FILE_MISSING', file: display(file), message: CORPUS_ERRORS.FILE_MISSING(display(file)) }
          : { code: 'FILE_UNREADABLE', file: display(file), message: CORPUS_ERRORS.FILE_UNREADABLE(display(file), String(code)) },
      );
      return undefined;
    }
    try {
      return parseYaml(text);
    } catch (err) {
      const why = err instanceof Error ? err.message.split('\n')[0] ?? err.message : String(err);
      problems.push({ code: 'YAML_SYNTAX', file: display(file), message: CORPUS_ERRORS.YAML_SYNTAX(display(file), why) });
      return undefined;
    }
  };

  const parseWith = <T>(schema: z.ZodType<T>, file: string, where: (data: unknown) => string): T | undefined => {
    const data = readYaml(file);
    if (data === undefined && problems.some((p) => p.file === display(file))) return undefined;
    const result = schema.safeParse(data);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(whole file)';
      problems.push({
        code: 'FIELD_INVALID',
        file: display(file),
        message: CORPUS_ERRORS.FIELD_INVALID(display(file), where(data), field, issue.message),
      });
    }
    return undefined;
  };

  const entriesDir = join(dir, 'entries');
  let files: string[] = [];
  try {
    files = readdirSync(entriesDir)
      .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
      .sort();
  } catch {
    problems.push({ code: 'FILE_MISSING', file: display(entriesDir), message: CORPUS_ERRORS.FILE_MISSING(display(entriesDir)) });
  }
  if (files.length === 0 && problems.length === 0) {
    problems.push({ code: 'NO_ENTRIES', file: display(entriesDir), message: CORPUS_ERRORS.NO_ENTRIES(display(entriesDir)) });
  }

  const entries: { entry: FaqEntry; file: string }[] = [];
  files.forEach((name, index) => {
    const file = join(entriesDir, name);
    const entry = parseWith(faqEntrySchema, file, (data) => describeEntry(data, index));
    if (entry) entries.push({ entry, file: display(file) });
  });

  const synonyms = parseWith(synonymsSchema, join(dir, 'synonyms.yaml'), () => 'synonyms');
  const contact = parseWith(contactSchema, join(dir, 'contact.yaml'), () => 'contact center');
  const intents = parseWith(intentsSchema, join(dir, 'intents.yaml'), () => 'intents');
  const stopwords = parseWith(stopwordsSchema, join(dir, 'stopwords.yaml'), () => 'stop words');
  const outOfScope = parseWith(outOfScopeSchema, join(dir, 'out-of-scope.yaml'), () => 'out-of-scope questions');

  problems.push(...crossCheck(entries));

  if (problems.length > 0 || !synonyms || !contact || !intents || !stopwords || !outOfScope) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    corpus: { entries: Object.freeze(entries.map((e) => e.entry)), synonyms, contact, intents, stopwords, outOfScope },
  };
}

function describeEntry(data: unknown, index: number): string {
  if (typeof data === 'object' && data !== null && 'id' in data && typeof data.id === 'string') {
    return `entry "${data.id}"`;
  }
  return `entry #${index + 1}`;
}

/** Rules that span entries: unique ids, unique phrasings, related ids that exist. */
export function crossCheck(entries: readonly { entry: FaqEntry; file: string }[]): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  const fileById = new Map<string, string>();
  for (const { entry, file } of entries) {
    const first = fileById.get(entry.id);
    if (first !== undefined) {
      problems.push({ code: 'DUPLICATE_ID', file, message: CORPUS_ERRORS.DUPLICATE_ID(file, entry.id, first) });
    } else {
      fileById.set(entry.id, file);
    }
    const stem = basename(file).replace(/\.ya?ml$/, '');
    if (stem !== entry.id && first === undefined) {
      problems.push({ code: 'FILE_NAME_MISMATCH', file, message: CORPUS_ERRORS.FILE_NAME_MISMATCH(file, entry.id) });
    }
  }
  const ownerOf = new Map<string, string>();
  for (const { entry, file } of entries) {
    const own = new Set<string>();
    for (const lang of ['sv', 'en'] satisfies (typeof LANGS)[number][]) {
      for (const text of [entry.question[lang], ...entry.phrasings[lang]]) {
        const key = normalizePhrase(text);
        if (own.has(key)) continue;
        own.add(key);
        const other = ownerOf.get(key);
        if (other !== undefined && other !== entry.id) {
          problems.push({ code: 'DUPLICATE_PHRASING', file, message: CORPUS_ERRORS.DUPLICATE_PHRASING(file, entry.id, text, other) });
        } else {
          ownerOf.set(key, entry.id);
        }
      }
    }
    for (const related of entry.related) {
      if (related === entry.id) {
        problems.push({ code: 'SELF_RELATED', file, message: CORPUS_ERRORS.SELF_RELATED(file, entry.id) });
      } else if (!fileById.has(related)) {
        problems.push({ code: 'UNKNOWN_RELATED', file, message: CORPUS_ERRORS.UNKNOWN_RELATED(file, entry.id, related) });
      }
    }
  }
  return problems;
}
