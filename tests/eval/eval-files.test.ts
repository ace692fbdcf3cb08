import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * `npm run eval -- FILE --corpus DIR` as an editor of the next incident runs it on the messages they
 * labelled themselves: a file that is not there, a line without its tab, an id the corpus does not have.
 * Each is one line naming the file (and line), exit 2, never a stack trace.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CORPUS = join(ROOT, 'eval', 'incidents', 'water-adala', 'faq-data');
const work = mkdtempSync(join(tmpdir(), 'eval-files-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const evaluate = (file: string) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', '--corpus', CORPUS, file], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
const STACK = /\n\s+at .+:\d+:\d+/;

describe('npm run eval on an editor\'s labelled file', () => {
  test('when the file does not exist, says so and exits 2', { timeout: 120_000 }, () => {
    const run = evaluate(join(work, 'no-such.tsv'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no-such\.tsv: no such file\. Give a file of labelled messages/);
    expect(run.stderr).not.toMatch(STACK);
  });

  test('when a line has no tab, names the file and line and exits 2', { timeout: 120_000 }, () => {
    const file = join(work, 'no-tab.tsv');
    writeFileSync(file, 'question\tid\nvar finns vattentankarna\twater-tanks\nmåste jag koka vattnet\n');
    const run = evaluate(file);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no-tab\.tsv:3: expected "question<TAB>id"/);
    expect(run.stderr).not.toMatch(STACK);
  });

  test('when an id is not in the corpus given, says the corpus has no such entry', { timeout: 120_000 }, () => {
    const file = join(work, 'unknown.tsv');
    writeFileSync(file, 'question\tid\nvar finns vattentankarna\tvattentankar\n');
    const run = evaluate(file);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown\.tsv: unknown ids vattentankar \(the corpus has no entry with this id\)/);
  });
});
