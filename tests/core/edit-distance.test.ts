import { describe, expect, test } from 'vitest';
import { boundedEditDistance } from '../../src/core/words/edit-distance.js';

describe('bounded edit distance', () => {
  test.each([
    ['lackt', 'lackt', 0],
    ['lakt', 'lackt', 1], // deletion
    ['fakturor', 'faktoror', 1], // substitution
    ['personuppgifter', 'personuppgfiter', 1], // adjacent swap counts once
    ['kontaktcenter', 'kontacktcentr', 2],
    ['hej', 'attack', 3], // beyond the bound: max + 1
  ])('when comparing "%s" and "%s" with a bound of 2, returns %i', (a, b, d) => {
    expect(boundedEditDistance(a, b, 2)).toBe(d);
  });

  test('when a long word follows a short one, the reused rows grow and still give the right distance', () => {
    expect(boundedEditDistance('a'.repeat(100), `${'a'.repeat(99)}b`, 2)).toBe(1);
    expect(boundedEditDistance('ab', 'ba', 1)).toBe(1);
  });
});
