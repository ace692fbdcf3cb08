import type { IncomingMessage } from 'node:http';

export type BodyRead = { ok: true; value: unknown } | { ok: false; problem: 'unsupported_media_type' | 'body_too_large' | 'invalid_json' };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Reads and parses a JSON request body with a size limit. Done here rather than with restify's body
 * parser, which accepts form bodies and reports bad JSON in its own words.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  if (!JSON_TYPE.test(req.headers['content-type'] ?? '')) return { ok: false, problem: 'unsupported_media_type' };
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) return { ok: false, problem: 'body_too_large' };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBytes) return { ok: false, problem: 'body_too_large' };
    chunks.push(buffer);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, problem: 'invalid_json' };
  }
}
