import { describe, expect, it } from 'vitest';
import type { PageWatchStore, WatchedPage } from '../../src/platform/page-watch/index.js';

const page = (hash: string): WatchedPage => ({
  snapshot: { url: 'https://www.kommun.se/', text: `text ${hash}`, hash, years: {}, updates: [] },
  etag: `"${hash}"`,
  checkedAt: '2026-12-07T01:00:00.000Z',
  changedAt: '2026-12-07T01:00:00.000Z',
});

/**
 * What every PageWatchStore must do: the in-memory one here, the staff store's when the workbench wires
 * one in (call this with its factory).
 */
export function describePageWatchStore(name: string, make: () => Promise<PageWatchStore>): void {
  describe(`${name} as the page watcher's store`, () => {
    it('keeps the last reading per page', async () => {
      const store = await make();
      expect(await store.read('https://a/')).toBeUndefined();
      await store.write('https://a/', page('1'));
      await store.write('https://b/', page('2'));
      await store.write('https://a/', page('3'));
      expect((await store.read('https://a/'))?.snapshot.hash).toBe('3');
      expect((await store.read('https://b/'))?.etag).toBe('"2"');
    });

    it('lets one owner hold the lock, renew it, give it up; an expired lock passes on', async () => {
      const store = await make();
      expect(await store.lock('a', 1000, 0)).toBe(true);
      expect(await store.lock('b', 1000, 500)).toBe(false);
      expect(await store.lock('a', 1000, 900)).toBe(true); // renewed until 1900
      expect(await store.lock('b', 1000, 1500)).toBe(false);
      expect(await store.lock('b', 1000, 1900)).toBe(true); // expired
      await store.unlock('a'); // not the holder: nothing happens
      expect(await store.lock('a', 1000, 2000)).toBe(false);
      await store.unlock('b');
      expect(await store.lock('a', 1000, 2000)).toBe(true);
    });
  });
}
