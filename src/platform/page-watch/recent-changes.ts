/**
 * The sink the service uses until the editors' workbench takes changes as drafts: it logs a summary
 * (never the page's text) and keeps the latest changes in memory, newest first, for the staff side to
 * show once it is wired (docs/official-page.md).
 */
import type { PageChange } from '../../content/page/index.js';
import type { Logger } from '../../logging/index.js';
import type { PageChangeSink } from './watcher.js';

export type DetectedChange = PageChange & { readonly detectedAt: string };

export interface RecentPageChanges extends PageChangeSink {
  /** The latest changes, newest first. */
  list(): readonly DetectedChange[];
}

export function createRecentPageChanges(logger: Logger, keep = 20): RecentPageChanges {
  const changes: DetectedChange[] = [];
  return {
    changed(change) {
      changes.unshift(change);
      changes.length = Math.min(changes.length, keep);
      logger.warn(
        {
          page: change.url,
          linesAdded: change.lines.filter((l) => l.op === 'added').length,
          linesRemoved: change.lines.filter((l) => l.op === 'removed').length,
          draftedUpdates: change.draftedUpdates.map((u) => u.date),
          entriesToReview: change.entriesToReview.map((e) => e.id),
          factsGone: change.factsGone.length,
        },
        'the official page changed: review the entries named and the drafted updates',
      );
      return Promise.resolve();
    },
    list: () => [...changes],
  };
}
