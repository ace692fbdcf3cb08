import { describe, expect, test } from 'vitest';
import { createMemoryPageWatchStore, newestReadings, type WatchedPage } from '../../src/platform/page-watch/index.js';
import { describePageWatchStore } from './watch-store-contract.js';

describePageWatchStore('the in-memory store', () => Promise.resolve(createMemoryPageWatchStore()));

describe('the newest reading of each page', () => {
  test('a watched address and an import of the same page are one page: the newer reading stands', () => {
    const reading = (hash: string, checkedAt: string): WatchedPage => ({ snapshot: { url: 'https://www.kommun.se/', text: hash, hash, years: {}, updates: [] }, checkedAt, changedAt: checkedAt });
    const other: WatchedPage = { ...reading('x', '2026-12-07T00:00:00.000Z'), snapshot: { ...reading('x', '').snapshot, url: 'https://www.annan.se/' } };
    const newest = newestReadings([reading('old', '2026-12-07T01:00:00.000Z'), other, reading('new', '2026-12-07T02:00:00.000Z')]);
    expect(newest.map((p) => [p.snapshot.url, p.snapshot.hash])).toEqual([
      ['https://www.kommun.se/', 'new'],
      ['https://www.annan.se/', 'x'],
    ]);
  });
});
