/**
 * npm run bench
 * Matching latency (p50/p99, µs) of engine.ask on the real corpus and on a synthetic 10,000-entry
 * corpus, and index build time. Queries are the corpus's own phrasings, half of them without å/ä/ö,
 * with fresh random typos (one word in ten, and in a stress run three in ten), plus one off-topic
 * question in five. Fresh typos keep the typo cache cold, as new residents' spellings would. A warm-up
 * of 2,000 other queries first brings the JIT to the steady state of a running server.
 */
import { performance } from 'node:perf_hooks';
import { createFaqEngine, loadCorpus, LANGS, type Corpus, type FaqEngine, type FaqEntry } from '../src/core/index.js';
import { FAQ_DATA_DIR } from './lib.js';

const loaded = loadCorpus(FAQ_DATA_DIR);
if (!loaded.ok) {
  for (const p of loaded.problems) process.stderr.write(`${p.message}\n`);
  process.exit(1);
}
const corpus = loaded.corpus;

// Deterministic pseudo-random numbers (mulberry32), so every run measures the same queries.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20221202);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

function typo(word: string): string {
  if (word.length < 5) return word;
  const i = 1 + Math.floor(random() * (word.length - 2));
  const ops = [
    () => word.slice(0, i) + word.slice(i + 1),
    () => word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2),
    () => word.slice(0, i) + pick([...'aeiouyrstnlk']) + word.slice(i),
  ];
  return pick(ops)();
}

function variant(text: string, typoRate: number): string {
  const words = text.split(/\s+/).map((w) => (random() < typoRate ? typo(w) : w));
  const joined = words.join(' ');
  return random() < 0.5 ? joined.replace(/[åä]/g, 'a').replace(/ö/g, 'o') : joined;
}

function queries(source: Corpus, n: number, typoRate: number): string[] {
  const all = source.entries.flatMap((e) => LANGS.flatMap((l) => e.phrasings[l]));
  const off = [...source.outOfScope.sv, ...source.outOfScope.en];
  return Array.from({ length: n }, (_, i) => variant(pick(i % 5 === 4 ? off : all), typoRate));
}

function syntheticWord(): string {
  const syllables = ['ka', 'lo', 'mi', 'ser', 'tu', 'vän', 'bro', 'stä', 'dal', 'nor', 'öv', 'rik', 'ham', 'by', 'gård', 'ling', 'sko', 'vat', 'ten', 'fjäl'];
  return Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(syllables)).join('');
}

/**
 * 10,000 entries shaped like the real ones: each copies a real entry's phrasings and replaces most
 * content words (eight in ten words of five letters or more) with four topic words of its own, so the
 * vocabulary grows with the corpus as in a real municipal FAQ, while short and common words stay shared.
 */
function syntheticCorpus(base: Corpus, size: number): Corpus {
  const entries: FaqEntry[] = [];
  for (let i = 0; i < size; i++) {
    const model = base.entries[i % base.entries.length] as FaqEntry;
    const topic = [syntheticWord(), syntheticWord(), syntheticWord(), syntheticWord()];
    const swap = (t: string) =>
      t
        .split(' ')
        .map((w, j) => (w.length >= 5 && random() < 0.8 ? (topic[j % 4] ?? w) : w))
        .join(' ');
    entries.push({
      ...model,
      id: `${model.id}-${i}`,
      related: [],
      question: { sv: swap(model.question.sv), en: swap(model.question.en) },
      phrasings: { sv: model.phrasings.sv.slice(0, 6).map(swap), en: model.phrasings.en.slice(0, 2).map(swap) },
    });
  }
  return { ...base, entries };
}

const WARM_UP = 2000;

function measure(label: string, build: () => FaqEngine, qs: readonly string[]): void {
  const t0 = performance.now();
  const engine = build();
  const buildMs = performance.now() - t0;
  for (const q of qs.slice(0, WARM_UP)) engine.ask(q); // the JIT's warm-up; these queries are not measured
  // Start from a clean heap (npm run bench passes --expose-gc), so start-up garbage is not collected
  // in the middle of the measured queries.
  const gc: unknown = Reflect.get(globalThis, 'gc');
  if (typeof gc === 'function') gc();
  const measured = qs.slice(WARM_UP);
  const times = new Float64Array(measured.length);
  measured.forEach((q, i) => {
    const s = process.hrtime.bigint();
    engine.ask(q);
    times[i] = Number(process.hrtime.bigint() - s) / 1000;
  });
  times.sort();
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  process.stdout.write(
    `${label}: index build ${buildMs.toFixed(0)} ms; ${measured.length} queries: p50 ${at(0.5).toFixed(0)} µs, p99 ${at(0.99).toFixed(0)} µs, max ${at(1).toFixed(0)} µs\n`,
  );
}

const real = corpus.entries.reduce((n, e) => n + e.phrasings.sv.length + e.phrasings.en.length, 0);
const realLabel = `real corpus (${corpus.entries.length} entries, ${real} phrasings)`;
measure(`${realLabel}, 1 word in 10 misspelt`, () => createFaqEngine(corpus), queries(corpus, WARM_UP + 5000, 0.1));
measure(`${realLabel}, stress: 3 words in 10 misspelt`, () => createFaqEngine(corpus), queries(corpus, WARM_UP + 5000, 0.3));
const big = syntheticCorpus(corpus, 10_000);
measure(`synthetic corpus (10,000 entries, ${big.entries.length * 8} phrasings), 1 word in 10 misspelt`, () => createFaqEngine(big), queries(big, WARM_UP + 3000, 0.1));
