/**
 * Fetches an official page with limits: https only (loopback for tests), a timeout over the whole
 * exchange, a size limit enforced while the body streams in (a lying or absent Content-Length does not
 * help), redirects followed only within the same host, only HTML or plain text, and conditional requests
 * (If-None-Match / If-Modified-Since) so an unchanged page costs a 304. Failures are values.
 */
import { MAX_PAGE_BYTES, type PageFormat } from '../../content/page/index.js';
import { checkPageUrl } from './page-url.js';

export interface FetchPageOptions {
  /** Whole exchange, headers and body (default 10 s). */
  readonly timeoutMs?: number;
  /** Largest body read (default 2 MB). */
  readonly maxBytes?: number;
  /** Same-host redirects followed (default 5). */
  readonly maxRedirects?: number;
  /** The validators of the copy already held: a 304 answers "unchanged". */
  readonly etag?: string;
  readonly lastModified?: string;
}

export const FETCH_FAILURES = ['invalid-url', 'redirect-other-host', 'too-many-redirects', 'timeout', 'too-large', 'not-html-or-text', 'http-error', 'network'] as const;
export type FetchFailure = (typeof FETCH_FAILURES)[number];

export type FetchOutcome =
  | {
      readonly kind: 'page';
      /** The address the page was finally read from (after same-host redirects). */
      readonly url: string;
      readonly body: string;
      readonly format: PageFormat;
      readonly bytes: number;
      readonly etag?: string;
      readonly lastModified?: string;
    }
  | { readonly kind: 'not-modified'; readonly url: string }
  | { readonly kind: 'failed'; readonly reason: FetchFailure; readonly message: string };

const fail = (reason: FetchFailure, message: string): FetchOutcome => ({ kind: 'failed', reason, message });

const FORMATS: readonly [RegExp, PageFormat][] = [
  [/^text\/html$/i, 'html'],
  [/^application\/xhtml\+xml$/i, 'html'],
  [/^text\/plain$/i, 'text'],
  [/^text\/markdown$/i, 'text'],
];

/**
 * The charset the server names; else, for HTML, the one the page declares in its first kilobyte
 * (<meta charset> or http-equiv), as browsers do; else UTF-8.
 */
function decode(bytes: Uint8Array, contentType: string, format: PageFormat): string {
  const declared = format === 'html' ? /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 1024)))?.[1] : undefined;
  const charset = /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType)?.[1] ?? declared ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    // An unknown charset label: UTF-8 is what Swedish municipal sites send.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

export async function fetchPage(address: string, options: FetchPageOptions = {}): Promise<FetchOutcome> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxBytes ?? MAX_PAGE_BYTES;
  const maxRedirects = options.maxRedirects ?? 5;
  const checked = checkPageUrl(address);
  if (!checked.ok) return fail('invalid-url', checked.message);

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  timer.unref();
  const headers: Record<string, string> = { accept: 'text/html, application/xhtml+xml, text/plain;q=0.9', 'user-agent': 'faq-bot-page-watch/1 (+official page import)' };
  if (options.etag !== undefined) headers['if-none-match'] = options.etag;
  if (options.lastModified !== undefined) headers['if-modified-since'] = options.lastModified;

  let url = checked.url;
  try {
    for (let hop = 0; ; hop += 1) {
      const response = await fetch(url, { headers, redirect: 'manual', signal: controller.signal });
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (location === null) return fail('http-error', `${url.href} answered ${response.status} without a Location`);
        if (hop >= maxRedirects) return fail('too-many-redirects', `more than ${maxRedirects} redirects from ${checked.url.href}`);
        const next = checkPageUrl(new URL(location, url).href);
        if (!next.ok) return fail('invalid-url', `redirected to a refused address: ${next.message}`);
        if (next.url.host !== checked.url.host) {
          return fail('redirect-other-host', `${url.href} redirects to another host (${next.url.host}); only redirects within ${checked.url.host} are followed. Set the page's final address instead.`);
        }
        url = next.url;
        continue;
      }
      if (response.status === 304) {
        await response.body?.cancel();
        return { kind: 'not-modified', url: url.href };
      }
      if (!response.ok) {
        await response.body?.cancel();
        return fail('http-error', `${url.href} answered HTTP ${response.status}`);
      }
      const contentType = response.headers.get('content-type') ?? '';
      const mediaType = contentType.split(';')[0]?.trim() ?? '';
      const format = FORMATS.find(([re]) => re.test(mediaType))?.[1];
      if (format === undefined) {
        await response.body?.cancel();
        return fail('not-html-or-text', `${url.href} is ${mediaType === '' ? 'of no stated type' : mediaType}, not an HTML or text page`);
      }
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (declared > maxBytes) {
        await response.body?.cancel();
        return fail('too-large', `${url.href} is ${declared} bytes; pages over ${maxBytes} bytes are refused`);
      }
      const body = await readLimited(response, maxBytes);
      if (body === undefined) return fail('too-large', `${url.href} sent more than ${maxBytes} bytes; pages over ${maxBytes} bytes are refused`);
      const etag = response.headers.get('etag');
      const lastModified = response.headers.get('last-modified');
      return {
        kind: 'page',
        url: url.href,
        body: decode(body, contentType, format),
        format,
        bytes: body.byteLength,
        ...(etag === null ? {} : { etag }),
        ...(lastModified === null ? {} : { lastModified }),
      };
    }
  } catch (err) {
    if (controller.signal.aborted) return fail('timeout', `${url.href} did not answer in full within ${timeoutMs} ms`);
    return fail('network', `${url.href} could not be fetched: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** The body, or undefined as soon as it passes maxBytes (the rest is never read). */
async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  if (response.body === null) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
