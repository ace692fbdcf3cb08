/**
 * Text normalisation shared by the corpus index and every query, so both sides are folded identically.
 *
 * Swedish å, ä and ö are letters of their own: we keep them in everything a person sees, and the stemmer
 * sees them too (its suffix rules depend on them). Only the matching key is folded afterwards, by
 * {@link foldSwedishLetters}, so "lackt" typed on a foreign keyboard meets "läckt" in the corpus.
 */

const LETTER_FOLDS: Readonly<Record<string, string>> = Object.freeze({
  å: 'a',
  ä: 'a',
  ö: 'o',
  æ: 'a',
  ø: 'o',
  é: 'e',
  è: 'e',
  ê: 'e',
  ü: 'u',
  á: 'a',
  à: 'a',
  í: 'i',
  ó: 'o',
  ú: 'u',
});

const FOLDABLE = /[åäöæøéèêüáàíóú]/g;

/**
 * Folds the Swedish letters å/ä → a and ö → o (and a few foreign accents) for matching keys only.
 * Named, not hidden: it is applied after stemming, to corpus and query alike.
 */
export function foldSwedishLetters(word: string): string {
  // Most words have nothing to fold: checking first is several times cheaper than replacing.
  for (let i = 0; i < word.length; i++) {
    if (word.charCodeAt(i) >= 0xc0) return word.replace(FOLDABLE, (c) => LETTER_FOLDS[c] ?? c);
  }
  return word;
}

// Anything that is not a letter or a digit separates words. Apostrophes inside words ("municipality's")
// are dropped so the English possessive becomes one token.
const APOSTROPHES = /['’`´]/g;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/** Lower-cases (Unicode-aware, NFC) and splits into word tokens. Never throws; "" gives []. */
export function tokenize(text: string): string[] {
  const cleaned = text.normalize('NFC').toLocaleLowerCase('sv-SE').replace(APOSTROPHES, '');
  return cleaned.split(SEPARATORS).filter((t) => t.length > 0);
}

/** Normalises a phrase for exact comparison: tokens joined by single spaces. */
export function normalizePhrase(text: string): string {
  return tokenize(text).join(' ');
}

/** The same phrase with Swedish letters folded: "Läckt?" and "lackt" give the same value. */
export function foldedPhrase(text: string): string {
  return foldSwedishLetters(normalizePhrase(text));
}
