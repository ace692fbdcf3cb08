import { describe, expect, test } from 'vitest';
import { Analyzer } from '../../src/core/text/analyzer.js';
import { detectLanguage } from '../../src/core/text/language.js';
import { foldSwedishLetters, foldedPhrase, tokenize } from '../../src/core/text/normalize.js';
import { createStemmer } from '../../src/core/text/stem.js';
import { realCorpus, realEngine } from '../support/corpus.js';

describe('Swedish text handling', () => {
  test('when tokenizing, keeps å, ä and ö as letters and lower-cases them', () => {
    expect(tokenize('Är ÅTGÄRDERNA klara? Öppet på Trädgårdsgatan 21!')).toEqual([
      'är', 'åtgärderna', 'klara', 'öppet', 'på', 'trädgårdsgatan', '21',
    ]);
  });

  test('when tokenizing, splits on hyphens and punctuation and drops apostrophes inside words', () => {
    expect(tokenize("IT-attacken; municipality's e-tjänster")).toEqual(['it', 'attacken', 'municipalitys', 'e', 'tjänster']);
  });

  test('when folding for matching keys, maps å/ä to a and ö to o, nothing else', () => {
    expect(foldSwedishLetters('läckt')).toBe('lackt');
    expect(foldSwedishLetters('försörjningsstöd')).toBe('forsorjningsstod');
    expect(foldSwedishLetters('gång')).toBe('gang');
    expect(foldSwedishLetters('abc xyz')).toBe('abc xyz');
    expect(foldedPhrase('Har mina uppgifter läckt?')).toBe(foldedPhrase('har mina uppgifter lackt'));
  });

  test('when analysing, gives inflected forms the same key (Snowball stemmer) with or without å/ä/ö', () => {
    const c = realCorpus();
    const a = new Analyzer({ lang: 'sv', synonymGroups: [], extraStopwords: [], keepWords: c.stopwords.keep });
    const key = (w: string) => a.analyze(w)[0]?.key;
    expect(key('fakturorna')).toBe(key('fakturor'));
    expect(key('utbetalningarna')).toBe(key('utbetalningar'));
    expect(key('läckte')).toBe(key('läckt'));
    expect(key('lackte')).toBe(key('läckte'));
  });

  test('when stemming Swedish, keeps at least the first three letters of a word (the compound splitter skips parts by them)', () => {
    const c = realCorpus();
    const stem = createStemmer('sv');
    const words = new Set(c.entries.flatMap((e) => [e.question.sv, ...e.phrasings.sv].flatMap((t) => tokenize(t))));
    const cut: string[] = [];
    for (const w of words) {
      for (let i = 0; i + 3 <= w.length; i++) {
        const part = w.slice(i);
        if (!stem(part).startsWith(part.slice(0, 3))) cut.push(part);
      }
    }
    expect(words.size).toBeGreaterThan(1000);
    expect(cut).toEqual([]);
  });

  test('when a synonym phrase appears, it becomes one concept, also inflected', () => {
    const c = realCorpus();
    const a = new Analyzer({ lang: 'sv', synonymGroups: c.synonyms.groups, extraStopwords: c.stopwords.sv, keepWords: c.stopwords.keep });
    const keys = (t: string) => a.analyze(t).map((u) => u.key);
    expect(keys('ekonomiska bistånd')).toEqual(keys('försörjningsstöd'));
    expect(keys('socialbidrag')).toEqual(keys('försörjningsstöd'));
    expect(keys('mejla')).toEqual(keys('e-post'));
  });

  test('when stop words and filler surround a question, only meaningful words remain', () => {
    const c = realCorpus();
    const a = new Analyzer({ lang: 'sv', synonymGroups: [], extraStopwords: c.stopwords.sv, keepWords: c.stopwords.keep });
    expect(a.analyze('Hej! Jag undrar om det är så att mina personuppgifter har läckt?').map((u) => u.token)).toEqual([
      'personuppgifter', 'läckt',
    ]);
    // "över" is a standard stop word but carries the meaning of "är attacken över".
    expect(a.analyze('är attacken över').map((u) => u.token)).toContain('över');
  });

  test('when detecting language, å/ä/ö or Swedish function words mean Swedish, English words English', () => {
    expect(detectLanguage('Har mina uppgifter läckt?')).toBe('sv');
    expect(detectLanguage('har data lackt ut')).toBe('sv');
    expect(detectLanguage('Was my personal data leaked?')).toBe('en');
    expect(detectLanguage('MSB')).toBeUndefined();
  });
});

describe('matching typed Swedish', () => {
  const engine = realEngine();
  const top = (q: string) => engine.ask(q).candidates[0]?.entry.id;

  test.each([
    ['Har mina personuppgifter läckt?', 'har mina personuppgifter lackt', 'without å/ä/ö'],
    ['Har mina personuppgifter läckt?', 'har mina personupgifter läkt', 'with typos'],
    ['Betalar ni leverantörsfakturor som vanligt?', 'betalar ni leverantörernas fakturor som vanligt', 'compound split'],
  ])('when "%s" is typed as "%s" (%s), the same entry ranks first', (original, variant) => {
    expect(top(variant)).toBe(top(original));
  });

  test('when a question is long and rambling, it still finds the entry (no 32-character cut)', () => {
    const q =
      'Hej, jag heter Anna och bor i Norrköping sedan många år och jag läste i tidningen i morse att ni har haft problem med datorerna, så nu undrar jag lite oroligt om mina personuppgifter kan ha läckt ut till någon?';
    expect(top(q)).toBe('personal-data');
  });

  test('when a word matches through a typo, the explanation says so', () => {
    const d = engine.ask('har mina personupgifter läkt');
    expect(d.explanation.matchedTerms.some((t) => t.via === 'typo')).toBe(true);
  });
});
