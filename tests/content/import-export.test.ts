import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { canonicalJson, readCorpusFiles } from '../../src/content/index.js';
import { loadCorpus } from '../../src/core/index.js';
import { copyOfFaqData, FAQ_DATA_DIR } from '../support/corpus.js';
import { preparedDataDir } from '../support/embedded-template.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

let dataDir: string;
let work: string;

/** Runs an npm script's file as npm would, against the embedded store in a temporary folder. */
async function script(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', file, ...args], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', STAFF_DATA_DIR: dataDir }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const code = 'code' in e && typeof e.code === 'number' ? e.code : -1;
    return { code, stdout: 'stdout' in e ? String(e.stdout) : '', stderr: 'stderr' in e ? String(e.stderr) : '' };
  }
}

const filesOf = (dir: string) => {
  const read = readCorpusFiles(dir);
  if (!read.ok) throw new Error(read.problems.join('\n'));
  return read.files;
};

beforeAll(async () => {
  dataDir = await preparedDataDir();
  work = mkdtempSync(join(tmpdir(), 'faq-import-export-'));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('npm run faq:import and faq:export --format yaml', () => {
  test('when faq-data/ is imported and exported, the folder comes back with the same content and still loads', async () => {
    const imported = await script('scripts/faq-import.ts', [FAQ_DATA_DIR, '--as', 'test-import']);
    expect(imported.stderr).not.toMatch(/problem/);
    expect(imported.stdout).toMatch(/as version 1 .*test-import/);
    const out = join(work, 'exported');
    const exported = await script('scripts/faq-export.ts', ['--format', 'yaml', '--out', out]);
    expect(exported.code).toBe(0);
    expect(loadCorpus(out).ok).toBe(true);
    expect(canonicalJson(filesOf(out))).toBe(canonicalJson(filesOf(FAQ_DATA_DIR)));
  }, 60_000);

  test('when an edited copy is imported it becomes the next version, and an earlier version can still be exported', async () => {
    const copy = copyOfFaqData();
    const file = join(copy, 'entries', 'police-report.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^lastReviewed:.*$/m, '').concat('lastReviewed: 2023-03-01\n'));
    const imported = await script('scripts/faq-import.ts', [copy]);
    expect(imported.stdout).toMatch(/as version 2/);
    const latest = join(work, 'latest');
    const first = join(work, 'first');
    expect((await script('scripts/faq-export.ts', ['--format', 'yaml', '--out', latest])).code).toBe(0);
    expect((await script('scripts/faq-export.ts', ['--format', 'yaml', '--out', first, '--version', '1'])).code).toBe(0);
    expect(readFileSync(join(latest, 'entries', 'police-report.yaml'), 'utf8')).toContain('2023-03-01');
    expect(canonicalJson(filesOf(first))).toBe(canonicalJson(filesOf(FAQ_DATA_DIR)));
    rmSync(copy, { recursive: true, force: true });
  }, 60_000);

  test('when the folder is invalid, every problem is printed, exit 1, and no version is added', async () => {
    const copy = copyOfFaqData();
    writeFileSync(join(copy, 'entries', 'invoices.yaml'), readFileSync(join(copy, 'entries', 'invoices.yaml'), 'utf8').replace(/^category:.*$/m, 'category: ""'));
    const refused = await script('scripts/faq-import.ts', [copy]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/invoices.*category/);
    const out = join(work, 'after-refusal');
    expect((await script('scripts/faq-export.ts', ['--format', 'yaml', '--out', out, '--version', '3'])).stderr).toMatch(/no version 3/);
    rmSync(copy, { recursive: true, force: true });
  }, 60_000);

  test('when the folder was saved by Notepad or copied from a Mac, a Windows-1252 file is a problem and "._" files are not content', () => {
    const copy = copyOfFaqData();
    writeFileSync(join(copy, 'entries', '._payments.yaml'), Buffer.from([0, 5, 22, 7, 0, 2, 0, 0, 0x4d, 0x61, 0x63, 0xff, 0xfe]));
    expect(Object.keys(filesOf(copy)).sort()).toEqual(Object.keys(filesOf(FAQ_DATA_DIR)).sort());
    const payments = join(copy, 'entries', 'payments.yaml');
    writeFileSync(payments, Buffer.from(readFileSync(payments, 'utf8').replace(/[^\u0000-\u00ff]/g, '-'), 'latin1'));
    const read = readCorpusFiles(copy);
    expect(read.ok ? [] : read.problems).toEqual([expect.stringMatching(/^entries\/payments\.yaml: is not saved as UTF-8 \(line \d+ /)]);
    rmSync(copy, { recursive: true, force: true });
  });

  test('when faq:export --out names a file in a folder that does not exist, or a folder, says so with exit 1 and no stack trace', async () => {
    const missing = await script('scripts/faq-export.ts', ['--corpus', FAQ_DATA_DIR, '--format', 'json', '--out', join(work, 'no-such-folder', 'faq.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/faq:export: could not write .*no-such-folder\/faq\.json: its folder does not exist\./);
    const folder = await script('scripts/faq-export.ts', ['--corpus', FAQ_DATA_DIR, '--format', 'tsv', '--out', work]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/it is a folder; give a file name\./);
    expect(`${missing.stderr}${folder.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
  }, 60_000);
});
