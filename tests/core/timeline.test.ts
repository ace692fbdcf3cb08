import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { latestUpdateAt, loadCorpus, timelineSchema, updatesAt, type CorpusErrorCode } from '../../src/core/index.js';
import { copyOfFaqData, realCorpus } from '../support/corpus.js';

/** The dated paragraphs of the municipality's page "Cybersäkerhetsincidenten" (the source), word for word. */
const SEED = [
  'Fredag den 2 december gick Norrköpings kommuns centrala krisledning upp i stabsläge med anledning av att kommunen har kunnat konstatera att man tagit sig in i IT-miljön.',
  'Fredagen den 9 december börjar kommunens system att användas mer och mer. Bland annat kom kommunens interna kanal, intranätet, igång för flertalet användare.',
  'Tisdag den 6 december stabiliserades läget efter ett planerat driftavbrott, och kommunen har åter kontroll över sin IT-miljö. Läget är fortsatt allvarligt men ser allt ljusare ut.',
  'Händelsen polisanmäldes torsdagen den 1 december och Myndigheten för samhällsskydd och beredskap är informerade.',
]
  .join('\n')
  .toLowerCase();
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const stockholm = (iso: string) => new Date(iso);
const dates = (at: Date) => updatesAt(realCorpus().timeline, at).map((u) => u.date);

describe('the shipped timeline', () => {
  const { timeline } = realCorpus();

  test('holds the seed page dated updates (1, 2, 6 and 9 December 2022), with dates only since the page gives no times', () => {
    expect(timeline.entry).toBe('incident-status');
    expect(timeline.updates.map((u) => u.date).sort()).toEqual(['2022-12-01', '2022-12-02', '2022-12-06', '2022-12-09']);
    for (const u of timeline.updates) {
      expect(u.time, u.date).toBeUndefined();
      expect(SEED).toContain(`${Number(u.date.slice(8))} december`);
      expect(u.source).toEqual({ title: 'Cybersäkerhetsincidenten', url: 'https://www.norrkoping.se/' });
    }
  });

  test('every long word of a Swedish update text comes from the seed page (no facts of our own)', () => {
    for (const u of timeline.updates) {
      const words = u.text.sv.toLowerCase().match(/[\p{L}-]{6,}/gu) ?? [];
      expect(words.length, u.date).toBeGreaterThan(0);
      for (const word of words) expect(SEED, `${u.date}: "${word}"`).toContain(word.slice(0, 7));
    }
  });

  test('when the clock is before the first update shows none; between updates, those dated so far, newest first', () => {
    expect(dates(stockholm('2022-11-30T12:00:00Z'))).toEqual([]);
    expect(dates(stockholm('2022-12-03T12:00:00Z'))).toEqual(['2022-12-02', '2022-12-01']);
    expect(dates(stockholm('2023-01-11T09:00:00Z'))).toEqual(['2022-12-09', '2022-12-06', '2022-12-02', '2022-12-01']);
  });

  test('when a date has no time, the update counts from the start of its day in Stockholm', () => {
    expect(latestUpdateAt(timeline, stockholm('2022-12-08T22:59:00Z'))?.date).toBe('2022-12-06'); // 23:59 on 8 December
    expect(latestUpdateAt(timeline, stockholm('2022-12-08T23:00:00Z'))?.date).toBe('2022-12-09'); // 00:00 on 9 December
  });
});

