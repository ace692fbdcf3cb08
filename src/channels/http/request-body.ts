import type { IncomingMessage } from 'node:http';

/** Why a request body was not read. */
export type BodyProblem = 'body_too_large' | 'body_timeout' | 'body_unreadable';

export type RawBody = { ok: true; bytes: Buffer } | { ok: false; problem: BodyProblem };

/**
 * Reads a request body with a byte limit and a deadline: the one body reader of every route that takes a
 * body (/api/messages, the web chat, the staff side). Each route reads the stream itself rather than through
 * a server-wide body parser, so its own limit holds whatever other routes configure. A body larger than
 * declared, one that keeps trickling in, or a broken stream is refused without buffering the rest; what is
 * left is drained so the refusal can still be written. If a parser has already consumed the stream, the
 * text it kept is used.
 */
export function readRequestBody(req: IncomingMessage & { body?: unknown }, maxBytes: number, timeoutMs: number): Promise<RawBody> {
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
