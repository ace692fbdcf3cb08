import type { Corpus, Lang } from '../corpus/schema.js';
import { splitCompound } from '../words/compound.js';
import { TypoCorrector } from '../words/typo-corrector.js';
import { Analyzer, CONCEPT_PREFIX, wordReadingBytes, type WordReading } from '../text/analyzer.js';
import { foldSwedishLetters, tokenize } from '../text/normalize.js';
import { isOverlongWord } from '../text/word-limits.js';
import { ByteBoundedCache, cacheScale, stringArrayBytes } from '../cache/byte-bounded-cache.js';
import type { Segment } from '../understand/segments.js';

/** How a feature of the message was found: for explanations. */
export type FeatureVia = 'exact' | 'synonym' | 'compound' | 'typo' | 'unknown';

/**
 * Prefix of the placeholder feature for a meaningful word the corpus does not know. It never enters
 * the model (no key starts with it), but it tells the calibrator how much of a message went unread.
 */
export const UNKNOWN_PREFIX = '?';

/** One meaningful word (or synonym phrase, or word pair) of a message, with the weight it counts with. */
export interface MessageFeature {
  readonly key: string;
  /** The largest weight of any segment it stands in, times the credit of how it was found. */
  readonly weight: number;
  /** The words as written (lower-case). */
  readonly token: string;
  readonly via: FeatureVia;
}

export interface FeaturizerOptions {
  /** Credit for a word matched through the parts of a compound ("decemberutbetalningen"). */
  readonly compoundCredit: number;
  /** Credit lost per edit when a misspelt word is read as a corpus word. */
  readonly typoPenaltyPerEdit: number;
  /** Segments weighing less than this are not typo-corrected (names and places live there). */
  readonly typoMinSegmentWeight: number;
  /** Weight of a pair of neighbouring meaningful words, relative to a single word. */
  readonly pairWeight: number;
  /** Keep Swedish function words ("när", "vem", "inte") as features: the classifier weighs them. */
  readonly keepFunctionWords: boolean;
  /** Weight of the letter n-grams of meaningful words (0 = none), relative to a whole word. */
  readonly gramWeight: number;
  /** Letters per n-gram. */
  readonly gramLength: number;
}

export const DEFAULT_FEATURIZER_OPTIONS: FeaturizerOptions = Object.freeze({
  compoundCredit: 0.85,
  typoPenaltyPerEdit: 0.15,
  typoMinSegmentWeight: 0.5,
  pairWeight: 0.25,
  keepFunctionWords: true,
  gramWeight: 0.15,
  gramLength: 4,
});

/** Prefix of the features for a pair of neighbouring words. */
export const PAIR_PREFIX = '+';
/** Prefix of the letter n-gram features ("#lack"). */
export const GRAM_PREFIX = '#';

/** Whether a feature key stands for a word or synonym concept (not a letter group, a word pair or a placeholder). */
export function isWordKey(key: string): boolean {
  return !key.startsWith(GRAM_PREFIX) && !key.startsWith(PAIR_PREFIX) && !key.startsWith(UNKNOWN_PREFIX);
}

/** Budgets of the compound and word caches, in bytes (entry counts let long words fill the heap, issue #18). */
const COMPOUND_CACHE_BYTES = 2 * 1024 * 1024;
const WORD_CACHE_BYTES = 4 * 1024 * 1024;

/**
 * What the featurizer needs of one word as typed, in both languages, worked out once. A message's words
 * are each looked up once here: asking each language's analyzer, the stop-word lists and the n-gram
 * cache one after the other cost six look-ups per word in large tables, much of a message's time.
 */
interface WordRecord {
  readonly sv: WordReading;
  readonly en: WordReading;
  /** A word with meaning of its own: a function word in neither language, and not a lone letter or number. */
  readonly content: boolean;
  /** Its letter n-gram keys ("#<lac", "#lack", …) when a content word is long enough for them; else none. */
  readonly grams: readonly string[];
}

const NO_GRAMS: readonly string[] = Object.freeze([]);

/** A record, its two readings and their keys (shared with the analyzers' caches, counted again: the estimate errs high), and its n-grams. */
function wordRecordBytes(r: WordRecord): number {
  return 48 + wordReadingBytes(r.sv) + wordReadingBytes(r.en) + (r.grams.length > 0 ? stringArrayBytes(r.grams) : 0);
}

/**
 * Turns a message's weighed segments into features: the folded stems and synonym concepts of both
 * languages (a resident may mix them), compound parts and typo corrections for words the corpus does
 * not know, and pairs of neighbouring words ("söka bistånd" is not "få bistånd"). A word the corpus
 * never uses yields nothing: names, ages and places neither help nor hurt.
 */
