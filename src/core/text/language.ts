import type { Lang } from '../corpus/schema.js';
import { tokenize } from './normalize.js';

// Short function words that are frequent in one language and rare in the other. A handful is
// enough for chat-length questions; å/ä/ö decide for Swedish outright.
const SWEDISH = new Set(
  'och att det som är en ett jag du har inte på med för till av om kan vad hur när var vem min mina mitt ni er kommer blir får ska vill finns något någon eller men så nu'.split(' '),
);
const ENGLISH = new Set(
  'the and is are was were to of in on for my your you i it what how when where who can will could would do does did has have be been with about is this that there an a any our their which why please'.split(' '),
);

/**
 * Guesses the language of a question: Swedish unless the words are clearly English.
 * Returns `undefined` when there is no evidence either way (e.g. a single unknown word).
 */
export function detectLanguage(text: string): Lang | undefined {
  return detectLanguageOfTokens(tokenize(text));
}

/** {@link detectLanguage} on text already tokenized (lower-case). */
export function detectLanguageOfTokens(tokens: readonly string[]): Lang | undefined {
  let sv = 0;
  let en = 0;
  for (const t of tokens) {
    if (/[åäö]/.test(t)) return 'sv';
    if (SWEDISH.has(t)) sv++;
    if (ENGLISH.has(t)) en++;
  }
  if (en > sv) return 'en';
  if (sv > en) return 'sv';
  return undefined;
}
