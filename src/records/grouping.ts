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

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const k of a) if (b.has(k)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/**
 * Groups questions that say the same thing. Questions with identical keys form buckets; buckets are
 * then merged, largest first, into the group whose keys they overlap most (at least `minSimilarity`).
 * Only groups sharing a key are compared, so a month of questions groups in milliseconds.
 */
export function groupSimilar<T extends { readonly text: string; readonly lang: Lang }>(items: readonly T[], keysOf: KeysOf, minSimilarity = DEFAULT_MIN_SIMILARITY): Group<T>[] {
  const cache = new Map<string, ReadonlySet<string>>();
  const keySet = (item: T): ReadonlySet<string> => {
    const cacheKey = `${item.lang}\n${item.text}`;
    let keys = cache.get(cacheKey);
    if (!keys) {
      const analysed = keysOf(item.text, item.lang);
      // Text the engine finds nothing in (gibberish, only stop words) still groups by its own words.
      keys = new Set(analysed.length > 0 ? analysed : tokenize(item.text).map((t) => `#${foldSwedishLetters(t)}`));
      cache.set(cacheKey, keys);
    }
    return keys;
  };

  // Members are kept as indices into `items`, so each group can return them in the order given.
  const buckets = new Map<string, { keys: ReadonlySet<string>; members: number[]; first: number }>();
  items.forEach((item, index) => {
    const keys = keySet(item);
    const id = [...keys].sort().join(' ');
    const bucket = buckets.get(id);
    if (bucket) bucket.members.push(index);
    else buckets.set(id, { keys, members: [index], first: index });
  });

  const groups: { keys: ReadonlySet<string>; members: number[]; first: number }[] = [];
  const byKey = new Map<string, number[]>();
  for (const bucket of [...buckets.values()].sort((a, b) => b.members.length - a.members.length || a.first - b.first)) {
    let best = -1;
    let bestScore = 0;
    const seen = new Set<number>();
    for (const k of bucket.keys) {
      for (const g of byKey.get(k) ?? []) {
        if (seen.has(g)) continue;
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
    for (const k of bucket.keys) byKey.set(k, [...(byKey.get(k) ?? []), index]);
  }
  return groups
    .sort((a, b) => b.members.length - a.members.length || a.first - b.first)
    .map((g) => ({ keys: g.keys, members: g.members.sort((a, b) => a - b).flatMap((i) => items[i] ?? []) }));
}
