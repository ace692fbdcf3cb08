import { canonicalJson } from './canonical-json.js';
import type { CorpusFiles } from './corpus-files.js';

/** One changed field: where, and the value before and after (absent when added or removed). */
export interface FieldChange {
  readonly file: string;
  /** The field's path in the file, dot-separated ("answer.sv", "phrasings.sv.3"); "" for the whole file. */
  readonly field: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every field that differs between two corpora, file by file, down to the leaves. */
export function fieldDiff(before: CorpusFiles, after: CorpusFiles): FieldChange[] {
  const out: FieldChange[] = [];
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const file of paths) walk(file, '', before[file], after[file], out);
  return out;
}

function walk(file: string, field: string, a: unknown, b: unknown, out: FieldChange[]): void {
  if (canonicalJson(a) === canonicalJson(b)) return;
  const join = (key: string | number) => (field === '' ? String(key) : `${field}.${key}`);
  if (isRecord(a) && isRecord(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) walk(file, join(key), a[key], b[key], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(file, join(i), a[i], b[i], out);
    return;
  }
  out.push({ file, field, ...(a === undefined ? {} : { before: a }), ...(b === undefined ? {} : { after: b }) });
}
