/**
 * npm run compare -- FILE.tsv
 * Runs the engine and three common baselines on the same corpus and the same labelled questions. Every
 * peer gets the same out-of-scope examples the engine learns from (faq-data/out-of-scope.yaml), as a
 * class of its own: when that class wins, the peer escalates.
 *  - NLP.js (Swedish), trained on every phrasing, "None", the off-topic class or score < 0.5 escalates;
 *  - fuse.js with default options over every phrasing, no hit or an off-topic hit escalates;
 *  - MiniSearch with the Snowball Swedish stemmer over every phrasing, no hit or an off-topic hit escalates.
 * Prints answered-right %, confident-wrong % and off-topic escalated % for each.
 */
import { createRequire } from 'node:module';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { newStemmer } from 'snowball-stemmers';
import { LANGS, tokenize } from '../src/core/index.js';
import { ESCALATE, loadEngineOrExit, readLabelledTsv } from './lib.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: npm run compare -- FILE.tsv\n');
  process.exit(2);
}
const engine = loadEngineOrExit();
const rows = readLabelledTsv(file);
const OFF_TOPIC = '__off-topic';
const docs = [
  ...engine.corpus.entries.flatMap((e) => LANGS.flatMap((l) => [e.question[l], ...e.phrasings[l]]).map((text, i) => ({ id: `${e.id}#${i}`, entry: e.id, text }))),
  ...LANGS.flatMap((l) => engine.corpus.outOfScope[l]).map((text, i) => ({ id: `${OFF_TOPIC}#${i}`, entry: OFF_TOPIC, text })),
];
/** A peer's answer, with the off-topic class read as escalation. */
const answerOf = (entry: string | null | undefined): string | null => (entry === undefined || entry === null || entry === OFF_TOPIC ? null : entry);

type Predict = (q: string) => Promise<string | null> | string | null;

async function score(name: string, predict: Predict): Promise<void> {
  let inScope = 0, right = 0, wrong = 0, off = 0, offEscalated = 0;
  for (const { question, expected } of rows) {
    const got = await predict(question);
    if (expected === ESCALATE) {
      off++;
      if (got === null) offEscalated++;
      else wrong++;
    } else {
      inScope++;
      if (got === expected) right++;
      else if (got !== null) wrong++;
    }
  }
  const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`);
  process.stdout.write(
    `${name.padEnd(28)} right ${pct(right, inScope).padStart(7)}   confident-wrong ${pct(wrong, rows.length).padStart(7)}   off-topic escalated ${pct(offEscalated, off).padStart(7)}\n`,
  );
}

await score('this engine', (q) => {
  const d = engine.ask(q);
  return d.kind === 'answer' ? d.entry.id : null;
});

const fuse = new Fuse(docs, { keys: ['text'] });
await score('fuse.js (defaults)', (q) => answerOf(fuse.search(q)[0]?.item.entry));

const sv = newStemmer('swedish');
const mini = new MiniSearch<{ id: string; entry: string; text: string }>({
  fields: ['text'],
  storeFields: ['entry'],
  tokenize: (t) => tokenize(t),
  processTerm: (t) => sv.stem(t),
});
mini.addAll(docs);
await score('MiniSearch (Swedish stemmer)', (q) => {
  const hit = mini.search(q)[0];
  return hit && typeof hit['entry'] === 'string' ? answerOf(hit['entry']) : null;
});

// NLP.js is CommonJS without types; it is loaded the way its README shows.
const require = createRequire(import.meta.url);
interface NlpLike {
  settings: { autoSave: boolean; log: boolean };
  addLanguage(l: string): void;
  addDocument(l: string, text: string, intent: string): void;
  train(): Promise<void>;
  process(l: string, text: string): Promise<{ intent: string; score: number }>;
}
const nlpjs = require('@nlpjs/basic') as { containerBootstrap(): Promise<{ use(x: unknown): void; get(name: string): NlpLike }>; Nlp: unknown };
const { LangSv } = require('@nlpjs/lang-sv') as { LangSv: unknown };
const container = await nlpjs.containerBootstrap();
container.use(nlpjs.Nlp);
container.use(LangSv);
const nlp = container.get('nlp');
nlp.settings.autoSave = false;
nlp.settings.log = false;
nlp.addLanguage('sv');
for (const d of docs) nlp.addDocument('sv', d.text, d.entry);
// NLP.js prints every training epoch to the console; keep the comparison's output readable.
const log = console.log;
console.log = () => undefined;
await nlp.train();
console.log = log;
await score('NLP.js (Swedish)', async (q) => {
  const r = await nlp.process('sv', q);
  return r.intent === 'None' || r.score < 0.5 ? null : answerOf(r.intent);
});
