import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFaqEngine, isDated, loadCorpus, type AnswerVersion, type Corpus, type FaqEngine, type FaqEntry } from '../../src/core/index.js';

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

/**
 * The answer of an entry with one undated version, as every entry of the shipped corpus has: for tests
 * that compare a reply with the vetted text. Fails the test for a missing or dated entry.
 */
export function undatedAnswer(entry: FaqEntry | undefined): AnswerVersion {
  const version = entry?.versions[0];
  if (!entry || !version || isDated(entry)) throw new Error(`expected an entry with one undated answer, got ${entry?.id ?? 'none'}`);
  return version;
}
