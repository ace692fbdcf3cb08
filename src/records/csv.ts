import type { KeptQuestion } from './model.js';

/** Column separators the export offers: comma (standard), semicolon (Excel with Swedish settings). */
export type CsvSeparator = ',' | ';';

// A cell that starts like a formula runs as one in Excel (CSV injection): residents wrote this text.
// Excel may also split on a separator the file does not use ("hej;=1+2" becomes two cells with Swedish
// settings), so a formula start after any separator is neutralised too, and such a cell is quoted.
const FORMULA_START = /^[=+\-@\t\r]/;
const FORMULA_AFTER_SEPARATOR = /([,;\t|]\s*)(?=[=+\-@])/g;
const NEEDS_QUOTES = /[,;\t|"\r\n]/;

function cell(value: string, sep: CsvSeparator): string {
  const inner = value.replace(FORMULA_AFTER_SEPARATOR, "$1'");
  const safe = FORMULA_START.test(inner) ? `'${inner}` : inner;
  return safe.includes(sep) || NEEDS_QUOTES.test(safe) || safe !== value || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_COLUMNS = ['asked_at', 'group', 'text', 'decision', 'reason', 'confidence', 'candidate_ids', 'channel', 'lang'] as const;

/**
 * The kept questions as CSV (RFC 4180, CRLF, UTF-8 with BOM so Excel reads å, ä and ö), each with
 * the number of its similarity group as shown on the review page.
 */
export function questionsCsv(rows: readonly { question: KeptQuestion; group: number }[], sep: CsvSeparator = ','): string {
  const lines = [CSV_COLUMNS.join(sep)];
  for (const { question: q, group } of rows) {
    lines.push(
      [q.askedAt.toISOString(), String(group), q.text, q.decision, q.reason ?? '', q.confidence === null ? '' : String(Math.round(q.confidence * 1000) / 1000), q.candidateIds.join(' '), q.channel, q.lang]
        .map((v) => cell(v, sep))
        .join(sep),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
