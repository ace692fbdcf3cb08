import { describe, expect, test } from 'vitest';
import type { Candidate, Explanation } from '../../src/core/index.js';
import { DEFAULT_POLICY_OPTIONS } from '../../src/core/index.js';
import { decide } from '../../src/core/policy/decide.js';
import { realCorpus } from '../support/corpus.js';

const entries = realCorpus().entries;
const entry = (i: number) => {
  const e = entries[i];
  if (!e) throw new Error(`corpus has no entry #${i}`);
  return e;
};
const candidate = (i: number, score: number): Candidate => ({ entry: entry(i), score, lang: 'sv', phrasing: entry(i).question.sv, matched: [], unmatched: [] });
const explanation: Explanation = { summary: 'test', matchedTerms: [], unmatchedTerms: [], parts: [] };
const options = { ...DEFAULT_POLICY_OPTIONS, answerThreshold: 0.8, clarifyThreshold: 0.8, clarifyMinShare: 0.25 };
const input = (candidates: Candidate[], more: { pairConfidence?: number; outOfScopeLeads?: boolean; forcedEscalation?: 'human' } = {}) => ({ lang: 'sv' as const, candidates, explanation, ...more });

describe('decision policy on calibrated confidence', () => {
  test('when the best entry is likely enough to be right, returns answer with it and its confidence', () => {
    const d = decide(input([candidate(0, 0.92), candidate(1, 0.05)]), options);
    expect(d.kind === 'answer' && d.entry.id).toBe(entry(0).id);
    expect(d.confidence).toBe(0.92);
  });

  test('when no entry is likely enough but the right one is very likely among two, returns clarify with both, best first', () => {
    const d = decide(input([candidate(0, 0.5), candidate(1, 0.4), candidate(2, 0.01)], { pairConfidence: 0.9 }), options);
    expect(d.kind === 'clarify' && d.options.map((o) => o.entry.id)).toEqual([entry(0).id, entry(1).id]);
  });

  test('when four entries are plausible, offers at most three', () => {
    const d = decide(input([0.3, 0.28, 0.27, 0.26].map((s, i) => candidate(i, s)), { pairConfidence: 0.85 }), options);
    expect(d.kind === 'clarify' && d.options.length).toBe(3);
  });

  test('when a vague question is not sure of one entry but very likely about one of two, asks "Menar du" with both, even when the second is far less likely', () => {
    const below = options.answerThreshold - 0.05;
    const d = decide(input([candidate(0, below), candidate(1, below / 7)], { pairConfidence: 0.9 }), options);
    expect(d.kind === 'clarify' && d.options.map((o) => o.entry.id)).toEqual([entry(0).id, entry(1).id]);
  });

  test('when the best entry is sure and the runner-up far less likely, answers without asking', () => {
    const d = decide(input([candidate(0, Math.min(0.99, options.answerThreshold + 0.05)), candidate(1, 0.01)], { pairConfidence: 0.99 }), options);
    expect(d.kind === 'answer' && d.entry.id).toBe(entry(0).id);
  });

  test('when an unanswered message uses the incident’s own words, the reason is not-covered; when it uses none, off-topic', () => {
    const weak = [candidate(0, 0.3), candidate(1, 0.2)];
    const about = decide({ ...input(weak, { pairConfidence: 0.5 }), aboutIncident: true }, options);
    expect(about.kind === 'escalate' && about.reason).toBe('not-covered');
    const elsewhere = decide({ ...input(weak, { pairConfidence: 0.5 }), aboutIncident: false }, options);
    expect(elsewhere.kind === 'escalate' && elsewhere.reason).toBe('off-topic');
  });

  test('when the two best together are not likely enough, escalates for low confidence', () => {
    const d = decide(input([candidate(0, 0.5), candidate(1, 0.4)], { pairConfidence: 0.6 }), options);
    expect(d.kind === 'escalate' && d.reason).toBe('low-confidence');
    expect(d.candidates).toHaveLength(2);
  });

  test('when nothing matches, escalates in the asked language', () => {
    const d = decide({ ...input([]), lang: 'en' }, options);
    expect(d.kind === 'escalate' && d.reason).toBe('low-confidence');
    expect(d.lang).toBe('en');
  });

  test('when the off-topic class leads and no entry is confident, escalates as off-topic, never clarifies', () => {
    const d = decide(input([candidate(0, 0.4), candidate(1, 0.35)], { pairConfidence: 0.95, outOfScopeLeads: true }), options);
    expect(d.kind === 'escalate' && d.reason).toBe('off-topic');
  });

  test('when a forced reason is given (a human was asked for), escalates with it even over a sure answer', () => {
    const d = decide(input([candidate(0, 0.99)], { forcedEscalation: 'human' }), options);
    expect(d.kind === 'escalate' && d.reason).toBe('human');
  });

  test('when personal data was removed, every kind of decision says which kinds', () => {
    const d = decide({ ...input([candidate(0, 0.95)]), personalData: ['personnummer', 'phone'] }, options);
    expect(d.personalData).toEqual(['personnummer', 'phone']);
  });

  describe('the entry offered beside a hand-over', () => {
    const suggestAt = { ...options, suggestThreshold: 0.4 };
    test('when an unanswered question has a best entry at least suggestThreshold likely, the escalation offers it, whatever the reason', () => {
      const notCovered = decide({ ...input([candidate(0, 0.55), candidate(1, 0.1)], { pairConfidence: 0.6 }), aboutIncident: true }, suggestAt);
      expect(notCovered.kind === 'escalate' && [notCovered.reason, notCovered.suggestion?.entry.id]).toEqual(['not-covered', entry(0).id]);
      const offTopic = decide(input([candidate(2, 0.45), candidate(1, 0.3)], { pairConfidence: 0.95, outOfScopeLeads: true }), suggestAt);
      expect(offTopic.kind === 'escalate' && [offTopic.reason, offTopic.suggestion?.entry.id]).toEqual(['off-topic', entry(2).id]);
      const low = decide(input([candidate(1, 0.5), candidate(0, 0.4)], { pairConfidence: 0.6 }), suggestAt);
      expect(low.kind === 'escalate' && [low.reason, low.suggestion?.entry.id]).toEqual(['low-confidence', entry(1).id]);
    });

    test('when the best entry is below suggestThreshold, the escalation offers nothing', () => {
      const d = decide({ ...input([candidate(0, 0.39), candidate(1, 0.2)], { pairConfidence: 0.5 }), aboutIncident: true }, suggestAt);
      expect(d.kind).toBe('escalate');
      expect(d.kind === 'escalate' && d.suggestion).toBeUndefined();
    });

    test('when a human was asked for, no entry is offered, however likely', () => {
      const d = decide(input([candidate(0, 0.6)], { forcedEscalation: 'human' }), suggestAt);
      expect(d.kind === 'escalate' && d.reason).toBe('human');
      expect(d.kind === 'escalate' && d.suggestion).toBeUndefined();
    });

    test('a threshold of 1 turns the suggestion off', () => {
      const d = decide({ ...input([candidate(0, 0.69)], { pairConfidence: 0.7 }), aboutIncident: true }, { ...options, suggestThreshold: 1 });
      expect(d.kind === 'escalate' && d.suggestion).toBeUndefined();
    });

    test('answers and clarifications carry no suggestion', () => {
      const answered = decide(input([candidate(0, 0.92), candidate(1, 0.05)]), suggestAt);
      const asked = decide(input([candidate(0, 0.5), candidate(1, 0.4)], { pairConfidence: 0.9 }), suggestAt);
      expect([answered.kind, asked.kind]).toEqual(['answer', 'clarify']);
      expect('suggestion' in answered || 'suggestion' in asked).toBe(false);
    });
  });
});