export class Featurizer {
  private readonly analyzers: Readonly<Record<Lang, Analyzer>>;
  private readonly known: ReadonlySet<string>;
  private readonly typos: TypoCorrector;
  private readonly options: FeaturizerOptions;
  private readonly compoundCache: ByteBoundedCache<readonly string[]>;
  private readonly wordCache: ByteBoundedCache<WordRecord>;
  /** The first three letters of every key a compound's part may have: see {@link mayHaveKnownKey}. */
  private readonly knownKeyStarts: ReadonlySet<string>;

  constructor(corpus: Corpus, options: Partial<FeaturizerOptions> = {}) {
    this.options = Object.freeze({ ...DEFAULT_FEATURIZER_OPTIONS, ...options });
    const texts: string[] = [];
    for (const e of corpus.entries) for (const lang of ['sv', 'en'] as const) texts.push(e.question[lang], ...e.phrasings[lang]);
    for (const lang of ['sv', 'en'] as const) texts.push(...corpus.outOfScope[lang]);
    const tokenized = texts.map((t) => tokenize(t));
    // The word caches grow with the corpus's vocabulary (bounded: see cacheScale).
    const scale = cacheScale(new Set(tokenized.flat()).size);
    this.compoundCache = new ByteBoundedCache<readonly string[]>(COMPOUND_CACHE_BYTES * scale, stringArrayBytes);
    this.wordCache = new ByteBoundedCache<WordRecord>(WORD_CACHE_BYTES * scale, wordRecordBytes);
    const analyzer = (lang: Lang) =>
      new Analyzer({ lang, synonymGroups: corpus.synonyms.groups, extraStopwords: corpus.stopwords[lang], keepWords: corpus.stopwords.keep, cacheScale: scale });
    this.analyzers = { sv: analyzer('sv'), en: analyzer('en') };

    const known = new Set<string>();
    const surface = new Map<string, string>();
    for (const tokens of tokenized) {
      for (const lang of ['sv', 'en'] as const) {
        const a = this.analyzers[lang];
        for (const u of a.analyzeTokens(tokens)) known.add(u.key);
        for (const t of tokens) if (!a.isStopword(t)) surface.set(foldSwedishLetters(t), a.resolveWord(t));
      }
    }
    for (const lang of ['sv', 'en'] as const) for (const [word, concept] of this.analyzers[lang].synonymSurfaceWords()) surface.set(word, concept);
    this.known = known;
    this.knownKeyStarts = keyStarts([...known, ...this.analyzers.sv.synonymWordKeys()]);
    this.typos = new TypoCorrector(
      new Map([...surface].filter(([, key]) => known.has(key))),
      { minLength: 4, twoEditLength: 7, fuseThreshold: 0.3, penaltyPerEdit: this.options.typoPenaltyPerEdit, cacheScale: scale },
    );
  }

  /** Estimated bytes held by every word cache behind the featurizer (tests check the bound). */
  cacheBytes(): number {
    return this.compoundCache.bytes + this.wordCache.bytes + this.typos.cacheBytes + this.analyzers.sv.cacheBytes + this.analyzers.en.cacheBytes;
  }

  /** Whether a unit key occurs in the corpus. */
  isKnown(key: string): boolean {
    return this.known.has(key);
  }

  /** The features of a message, each once, with its largest weight. */
  features(segments: readonly Segment[]): MessageFeature[] {
    const byKey = new Map<string, MessageFeature>();
    const { sv, en } = this.analyzers;
    for (const segment of segments) {
      const w = segment.weight;
      if (w <= 0) continue;
      const words = segment.tokens.map((t) => this.wordOf(t));
      // Both languages' analyses, since residents mix them; a word that is a function word in either
      // language ("med", "the") is dropped from the other's analysis too.
      const svUnits = sv.analyzeReadings(segment.tokens, words.map((r) => r.sv), this.options.keepFunctionWords);
      const enUnits = en.analyzeReadings(segment.tokens, words.map((r) => r.en)).filter((u) => u.token.includes(' ') || !(words[u.at] as WordRecord).sv.stop);
      const enKnown = new Map<string, string>();
      for (const u of enUnits) if (this.known.has(u.key)) enKnown.set(u.token, u.key);
      let previous: string | undefined;
      const done = new Set<string>();
      for (const u of svUnits) {
        const phrase = u.token.includes(' ');
        const word = words[u.at] as WordRecord;
        const svStop = !phrase && word.sv.stop;
        const enStop = !phrase && word.en.stop;
        if (enStop && !svStop) continue;
        const resolved = this.resolve(u.key, u.token, enKnown.get(u.token), w, segment.names);
        for (const r of resolved) addFeature(byKey, r.key, w * r.credit, u.token, r.via);
        const content = !phrase && word.content;
        if (resolved.length === 0 && !enKnown.has(u.token) && content) addFeature(byKey, UNKNOWN_PREFIX + u.token, w, u.token, 'unknown');
        if (!phrase) for (const gram of word.grams) addFeature(byKey, gram, w * this.options.gramWeight, u.token, 'exact');
        done.add(u.token);
        const head = resolved[0]?.key;
        if (head !== undefined && previous !== undefined) addFeature(byKey, `${PAIR_PREFIX}${previous} ${head}`, w * this.options.pairWeight, u.token, 'exact');
        if (head !== undefined) previous = head;
      }
      for (const u of enUnits) {
        if (this.known.has(u.key)) addFeature(byKey, u.key, w, u.token, u.key.startsWith(CONCEPT_PREFIX) ? 'synonym' : 'exact');
        else if (!done.has(u.token)) for (const r of this.resolve(u.key, u.token, undefined, w, segment.names)) addFeature(byKey, r.key, w * r.credit, u.token, r.via);
      }
    }
    return [...byKey.values()];
  }

