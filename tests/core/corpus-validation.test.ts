import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { loadCorpus, type CorpusErrorCode } from '../../src/core/index.js';
import { copyOfFaqData } from '../support/corpus.js';
import { startOnCorpus } from '../support/service-process.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

type Breakage = (dir: string) => void;
const edit = (dir: string, file: string, from: RegExp | string, to: string) => {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`fixture did not change ${file}`);
  writeFileSync(path, next);
};

/** One broken corpus per error kind, each made from a copy of the real faq-data/. */
const FIXTURES: readonly (readonly [name: string, code: CorpusErrorCode, mention: RegExp, breakIt: Breakage])[] = [
  ['a duplicate id', 'DUPLICATE_ID', /\.yaml: entry "payments": the id is already used in .*\.yaml/, (d) => edit(d, 'entries/invoices.yaml', /^id: invoices$/m, 'id: payments')],
  ['a phrasing shared by two entries', 'DUPLICATE_PHRASING', /entry "(invoices|personal-data)", field "phrasings": "Kan personuppgifter ha läckt\?" is also a question of entry "(invoices|personal-data)"/, (d) =>
    edit(d, 'entries/invoices.yaml', /^phrasings:\n  sv:\n/m, 'phrasings:\n  sv:\n    - "Kan personuppgifter ha läckt?"\n')],
  ['an unknown related id', 'UNKNOWN_RELATED', /payments.*"related".*"no-such-entry"/, (d) => edit(d, 'entries/payments.yaml', /^related:.*$/m, 'related: [no-such-entry]')],
  ['an empty answer', 'FIELD_INVALID', /contact\.yaml.*entry "contact".*"answer\.sv".*must not be empty/, (d) =>
    edit(d, 'entries/contact.yaml', /^answer:\n  sv: [|>]-?\n(    .*\n)+/m, 'answer:\n  sv: ""\n')],
  ['a missing field', 'FIELD_INVALID', /police-report.*"category"/, (d) => edit(d, 'entries/police-report.yaml', /^category:.*\n/m, '')],
  ['a malformed date', 'FIELD_INVALID', /employees.*"lastReviewed".*YYYY-MM-DD/, (d) => edit(d, 'entries/employees.yaml', /^related:/m, 'lastReviewed: 9 dec 2022\nrelated:')],
  ['an easy-to-read variant in one language only', 'FIELD_INVALID', /payments.*"lattlast\.en"/, (d) => edit(d, 'entries/payments.yaml', /^  en: \|\n(    .*\n|\n)+$/m, '')],
  ['contact advice without a source', 'FIELD_INVALID', /contact center.*"advice\.0\.source"/, (d) => edit(d, 'contact.yaml', /^    source:\n      title: .*\n      url: .*\n/m, '')],
  ['contact days without a source', 'FIELD_INVALID', /contact center.*"openingHours\.days\.source"/, (d) =>
    edit(d, 'contact.yaml', /^  display:\n/m, '  days:\n    list: [monday, friday]\n  display:\n')],
  ['broken YAML', 'YAML_SYNTAX', /personal-data\.yaml: is not valid YAML/, (d) => writeFileSync(join(d, 'entries/personal-data.yaml'), 'id: personal-data\nphrasings: [unclosed\n')],
  ['a file named differently from its id', 'FILE_NAME_MISMATCH', /renamed\.yaml.*"payments".*payments\.yaml/, (d) => {
    writeFileSync(join(d, 'entries/renamed.yaml'), readFileSync(join(d, 'entries/payments.yaml')));
    unlinkSync(join(d, 'entries/payments.yaml'));
  }],
  ['a missing contact file', 'FILE_MISSING', /contact\.yaml: file not found/, (d) => unlinkSync(join(d, 'contact.yaml'))],
  ['an invalid contact phone', 'FIELD_INVALID', /contact center.*"phone\.tel".*E\.164/, (d) => edit(d, 'contact.yaml', /tel: .*$/m, 'tel: "011-15 00 00"')],
];

describe('corpus validation', () => {
  test('when faq-data/ is the real corpus, loads with no problems', () => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    const result = loadCorpus(dir);
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([]);
  });

  test.each(FIXTURES)('when the corpus has %s, reports %s naming the file, entry and field', (_name, code, mention, breakIt) => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    breakIt(dir);
    const result = loadCorpus(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.code === code);
    expect(problem?.message, JSON.stringify(result.problems, null, 1)).toMatch(mention);
  });

  test('when faq:check runs on a broken corpus, exits 1 and prints the problem; on the real one exits 0', () => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    edit(dir, 'entries/payments.yaml', /^related:.*$/m, 'related: [no-such-entry]');
    const broken = spawnSync('npx', ['tsx', 'scripts/faq-check.ts', '--no-weakness', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/"no-such-entry"/);
    const ok = execFileSync('npx', ['tsx', 'scripts/faq-check.ts', '--no-weakness'], { cwd: ROOT, encoding: 'utf8' });
    expect(ok).toMatch(/faq-data is valid: 10 entries/);
  });

  test('when the service starts on a broken corpus, it refuses with exit code 1 and the message', () => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    edit(dir, 'entries/invoices.yaml', /^id: invoices$/m, 'id: payments');
    const run = startOnCorpus(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/will not start[\s\S]*already used/);
  });
});
