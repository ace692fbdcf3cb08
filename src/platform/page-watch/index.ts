/** The official page from the platform's side: fetching with limits, and watching it for changes. */
export { fetchPage, FETCH_FAILURES, type FetchOutcome, type FetchFailure, type FetchPageOptions } from './fetch-page.js';
export { checkPageUrl, isLoopbackHostname } from './page-url.js';
