/**
 * A memo bounded by an estimate of the bytes it holds, not by its number of entries: an entry count
 * lets a flood of long made-up words keep megabytes per thousand words alive (issue #18). Past the
 * budget the oldest entries go first (insertion order), so new words keep being served and memory
 * stays flat whatever arrives.
 *
 * Values are held as they are, not wrapped with their size: every get of every word of every message
 * goes through here, and a wrapper was one more object to reach in memory per look-up. An entry's size
 * is worked out again when it leaves, so a value must not change size once it is stored.
 */
export class ByteBoundedCache<V> {
  private readonly entries = new Map<string, V>();
  private heldBytes = 0;

  /**
   * @param maxBytes the budget for keys, values and bookkeeping together
   * @param valueBytes an estimate of one value's size in bytes (the same for as long as the value is held)
   */
  constructor(
    readonly maxBytes: number,
    private readonly valueBytes: (value: V) => number,
  ) {}

  /** The estimated bytes held now (always ≤ maxBytes). */
  get bytes(): number {
    return this.heldBytes;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Remembers a value; one larger than a sixteenth of the budget is not kept (it would evict too much). */
  set(key: string, value: V): void {
    const bytes = this.entryBytes(key, value);
    if (bytes > this.maxBytes / 16) return;
    if (this.entries.has(key)) {
      this.heldBytes -= this.entryBytes(key, this.entries.get(key) as V);
      this.entries.delete(key);
    }
    while (this.heldBytes + bytes > this.maxBytes) {
      const oldest = this.entries.entries().next();
      if (oldest.done === true) break;
      this.heldBytes -= this.entryBytes(oldest.value[0], oldest.value[1]);
      this.entries.delete(oldest.value[0]);
    }
    this.entries.set(key, value);
    this.heldBytes += bytes;
  }

  private entryBytes(key: string, value: V): number {
    return ENTRY_OVERHEAD_BYTES + stringBytes(key) + this.valueBytes(value);
  }

  clear(): void {
    this.entries.clear();
    this.heldBytes = 0;
  }
}

/**
 * The vocabulary (distinct words of the corpus's questions, phrasings and off-topic questions) the word
 * caches' budgets are sized for: a corpus like ours (about 4,000). A corpus with more words to remember
 * gets proportionally more, up to {@link MAX_CACHE_SCALE} times: a 10,000-entry corpus's build re-stemmed
 * and re-corrected the same words over and over in caches sized for a few hundred entries.
 */
export const REFERENCE_VOCABULARY = 4_000;
export const MAX_CACHE_SCALE = 4;

/** How many times its base budget a word cache gets for a corpus of `vocabulary` distinct words (1–4). */
export function cacheScale(vocabulary: number): number {
  return Math.min(MAX_CACHE_SCALE, Math.max(1, vocabulary / REFERENCE_VOCABULARY));
}

// A Map slot and its share of the table: generous (it once also paid for a record around each value), so the estimate errs high.
const ENTRY_OVERHEAD_BYTES = 64;

/** A string's heap size, counted as two bytes a character (V8 keeps non-Latin-1 text that way). */
export function stringBytes(s: string): number {
  return 16 + 2 * s.length;
}

/** An array of strings' heap size. */
export function stringArrayBytes(items: readonly string[]): number {
  let bytes = 16 + 8 * items.length;
  for (const s of items) bytes += stringBytes(s);
  return bytes;
}
