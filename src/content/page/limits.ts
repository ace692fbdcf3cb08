/** Limits on an official page, shared by the importer and the fetcher. */

/** The largest page read: 2 MB. A municipal news page is a few tens of kB; more is not a page for residents. */
export const MAX_PAGE_BYTES = 2 * 1024 * 1024;
