/**
 * npm run bench [-- FILE.tsv …]
 * Matching latency of engine.ask on fresh questions: residents' own messages from labelled files
 * (default: ../shared/eval/voices-dev.tsv and dev.tsv, when present), never the corpus's phrasings.
 *  - cold: every message once, on a new engine (no word seen before: the typo and stem caches are empty);
 *  - steady: 20,000 messages cycling through the files, each with fresh variation (one word in ten
 *    misspelt, half without å/ä/ö), so caches help only as much as real repetition would;
 *  - scale: a synthetic 10,000-entry corpus (shaped like the real one), asked the same messages.
 * Prints p50/p95/p99 in µs, build (training) time and RSS. The process is started with --expose-gc so
 * start-up garbage is collected before measuring. `--real-only` skips the synthetic corpus (its training
 * takes minutes).
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createFaqEngine, LANGS, type Corpus, type FaqEngine, type FaqEntry } from '../src/core/index.js';
import { mulberry32 } from '../src/core/model/softmax.js';
import { loadCorpusOrExit, readLabelledTsv } from './lib.js';

const DEFAULT_FILES = ['../shared/eval/voices-dev.tsv', '../shared/eval/dev.tsv'];
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = args.length > 0 ? args : DEFAULT_FILES.filter((f) => existsSync(f));
if (files.length === 0) {
  process.stderr.write('usage: npm run bench -- FILE.tsv [FILE.tsv …]   (labelled residents\' messages; the corpus\'s own phrasings are never used)\n');
  process.exit(2);
}
const messages = files.flatMap((f) => readLabelledTsv(f).map((r) => r.question));
const corpus = loadCorpusOrExit();
const random = mulberry32(20221202);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

function typo(word: string): string {
  if (word.length < 5) return word;
  const i = 1 + Math.floor(random() * (word.length - 2));
  return pick([
    () => word.slice(0, i) + word.slice(i + 1),
    () => word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2),
    () => word.slice(0, i) + pick([...'aeiouyrstnlk']) + word.slice(i),
  ])();
}

/** A message as another resident might type it: a fresh typo now and then, sometimes no å/ä/ö. */
function vary(text: string): string {
  const words = text.split(' ').map((w) => (random() < 0.1 ? typo(w) : w)).join(' ');
  return random() < 0.5 ? words.replace(/[åä]/g, 'a').replace(/[ÅÄ]/g, 'A').replace(/ö/g, 'o').replace(/Ö/g, 'O') : words;
}

function collect(): void {
  const gc: unknown = Reflect.get(globalThis, 'gc');
  if (typeof gc === 'function') gc();
}

function time(engine: FaqEngine, qs: readonly string[]): Float64Array {
  const t = new Float64Array(qs.length);
  qs.forEach((q, i) => {
    const s = process.hrtime.bigint();
    engine.ask(q);
    t[i] = Number(process.hrtime.bigint() - s) / 1000;
  });
  return t.sort();
}

const at = (t: Float64Array, p: number) => t[Math.min(t.length - 1, Math.floor(p * t.length))] ?? 0;
const mb = () => `${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`;
const show = (label: string, t: Float64Array) =>
  process.stdout.write(`  ${label.padEnd(44)} n ${String(t.length).padStart(6)}  p50 ${at(t, 0.5).toFixed(0).padStart(5)} µs  p95 ${at(t, 0.95).toFixed(0).padStart(5)} µs  p99 ${at(t, 0.99).toFixed(0).padStart(6)} µs  max ${at(t, 1).toFixed(0)} µs\n`);

const chars = messages.map((m) => m.length).sort((a, b) => a - b);
process.stdout.write(`messages: ${messages.length} from ${files.join(', ')} (length median ${chars[chars.length >> 1]}, max ${chars.at(-1)} characters)\n`);

