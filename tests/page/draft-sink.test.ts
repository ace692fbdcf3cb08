import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CONTENT_MIGRATIONS, ContentEditing, ContentStore, readCorpusFiles } from '../../src/content/index.js';
import { comparePages, snapshotPage } from '../../src/content/page/index.js';
import { createLogger } from '../../src/logging/index.js';
import { createDraftPageChangeSink, createPageWatcher, createRecentPageChanges, createSqlPageStore, type SqlPageStore } from '../../src/platform/page-watch/index.js';
import { migrate, MIGRATIONS, openDatabase, type SqlDatabase } from '../../src/records/index.js';
import { FAQ_DATA_DIR } from '../support/corpus.js';
import { preparedDataDir } from '../support/embedded-template.js';
import { fixture, TODAY } from './fixtures.js';
import { serveLoopbackPage } from './loopback-page.js';

/** The sink that files page changes as drafts, on the embedded staff store (PGlite) with the real content store. */
const SEED = fixture('norrkoping-incident.html');
const URL_ = 'http://127.0.0.1/incident';
const before = snapshotPage({ body: SEED, format: 'html', url: URL_, today: TODAY });
const changeTo = (body: string) => {
  const change = comparePages(before, snapshotPage({ body, format: 'html', url: URL_, today: TODAY }));
  if (change === undefined) throw new Error('no change');
  return { ...change, detectedAt: '2026-12-07T04:00:00.000Z' };
};
const withParagraph = (text: string) => SEED.replace('<p class="normal">Tisdag den 6 december', `<p class="normal">${text}</p><p class="normal">Tisdag den 6 december`);

let dir: string;
let db: SqlDatabase;
let editing: ContentEditing;
let pages: SqlPageStore;
const logger = createLogger('silent');

beforeAll(async () => {
  dir = await preparedDataDir();
  db = await openDatabase({ dataDir: dir });
  await migrate(db, [...MIGRATIONS, ...CONTENT_MIGRATIONS]);
  const files = readCorpusFiles(FAQ_DATA_DIR);
  if (!files.ok) throw new Error(files.problems.join('\n'));
  const store = new ContentStore(db, () => new Date('2026-12-07T04:00:00Z'));
  await store.seedIfEmpty(files.files, 'faq-data');
  editing = new ContentEditing({ store, fourEyes: true });
  pages = createSqlPageStore(db);
}, 60_000);
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sink = () => createDraftPageChangeSink({ editing: () => Promise.resolve(editing), log: pages.changes, recent: createRecentPageChanges(logger) });

describe('filing page changes as drafts', () => {
  test('a new dated update becomes a draft by the watcher; the change is logged beside it', async () => {
    const s = sink();
    await s.changed(changeTo(withParagraph('Lördag den 10 december öppnade kommunens e-tjänster igen.')));
    const [logged] = await pages.changes.list();
    expect(logged?.draftId).not.toBeNull();
    expect(logged?.problems).toEqual([]);
    const draft = await editing.change(logged?.draftId ?? 0);
    expect(draft?.author).toBe('Bevakning av officiella sidan');
    expect(draft?.authorKey).toBe('system:official-page-watch');
    expect(s.list()).toHaveLength(1);
  });

  test('an update with a number the page now states (not the contact center\'s) is drafted: the page publishes it', async () => {
    await sink().changed(changeTo(withParagraph('Lördag den 10 december öppnade krisstödet på 011-15 77 77.')));
    const [logged] = await pages.changes.list();
    expect(logged?.problems).toEqual([]);
    expect(logged?.draftId).not.toBeNull();
  });

  test('an update the corpus rules refuse is logged with the problems, no draft: never lost', async () => {
    // A service whose corpus check refuses every corpus (as the bot refuses one without its welcome questions).
    const refusing = new ContentEditing({ store: editing.store, fourEyes: true, check: () => ['the welcome question "x" is no entry'] });
    const s = createDraftPageChangeSink({ editing: () => Promise.resolve(refusing), log: pages.changes, recent: createRecentPageChanges(logger) });
    await s.changed(changeTo(withParagraph('Söndag den 11 december öppnade krisstödet igen.')));
    const [logged] = await pages.changes.list();
    expect(logged?.draftId).toBeNull();
    expect(logged?.problems.join(' ')).toMatch(/welcome question "x" is no entry/);
    expect(logged?.change.draftedUpdates).toHaveLength(1);
  });

  test('a change without a new dated update (a changed phone number) is logged without a draft', async () => {
    await sink().changed(changeTo(SEED.replace('011-15 00 00', '011-15 99 99')));
    const [logged] = await pages.changes.list();
    expect(logged).toMatchObject({ draftId: null, problems: [] });
    expect(logged?.change.lines.length).toBeGreaterThan(0);
  });

  test('when the store fails, the watcher reports the sink and offers the change again next round', async () => {
    const page = await serveLoopbackPage(SEED);
    const broken = createDraftPageChangeSink({ editing: () => Promise.reject(new Error('the staff store is gone')), log: pages.changes, recent: createRecentPageChanges(logger) });
    const watcher = createPageWatcher({ urls: [page.url], intervalMs: 60_000, store: pages.watch, sink: broken });
    try {
      expect(await watcher.checkAll()).toEqual(['baseline']);
      page.body = withParagraph('Lördag den 10 december öppnade kommunens e-tjänster igen.');
      expect(await watcher.checkAll()).toEqual(['failed']);
      expect(watcher.status()[0]?.lastError?.reason).toBe('sink');
      // Not stored as seen: the next round (here another instance's, once this one stops and gives the lock up) finds the same change.
      await watcher.stop();
      const again = createPageWatcher({ urls: [page.url], intervalMs: 60_000, store: pages.watch, sink: sink() });
      expect(await again.checkAll()).toEqual(['changed']);
    } finally {
      await page.close();
    }
  });
});
