import type { Lang } from '../corpus/schema.js';
import { foldSwedishLetters, tokenize } from './normalize.js';
import { createStemmer, type Stem } from './stem.js';
import { buildStopwords } from './stopwords.js';
import { ByteBoundedCache, stringBytes } from '../cache/byte-bounded-cache.js';
import { isOverlongWord } from './word-limits.js';

/**
 * One meaningful word (or synonym phrase) of a text, reduced to a matching key.
 * `key` is the folded stem ("läckte" → "lack") or a synonym concept ("~hackad").
 */
export interface Unit {
  readonly key: string;
  /** The words as typed, lower-cased: for explanations and compound splitting. */
  readonly token: string;
  /** Where its (first) word stands among the tokens analysed. */
  readonly at: number;
}

/** Budget of the word-key cache: ~40,000 ordinary words. */
const KEY_CACHE_BYTES = 4 * 1024 * 1024;

/** Marks concept keys so they never collide with a word's key. */
export const CONCEPT_PREFIX = '~';

export interface AnalyzerOptions {
  readonly lang: Lang;
  /** Synonym groups: each member (word or phrase) is replaced by the group's concept key. */
  readonly synonymGroups: readonly (readonly string[])[];
  /** Filler words for this language on top of the standard list. */
  readonly extraStopwords: readonly string[];
  /** Words the standard stop-word list drops that carry meaning in this corpus. */
  readonly keepWords: readonly string[];
  /** Times the word cache's base budget (see cacheScale); 1 when not given. */
  readonly cacheScale?: number;
}

/**
 * Turns text into matching units for one language: tokenize → synonym phrases → stop words → stem → fold.
 * The corpus index and every query go through the same analyzer, so both sides are treated alike.
 */
export class Analyzer {
  readonly lang: Lang;
  private readonly stem: Stem;
  private readonly stopwords: ReadonlySet<string>;
  /** Member key sequence ("ekonomisk bistand") → concept key. */
  private readonly synonymPhrases = new Map<string, string>();
  /** First word key of a synonym phrase → the longest phrase (in words) that starts with it. */
  private readonly phraseLength = new Map<string, number>();
  /** One-word members as written, folded ("lackt", "läckte" → "lackte") → concept key. */
  private readonly surfaceMembers = new Map<string, string>();
  /**
   * What each word is, looked up once: its key, whether it is a stop word and how long a synonym phrase
   * it may begin (all asked of every word of every message, twice over for the two languages). Bounded in
   * bytes: an entry count let long made-up words fill the heap (issue #18).
   */
  private readonly wordCache: ByteBoundedCache<WordReading>;

  constructor(options: AnalyzerOptions) {
    this.lang = options.lang;
    this.wordCache = new ByteBoundedCache<WordReading>(KEY_CACHE_BYTES * (options.cacheScale ?? 1), wordReadingBytes);
    this.stem = createStemmer(options.lang);
    const domainWords = new Set<string>();
    for (const group of options.synonymGroups) {
      const first = group[0];
      if (first === undefined) continue;
      const concept = CONCEPT_PREFIX + tokenize(foldSwedishLetters(first)).join('_');
      for (const member of group) {
        const tokens = tokenize(member);
        if (tokens.length === 0) continue;
        for (const t of tokens) if (tokens.length === 1) domainWords.add(foldSwedishLetters(t));
        // The stop words are not known yet (synonyms decide them): keys straight from the stemmer.
        const seqKeys = tokens.map((t) => (isOverlongWord(t) ? foldSwedishLetters(t) : foldSwedishLetters(this.stem(t))));
        const seq = seqKeys.join(' ');
        const head = seqKeys[0] ?? '';
        this.phraseLength.set(head, Math.max(this.phraseLength.get(head) ?? 0, tokens.length));
        // The first group naming a phrase wins; later duplicates are ignored rather than re-mapped.
        if (!this.synonymPhrases.has(seq)) this.synonymPhrases.set(seq, concept);
        const only = tokens.length === 1 ? tokens[0] : undefined;
        if (only !== undefined && !this.surfaceMembers.has(foldSwedishLetters(only))) {
          this.surfaceMembers.set(foldSwedishLetters(only), this.synonymPhrases.get(seq) ?? concept);
        }
      }
    }
    this.stopwords = buildStopwords(options.lang, options.extraStopwords, options.keepWords, domainWords);
  }

  /** The folded stem of one lower-case word, before synonyms. */
  wordKey(token: string): string {
    return this.read(token).key;
  }

