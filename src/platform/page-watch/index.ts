/** The official page from the platform's side: fetching with limits, and watching it for changes. */
export { fetchPage, FETCH_FAILURES, type FetchOutcome, type FetchFailure, type FetchPageOptions } from './fetch-page.js';
export { checkPageUrl, isLoopbackHostname } from './page-url.js';
export { createPageWatcher, type PageWatcher, type PageWatcherOptions, type PageWatchStatus, type PageChangeSink, type CheckOutcome, type WatchFailure } from './watcher.js';
export { createMemoryPageWatchStore, type PageWatchStore, type WatchedPage } from './watch-store.js';
export { createRecentPageChanges, type RecentPageChanges, type DetectedChange } from './recent-changes.js';
