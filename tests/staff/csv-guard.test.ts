import { describe, expect, test } from 'vitest';
import { questionsCsv, type KeptQuestion } from '../../src/records/index.js';

const row = (text: string) => ({
  question: { askedAt: new Date('2026-12-02T09:15:00Z'), text, decision: 'escalate', reason: null, confidence: null, candidateIds: [], channel: 'webchat', lang: 'sv', source: '' } satisfies KeptQuestion,
  group: 1,
});
/** The text cell of the one data line (third column), as written in the file. */
const textCell = (text: string, sep: ',' | ';') => questionsCsv([row(text)], sep).split('\r\n')[1]?.split(`${sep}1${sep}`)[1]?.split(`${sep}escalate`)[0];

describe('the CSV export’s guard against formulas (residents wrote the text)', () => {
  test.each([
    ['=SUM(A1:A9)', ',', `"'=SUM(A1:A9)"`],
    // Excel with Swedish settings splits a comma file on semicolons: the formula after it is defused and the cell quoted.
    ['hej;=1+2', ',', `"hej;'=1+2"`],
    ['hej,=1+2', ';', `"hej,'=1+2"`],
    ['text|@SUM(1)', ',', `"text|'@SUM(1)"`],
    ['hej; -2 grader', ',', `"hej; '-2 grader"`],
    ['a;b', ',', '"a;b"'],
  ] as const)('when a cell is "%s" in a file separated by "%s", it is written %s', (text, sep, written) => {
    expect(textCell(text, sep)).toBe(written);
  });

  test('when a cell holds no separator and no formula start, it is written as it is', () => {
    expect(textCell('kan jag betala med swish', ',')).toBe('kan jag betala med swish');
  });
});
