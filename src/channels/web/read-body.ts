import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { ok: true; value: unknown }
  | { ok: false; status: 400 | 408 | 413 | 415; code: 'invalid_json' | 'body_timeout' | 'body_too_large' | 'unsupported_media_type' };

/**
 * Reads one JSON body with a byte limit and a deadline. Reads the stream itself (rather than relying on a
 * server-wide body parser) so this endpoint's limit holds whatever other routes configure; if a parser has
 * already consumed the stream, its result is used.
 */
export function readJsonBody(req: IncomingMessage & { body?: unknown }, maxBytes: number, timeoutMs: number): Promise<BodyResult> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return Promise.resolve({ ok: false, status: 415, code: 'unsupported_media_type' });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ ok: false, status: 413, code: 'body_too_large' });

  if (req.readableEnded) {
    const already: unknown = req.body;
    if (typeof already === 'string' || Buffer.isBuffer(already)) return Promise.resolve(parse(Buffer.from(already)));
    return Promise.resolve(already === undefined ? { ok: false, status: 400, code: 'invalid_json' } : { ok: true, value: already });
  }

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onError);
      // Drain and discard the rest so the response can still be written.
      if (!result.ok) req.resume();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish({ ok: false, status: 413, code: 'body_too_large' });
      else chunks.push(chunk);
    };
    const onEnd = () => finish(parse(Buffer.concat(chunks)));
    const onError = () => finish({ ok: false, status: 400, code: 'invalid_json' });
    const timer = setTimeout(() => finish({ ok: false, status: 408, code: 'body_timeout' }), timeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

function parse(bytes: Buffer): BodyResult {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return { ok: true, value };
  } catch {
    return { ok: false, status: 400, code: 'invalid_json' };
  }
}
