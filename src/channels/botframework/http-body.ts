import type { IncomingMessage } from 'node:http';
import { jsonElementsExceed } from '../http/json-values.js';
import { isJsonContentType, parseJson, readRequestBody } from '../http/request-body.js';

export type BodyRead = { ok: true; value: unknown } | { ok: false; problem: 'unsupported_media_type' | 'unsupported_charset' | 'body_too_large' | 'body_timeout' | 'too_many_values' | 'invalid_json' };

/**
 * Reads and parses a JSON request body with a size limit, a deadline and, when given, a most number of
 * elements (see jsonElementsExceed), checked on the bytes before parsing: what a body costs to parse,
 * validate and copy grows with its elements, not its bytes. Done here rather than with restify's body
 * parser, which accepts form bodies and reports bad JSON in its own words.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number, timeoutMs: number, maxElements?: number): Promise<BodyRead> {
  if (!isJsonContentType(req.headers['content-type'])) return { ok: false, problem: 'unsupported_media_type' };
  const raw = await readRequestBody(req, maxBytes, timeoutMs);
  if (!raw.ok) return { ok: false, problem: raw.problem === 'body_unreadable' ? 'invalid_json' : raw.problem };
  if (maxElements !== undefined && jsonElementsExceed(raw.bytes, maxElements)) return { ok: false, problem: 'too_many_values' };
  const json = parseJson(raw.bytes);
  return json.ok ? json : { ok: false, problem: 'invalid_json' };
}
