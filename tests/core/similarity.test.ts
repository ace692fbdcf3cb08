import { describe, expect, test } from 'vitest';
import { buildSimilarityIndex, SimilarityScorer } from '../../src/core/model/similarity.js';
import type { SparseVector } from '../../src/core/model/softmax.js';

/**
 * The entries' own words as a second reading: cosine and coverage on a hand-built index (no corpus), so
 * every number below can be worked out by hand. Features: 0 "läcka", 1 "personnummer", 2 "faktura",
 * 3 "betald", 4 "skadestånd" (only in an off-topic question, class 2).
 */
const vector = (ids: number[], values?: number[]): SparseVector => ({ ids: Int32Array.from(ids), values: Float64Array.from(values ?? ids.map(() => 1)) });
const OUT_OF_SCOPE = 2;
const index = buildSimilarityIndex(
  [
    { x: vector([0, 1]), y: 0, weight: 1 },
    { x: vector([0]), y: 0, weight: 1 },
    { x: vector([2, 3]), y: 1, weight: 1 },
    { x: vector([4, 0]), y: OUT_OF_SCOPE, weight: 1 },
  ],
  5,
  3,
  OUT_OF_SCOPE,
);

describe('an entry\'s coverage of a message', () => {
  test('when every feature of the message stands in the entry\'s own words, all of it is covered and nothing heavy is left', () => {
    const scorer = new SimilarityScorer(index).score(vector([0, 1]));
    expect(scorer.coverage(0, vector([0, 1]))).toEqual({ covered: 1, largestUncovered: 0 });
  });

  test('when the message asks a detail no entry uses, that word is left uncovered at the rarest weight', () => {
    const x = vector([0, 1, 4]);
    const { covered, largestUncovered } = new SimilarityScorer(index).score(x).coverage(0, x);
    // Two entries have profiles: idf = ln(1 + 2/df); "skadestånd" is in no entry's, so it weighs ln(1 + 3 classes).
    const idf = Math.log(1 + 2 / 1);
    const rarest = Math.log(1 + 3);
    expect(covered).toBeCloseTo((2 * idf) / (2 * idf + rarest), 6);
    expect(largestUncovered).toBeCloseTo(rarest, 6);
  });

  test('when the message is about another entry, the entry covers none of it and its heaviest word is named', () => {
    const x = vector([2, 3], [1, 0.5]);
    const { covered, largestUncovered } = new SimilarityScorer(index).score(x).coverage(0, x);
    expect(covered).toBe(0);
    expect(largestUncovered).toBeCloseTo(Math.log(3), 6);
  });

  test('when the message has no features, nothing is covered and nothing is left', () => {
    const x = vector([]);
    expect(new SimilarityScorer(index).score(x).coverage(0, x)).toEqual({ covered: 0, largestUncovered: 0 });
  });
});
