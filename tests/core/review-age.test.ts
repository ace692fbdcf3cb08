import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { reviewAge, type FaqEntry } from '../../src/core/index.js';
import { copyOfFaqData, realCorpus } from '../support/corpus.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const entry = (id: string, lastReviewed?: string): FaqEntry => {
  const base = realCorpus().entries[0];
  if (!base) throw new Error('faq-data has no entries');
  return { ...base, id, ...(lastReviewed === undefined ? {} : { lastReviewed }) };
};

describe('reviewAge', () => {
  test('when answers were reviewed longer ago than the review age returns them oldest first, with their age', () => {
    const entries = [entry('fresh', '2023-01-20'), entry('old', '2022-12-09'), entry('older', '2022-11-01'), entry('exact', '2022-12-31')];
    expect(reviewAge(entries, '2023-01-30', 30)).toEqual({
      stale: [
        { id: 'older', lastReviewed: '2022-11-01', ageDays: 90 },
        { id: 'old', lastReviewed: '2022-12-09', ageDays: 52 },
      ],
      neverReviewed: [],
    });
  });

  test('when an entry has no lastReviewed lists it as never reviewed, not as stale', () => {
    expect(reviewAge([entry('unreviewed'), entry('reviewed', '2023-01-29')], '2023-01-30', 30)).toEqual({ stale: [], neverReviewed: ['unreviewed'] });
  });

  test('the shipped corpus has no review dates: the seed page gives none', () => {
    expect(realCorpus().entries.filter((e) => e.lastReviewed !== undefined).map((e) => e.id)).toEqual([]);
  });
});

describe('npm run faq:check', () => {
  const dir = copyOfFaqData();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('when an answer is older than --max-review-age-days warns with the entry and its age, and still exits 0', () => {
    const file = join(dir, 'entries/payments.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^related:/m, 'lastReviewed: 2022-12-09\nrelated:'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/faq-check.ts', '--no-weakness', dir, '--max-review-age-days', '14', '--today', '2023-01-09'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/faq-data is valid: 10 entries/);
    expect(run.stdout).toContain('warning: entry "payments": the answer was last reviewed on 2022-12-09, 31 days ago (review age 14 days)');
    expect(run.stdout).toMatch(/warning: 9 entries have no lastReviewed .*contact/);
  });
});
