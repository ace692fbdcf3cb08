import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { afterEach, describe, expect, test } from 'vitest';
import { answerAt, loadCorpus, type CorpusErrorCode, type FaqEntry } from '../../src/core/index.js';
import { stockholmInstant } from '../../src/core/corpus/moments.js';
import { copyOfFaqData, realCorpus } from '../support/corpus.js';
import { DATED, datedCorpus } from '../support/dated-corpus.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('Stockholm wall-clock times', () => {
  test.each([
    ['a winter time (CET, UTC+1)', '2022-12-12', '10:00', '2022-12-12T09:00:00.000Z'],
    ['a summer time (CEST, UTC+2)', '2023-06-01', '10:00', '2023-06-01T08:00:00.000Z'],
    ['the hour repeated when clocks go back: the first one', '2022-10-30', '02:30', '2022-10-30T00:30:00.000Z'],
    ['midnight after clocks went forward', '2023-03-26', '00:00', '2023-03-25T23:00:00.000Z'],
  ])('when %s is written, stands for its instant', (_name, date, time, iso) => {
    expect(new Date(stockholmInstant(date, time) ?? Number.NaN).toISOString()).toBe(iso);
  });

  test('when the time falls in the hour the clocks skip, or the date does not exist, there is no instant', () => {
    expect(stockholmInstant('2023-03-26', '02:30')).toBeUndefined();
    expect(stockholmInstant('2022-11-31', '10:00')).toBeUndefined();
  });
});

describe('answerAt', () => {
  const entry = (() => {
    const found = datedCorpus().entries.find((e) => e.id === DATED.entry);
    if (!found) throw new Error('the dated fixture has no payments entry');
    return found;
  })();
  const served = (at: Date) => {
    const s = answerAt(entry, at);
    return s && { number: s.number, of: s.of, sv: s.version.answer.sv.trim(), since: s.version.validFrom };
  };

  test('when the clock is before, inside and after a window, serves the version valid then, saying which and since when', () => {
    const real = realCorpus().entries.find((e) => e.id === DATED.entry)?.versions[0]?.answer.sv.trim();
    expect(served(DATED.before)).toEqual({ number: 1, of: 3, sv: real, since: undefined });
    expect(served(DATED.inside)).toMatchObject({ number: 2, of: 3, sv: DATED.second.sv, since: { date: '2022-12-10' } });
    expect(served(DATED.after)).toMatchObject({ number: 3, of: 3, sv: DATED.third.sv, since: { date: '2022-12-12', time: '10:00' } });
  });

  test('when validUntil is a date alone, the version holds to the end of that day (Stockholm), and the next from its start', () => {
    expect(served(new Date('2022-12-09T22:59:59Z'))?.number).toBe(1); // 23:59:59 on 9 December
    expect(served(new Date('2022-12-09T23:00:00Z'))?.number).toBe(2); // 00:00 on 10 December
  });

  test('when validUntil has a time, the next version is served from that very minute', () => {
    expect(served(DATED.lastMinuteInside)?.number).toBe(2);
    expect(served(DATED.switchToThird)?.number).toBe(3);
  });

  test('when an entry has one plain answer, it is version 1 of 1 at any moment', () => {
    const contact = realCorpus().entries.find((e) => e.id === 'contact');
    if (!contact) throw new Error('no contact entry');
    for (const at of [new Date('1990-01-01T00:00:00Z'), DATED.inside, new Date('2100-01-01T00:00:00Z')]) {
      expect(answerAt(contact, at)).toMatchObject({ number: 1, of: 1 });
    }
  });

  test('when no version holds (a corpus that skipped faq:check), returns undefined instead of a wrong answer', () => {
    const only = entry.versions[1];
    if (!only) throw new Error('fixture has no version 2');
    const gappy: FaqEntry = { ...entry, versions: [only] };
    expect(answerAt(gappy, DATED.before)).toBeUndefined();
    expect(answerAt(gappy, DATED.inside)?.version).toBe(only);
  });
});

/** A copy of faq-data/ where the payments entry has these versions (or other top-level fields). */
function paymentsWith(change: (entry: Record<string, unknown>, answer: unknown) => Record<string, unknown>): string {
  const dir = copyOfFaqData();
  dirs.push(dir);
  const file = join(dir, 'entries', 'payments.yaml');
  const written: unknown = parse(readFileSync(file, 'utf8'));
  if (typeof written !== 'object' || written === null) throw new Error('payments.yaml is not a mapping');
  const { answer, lattlast: _lattlast, ...rest } = Object.fromEntries(Object.entries(written));
  writeFileSync(file, stringify(change(rest, answer)));
  return dir;
}
const versions = (...windows: Record<string, string>[]) => (entry: Record<string, unknown>, answer: unknown) => ({
  ...entry,
  versions: windows.map((w) => ({ ...w, answer })),
});

