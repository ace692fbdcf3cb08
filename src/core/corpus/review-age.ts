import type { FaqEntry } from './schema.js';

/** An entry whose answer an editor last reviewed longer ago than the review age allows. */
export interface StaleEntry {
  readonly id: string;
  readonly lastReviewed: string;
  /** Whole days from `lastReviewed` to `today`. */
  readonly ageDays: number;
}

export interface ReviewAge {
  /** Entries reviewed more than `maxAgeDays` ago, oldest first. */
  readonly stale: readonly StaleEntry[];
  /** Entries with no `lastReviewed`: no editor has recorded a review. */
  readonly neverReviewed: readonly string[];
}

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string) => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);

/**
 * Which answers are due for a review on `today` (YYYY-MM-DD): reviewed more than `maxAgeDays` ago, or
 * never. Calendar days, so the result does not depend on the time of day or the process time zone.
 */
export function reviewAge(entries: readonly FaqEntry[], today: string, maxAgeDays: number): ReviewAge {
  const now = dayNumber(today);
  const stale: StaleEntry[] = [];
  const neverReviewed: string[] = [];
  for (const entry of entries) {
    if (entry.lastReviewed === undefined) {
      neverReviewed.push(entry.id);
      continue;
    }
    const ageDays = now - dayNumber(entry.lastReviewed);
    if (ageDays > maxAgeDays) stale.push({ id: entry.id, lastReviewed: entry.lastReviewed, ageDays });
  }
  stale.sort((a, b) => b.ageDays - a.ageDays || a.id.localeCompare(b.id));
  return { stale, neverReviewed };
}
