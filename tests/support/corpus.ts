import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFaqEngine, loadCorpus, type Corpus, type FaqEngine } from '../../src/core/index.js';

export const FAQ_DATA_DIR = fileURLToPath(new URL('../../faq-data', import.meta.url));

let cached: Corpus | undefined;

/** The real corpus from faq-data/, loaded once per test file. */
export function realCorpus(): Corpus {
  if (!cached) {
    const result = loadCorpus(FAQ_DATA_DIR);
    if (!result.ok) throw new Error(`faq-data is invalid:\n${result.problems.map((p) => p.message).join('\n')}`);
    cached = result.corpus;
  }
  return cached;
}

let engine: FaqEngine | undefined;

/** The engine over the real corpus, trained once per test file (training is deterministic). */
export function realEngine(): FaqEngine {
  engine ??= createFaqEngine(realCorpus());
  return engine;
}

/** A writable copy of faq-data/ in a temporary folder, for tests that break it on purpose. */
export function copyOfFaqData(): string {
  const dir = mkdtempSync(join(tmpdir(), 'faq-data-'));
  cpSync(FAQ_DATA_DIR, dir, { recursive: true });
  return dir;
}
