import { LANGS, type FaqEntry } from './schema.js';

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

/** The corpus in a flat form for review, translation and import into other tools. */
export function exportCorpus(entries: readonly FaqEntry[], format: ExportFormat): string {
  if (format === 'json') {
    const rows = entries.map((e) => ({ id: e.id, questions: allQuestions(e), answer: e.answer.sv }));
    return JSON.stringify(rows, null, 2) + '\n';
  }
  const lines = ['question\tid\tanswer'];
  for (const e of entries) for (const q of allQuestions(e)) lines.push(`${cell(q)}\t${e.id}\t${cell(e.answer.sv)}`);
  return lines.join('\n') + '\n';
}
