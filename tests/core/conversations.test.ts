import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Decision } from '../../src/core/index.js';
import { realCorpus, realEngine } from '../support/corpus.js';

const GOLDEN = new URL('../golden/conversations.tsv', import.meta.url);

describe('a conversation that follows the resident', () => {
  const engine = realEngine();
  const outcome = (d: Decision) => (d.kind === 'answer' ? d.entry.id : d.kind);

  test.each([
    ['payments', 'och när kommer de då?'],
    ['invoices', 'gäller det småföretag också?'],
    ['incident-status', 'och när blir det klart?'],
    ['personal-data', 'när vet ni mer?'],
    ['police-report', 'och vem sköter det då?'],
  ])('when the previous answer was %s and the resident asks "%s", reads it as a follow-up and answers the same topic', (previous, followUp) => {
    const alone = engine.ask(followUp);
    const d = engine.ask(followUp, { previous });
    expect(outcome(d), d.explanation.summary).toBe(previous);
    // Alone the message has no topic of its own: the bot would not answer it.
    expect(alone.kind === 'answer' && alone.entry.id === previous).toBe(false);
    expect(d.explanation.usedPreviousTopic).toBe(true);
    expect(d.explanation.parts[0]?.role).toBe('previous-topic');
  });

  test('when the next message is a clear question about another topic, it starts fresh', () => {
    const d = engine.ask('Har kommunen polisanmält intrånget?', { previous: 'payments' });
    expect(outcome(d)).toBe('police-report');
    expect(d.explanation.usedPreviousTopic).toBe(false);
  });

  test('when a follow-up names another topic ("gäller det försörjningsstöd också?" after invoices), it never gets the previous answer with confidence', () => {
    const d = engine.ask('gäller det försörjningsstöd också?', { previous: 'invoices' });
    expect(d.kind === 'answer' && d.entry.id === 'invoices').toBe(false);
  });

  test('when an off-topic question follows an answer, it still escalates', () => {
    const d = engine.ask('Hur söker jag plats i förskolan till hösten?', { previous: 'services-affected' });
    expect(d.kind).toBe('escalate');
  });

  test('when a follow-up comes first in a conversation, nothing is guessed', () => {
    expect(engine.ask('och när då?').kind).not.toBe('answer');
  });

  test('the golden conversations file holds at least 40 conversations of two to four turns, with follow-ups on every topic', () => {
    const conversations = readFileSync(GOLDEN, 'utf8').split(/\n\s*\n/).map((block) => block.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('question\t')));
    expect(conversations.length).toBeGreaterThanOrEqual(40);
    for (const c of conversations) expect(c.length).toBeGreaterThanOrEqual(2), expect(c.length).toBeLessThanOrEqual(4);
    const followedUp = new Set(conversations.flatMap((c) => c.slice(1).map((l) => l.split('\t')[1])));
    for (const e of realCorpus().entries) expect(followedUp, e.id).toContain(e.id);
  });
});
