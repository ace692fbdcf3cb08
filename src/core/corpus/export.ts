import { LANGS, type FaqEntry } from './schema.js';
import { answerAt } from './versions.js';

export const EXPORT_FORMATS = ['json', 'tsv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** Every phrasing of an entry, canonical questions first, Swedish then English, without repeats. */
export function allQuestions(entry: FaqEntry): string[] {
  const out: string[] = [];
  for (const lang of LANGS) out.push(entry.question[lang]);
  for (const lang of LANGS) out.push(...entry.phrasings[lang]);
  return [...new Set(out)];
}

// TSV cells cannot hold tabs or line breaks; answers are written with single spaces instead.
const cell = (s: string) => s.replace(/[\t\r\n]+/g, ' ').trim();

/**
 * The corpus in a flat form for review, translation and import into other tools, with each entry's
 * Swedish answer valid at `at` (an entry with none then is left out; a checked corpus has none).
 */
export function exportCorpus(entries: readonly FaqEntry[], format: ExportFormat, at: Date = new Date()): string {
  const rows = entries.flatMap((e) => {
    const served = answerAt(e, at);
    return served === undefined ? [] : [{ id: e.id, questions: allQuestions(e), answer: served.version.answer.sv }];
  });
  if (format === 'json') return JSON.stringify(rows, null, 2) + '\n';
  const lines = ['question\tid\tanswer'];
  for (const r of rows) for (const q of r.questions) lines.push(`${cell(q)}\t${r.id}\t${cell(r.answer)}`);
  return lines.join('\n') + '\n';
}
