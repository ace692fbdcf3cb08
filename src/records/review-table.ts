import type { KeptDecision } from './model.js';

/** One line of the top list: what the review page and GET /api/staff/unanswered give per group. */
export interface ReviewRow {
  readonly text: string;
  readonly count: number;
  readonly decision: KeptDecision;
  readonly nearest: { readonly id: string; readonly confidence: number | null } | null;
}

const OUTCOME: Readonly<Record<KeptDecision, string>> = { clarify: 'Menar du', escalate: 'Hänvisad', 'none-of-these': 'Inget av dessa', 'not-helpful': 'Nej', answered: 'Besvarad' };

const cut = (s: string, width: number) => (s.length <= width ? s : `${s.slice(0, width - 1)}…`);

/** The top list as a plain-text table for a terminal (`npm run review`), in Swedish like the review page. */
export function reviewTable(rows: readonly ReviewRow[], heading: string): string {
  const lines = [heading, ''];
  if (rows.length === 0) return `${heading}\n\nInga obesvarade frågor under perioden.\n`;
  lines.push(`${'#'.padStart(3)}  ${'Antal'.padStart(5)}  ${'Utfall'.padEnd(14)}  ${'Närmaste svar (säkerhet)'.padEnd(34)}  Fråga`);
  rows.forEach((r, i) => {
    const nearest = r.nearest ? `${r.nearest.id}${r.nearest.confidence === null ? '' : ` (${Math.round(r.nearest.confidence * 100)} %)`}` : '–';
    lines.push(`${String(i + 1).padStart(3)}  ${String(r.count).padStart(5)}  ${OUTCOME[r.decision].padEnd(14)}  ${cut(nearest, 34).padEnd(34)}  ${cut(r.text, 90)}`);
  });
  return `${lines.join('\n')}\n`;
}
