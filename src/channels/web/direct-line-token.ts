import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DirectLineOptions } from './options.js';

const tokenResponseSchema = z.object({
  conversationId: z.string().min(1),
  token: z.string().min(1),
  expires_in: z.number().int().positive(),
});

export type DirectLineToken = { readonly token: string; readonly conversationId: string; readonly expiresIn: number; readonly userId: string };

export type TokenResult = { ok: true; value: DirectLineToken } | { ok: false; reason: 'http-status' | 'bad-response' | 'network' | 'timeout'; status?: number };

/**
 * Exchanges the Direct Line secret for a conversation token bound to a fresh user id ("dl_" ids are
 * enforced by Direct Line, so a browser cannot pose as another user). Never throws.
 */
export async function generateDirectLineToken(options: DirectLineOptions): Promise<TokenResult> {
  const doFetch = options.fetch ?? fetch;
  const userId = `dl_${randomUUID()}`;
  let response: Response;
  try {
    response = await doFetch(`${options.endpoint}/tokens/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user: { id: userId } }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
  } catch (err) {
    return { ok: false, reason: err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : 'network' };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, reason: 'http-status', status: response.status };
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return { ok: false, reason: 'bad-response' };
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'bad-response' };
  return { ok: true, value: { token: parsed.data.token, conversationId: parsed.data.conversationId, expiresIn: parsed.data.expires_in, userId } };
}