const PROBLEMS: readonly (readonly [name: string, code: CorpusErrorCode, mention: RegExp, dir: () => string])[] = [
  [
    'a version whose validUntil is before its validFrom',
    'EMPTY_WINDOW',
    /entries\/payments\.yaml: entry "payments", field "versions\.1": it would be valid from the start of 2022-12-12 until the end of 2022-12-10, which is never/,
    () => paymentsWith(versions({ validUntil: '2022-12-09' }, { validFrom: '2022-12-12', validUntil: '2022-12-10' })),
  ],
  [
    'two versions valid on the same day',
    'OVERLAPPING_VERSIONS',
    /entry "payments", field "versions": versions 1 and 2 are both valid from the start of 2022-12-10 until the end of 2022-12-10\. Only one answer/,
    () => paymentsWith(versions({ validUntil: '2022-12-10' }, { validFrom: '2022-12-10' })),
  ],
  [
    'a day between two versions',
    'NO_VALID_ANSWER',
    /entry "payments", field "versions": no answer is valid from the end of 2022-12-09 until the start of 2022-12-11, between versions 1 and 2/,
    () => paymentsWith(versions({ validUntil: '2022-12-09' }, { validFrom: '2022-12-11' })),
  ],
  [
    'a first version that begins at a date',
    'NO_VALID_ANSWER',
    /entry "payments", field "versions": no answer is valid before 2022-12-10 08:00 \(when version 1 begins\), so the bot would have nothing to say then\. Remove validFrom from version 1/,
    () => paymentsWith(versions({ validFrom: '2022-12-10 08:00' })),
  ],
  [
    'a last version that ends',
    'NO_VALID_ANSWER',
    /entry "payments", field "versions": no answer is valid after the end of 2022-12-31 \(when version 2 ends\)/,
    () => paymentsWith(versions({ validUntil: '2022-12-09' }, { validFrom: '2022-12-10', validUntil: '2022-12-31' })),
  ],
  [
    'versions written newest first',
    'VERSIONS_OUT_OF_ORDER',
    /entry "payments", field "versions": version 2 begins before version 1 above it\. Write the versions oldest first/,
    () => paymentsWith(versions({ validFrom: '2022-12-10' }, { validUntil: '2022-12-10' })),
  ],
  [
    'both an answer and versions',
    'FIELD_INVALID',
    /entry "payments", field "answer": cannot stand beside versions/,
    () => paymentsWith((entry, answer) => ({ ...entry, answer, versions: [{ answer }] })),
  ],
  [
    'validFrom on the entry instead of a version',
    'FIELD_INVALID',
    /entry "payments", field "validFrom": belongs on a version/,
    () => paymentsWith((entry, answer) => ({ ...entry, answer, validFrom: '2022-12-10' })),
  ],
  [
    'a version without its English answer',
    'FIELD_INVALID',
    /entry "payments", field "versions\.1\.answer\.en": the English text is missing/,
    () => paymentsWith((entry, answer) => ({ ...entry, versions: [{ validUntil: '2022-12-09', answer }, { validFrom: '2022-12-10', answer: { sv: 'Testsvar.' } }] })),
  ],
  [
    'a validity written as words',
    'FIELD_INVALID',
    /entry "payments", field "versions\.1\.validFrom": must be a date "YYYY-MM-DD" or a date and time "YYYY-MM-DD HH:MM" \(Stockholm time\)/,
    () => paymentsWith(versions({ validUntil: '2022-12-09' }, { validFrom: '10 dec 2022' })),
  ],
  [
    'a time the clocks skip',
    'FIELD_INVALID',
    /field "versions\.1\.validFrom": 2023-03-26 02:30 does not exist in Stockholm/,
    () => paymentsWith(versions({ validUntil: '2023-03-25' }, { validFrom: '2023-03-26 02:30' })),
  ],
  [
    'neither an answer nor versions',
    'FIELD_INVALID',
    /entry "payments", field "answer": is missing: write answer: \(sv and en\), or dated versions:/,
    () => paymentsWith((entry) => entry),
  ],
];

describe('faq-data checks of dated answers', () => {
  test('when the fixture has three versions that meet exactly, it loads with no problems', () => {
    expect(datedCorpus().entries.find((e) => e.id === DATED.entry)?.versions).toHaveLength(3);
  });

  test.each(PROBLEMS)('when an entry has %s, reports %s naming the file, entry and field', (_name, code, mention, dir) => {
    const result = loadCorpus(dir());
    expect(result.ok).toBe(false);
    const problem = result.ok ? undefined : result.problems.find((p) => p.code === code);
    expect(problem?.message, JSON.stringify(result.ok ? [] : result.problems, null, 1)).toMatch(mention);
  });

  test('when an entry question has no English, names the missing English text', () => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    const file = join(dir, 'entries', 'police-report.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^ {2}en: Has the incident.*\n/m, ''));
    const result = loadCorpus(dir);
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/police-report\.yaml: entry "police-report", field "question\.en": the English text is missing/),
    ]);
  });

  test('when faq:check runs on overlapping versions, exits 1 and prints the overlap for the editor', () => {
    const dir = paymentsWith(versions({ validUntil: '2022-12-10' }, { validFrom: '2022-12-10' }));
    const run = spawnSync('npx', ['tsx', 'scripts/faq-check.ts', '--no-weakness', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/versions 1 and 2 are both valid from the start of 2022-12-10 until the end of 2022-12-10/);
  });
});
