import type { FaqEntry } from '../../core/index.js';

/**
 * How often each entry was answered, in memory for the life of the process: the message extension's
 * empty search lists the most-used entries. Lost on restart by design (no resident data is kept).
 */
export class UsageCounter {
  private readonly counts = new Map<string, number>();

  record(id: string): void {
    this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
  }

  /** Entries by use, most first; ties (and never-used entries) keep corpus order. */
  mostUsed(entries: readonly FaqEntry[]): FaqEntry[] {
    return entries
      .map((entry, index) => ({ entry, index, count: this.counts.get(entry.id) ?? 0 }))
      .sort((a, b) => b.count - a.count || a.index - b.index)
      .map((x) => x.entry);
  }
}
