import { foldSwedishLetters } from '../text/normalize.js';

/**
 * A list of cue phrases, looked up by their first word: finding which phrases occur in a segment costs
 * one map look-up per word instead of one substring search per phrase.
 */
export class PhraseSet {
  private readonly byFirst = new Map<string, (readonly string[])[]>();

  /** @param phrases folded, space-separated words */
  constructor(phrases: readonly string[]) {
    for (const p of phrases) {
      const words = p.split(' ').filter((w) => w !== '');
      const first = words[0];
      if (first === undefined) continue;
      let list = this.byFirst.get(first);
      if (!list) this.byFirst.set(first, (list = []));
      list.push(words);
    }
  }

  /** True when one of the phrases stands anywhere in the folded words. */
  occursIn(folded: readonly string[]): boolean {
    for (let i = 0; i < folded.length; i++) if (this.startsAt(folded, i)) return true;
    return false;
  }

  /** True when one of the phrases begins the folded words. */
  begins(folded: readonly string[]): boolean {
    return this.startsAt(folded, 0);
  }

  private startsAt(folded: readonly string[], i: number): boolean {
    const candidates = this.byFirst.get(folded[i] as string);
    if (!candidates) return false;
    outer: for (const words of candidates) {
      if (i + words.length > folded.length) continue;
      for (let k = 1; k < words.length; k++) if (folded[i + k] !== words[k]) continue outer;
      return true;
    }
    return false;
  }
}

/** Folds a list of words for {@link PhraseSet} look-ups. */
export function foldAll(tokens: readonly string[]): string[] {
  return tokens.map(foldSwedishLetters);
}
