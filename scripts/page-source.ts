/**
 * Reads an official page for the command-line tools: an https:// address (fetched with the page
 * watcher's limits) or a file (HTML, text or Markdown), refused over 2 MB before it is read.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { guessFormat, MAX_PAGE_BYTES, type PageFormat } from '../src/content/page/index.js';
import { fetchPage } from '../src/platform/page-watch/index.js';

export type PageSource = { ok: true; body: string; format: PageFormat; url?: string } | { ok: false; message: string };

export async function readPageSource(where: string): Promise<PageSource> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(where)) {
    const fetched = await fetchPage(where);
    if (fetched.kind === 'failed') return { ok: false, message: fetched.message };
    if (fetched.kind === 'not-modified') return { ok: false, message: `${where} answered 304 to a request without validators` };
    return { ok: true, body: fetched.body, format: fetched.format, url: fetched.url };
  }
  let size: number;
  try {
    size = statSync(where).size;
  } catch {
    return { ok: false, message: `${where}: no such file (give a file, or an https:// address)` };
  }
  if (size > MAX_PAGE_BYTES) return { ok: false, message: `${where} is ${(size / 1024 / 1024).toFixed(1)} MB; pages over ${MAX_PAGE_BYTES / 1024 / 1024} MB are refused` };
  const body = readFileSync(where, 'utf8');
  return { ok: true, body, format: guessFormat(body, basename(where)) };
}
