/**
 * npm run eval -- FILE.tsv
 * Scores the engine on a labelled set (question<TAB>id, id may be ESCALATE) and prints every miss.
 */
import { ESCALATE, loadEngineOrExit, readLabelledTsv } from './lib.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: npm run eval -- FILE.tsv   (header line, then question<TAB>id; id may be ESCALATE)\n');
  process.exit(2);
}
const engine = loadEngineOrExit();
const rows = readLabelledTsv(file);
const missing = [...new Set(rows.map((r) => r.expected))].filter((id) => id !== ESCALATE && !engine.entry(id));
if (missing.length > 0) {
  process.stderr.write(`${file}: unknown ids ${missing.join(', ')} (not in faq-data/)\n`);
  process.exit(2);
}

let inScope = 0;
let right = 0;
let clarified = 0;
let clarifyHit = 0;
let confidentWrong = 0;
let offTopic = 0;
let offTopicEscalated = 0;
const misses: string[] = [];

for (const { question, expected } of rows) {
  const d = engine.ask(question);
  const got =
    d.kind === 'answer' ? d.entry.id : d.kind === 'clarify' ? `clarify[${d.options.map((o) => o.entry.id).join('|')}]` : `escalate(${d.reason})`;
  const detail = `${question}\texpected ${expected}\tgot ${got}\t${d.confidence.toFixed(3)}\t${d.explanation.summary}`;
  if (expected === ESCALATE) {
    offTopic++;
    if (d.kind === 'escalate') offTopicEscalated++;
    else misses.push(detail);
    if (d.kind === 'answer') confidentWrong++;
    continue;
  }
  inScope++;
  if (d.kind === 'answer' && d.entry.id === expected) {
    right++;
    continue;
  }
  misses.push(detail);
  if (d.kind === 'answer') confidentWrong++;
  if (d.kind === 'clarify') {
    clarified++;
    if (d.options.some((o) => o.entry.id === expected)) clarifyHit++;
  }
}

const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`);
for (const m of misses) process.stdout.write(`miss\t${m}\n`);
process.stdout.write(
  [
    `cases: ${rows.length} (${inScope} in scope, ${offTopic} off-topic)`,
    `in-scope answered right: ${pct(right, inScope)} (${right}/${inScope})`,
    `clarify-hit: ${pct(clarifyHit, clarified)} (${clarifyHit}/${clarified} clarifications offered the right entry)`,
    `confident-wrong: ${pct(confidentWrong, rows.length)} (${confidentWrong}/${rows.length} answered with a wrong id)`,
    `off-topic escalated: ${pct(offTopicEscalated, offTopic)} (${offTopicEscalated}/${offTopic})`,
  ].join('\n') + '\n',
);
