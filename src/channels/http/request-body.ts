import type { IncomingMessage } from 'node:http';

/** Why a request body was not read. */
export type BodyProblem = 'unsupported_charset' | 'body_too_large' | 'body_timeout' | 'body_unreadable';

/** `application/json` or a JSON-based type (`application/ld+json`), with or without parameters (RFC 6839 §3.1). */
const JSON_MEDIA_TYPE = /^\s*application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** Whether a Content-Type header declares JSON: every JSON route refuses any other body (415). */
export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && JSON_MEDIA_TYPE.test(contentType);
}

/** The charsets every body is read in: UTF-8, and US-ASCII, whose bytes are UTF-8 as they stand ("utf8" is a common misspelling). */
const READABLE_CHARSETS: ReadonlySet<string> = new Set(['utf-8', 'utf8', 'us-ascii']);

/**
 * The `charset` parameters of a Content-Type header, lower-cased and unquoted (RFC 9110 §8.3: `type/subtype`
 * then `; name=value` pairs, a value a token or a quoted string; parameter names and charset names are
 * case-insensitive). A parameter without a value is passed over; a quoted value may hold ';'.
 */
export function declaredCharsets(contentType: string): string[] {
  const charsets: string[] = [];
  let i = contentType.indexOf(';');
  while (i !== -1 && i < contentType.length) {
    const eq = contentType.indexOf('=', i + 1);
    const next = contentType.indexOf(';', i + 1);
    if (eq === -1 || (next !== -1 && next < eq)) {
      i = next;
      continue;
    }
    const name = contentType.slice(i + 1, eq).trim().toLowerCase();
    let j = eq + 1;
    while (contentType[j] === ' ' || contentType[j] === '\t') j++;
    let value = '';
    if (contentType[j] === '"') {
      for (j++; j < contentType.length && contentType[j] !== '"'; j++) {
        if (contentType[j] === '\\') j++;
        value += contentType[j] ?? '';
      }
      const after = contentType.indexOf(';', j);
      i = after;
    } else {
      const end = contentType.indexOf(';', j);
      value = contentType.slice(j, end === -1 ? undefined : end).trim();
      i = end;
    }
    if (name === 'charset') charsets.push(value.toLowerCase());
  }
  return charsets;
}

/**
 * True when a Content-Type declares a charset the service does not read: every body is read as UTF-8
 * (JSON is UTF-8, RFC 8259 §8.1; the staff side's forms come from UTF-8 pages), so "application/json;
 * charset=iso-8859-1" would turn "läckt" into "l\uFFFDckt" without a word. No charset, or UTF-8 or US-ASCII
 * in any letter case, quoted or not, is read.
 */
export function declaresUnreadableCharset(contentType: string | undefined): boolean {
  return contentType !== undefined && declaredCharsets(contentType).some((charset) => !READABLE_CHARSETS.has(charset));
}

export type RawBody = { ok: true; bytes: Buffer } | { ok: false; problem: BodyProblem };

/**
 * Reads a request body with a byte limit and a deadline: the one body reader of every route that takes a
 * body (/api/messages, the web chat, the staff side). A body declared in a charset other than UTF-8 is
 * refused unread (see declaresUnreadableCharset). Each route reads the stream itself rather than through
 * a server-wide body parser, so its own limit holds whatever other routes configure. A body larger than
 * declared, one that keeps trickling in, or a broken stream is refused without buffering the rest; what is
 * left is drained so the refusal can still be written. If a parser has already consumed the stream, the
 * text it kept is used.
 */
export function readRequestBody(req: IncomingMessage & { body?: unknown }, maxBytes: number, timeoutMs: number): Promise<RawBody> {
  if (declaresUnreadableCharset(req.headers['content-type'])) {
    // Not read: drained, so the refusal can be written and the connection kept.
    req.resume();
    return Promise.resolve({ ok: false, problem: 'unsupported_charset' });
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ ok: false, problem: 'body_too_large' });
  if (req.readableEnded) {
    const kept = req.body;
    const bytes = typeof kept === 'string' || Buffer.isBuffer(kept) ? Buffer.from(kept) : Buffer.alloc(0);
    return Promise.resolve(bytes.length > maxBytes ? { ok: false, problem: 'body_too_large' } : { ok: true, bytes });
  }

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: RawBody) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onError);
      if (!result.ok) req.resume();
      resolve(result);
    };
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > maxBytes) finish({ ok: false, problem: 'body_too_large' });
      else chunks.push(buffer);
    };
    const onEnd = () => finish({ ok: true, bytes: Buffer.concat(chunks) });
    const onError = () => finish({ ok: false, problem: 'body_unreadable' });
    const timer = setTimeout(() => finish({ ok: false, problem: 'body_timeout' }), timeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** JSON.parse that says whether it worked instead of throwing. */
export function parseJson(bytes: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}
