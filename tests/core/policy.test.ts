import { describe, expect, test } from 'vitest';
import type { Candidate } from '../../src/core/index.js';
import { DEFAULT_POLICY_OPTIONS } from '../../src/core/index.js';
import { decide } from '../../src/core/policy/decide.js';
import { realCorpus } from '../support/corpus.js';

const entries = realCorpus().entries;
const entry = (i: number) => {
  const e = entries[i];
  if (!e) throw new Error(`corpus has no entry #${i}`);
  return e;
};
const candidate = (i: number, score: number): Candidate => ({
  entry: entry(i),
  score,
  lang: 'sv',
  phrasing: entry(i).question.sv,
  matched: [],
  unmatched: [],
});

const options = { ...DEFAULT_POLICY_OPTIONS, answerThreshold: 0.6, clarifyThreshold: 0.4, clarifyMargin: 0.05, outOfScopeMargin: 0 };

describe('decision policy', () => {
  test('when one candidate is confident and clearly ahead, returns answer with that entry', () => {
    const d = decide({ lang: 'sv', candidates: [candidate(0, 0.9), candidate(1, 0.5)] }, options);
    expect(d.kind).toBe('answer');
    if (d.kind === 'answer') expect(d.entry.id).toBe(entry(0).id);
    expect(d.confidence).toBe(0.9);
  });

  test('when two candidates are within the margin, returns clarify with both, best first', () => {
    const d = decide({ lang: 'sv', candidates: [candidate(0, 0.7), candidate(1, 0.68), candidate(2, 0.3)] }, options);
    expect(d.kind).toBe('clarify');
    if (d.kind === 'clarify') expect(d.options.map((o) => o.entry.id)).toEqual([entry(0).id, entry(1).id]);
  });

  test('when four candidates are close, offers at most three', () => {
    const d = decide({ lang: 'sv', candidates: [0.7, 0.69, 0.68, 0.67].map((s, i) => candidate(i, s)) }, options);
    expect(d.kind === 'clarify' && d.options.length).toBe(3);
  });

  test('when the best candidate is below the answer threshold and alone, escalates for low confidence', () => {
    const d = decide({ lang: 'sv', candidates: [candidate(0, 0.5)] }, options);
    expect(d.kind === 'escalate' && d.reason).toBe('low-confidence');
    expect(d.candidates).toHaveLength(1);
  });

  test('when nothing matches, escalates', () => {
    const d = decide({ lang: 'en', candidates: [] }, options);
    expect(d.kind === 'escalate' && d.reason).toBe('low-confidence');
    expect(d.lang).toBe('en');
  });

  test('when a known off-topic question matches as well as the best entry, escalates as off-topic', () => {
    const d = decide({ lang: 'sv', candidates: [candidate(0, 0.8)], outOfScope: candidate(1, 0.8) }, options);
    expect(d.kind === 'escalate' && d.reason).toBe('off-topic');
  });

  test('when a forced reason is given (a human was asked for), escalates with it even over a perfect match', () => {
    const d = decide({ lang: 'sv', candidates: [candidate(0, 1)], forcedEscalation: 'human' }, options);
    expect(d.kind === 'escalate' && d.reason).toBe('human');
  });
});
