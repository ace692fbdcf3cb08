import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PageChange } from '../../src/content/page/index.js';
import { loadCorpus, type Corpus } from '../../src/core/index.js';
import { createMemoryPageWatchStore, createPageWatcher, type CheckOutcome, type PageWatcher } from '../../src/platform/page-watch/index.js';
import { fixture, ROOT } from './fixtures.js';
import { serveLoopbackPage, type LoopbackPage } from './loopback-page.js';

const loaded = loadCorpus(join(ROOT, 'faq-data'));
if (!loaded.ok) throw new Error('faq-data must be valid');
const corpus: Corpus = loaded.corpus;

const SEED = fixture('norrkoping-incident.html');
const NEW_UPDATE = '<p class="normal">Måndag den 12 december öppnade kommunens e-tjänster igen för invånarna.</p>\n';
const published = (html: string) => html.replace('<p class="normal">Arbetet fortskrider', `${NEW_UPDATE}<p class="normal">Arbetet fortskrider`).replace('Telefonnummer dit är 011-15 00 00.', 'Telefonnummer dit är 011-15 00 99.');

let page: LoopbackPage | undefined;
let watcher: PageWatcher | undefined;
afterEach(async () => {
  await watcher?.stop();
  await page?.close();
  watcher = undefined;
  page = undefined;
});

const changesInto = (list: (PageChange & { detectedAt: string })[]) => ({
  changed: (change: PageChange & { detectedAt: string }) => {
    list.push(change);
    return Promise.resolve();
  },
});

describe('watching the official page', () => {
  it('first reading is the baseline; an unchanged page costs a 304; a change is reported once', async () => {
    page = await serveLoopbackPage(SEED);
    const changes: (PageChange & { detectedAt: string })[] = [];
    watcher = createPageWatcher({ urls: [page.url], intervalMs: 60_000, store: createMemoryPageWatchStore(), sink: changesInto(changes), corpus: () => corpus });
    expect(await watcher.checkAll()).toEqual(['baseline']);
    expect(await watcher.checkAll()).toEqual(['not-modified']);
    expect(page.served.get(304)).toBe(1);
    page.body = published(SEED);
    expect(await watcher.checkAll()).toEqual(['changed']);
    expect(await watcher.checkAll()).toEqual(['not-modified']);
    expect(changes).toHaveLength(1);

    const change = changes[0];
    expect(change?.lines).toContainEqual({ op: 'added', text: 'Måndag den 12 december öppnade kommunens e-tjänster igen för invånarna.' });
    const phoneLine = change?.rewritten.find((r) => r.before.includes('011-15 00 00'));
    expect(phoneLine?.after).toContain('Telefonnummer dit är 011-15 00 99.');
    expect(phoneLine?.words.filter((w) => w.op !== 'same').map((w) => [w.op, w.text])).toEqual([['removed', '00'], ['added', '99']]);
    // The new dated paragraph is drafted as an update, its year from the page's weekdays, no time.
    expect(change?.draftedUpdates.map((u) => [u.date, u.time, u.text])).toEqual([['2022-12-12', undefined, 'Måndag den 12 december öppnade kommunens e-tjänster igen för invånarna.']]);
    // The answers and contact details that give the old number are marked.
    expect(change?.entriesToReview.map((e) => e.id)).toEqual(expect.arrayContaining(['contact', 'municipal-companies']));
    expect(change?.entriesToReview.find((e) => e.id === 'contact')?.reasons.join(' ')).toMatch(/011-15 00 00/);
    expect(change?.entriesToReview.map((e) => e.id)).not.toContain('payments');
    expect(change?.factsGone.some((f) => f.where === 'contact center' && f.field === 'phone.tel')).toBe(true);
  });

  it('started, it sees a change within one interval', async () => {
    page = await serveLoopbackPage(SEED);
    const changes: (PageChange & { detectedAt: string })[] = [];
    watcher = createPageWatcher({ urls: [page.url], intervalMs: 250, store: createMemoryPageWatchStore(), sink: changesInto(changes), corpus: () => corpus });
    watcher.start();
    await waitFor(() => watcher?.status()[0]?.lastOutcome === 'baseline');
    page.body = published(SEED);
    const changedAt = Date.now();
    await waitFor(() => changes.length === 1);
    expect(Date.now() - changedAt).toBeLessThan(250 + 1000);
    expect(changes[0]?.draftedUpdates.map((u) => u.date)).toEqual(['2022-12-12']);
  });

  it('of two instances sharing a store, one watches', async () => {
    page = await serveLoopbackPage(SEED);
    const store = createMemoryPageWatchStore();
    const sink = changesInto([]);
    watcher = createPageWatcher({ urls: [page.url], intervalMs: 60_000, store, sink, owner: 'a' });
    const other = createPageWatcher({ urls: [page.url], intervalMs: 60_000, store, sink, owner: 'b' });
    expect(await watcher.checkAll()).toEqual(['baseline']);
    expect(await other.checkAll()).toEqual(['not-leader']);
    expect(page.served.get(200)).toBe(1);
    // When the first stops, the lock is free and the other takes over.
    await watcher.stop();
    expect(await other.checkAll()).toEqual(['not-modified']);
    await other.stop();
  });

  it('a page that cannot be fetched is a status and a count, not an exception', async () => {
    page = await serveLoopbackPage(SEED);
    page.handler = (_req, res) => {
      res.writeHead(500);
      res.end();
    };
    const seen: [CheckOutcome, string | undefined][] = [];
    watcher = createPageWatcher({
      urls: [page.url],
      intervalMs: 60_000,
      store: createMemoryPageWatchStore(),
      sink: changesInto([]),
      onCheck: (_url, outcome, failure) => seen.push([outcome, failure?.reason]),
    });
    expect(await watcher.checkAll()).toEqual(['failed']);
    expect(await watcher.checkAll()).toEqual(['failed']);
    expect(seen).toEqual([['failed', 'http-error'], ['failed', 'http-error']]);
    expect(watcher.status()[0]).toMatchObject({ state: 'failing', consecutiveFailures: 2, lastError: { reason: 'http-error' } });
    page.handler = undefined;
    expect(await watcher.checkAll()).toEqual(['baseline']);
    expect(watcher.status()[0]).toMatchObject({ state: 'ok', consecutiveFailures: 0 });
  });

  it('a sink that fails gets the same change again next time', async () => {
    page = await serveLoopbackPage(SEED);
    let fail = true;
    const changes: PageChange[] = [];
    watcher = createPageWatcher({
      urls: [page.url],
      intervalMs: 60_000,
      store: createMemoryPageWatchStore(),
      sink: {
        changed: (c) => {
          if (fail) return Promise.reject(new Error('staff store down'));
          changes.push(c);
          return Promise.resolve();
        },
      },
    });
    await watcher.checkAll();
    page.body = published(SEED);
    expect(await watcher.checkAll()).toEqual(['failed']);
    fail = false;
    expect(await watcher.checkAll()).toEqual(['changed']);
    expect(changes).toHaveLength(1);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
