import type { IntentName, Intents } from './corpus/schema.js';
import { foldedPhrase } from './text/normalize.js';
import { foldAll, PhraseSet } from './understand/phrases.js';

export type SmallTalk = Exclude<IntentName, 'human'>;

/**
 * Recognises requests for a human anywhere in a message, and small talk (greetings, thanks,
 * "who are you") when it is all the message says. Phrases come from faq-data/intents.yaml and are
 * compared as whole words after folding, so "manniska" finds "människa".
 */
export class IntentDetector {
  private readonly human: PhraseSet;
  private readonly smallTalk: readonly { intent: SmallTalk; phrase: string }[];
  private readonly longestSmallTalk: number;

  constructor(intents: Intents) {
    // Indexed by first word: a message is checked with one look-up per word, not one search per phrase.
    this.human = new PhraseSet(unique(intents.human.map(foldedPhrase)));
    const small: { intent: SmallTalk; phrase: string }[] = [];
    for (const intent of ['greeting', 'thanks', 'identity'] as const) {
      for (const p of unique(intents[intent].map(foldedPhrase))) small.push({ intent, phrase: p });
    }
    // Longest first, so "tack så mycket" is consumed before "tack".
    this.smallTalk = small.sort((a, b) => b.phrase.length - a.phrase.length);
    this.longestSmallTalk = this.smallTalk[0]?.phrase.length ?? 0;
  }

  /** True when the message (text, or its tokens) asks for a person: "kan jag prata med en handläggare?". */
  asksForHuman(text: string | readonly string[]): boolean {
    const words = typeof text === 'string' ? foldedPhrase(text).split(' ') : foldAll(text);
    return this.human.occursIn(words);
  }

  /**
   * The small-talk intent when the message is nothing but small talk ("Hej!", "tack så mycket",
   * "hej, vem är du?"), otherwise undefined. The last intent wins: "hej, vem är du" is identity.
   */
  smallTalkOf(text: string): SmallTalk | undefined {
    // Small talk is short: a longer message is a question (and folding a long text costs something).
    if (text.length > this.longestSmallTalk * 3 + 20) return undefined;
    let rest = foldedPhrase(text);
    let found: SmallTalk | undefined;
    while (rest.length > 0) {
      const hit = this.smallTalk.find((s) => rest === s.phrase || rest.startsWith(s.phrase + ' '));
      if (!hit) return undefined;
      found = hit.intent;
      rest = rest.slice(hit.phrase.length).trim();
    }
    return found;
  }
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs.filter((x) => x.length > 0))];
}
