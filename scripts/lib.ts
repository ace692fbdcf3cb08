import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createFaqEngine, loadCorpus, type Corpus, type EngineOptions, type FaqEngine } from '../src/core/index.js';

export const FAQ_DATA_DIR = fileURLToPath(new URL('../faq-data', import.meta.url));

/** Loads faq-data/ (or FAQ_DATA_DIR), or prints every problem and exits 1. */
export function loadCorpusOrExit(): Corpus {
  const loaded = loadCorpus(process.env['FAQ_DATA_DIR'] || FAQ_DATA_DIR);
  if (!loaded.ok) {
    for (const p of loaded.problems) process.stderr.write(`${p.message}\n`);
    process.exit(1);
  }
  return loaded.corpus;
}

/** Loads the corpus and builds the engine (training its model), or prints every problem and exits 1. */
export function loadEngineOrExit(options: EngineOptions = {}): FaqEngine {
  return createFaqEngine(loadCorpusOrExit(), options);
}

export interface LabelledQuestion {
  readonly question: string;
  readonly expected: string;
}

export const ESCALATE = 'ESCALATE';

/** Reads a `question<TAB>id` file with a header line. */
export function readLabelledTsv(file: string): LabelledQuestion[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const rows: LabelledQuestion[] = [];
  lines.forEach((line, i) => {
    if (i === 0 || line.trim() === '') return;
    const [question, expected] = line.split('\t');
    if (question === undefined || expected === undefined) {
      throw new Error(`${file}:${i + 1}: expected "question<TAB>id"`);
    }
    rows.push({ question: question.trim(), expected: expected.trim() });
  });
  return rows;
}
