/**
 * npm run eval -- FILE.tsv [FILE.tsv …]
 * Scores the engine on labelled messages (question<TAB>id, id may be ESCALATE): how many in-scope
 * messages it answers right, how many it answers wrong (confident-wrong), how many off-topic ones it
 * escalates, how often the right entry ranks first, and whether its confidence is calibrated (a
 * reliability table and the expected calibration error). Every miss is printed first.
 */
import type { Decision, FaqEngine } from '../src/core/index.js';
import { ESCALATE, loadEngineOrExit, readLabelledTsv, type LabelledQuestion } from './lib.js';
import { formatScores, scoreDecisions, type Scored } from './scoring.js';

const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (files.length === 0) {
  process.stderr.write('usage: npm run eval -- FILE.tsv [FILE.tsv …]   (header line, then question<TAB>id; id may be ESCALATE)\n');
  process.exit(2);
}
const engine = loadEngineOrExit();

for (const file of files) {
  const rows = readLabelledTsv(file);
  checkIds(engine, rows, file);
  const scored: Scored[] = rows.map((r) => ({ expected: r.expected, decision: engine.ask(r.question), question: r.question }));
  for (const s of scored) if (!isRight(s)) process.stdout.write(`miss\t${describe(s)}\n`);
  if (files.length > 1) process.stdout.write(`== ${file}\n`);
  process.stdout.write(formatScores(scoreDecisions(scored)));
}

function checkIds(e: FaqEngine, rows: readonly LabelledQuestion[], file: string): void {
  const missing = [...new Set(rows.map((r) => r.expected))].filter((id) => id !== ESCALATE && !e.entry(id));
  if (missing.length > 0) {
    process.stderr.write(`${file}: unknown ids ${missing.join(', ')} (not in faq-data/)\n`);
    process.exit(2);
  }
}

function isRight({ expected, decision }: Scored): boolean {
  return expected === ESCALATE ? decision.kind === 'escalate' : decision.kind === 'answer' && decision.entry.id === expected;
}

function describe({ question, expected, decision: d }: Scored & { decision: Decision }): string {
  const got = d.kind === 'answer' ? d.entry.id : d.kind === 'clarify' ? `clarify[${d.options.map((o) => o.entry.id).join('|')}]` : `escalate(${d.reason})`;
  return `${question}\texpected ${expected}\tgot ${got}\t${d.confidence.toFixed(3)}\t${d.explanation.summary}`;
}
