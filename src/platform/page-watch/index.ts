/** The official page from the platform's side: fetching with limits, and watching it for changes. */
export { fetchPage, FETCH_FAILURES, type FetchOutcome, type FetchFailure, type FetchPageOptions } from './fetch-page.js';
export { checkPageUrl, isLoopbackHostname } from './page-url.js';
export { createPageWatcher, type PageWatcher, type PageWatcherOptions, type PageWatchStatus, type PageChangeSink, type CheckOutcome, type WatchFailure } from './watcher.js';
export { createMemoryPageWatchStore, newestReadings, type PageWatchStore, type WatchedPage } from './watch-store.js';
export { createRecentPageChanges, type RecentPageChanges, type DetectedChange } from './recent-changes.js';
export { createSqlPageStore, type SqlPageStore, type PageChangeLog, type LoggedPageChange } from './sql-watch-store.js';
export { createDraftPageChangeSink, PAGE_WATCH_ACTOR } from './draft-sink.js';
