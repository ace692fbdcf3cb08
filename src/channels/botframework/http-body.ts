import type { IncomingMessage } from 'node:http';
import { parseJson, readRequestBody } from '../http/request-body.js';

export type BodyRead = { ok: true; value: unknown } | { ok: false; problem: 'unsupported_media_type' | 'body_too_large' | 'body_timeout' | 'invalid_json' };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Reads and parses a JSON request body with a size limit and a deadline. Done here rather than with
 * restify's body parser, which accepts form bodies and reports bad JSON in its own words.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<BodyRead> {
  if (!JSON_TYPE.test(req.headers['content-type'] ?? '')) return { ok: false, problem: 'unsupported_media_type' };
  const raw = await readRequestBody(req, maxBytes, timeoutMs);
  if (!raw.ok) return { ok: false, problem: raw.problem === 'body_unreadable' ? 'invalid_json' : raw.problem };
  const json = parseJson(raw.bytes);
  return json.ok ? json : { ok: false, problem: 'invalid_json' };
}
