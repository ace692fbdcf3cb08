import type { IncomingMessage } from 'node:http';
import { isJsonContentType, parseJson, readRequestBody } from '../http/request-body.js';

export type BodyResult =
  | { ok: true; value: unknown }
  | { ok: false; status: 400 | 408 | 413 | 415; code: 'invalid_json' | 'body_timeout' | 'body_too_large' | 'unsupported_media_type' | 'unsupported_charset' };

/**
 * Reads the web chat's JSON body (application/json only) with a byte limit and a deadline; if a parser has
 * already parsed the stream, its value is used.
 */
export async function readJsonBody(req: IncomingMessage & { body?: unknown }, maxBytes: number, timeoutMs: number): Promise<BodyResult> {
  if (!isJsonContentType(req.headers['content-type'])) return { ok: false, status: 415, code: 'unsupported_media_type' };
  const parsedAlready = req.readableEnded && req.body !== undefined && typeof req.body !== 'string' && !Buffer.isBuffer(req.body);
  if (parsedAlready) return { ok: true, value: req.body };

  const raw = await readRequestBody(req, maxBytes, timeoutMs);
  if (!raw.ok) {
    if (raw.problem === 'unsupported_charset') return { ok: false, status: 415, code: 'unsupported_charset' };
    if (raw.problem === 'body_too_large') return { ok: false, status: 413, code: 'body_too_large' };
    if (raw.problem === 'body_timeout') return { ok: false, status: 408, code: 'body_timeout' };
    return { ok: false, status: 400, code: 'invalid_json' };
  }
  const json = parseJson(raw.bytes);
  return json.ok ? json : { ok: false, status: 400, code: 'invalid_json' };
}
