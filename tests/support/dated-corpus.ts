import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { loadCorpus, type Corpus } from '../../src/core/index.js';
import { copyOfFaqData } from './corpus.js';

/**
 * A test fixture, never shipped: the real faq-data/ with the payments entry given three dated versions.
 * The seed page states no change of any answer, so the later versions' texts say plainly that they are
 * test texts instead of inventing facts.
 *
 *   version 1: until the end of 9 December 2022 (the real answer and its lättläst)
 *   version 2: from 10 December 2022 until 12 December 2022 10:00
 *   version 3: from 12 December 2022 10:00 on
 */
export const DATED = Object.freeze({
  entry: 'payments',
  /** A question every channel answers with the payments entry. */
  question: { sv: 'Påverkas kommande utbetalningar av ekonomiskt bistånd?', en: 'Will payments of financial assistance be affected?' },
  second: { sv: 'Testversion 2 av betalningssvaret (testdata).', en: 'Test version 2 of the payments answer (test data).' },
  third: { sv: 'Testversion 3 av betalningssvaret (testdata).', en: 'Test version 3 of the payments answer (test data).' },
  /** Thursday 8 December 2022, 13:00 in Stockholm: version 1. */
  before: new Date('2022-12-08T12:00:00Z'),
  /** Sunday 11 December 2022, 13:00 in Stockholm: version 2. */
  inside: new Date('2022-12-11T12:00:00Z'),
  /** Monday 12 December 2022, 09:59 in Stockholm: still version 2. */
  lastMinuteInside: new Date('2022-12-12T08:59:00Z'),
  /** Monday 12 December 2022, 10:00 in Stockholm: version 3 from this minute. */
  switchToThird: new Date('2022-12-12T09:00:00Z'),
  /** Tuesday 20 December 2022, 13:00 in Stockholm: version 3. */
  after: new Date('2022-12-20T12:00:00Z'),
});

const perLang = z.object({ sv: z.string(), en: z.string() });
const writtenEntry = z.looseObject({ answer: perLang, lattlast: perLang.optional() });

/** Writes the fixture into a fresh copy of faq-data/ and returns its folder. */
export function datedFaqData(): string {
  const dir = copyOfFaqData();
  const file = join(dir, 'entries', `${DATED.entry}.yaml`);
  const { answer, lattlast, ...rest } = writtenEntry.parse(parse(readFileSync(file, 'utf8')));
  const versions = [
    { validUntil: '2022-12-09', answer, ...(lattlast === undefined ? {} : { lattlast }) },
    { validFrom: '2022-12-10', validUntil: '2022-12-12 10:00', answer: DATED.second },
    { validFrom: '2022-12-12 10:00', answer: DATED.third },
  ];
  writeFileSync(file, stringify({ ...rest, versions }));
  return dir;
}

/** The fixture corpus, loaded (and checked) like faq-data/. */
export function datedCorpus(): Corpus {
  const dir = datedFaqData();
  const loaded = loadCorpus(dir);
  rmSync(dir, { recursive: true, force: true });
  if (!loaded.ok) throw new Error(`the dated fixture is invalid:\n${loaded.problems.map((p) => p.message).join('\n')}`);
  return loaded.corpus;
}
