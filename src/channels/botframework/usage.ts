import type { FaqEntry } from '../../core/index.js';
import type { Counters } from '../../state/index.js';

export interface UsageCounterOptions {
  /** How old the shared counts may be before the next query fetches them again, in ms. */
  readonly refreshMs?: number;
  /** "Now" in ms (tests). */
  readonly now?: () => number;
}

/** The shared store's namespace of answer counts. */
export const USAGE_NAMESPACE = 'answer-usage';

/**
 * How often each entry was answered: the message extension's empty search lists the most-used entries.
 * Counted in the shared store (so every instance counts, and sees, all answers) with a local copy that
 * answers at once and is refreshed from the store in the background. Only entry ids are counted: no
 * resident data is kept.
 */
export class UsageCounter {
  private snapshot = new Map<string, number>();
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly counters: Counters,
    private readonly options: UsageCounterOptions = {},
  ) {}

  /** Counts one answer of entry `id` (locally at once; in the store without waiting for it). */
  record(id: string): void {
    this.snapshot.set(id, (this.snapshot.get(id) ?? 0) + 1);
    void this.counters.increment(id);
  }

  /** Entries by use, most first; ties (and never-used entries) keep corpus order. */
  mostUsed(entries: readonly FaqEntry[]): FaqEntry[] {
    if (this.now() - this.fetchedAt > (this.options.refreshMs ?? 5000)) void this.refresh();
    return entries
      .map((entry, index) => ({ entry, index, count: this.snapshot.get(entry.id) ?? 0 }))
      .sort((a, b) => b.count - a.count || a.index - b.index)
      .map((x) => x.entry);
  }

  /** Fetches the shared counts now. An empty answer (e.g. Redis down) keeps the counts already known. */
  refresh(): Promise<void> {
    this.fetchedAt = this.now();
    this.refreshing ??= this.counters
      .all()
      .then((all) => {
        if (all.size > 0) this.snapshot = new Map(all);
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
