import { foldSwedishLetters, tokenize, type Lang } from '../core/index.js';

/** A question's matching keys: folded stems and synonym concepts, as the FAQ engine analyses it. */
export type KeysOf = (text: string, lang: Lang) => readonly string[];

export interface Group<T> {
  /** Members, in the order given (newest first when the store's order is kept). */
  readonly members: T[];
  /** The keys of the group's first (largest) bucket, which others are compared with. */
  readonly keys: ReadonlySet<string>;
}

/** Two questions whose keys overlap at least this much (Jaccard) are the same question. */
export const DEFAULT_MIN_SIMILARITY = 0.5;

/**
 * A key shared by more groups than this is a common word: it does not make candidates. Together with the
 * cap on candidates per bucket, each question costs a bounded number of comparisons, so grouping is
 * linear in the number of questions (issue #18: 5,000 planted questions sharing words took 10–45 s).
 */
const MAX_GROUPS_PER_KEY = 200;
/** Groups a bucket is compared with at most, found through its rarest keys first. */
const MAX_CANDIDATES = 64;
/** Keys of one question looked at, at most (a 500-character question has fewer). */
const MAX_KEYS = 64;

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const k of a) if (b.has(k)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/**
 * Groups questions that say the same thing. Questions with identical keys form buckets; buckets are
 * then merged, largest first, into the group whose keys they overlap most (at least `minSimilarity`).
 * Only groups sharing an uncommon key are compared, at most MAX_CANDIDATES per bucket.
 */
export function groupSimilar<T extends { readonly text: string; readonly lang: Lang }>(items: readonly T[], keysOf: KeysOf, minSimilarity = DEFAULT_MIN_SIMILARITY): Group<T>[] {
  const steps = groupingSteps(items, keysOf, minSimilarity);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * The same grouping, handing the event loop back every few milliseconds: an editor's review of
 * thousands of questions never holds up a resident's reply or a health check.
 */
export async function groupSimilarYielding<T extends { readonly text: string; readonly lang: Lang }>(
  items: readonly T[],
  keysOf: KeysOf,
  minSimilarity = DEFAULT_MIN_SIMILARITY,
  sliceMs = 8,
): Promise<Group<T>[]> {
  const steps = groupingSteps(items, keysOf, minSimilarity);
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

/** How many items (or buckets) are handled between two chances to yield. */
const STEP_ITEMS = 32;

function* groupingSteps<T extends { readonly text: string; readonly lang: Lang }>(items: readonly T[], keysOf: KeysOf, minSimilarity: number): Generator<void, Group<T>[]> {
  const cache = new Map<string, ReadonlySet<string>>();
  const keySet = (item: T): ReadonlySet<string> => {
    const cacheKey = `${item.lang}\n${item.text}`;
    let keys = cache.get(cacheKey);
    if (!keys) {
      const analysed = keysOf(item.text, item.lang);
      // Text the engine finds nothing in (gibberish, only stop words) still groups by its own words.
      const words = analysed.length > 0 ? analysed : tokenize(item.text).map((t) => `#${foldSwedishLetters(t)}`);
      keys = new Set(words.slice(0, MAX_KEYS));
      cache.set(cacheKey, keys);
    }
    return keys;
  };

  // Members are kept as indices into `items`, so each group can return them in the order given.
  const buckets = new Map<string, { keys: ReadonlySet<string>; members: number[]; first: number }>();
  for (const [index, item] of items.entries()) {
    const keys = keySet(item);
    const id = [...keys].sort().join(' ');
    const bucket = buckets.get(id);
    if (bucket) bucket.members.push(index);
    else buckets.set(id, { keys, members: [index], first: index });
    if (index % STEP_ITEMS === STEP_ITEMS - 1) yield;
  }

  const groups: { keys: ReadonlySet<string>; members: number[]; first: number }[] = [];
  const byKey = new Map<string, number[]>();
  let handled = 0;
  for (const bucket of [...buckets.values()].sort((a, b) => b.members.length - a.members.length || a.first - b.first)) {
    if (++handled % STEP_ITEMS === 0) yield;
    let best = -1;
    let bestScore = 0;
    const seen = new Set<number>();
    // Rarest keys first: they point at the likeliest groups; common words point nowhere.
    const postings = [...bucket.keys].map((k) => byKey.get(k) ?? []).filter((p) => p.length > 0 && p.length <= MAX_GROUPS_PER_KEY);
    postings.sort((a, b) => a.length - b.length);
    search: for (const posting of postings) {
      for (const g of posting) {
        if (seen.has(g)) continue;
        if (seen.size >= MAX_CANDIDATES) break search;
        seen.add(g);
        const target = groups[g];
        const score = target ? jaccard(bucket.keys, target.keys) : 0;
        if (score > bestScore) [best, bestScore] = [g, score];
      }
    }
    const target = best >= 0 && bestScore >= minSimilarity ? groups[best] : undefined;
    if (target) {
      target.members.push(...bucket.members);
      target.first = Math.min(target.first, bucket.first);
      continue;
    }
    const index = groups.push({ keys: bucket.keys, members: [...bucket.members], first: bucket.first }) - 1;
    for (const k of bucket.keys) {
      const posting = byKey.get(k);
      if (posting === undefined) byKey.set(k, [index]);
      // Past the cap the key is common and never read again: no need to keep growing its list.
      else if (posting.length <= MAX_GROUPS_PER_KEY) posting.push(index);
    }
  }
  return groups
    .sort((a, b) => b.members.length - a.members.length || a.first - b.first)
    .map((g) => ({ keys: g.keys, members: g.members.sort((a, b) => a - b).flatMap((i) => items[i] ?? []) }));
}