describe('update windows and order', () => {
  const source = { title: 'Cybersäkerhetsincidenten', url: 'https://www.norrkoping.se/' };
  const update = (date: string, sv: string, extra: Record<string, string> = {}) => ({ date, text: { sv, en: sv }, source, ...extra });
  const timeline = timelineSchema.parse({
    entry: 'incident-status',
    updates: [
      update('2022-12-10', 'a: morning', { time: '08:00' }),
      update('2022-12-10', 'b: the day, no time'),
      update('2022-12-10', 'c: afternoon', { time: '15:30' }),
      update('2022-12-11', 'd: announced a day early', { validFrom: '2022-12-10 12:00' }),
      update('2022-12-09', 'e: withdrawn after the 10th', { validUntil: '2022-12-10' }),
      update('2022-12-10', 'f: also the day, no time, written later'),
    ],
  });
  const texts = (iso: string) => updatesAt(timeline, new Date(iso)).map((u) => u.text.sv.slice(0, 1));

  test('when several updates share a day, a time orders them, a date alone counts from midnight, and the one written later is newer', () => {
    // 16:00 on 10 December in Stockholm.
    expect(texts('2022-12-10T15:00:00Z')).toEqual(['d', 'c', 'a', 'f', 'b', 'e']);
  });

  test('when an update has validFrom it shows from then; with validUntil (a date: to the end of it) it is gone after', () => {
    expect(texts('2022-12-10T10:59:00Z')).toEqual(['a', 'f', 'b', 'e']); // 11:59
    expect(texts('2022-12-10T11:00:00Z')).toEqual(['d', 'a', 'f', 'b', 'e']); // 12:00
    expect(texts('2022-12-10T23:00:00Z')).toEqual(['d', 'c', 'a', 'f', 'b']); // 00:00 on 11 December
  });
});

/** A copy of faq-data/ with timeline.yaml edited. */
function timelineWith(edit: (text: string) => string): string {
  const dir = copyOfFaqData();
  dirs.push(dir);
  const file = join(dir, 'timeline.yaml');
  const before = readFileSync(file, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error('the fixture did not change timeline.yaml');
  writeFileSync(file, after);
  return dir;
}

const PROBLEMS: readonly (readonly [name: string, code: CorpusErrorCode, mention: RegExp, dir: () => string])[] = [
  [
    'an update without English',
    'FIELD_INVALID',
    /timeline\.yaml: timeline update 3 \(2022-12-06\), field "updates\.2\.text\.en": the English text is missing/,
    () => timelineWith((t) => t.replace(/^ {6}en: The situation stabilised.*\n/m, '')),
  ],
  [
    'an update that ends before its own date',
    'EMPTY_WINDOW',
    /timeline\.yaml: timeline update 4 \(2022-12-09\), field "updates\.3\.validUntil": it would be valid from its date, the start of 2022-12-09 until the end of 2022-12-08, which is never/,
    () => timelineWith((t) => t.replace(/(- date: 2022-12-09\n)/, '$1    validUntil: 2022-12-08\n')),
  ],
  [
    'a time that is not written HH:MM',
    'FIELD_INVALID',
    /timeline update 1 \(2022-12-01\), field "updates\.0\.time": must be a time written HH:MM/,
    () => timelineWith((t) => t.replace(/(- date: 2022-12-01\n)/, '$1    time: "kl 9"\n')),
  ],
  [
    'an update without a source',
    'FIELD_INVALID',
    /timeline update 2 \(2022-12-02\), field "updates\.1\.source"/,
    () => timelineWith((t) => t.replace(/(- date: 2022-12-02\n(?: {4}.*\n)*?) {4}source:\n {6}title: .*\n {6}url: .*\n/, '$1')),
  ],
  ['an entry that does not exist', 'UNKNOWN_TIMELINE_ENTRY', /timeline\.yaml: field "entry": there is no entry "incident-statu"/, () => timelineWith((t) => t.replace(/^entry: incident-status$/m, 'entry: incident-statu'))],
  [
    'no timeline file',
    'FILE_MISSING',
    /timeline\.yaml: file not found/,
    () => {
      const dir = copyOfFaqData();
      dirs.push(dir);
      unlinkSync(join(dir, 'timeline.yaml'));
      return dir;
    },
  ],
];

describe('faq-data checks of the timeline', () => {
  test.each(PROBLEMS)('when the timeline has %s, reports %s naming the file, update and field', (_name, code, mention, dir) => {
    const result = loadCorpus(dir());
    expect(result.ok).toBe(false);
    const problem = result.ok ? undefined : result.problems.find((p) => p.code === code);
    expect(problem?.message, JSON.stringify(result.ok ? [] : result.problems, null, 1)).toMatch(mention);
  });
});
