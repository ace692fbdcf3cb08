/**
 * The sink that files each change of the official page for the editors: the drafted timeline updates
 * as a draft in the content store (on the published version, validated like any other draft), and the
 * change itself (the diff, the entries to review with their reasons, the facts gone) in the page-change
 * log the staff side shows beside it. A draft that the corpus rules refuse is not lost: the change is
 * logged with the problems, for the editor to draft by hand. A store that fails throws, so the watcher
 * reports the change again next round.
 */
import { pageChangeDraft, type Actor, type ContentEditing } from '../../content/index.js';
import type { RecentPageChanges } from './recent-changes.js';
import type { PageChangeLog } from './sql-watch-store.js';

/** Who the audit log names as the draft's author (never a publisher: four eyes always applies). */
export const PAGE_WATCH_ACTOR: Actor = { name: 'Bevakning av officiella sidan', key: 'system:official-page-watch' };

export interface DraftPageChangeSinkOptions {
  /** Editing, once the staff store is open. */
  readonly editing: () => Promise<ContentEditing>;
  readonly log: PageChangeLog;
  /** Also told (it logs a summary and keeps the latest in memory). */
  readonly recent: RecentPageChanges;
}

export function createDraftPageChangeSink(options: DraftPageChangeSinkOptions): RecentPageChanges {
  return {
    async changed(change) {
      const editing = await options.editing();
      const latest = await editing.store.latest();
      const input = latest === undefined ? undefined : pageChangeDraft(change, latest);
      let draftId: number | null = null;
      const problems: string[] = [];
      if (input !== undefined) {
        // The page as it now reads states what the drafted updates say (a new helpline's number included).
        const outcome = await editing.createChange(input, PAGE_WATCH_ACTOR, { publicTexts: change.lines.filter((l) => l.op === 'added').map((l) => l.text) });
        if (outcome.ok) draftId = outcome.id;
        else if (outcome.reason === 'invalid') problems.push(...outcome.problems.map((p) => (p.field === '' ? p.message : `${p.file} ${p.field}: ${p.message}`)));
        else problems.push(`version ${input.baseVersion} is gone; draft the updates by hand`);
      }
      await options.log.record(change, draftId, problems);
      await options.recent.changed(change);
    },
    list: () => options.recent.list(),
  };
}