let started = performance.now();
const engine = createFaqEngine(corpus);
const phrasings = corpus.entries.reduce((n, e) => n + LANGS.reduce((m, l) => m + e.phrasings[l].length, 0), 0);
process.stdout.write(`real corpus: ${corpus.entries.length} entries, ${phrasings} phrasings; build (training) ${((performance.now() - started) / 1000).toFixed(1)} s; RSS ${mb()}\n`);
collect();
show('cold (each message once, new engine)', time(engine, messages));
const steady = Array.from({ length: 22_000 }, () => vary(pick(messages)));
time(engine, steady.slice(0, 2000)); // the JIT's warm-up, not measured
collect();
show('steady (20,000 varied messages)', time(engine, steady.slice(2000)));
process.stdout.write(`  RSS after: ${mb()}\n`);

// An editor's corpus for the next incident (a dozen entries): training must take at most a couple of seconds.
const incidentDirs = [
  ...readdirSync(fileURLToPath(new URL('../eval/incidents/', import.meta.url)), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => fileURLToPath(new URL(`../eval/incidents/${d.name}/faq-data`, import.meta.url))),
  '../shared/eval/incident-dev/faq-data',
].filter((d) => existsSync(d));
for (const dir of incidentDirs) {
  const small = loadCorpusOrExit(dir);
  const times = [0, 1, 2].map(() => {
    const t = performance.now();
    createFaqEngine(small);
    return performance.now() - t;
  });
  process.stdout.write(`  editor's corpus ${dir.split('/').at(-2)}: ${small.entries.length} entries; build (training) first ${((times[0] as number) / 1000).toFixed(2)} s, then ${(Math.min(...times.slice(1)) / 1000).toFixed(2)} s\n`);
}

/**
 * 10,000 entries shaped like the real ones: each copies a real entry's phrasings and replaces most
 * content words with topic words of its own, so the vocabulary grows with the corpus.
 */
function syntheticCorpus(base: Corpus, size: number): Corpus {
  const syllables = ['ka', 'lo', 'mi', 'ser', 'tu', 'vän', 'bro', 'stä', 'dal', 'nor', 'öv', 'rik', 'ham', 'by', 'gård', 'ling', 'sko', 'vat', 'ten', 'fjäl'];
  const word = () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(syllables)).join('');
  const entries: FaqEntry[] = [];
  for (let i = 0; i < size; i++) {
    const model = base.entries[i % base.entries.length] as FaqEntry;
    const topic = [word(), word(), word(), word()];
    const swap = (t: string) => t.split(' ').map((w, j) => (w.length >= 5 && random() < 0.8 ? (topic[j % 4] ?? w) : w)).join(' ');
    entries.push({
      ...model,
      id: `${model.id}-${i}`,
      related: [],
      question: { sv: swap(model.question.sv), en: swap(model.question.en) },
      phrasings: { sv: model.phrasings.sv.slice(0, 6).map(swap), en: model.phrasings.en.slice(0, 2).map(swap) },
    });
  }
  return { ...base, entries, outOfScope: { sv: base.outOfScope.sv.slice(0, 200), en: base.outOfScope.en.slice(0, 50) } };
}

if (process.argv.includes('--real-only')) process.exit(0);
const big = syntheticCorpus(corpus, 10_000);
started = performance.now();
// At this size one variant per phrasing and two folds keep training to a couple of minutes.
const bigEngine = createFaqEngine(big, { training: { augment: { variantsPerPhrasing: 1, variantsPerOutOfScope: 1, contextOnly: 100, followUps: 1, answerSentences: true, categories: true, seed: 1 }, folds: 2, foldEpochs: 3, softmax: { epochs: 5, learningRate: 0.6, l2: 1e-4, seed: 7 } } });
process.stdout.write(`synthetic corpus: 10,000 entries, 80,000 phrasings; build (training) ${((performance.now() - started) / 1000).toFixed(1)} s; RSS ${mb()}\n`);
const bigQs = Array.from({ length: 6000 }, () => vary(pick(messages)));
time(bigEngine, bigQs.slice(0, 1000));
collect();
show('steady (5,000 varied messages)', time(bigEngine, bigQs.slice(1000)));
