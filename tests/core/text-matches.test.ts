import { describe, expect, test } from 'vitest';
import { allMatches } from '../../src/core/text/matches.js';
import { textShape } from '../../src/core/privacy/text-shape.js';

/** allMatches must find exactly what String.prototype.matchAll finds: the message path relies on it. */
const same = (re: RegExp, text: string) => {
  const ours = allMatches(re, text).map((m) => [m.index, ...m]);
  const theirs = [...text.matchAll(re)].map((m) => [m.index, ...m]);
  expect(ours).toEqual(theirs);
  expect(re.lastIndex).toBe(0);
};

describe('every match of a global expression (allMatches)', () => {
  test('when words and numbers are matched, it finds each with its index and groups, as matchAll does', () => {
    same(/(\p{L}+)|(\d+)/gu, 'Ring 011-15 00 00, fråga efter Åsa!');
    same(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu, "it's Märta’s turn, 19 år");
  });

  test('when the expression can match nothing, it steps over one character at a time and never loops', () => {
    same(/x*/g, 'axxb');
    same(/(?=b)/g, 'abab');
  });

  test('when text holds characters outside the basic plane, an empty match in unicode mode steps over the whole pair', () => {
    same(/(?:)/gu, 'a😀b');
    same(/(?:)/g, 'a😀b');
  });

  test('when the same expression is used again, each call starts from the beginning', () => {
    const re = /\d+/g;
    expect(allMatches(re, '1 22 333').map((m) => m[0])).toEqual(['1', '22', '333']);
    expect(allMatches(re, '4444').map((m) => m[0])).toEqual(['4444']);
  });

  test('when the expression is not global, it refuses as matchAll does', () => {
    expect(() => allMatches(/\d+/, '123')).toThrow(TypeError);
  });
});

describe('the shape personal-data patterns read (textShape)', () => {
  test('when nothing needs folding, the very same text comes back', () => {
    const text = 'Hej, mitt personnummer är 19121212-1212 och jag bor på Storgatan 1.';
    expect(textShape(text)).toBe(text);
  });

  test('when a character past the first needs folding, the text before it is kept and every later one is folded', () => {
    const folded = textShape('nr ０７０–１２３');
    expect(folded).toBe(textShape('nr 070-123'));
    expect(folded.startsWith('nr ')).toBe(true);
    expect(folded).toHaveLength('nr ０７０–１２３'.length);
  });
});