  /** What a word is (key, stop-word flag, synonym phrases it may begin), from the cache or worked out once. */
  read(token: string): WordReading {
    // No real word is this long: folded as it is (no stemming), never cached, the same for corpus and query.
    if (isOverlongWord(token)) {
      const folded = foldSwedishLetters(token);
      return this.reading(folded, this.stopwords.has(folded));
    }
    let reading = this.wordCache.get(token);
    if (reading === undefined) {
      reading = this.reading(foldSwedishLetters(this.stem(token)), this.stopwords.has(foldSwedishLetters(token)));
      this.wordCache.set(token, reading);
    }
    return reading;
  }

  private reading(key: string, stop: boolean): WordReading {
    return { key, stop, phraseLength: this.phraseLength.get(key) ?? 0 };
  }

  /** The key of one word after synonyms: a concept key when the word is a one-word synonym. */
  resolveWord(token: string): string {
    const key = this.wordKey(token);
    return this.synonymPhrases.get(key) ?? key;
  }

  /** The word keys (stems, folded) of every one-word synonym member. */
  synonymWordKeys(): string[] {
    return [...this.synonymPhrases.keys()].filter((k) => !k.includes(' '));
  }

  /** Every one-word synonym member as written (folded), with its concept key. */
  synonymSurfaceWords(): IterableIterator<[string, string]> {
    return this.surfaceMembers.entries();
  }

  /** Estimated bytes of the word-key cache (tests check the bound). */
  get cacheBytes(): number {
    return this.wordCache.bytes;
  }

  isStopword(token: string): boolean {
    return this.read(token).stop;
  }

  /** Units of a text, in order, without duplicates. */
  analyze(text: string): Unit[] {
    return this.analyzeTokens(tokenize(text));
  }

  /** Units of tokenized text; with `keepStopwords` function words become units too (for a classifier that weighs them itself). */
  analyzeTokens(tokens: readonly string[], keepStopwords = false): Unit[] {
    return this.analyzeReadings(tokens, tokens.map((t) => this.read(t)), keepStopwords);
  }

  /**
   * Units of tokenized text whose words were read already (`readings[i]` is {@link read} of `tokens[i]`):
   * the featurizer reads each word once for both languages and its own checks instead of looking it up
   * in every cache again.
   */
  analyzeReadings(tokens: readonly string[], readings: readonly WordReading[], keepStopwords = false): Unit[] {
    const units: Unit[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < tokens.length; ) {
      let matched = 0;
      // Only words that begin some synonym phrase need the phrase look-up (most words do not).
      const longest = readings[i]?.phraseLength ?? 0;
      if (longest > 0) {
        const phrases: string[] = [];
        let phrase = '';
        for (let len = 1; len <= Math.min(longest, tokens.length - i); len++) {
          phrase = len === 1 ? keyAt(readings, i) : `${phrase} ${keyAt(readings, i + len - 1)}`;
          phrases.push(phrase);
        }
        for (let len = phrases.length; len >= 1; len--) {
          const concept = this.synonymPhrases.get(phrases[len - 1] ?? '');
          if (concept !== undefined) {
            pushUnit(units, seen, concept, tokens.slice(i, i + len).join(' '), i);
            matched = len;
            break;
          }
        }
      }
      if (matched > 0) {
        i += matched;
        continue;
      }
      const key = keyAt(readings, i);
      if ((keepStopwords || !(readings[i] as WordReading).stop) && key.length > 0) pushUnit(units, seen, key, tokens[i] ?? '', i);
      i += 1;
    }
    return units;
  }
}

/** One word as the analyzer reads it. */
export interface WordReading {
  /** Its folded stem. */
  readonly key: string;
  readonly stop: boolean;
  /** The most words of a synonym phrase that begins with this word (0: it begins none). */
  readonly phraseLength: number;
}

/** Estimated heap size of a reading: the record with its flag and length, and its key. */
export function wordReadingBytes(r: WordReading): number {
  return 40 + stringBytes(r.key);
}

/** The key of the i-th word read, or '' past the end. */
function keyAt(readings: readonly WordReading[], i: number): string {
  return readings[i]?.key ?? '';
}

/** Adds a unit unless one with its key is there already (a module function: no closure per call). */
function pushUnit(units: Unit[], seen: Set<string>, key: string, token: string, at: number): void {
  if (seen.has(key)) return;
  seen.add(key);
  units.push({ key, token, at });
}
