import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadCorpus, type Corpus } from '../../src/core/index.js';
import { augmentCorpus, messageKind } from '../../src/core/model/augment.js';

/** What the classifier learns from besides the phrasings: the editor's categories (on our fire incident's corpus). */
const dir = fileURLToPath(new URL('../../eval/incidents/fire-skarvala/faq-data', import.meta.url));
const loaded = loadCorpus(dir);
if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
const corpus: Corpus = loaded.corpus;
const categoryExamples = (c: Corpus) => augmentCorpus(c).filter((m) => m.group.endsWith('|category'));

describe('learning from an entry\'s category', () => {
  test('when each entry has a category of its own, each is learned once as a weak example of its entry', () => {
    const learned = categoryExamples(corpus);
    expect(learned).toHaveLength(corpus.entries.length);
    for (const e of corpus.entries) expect(learned.filter((m) => m.label === e.id).map((m) => m.text)).toEqual([e.category]);
    // Weighed like an answer sentence, not like a phrasing.
    expect(learned.every((m) => messageKind(m) === 'answer')).toBe(true);
  });

  test('when three entries share a category, it says nothing about which one is meant and is not learned', () => {
    const [a, b, c] = corpus.entries;
    const shared = 'Allmänt';
    const entries = corpus.entries.map((e) => (e === a || e === b || e === c ? { ...e, category: shared } : e));
    const learned = categoryExamples({ ...corpus, entries });
    expect(learned.some((m) => m.text === shared)).toBe(false);
    expect(learned).toHaveLength(corpus.entries.length - 3);
  });

  test('when categories are turned off, none is learned', () => {
    expect(augmentCorpus(corpus, { categories: false }).some((m) => m.group.endsWith('|category'))).toBe(false);
  });
});