  /** One word of a message as both languages read it, cached (words repeat); a word longer than any real one is never kept. */
  private wordOf(token: string): WordRecord {
    let record = this.wordCache.get(token);
    if (record === undefined) {
      const svReading = this.analyzers.sv.read(token);
      const enReading = this.analyzers.en.read(token);
      const content = !svReading.stop && !enReading.stop && token.length >= 2 && LETTER.test(token);
      const grams = this.options.gramWeight > 0 && content && token.length >= 5 && !isOverlongWord(token) ? this.gramsOf(token) : NO_GRAMS;
      record = { sv: svReading, en: enReading, content, grams };
      if (!isOverlongWord(token)) this.wordCache.set(token, record);
    }
    return record;
  }

  /** A Swedish unit: known as it is, known in English, a compound of known words, a typo, or nothing. */
  private resolve(key: string, token: string, englishKey: string | undefined, segmentWeight: number, names: readonly string[]): { key: string; credit: number; via: FeatureVia }[] {
    if (this.known.has(key)) return [{ key, credit: 1, via: key.startsWith(CONCEPT_PREFIX) ? 'synonym' : 'exact' }];
    if (englishKey !== undefined) return [];
    if (key.startsWith(CONCEPT_PREFIX) || token.includes(' ') || /\d/.test(token) || isOverlongWord(token)) return [];
    const parts = this.compoundParts(token, key);
    if (parts.length > 0) return parts.map((p) => ({ key: p, credit: this.options.compoundCredit, via: 'compound' as const }));
    // Names and places are written with a capital letter: not misspellings of corpus words.
    if (segmentWeight < this.options.typoMinSegmentWeight || names.includes(token)) return [];
    const typo = this.typos.correct(foldSwedishLetters(token));
    return typo ? [{ key: typo.key, credit: typo.credit, via: 'typo' }] : [];
  }

  /** The letter n-gram keys of a word ("<lack", "lack", "ackt", "ckt>"). */
  private gramsOf(token: string): readonly string[] {
    const g = this.options.gramLength;
    const word = `<${foldSwedishLetters(token)}>`;
    const out: string[] = [];
    for (let i = 0; i + g <= word.length; i++) out.push(`${GRAM_PREFIX}${word.slice(i, i + g)}`);
    return out;
  }

  private compoundParts(token: string, key: string): readonly string[] {
    let parts = this.compoundCache.get(token);
    if (parts === undefined) {
      parts = splitCompound(token, (w) => this.analyzers.sv.resolveWord(w), this.known, key, false, (w) => this.mayHaveKnownKey(w));
      this.compoundCache.set(token, parts);
    }
    return parts;
  }

  /**
   * Whether a part of a compound (three letters or more) may have a known key, before stemming it: a
   * Swedish Snowball stem only cuts a word's ending, never into its first three letters (its R1 region
   * begins at the third letter at the earliest), so a part's key begins with its own first three letters,
   * folded. Most parts of an unknown word begin no known key, and stemming each of them was most of the
   * cost of a misspelt word. tests/core/swedish-text.test.ts checks the stemmer still behaves so.
   */
  private mayHaveKnownKey(part: string): boolean {
    return this.knownKeyStarts.has(foldSwedishLetters(part.slice(0, KEY_START)));
  }
}

/** Letters a Swedish stem always keeps of a word of at least that many. */
const KEY_START = 3;

/** The first letters of each key that has them ({@link KEY_START} of them: a shorter key is no compound part's). */
function keyStarts(keys: Iterable<string>): Set<string> {
  const starts = new Set<string>();
  for (const k of keys) if (k.length >= KEY_START) starts.add(k.slice(0, KEY_START));
  return starts;
}

const LETTER = /\p{L}/u;

/** Adds a feature, or raises the weight of one already there (a module function: no closure per message). */
function addFeature(byKey: Map<string, MessageFeature>, key: string, weight: number, token: string, via: FeatureVia): void {
  if (weight <= 0) return;
  const had = byKey.get(key);
  if (!had || had.weight < weight) byKey.set(key, { key, weight, token, via });
}
