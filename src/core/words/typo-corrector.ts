import Fuse from 'fuse.js';
import { boundedEditDistance } from './edit-distance.js';
import { ByteBoundedCache, stringBytes } from '../cache/byte-bounded-cache.js';
import { isOverlongWord } from '../text/word-limits.js';

/** Budget of the corrections cache: ~25,000 spellings. */
const CORRECTION_CACHE_BYTES = 2 * 1024 * 1024;

export interface TypoOptions {
  /** Words shorter than this are never corrected ("mig" must not become "mil"). */
  readonly minLength: number;
  /** Words at least this long may be two edits away; shorter ones one edit. */
  readonly twoEditLength: number;
  /** fuse.js threshold for candidates (0 exact, 1 anything). */
  readonly fuseThreshold: number;
  /** Credit lost per edit. */
  readonly penaltyPerEdit: number;
  /** Times the corrections cache's base budget (see cacheScale); 1 when not given. */
  readonly cacheScale?: number;
}

export interface Correction {
  /** The unit key the misspelt word stands for. */
  readonly key: string;
  /** 1 minus the penalty for each edit. */
  readonly credit: number;
}

/**
 * Corrects misspelt words to words the corpus uses. fuse.js (bitap) proposes candidates; a bounded
 * edit distance on the whole word confirms them, because fuse also finds words that merely contain the
 * query. Candidates are grouped by first letter and length: a typo rarely changes the first letter and
 * changes the length by at most two, so each fuse search looks at a few dozen words, not the whole
 * vocabulary. Corrections are cached per word; the result does not depend on the cache.
 */
export class TypoCorrector {
  private readonly buckets = new Map<string, Bucket>();
  /** Bounded in bytes, not entries: see ByteBoundedCache. */
  private readonly cache: ByteBoundedCache<Correction | null>;

  /** @param targets folded surface word → the unit key it stands for */
  constructor(
    private readonly targets: ReadonlyMap<string, string>,
    private readonly options: TypoOptions,
  ) {
    this.cache = new ByteBoundedCache<Correction | null>(CORRECTION_CACHE_BYTES * (options.cacheScale ?? 1), (c) => (c === null ? 8 : 48 + stringBytes(c.key)));
    const grouped = new Map<string, string[]>();
    for (const word of targets.keys()) {
      if (word.length < options.minLength - 1) continue;
      const id = bucketId(word, word.length);
      let list = grouped.get(id);
      if (!list) grouped.set(id, (list = []));
      list.push(word);
    }
    for (const [id, words] of grouped) {
      this.buckets.set(id, {
        words,
        // Anchored at the word's start (a typo rarely moves it): bitap stops early on poor candidates.
        fuse: new Fuse(words, { includeScore: true, threshold: options.fuseThreshold, location: 0, distance: 10, isCaseSensitive: true, shouldSort: true }),
      });
    }
  }

  /** Estimated bytes of the corrections cache. */
  get cacheBytes(): number {
    return this.cache.bytes;
  }

  /** The closest corpus word within the edit bound, or null. `word` is folded and lower-case. */
  correct(word: string): Correction | null {
    // Longer than any real word: not a typo of one, and fuse's bitap on it costs ~20 ms (issue #18).
    if (word.length < this.options.minLength || isOverlongWord(word)) return null;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const maxEdits = word.length >= this.options.twoEditLength ? 2 : 1;
    let best: { key: string; dist: number; word: string } | null = null;
    // Same length and ±1 first; words two letters longer or shorter only when no one-edit word was found.
    const lengths = [word.length, word.length - 1, word.length + 1, word.length - 2, word.length + 2];
    for (const length of lengths) {
      const offset = Math.abs(length - word.length);
      if (offset > maxEdits || (best && best.dist <= offset)) continue;
      const bucket = this.buckets.get(bucketId(word, length));
      // Only hits within the edit bound count (below). When no word of the bucket is that close, fuse's
      // search cannot change the result: skipped, as it is for most unknown words (names, places, made-up
      // words), for which the check costs a fraction of the search.
      if (!bucket || !anyWithin(word, bucket.words, maxEdits)) continue;
      for (const hit of bucket.fuse.search(word, { limit: 5 })) {
        const dist = boundedEditDistance(word, hit.item, maxEdits);
        if (dist > maxEdits) continue;
        // Fewest edits wins; ties go to the alphabetically first word so the result is deterministic.
        if (best && (dist > best.dist || (dist === best.dist && hit.item >= best.word))) continue;
        const key = this.targets.get(hit.item);
        if (key !== undefined) best = { key, dist, word: hit.item };
      }
    }
    const result = best ? { key: best.key, credit: 1 - this.options.penaltyPerEdit * best.dist } : null;
    this.cache.set(word, result);
    return result;
  }
}

/** The corpus words of one first letter and length, and their fuse index. */
interface Bucket {
  readonly words: readonly string[];
  readonly fuse: Fuse<string>;
}

/** Whether some word is at most `maxEdits` edits from `word` (the distance gives up early on a far word). */
function anyWithin(word: string, words: readonly string[], maxEdits: number): boolean {
  for (const w of words) if (boundedEditDistance(word, w, maxEdits) <= maxEdits) return true;
  return false;
}

function bucketId(word: string, length: number): string {
  return `${word[0] ?? ''}${length}`;
}
