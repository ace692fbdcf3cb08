import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeQueryProblem, parseQueryString, type QueryParse } from '../http/query-string.js';
import { isJsonContentType, readRequestBody, type BodyProblem } from '../http/request-body.js';

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/**
 * The staff pages' policy: like the residents' page, only this server (scripts, styles, fetches,
 * chart.js included), no inline script or style, never framed, forms only to ourselves.
 */
export const STAFF_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer, headers: Record<string, string | string[]> = {}): void {
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': contentType,
    'content-length': String(payload.length),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(payload);
}

export const sendHtml = (res: ServerResponse, status: number, html: string, headers: Record<string, string | string[]> = {}) =>
  send(res, status, 'text/html; charset=utf-8', html, { 'content-security-policy': STAFF_CSP, ...headers });

export const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body), headers);

export const sendCsv = (res: ServerResponse, csv: string, filename: string) =>
  send(res, 200, 'text/csv; charset=utf-8', csv, { 'content-disposition': `attachment; filename="${filename}"` });

export const sendAssetBody = send;

/** A redirect that keeps the method semantics simple (303: the next request is a GET). */
export function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(303, { ...SECURITY_HEADERS, location, 'cache-control': 'no-store', 'content-length': '0', ...headers });
  res.end();
}

/** The codes of the staff API's JSON errors. */
export type StaffErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'csrf'
  | 'invalid_request'
  | 'body_too_large'
  | 'unsupported_charset'
  | 'unsupported_media_type'
  | 'store_unavailable'
  | 'signin_unavailable'
  | 'not_found'
  | 'four_eyes'
  | 'conflict'
  | 'invalid_change'
  | 'not_draft'
  | 'files_mode';

export function sendError(res: ServerResponse, status: number, code: StaffErrorCode, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: { code, message } }, headers);
}

interface BodyRefusal {
  readonly status: 400 | 408 | 413 | 415;
  readonly code: StaffErrorCode;
  readonly message: string;
}

export type BodyResult = { ok: true; text: string } | ({ ok: false } & BodyRefusal);

const BODY_REFUSALS: Readonly<Record<BodyProblem, (maxBytes: number) => BodyRefusal>> = {
  unsupported_charset: () => ({ status: 415, code: 'unsupported_charset', message: 'The body must be UTF-8 (JSON is UTF-8, RFC 8259): send it encoded as UTF-8, with no charset or "charset=utf-8" in Content-Type.' }),
  body_too_large: (maxBytes: number) => ({ status: 413, code: 'body_too_large', message: `The request body is larger than ${maxBytes} bytes.` }),
  body_timeout: () => ({ status: 408, code: 'invalid_request', message: 'The request body did not arrive in time.' }),
  body_unreadable: () => ({ status: 400, code: 'invalid_request', message: 'The request body could not be read.' }),
};

/** Reads a small request body (JSON or a form), with a size cap and a time-out; a body declared in another charset than UTF-8 is refused (415). */
export async function readBody(req: IncomingMessage, maxBytes: number, timeoutMs = 10_000): Promise<BodyResult> {
  const raw = await readRequestBody(req, maxBytes, timeoutMs);
  if (raw.ok) return { ok: true, text: raw.bytes.toString('utf8') };
  return { ok: false, ...BODY_REFUSALS[raw.problem](maxBytes) };
}

/** The refusal of a body that is not declared as JSON on a route that reads JSON. */
export const NOT_JSON: BodyRefusal = Object.freeze({
  status: 415,
  code: 'unsupported_media_type',
  message: 'The body must be JSON: send it with "Content-Type: application/json".',
});

/**
 * Reads a JSON route's body as text: one declared as anything but JSON (a form, text/plain, or no
 * Content-Type at all) is refused before it is read (415), as the web chat and Bot Framework routes do.
 */
export async function readJsonText(req: IncomingMessage, maxBytes: number, timeoutMs = 10_000): Promise<BodyResult> {
  if (!isJsonContentType(req.headers['content-type'])) return { ok: false, ...NOT_JSON };
  return readBody(req, maxBytes, timeoutMs);
}

/** Whether a request's Content-Type declares JSON. */
export const declaresJson = (req: IncomingMessage): boolean => isJsonContentType(req.headers['content-type']);

/**
 * The query string of a request, parsed strictly as the agents' search API parses it (parseQueryString): a
 * parameter given twice (`?days=7&days=30`) or malformed percent-encoding (`?days=%zz`) is a problem to
 * refuse, never one value silently taken. restify's own query parser is not used.
 */
export function queryOf(req: IncomingMessage): QueryParse {
  const url = req.url ?? '';
  const at = url.indexOf('?');
  return parseQueryString(at === -1 ? '' : url.slice(at + 1));
}

/**
 * The query parameters of a staff API request; when the query string is refused (see queryOf), the answer
 * is 400 `invalid_request` naming the parameter, as for any other bad parameter, and undefined is returned.
 */
export function apiQuery(req: IncomingMessage, res: ServerResponse): ReadonlyMap<string, string> | undefined {
  const query = queryOf(req);
  if (query.ok) return query.params;
  sendError(res, 400, 'invalid_request', describeQueryProblem(query));
  return undefined;
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

// "<" escaped so no string can close the script element the JSON sits in.
export const jsonForScript = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
