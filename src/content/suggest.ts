import type { FaqEngine, Lang } from '../core/index.js';

/** What the review suggests doing with a group of residents' questions. */
export type Suggestion =
  /** Add the wording as a phrasing of this entry: the engine already leans to it clearly. */
  | { readonly kind: 'phrasing'; readonly entry: string; readonly confidence: number }
  /** Nothing in the corpus is near: if it is not about the incident, say so (out-of-scope). */
  | { readonly kind: 'out-of-scope' }
  /** No change to suggest, and why: a request for a person, no words to learn from, or already handed over as off-topic. */
  | { readonly kind: 'none'; readonly why: 'human' | 'nothing-to-learn' | 'already-off-topic' };

/** Below this, the nearest entry is a guess, not a suggestion ("asdfgh" is nearest to something too). */
export const PHRASING_SUGGESTION_MIN_CONFIDENCE = 0.3;

/**
 * A suggestion only where it is likely right: never a phrasing for a request for a human (the bot hands
 * those over by design) or for text with nothing to learn; never the entry the resident rejected with
 * "Nej"; a phrasing only when the engine leans clearly to one entry; otherwise out-of-scope.
 */
export function suggestFor(engine: FaqEngine, text: string, lang: Lang, rejected: ReadonlySet<string> = new Set()): Suggestion {
  const decision = engine.ask(text, { lang, audience: 'residents' });
  if (decision.kind === 'escalate') {
    if (decision.reason === 'human') return { kind: 'none', why: 'human' };
    if (decision.reason === 'empty' || decision.reason === 'gibberish') return { kind: 'none', why: 'nothing-to-learn' };
    if (decision.reason === 'off-topic') return { kind: 'none', why: 'already-off-topic' };
  }
  const best = decision.candidates.find((c) => !rejected.has(c.entry.id));
  if (best === undefined || best.score < PHRASING_SUGGESTION_MIN_CONFIDENCE) return { kind: 'out-of-scope' };
  return { kind: 'phrasing', entry: best.entry.id, confidence: Math.round(best.score * 1000) / 1000 };
}

/** A resident's scrubbed words as a phrasing: the [telefon]-style placeholders left out. */
export function asPhrasing(text: string): string {
  return text
    .replace(/\[[a-zåäö-]+\]/giu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
