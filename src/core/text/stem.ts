import { newStemmer } from 'snowball-stemmers';
import type { Lang } from '../corpus/schema.js';

/** A stemmer per language, from the Snowball project (maintained, rule-based, deterministic). */
export type Stem = (word: string) => string;

export function createStemmer(lang: Lang): Stem {
  const stemmer = newStemmer(lang === 'sv' ? 'swedish' : 'english');
  return (word) => stemmer.stem(word);
}
