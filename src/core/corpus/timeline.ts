import type { Moment } from './moments.js';
import type { FaqEntry, Timeline, TimelineUpdate } from './schema.js';
import { isValidAt } from './versions.js';

/** An update is shown from its validFrom, or else from its own date and time, until its validUntil. */
const windowOf = (u: TimelineUpdate) => ({ validFrom: u.validFrom ?? u.at, validUntil: u.validUntil });

/**
 * The updates shown at `at`, newest first: by date, then time (a date without a time counts from the
 * start of its day), and an update written later in the file before an earlier one of the same moment.
 * Pure: the caller's clock decides "now".
 */
export function updatesAt(timeline: Timeline, at: Date): TimelineUpdate[] {
  const ms = at.getTime();
  return timeline.updates
    .map((update, index) => ({ update, index }))
    .filter(({ update }) => isValidAt(windowOf(update), ms))
    .sort((a, b) => b.update.at.epochMs - a.update.at.epochMs || b.index - a.index)
    .map(({ update }) => update);
}

/** The newest update shown at `at`, if any. */
export function latestUpdateAt(timeline: Timeline, at: Date): TimelineUpdate | undefined {
  return updatesAt(timeline, at)[0];
}

/** Whether this entry's answer carries the latest update and the "Tidslinje" button. */
export function showsTimeline(timeline: Timeline, entry: FaqEntry): boolean {
  return timeline.entry === entry.id;
}

/** What is wrong with the timeline; updates are numbered from 1 in the order written. */
export type TimelineProblem =
  /** `entry` names no entry. */
  | { readonly kind: 'unknown-entry'; readonly id: string }
  /** The update's window ends before it starts: it is never shown. */
  | { readonly kind: 'empty'; readonly update: number; readonly date: string; readonly from: Moment; readonly until: Moment; readonly fromIsDate: boolean };

/** Cross-checks of timeline.yaml against the entries. */
export function timelineProblems(timeline: Timeline, entryIds: ReadonlySet<string>): TimelineProblem[] {
  const problems: TimelineProblem[] = [];
  if (!entryIds.has(timeline.entry)) problems.push({ kind: 'unknown-entry', id: timeline.entry });
  timeline.updates.forEach((u, i) => {
    const { validFrom, validUntil } = windowOf(u);
    if (validUntil !== undefined && validFrom.epochMs >= validUntil.epochMs) {
      problems.push({ kind: 'empty', update: i + 1, date: u.date, from: validFrom, until: validUntil, fromIsDate: u.validFrom === undefined });
    }
  });
  return problems;
}
