import { describe, expect, it } from 'vitest';
import type { PageWatchStore, WatchedPage } from '../../src/platform/page-watch/index.js';

const page = (hash: string): WatchedPage => ({
  snapshot: { url: 'https://www.kommun.se/', text: `text ${hash}`, hash, years: {}, updates: [] },
  etag: `"${hash}"`,
  checkedAt: '2026-12-07T01:00:00.000Z',
  changedAt: '2026-12-07T01:00:00.000Z',
});

/**
 * What every PageWatchStore must do: the in-memory one, and the staff store's on PGlite and on a real
 * PostgreSQL (sql-watch-store.test.ts). `make` gives an empty store each time; `other` another handle on
 * the same store (another instance's connection) when the store is shared.
 */
export function describePageWatchStore(name: string, make: () => Promise<PageWatchStore>, other?: (store: PageWatchStore) => Promise<PageWatchStore>): void {
  describe(`${name} as the page watcher's store`, () => {
    it('keeps the last reading per page', async () => {
      const store = await make();
      expect(await store.read('https://a/')).toBeUndefined();
      await store.write('https://a/', page('1'));
      await store.write('https://b/', page('2'));
      await store.write('https://a/', page('3'));
      expect((await store.read('https://a/'))?.snapshot.hash).toBe('3');
      expect((await store.read('https://b/'))?.etag).toBe('"2"');
      expect((await store.list()).map((p) => p.snapshot.hash).sort()).toEqual(['2', '3']);
    });

    it('keeps a reading whole: snapshot, validators and instants', async () => {
      const store = await make();
      const reading: WatchedPage = {
        snapshot: { url: 'https://www.kommun.se/incident', text: 'Rad ett\nFredag den 9 december: åter öppet', hash: 'abc', years: { weekdayYear: 2022 }, updates: [{ date: '2022-12-09', text: 'åter öppet', yearBasis: 'weekdays', written: 'fredag den 9 december' }] },
        etag: '"x"',
        lastModified: 'Thu, 01 Dec 2022 10:00:00 GMT',
        checkedAt: '2026-12-07T01:00:00.000Z',
        changedAt: '2026-12-06T01:00:00.000Z',
      };
      await store.write('https://www.kommun.se/incident', reading);
      expect(await store.read('https://www.kommun.se/incident')).toEqual(reading);
    });

    it('gives the lock to exactly one of several asking at once', async () => {
      const store = await make();
      const stores = other === undefined ? [store, store, store, store] : [store, await other(store), await other(store), await other(store)];
      const taken = await Promise.all(stores.map((s, i) => s.lock(`instance-${i}`, 1000, 10_000)));
      expect(taken.filter(Boolean)).toHaveLength(1);
      // The holder renews; the others still cannot take it until it expires.
      const holder = taken.indexOf(true);
      expect(await stores[holder]?.lock(`instance-${holder}`, 1000, 10_500)).toBe(true);
      const next = (holder + 1) % stores.length;
      expect(await stores[next]?.lock(`instance-${next}`, 1000, 11_000)).toBe(false);
      expect(await stores[next]?.lock(`instance-${next}`, 1000, 11_500)).toBe(true);
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
