import stopword from 'stopword';
import type { Lang } from '../corpus/schema.js';
import { foldSwedishLetters } from './normalize.js';

/**
 * Stop words per language: the `stopword` package's lists plus the corpus's own filler words
 * (faq-data/stopwords.yaml). Compared after folding, so "nar" is as empty as "när".
 * Words the synonym list names are domain words and are never stop words.
 */
export function buildStopwords(
  lang: Lang,
  extra: readonly string[],
  keep: readonly string[],
  domainWords: ReadonlySet<string>,
): ReadonlySet<string> {
  const kept = new Set(keep.map((w) => foldSwedishLetters(w.toLocaleLowerCase('sv-SE'))));
  const base = lang === 'sv' ? stopword.swe : stopword.eng;
  const out = new Set<string>();
  for (const w of [...base, ...extra]) {
    const folded = foldSwedishLetters(w.toLocaleLowerCase('sv-SE'));
    if (!domainWords.has(folded) && !kept.has(folded)) out.add(folded);
  }
  return out;
}
