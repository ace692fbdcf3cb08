import { rmSync } from 'node:fs';
import { z } from 'zod';
import { preparedDataDir } from '../support/embedded-template.js';
import { startInProcess, type InProcessService } from '../support/service.js';

/** Named API tokens for the editing tests: who the audit log records, with their roles. */
export const TOKENS = {
  edda: 'edda-editor-token-0123456789abcdefghijklmnopq',
  erik: 'erik-editor-token-0123456789abcdefghijklmnopq',
  pia: 'pia-publisher-token-0123456789abcdefghijklmnop',
  bodil: 'bodil-both-token-0123456789abcdefghijklmnopqr',
  agda: 'agda-agent-token-0123456789abcdefghijklmnopqr',
} as const;
export type TokenName = keyof typeof TOKENS;

export const STAFF_API_TOKENS = [
  `edda:editor:${TOKENS.edda}`,
  `erik:editor:${TOKENS.erik}`,
  `pia:publisher:${TOKENS.pia}`,
  `bodil:editor,publisher:${TOKENS.bodil}`,
  `agda:agent:${TOKENS.agda}`,
].join(' ');

export const corpusView = z.object({
  version: z.number().int(),
  publishedAt: z.iso.datetime(),
  publishedBy: z.string(),
  entries: z.array(z.looseObject({ id: z.string(), answer: z.object({ sv: z.string(), en: z.string() }).optional() })),
  timeline: z.looseObject({ entry: z.string(), updates: z.array(z.looseObject({ date: z.string() })) }),
  contact: z.looseObject({ phone: z.object({ display: z.string(), tel: z.string() }), email: z.string() }),
});
export type CorpusView = z.infer<typeof corpusView>;
export const problemsBody = z.object({
  error: z.object({ code: z.string() }),
  problems: z.array(z.object({ entry: z.string().nullable(), field: z.string(), message: z.string() })).min(1),
});

/** The staff API over HTTP with a named token. */
export function apiClient(base: string) {
  const call = (who: TokenName | undefined, method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: { ...(who === undefined ? {} : { authorization: `Bearer ${TOKENS[who]}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    call,
    async corpus(who: TokenName = 'edda'): Promise<CorpusView> {
      const res = await call(who, 'GET', '/api/staff/corpus');
      if (res.status !== 200) throw new Error(`GET /api/staff/corpus answered ${res.status}: ${await res.text()}`);
      return corpusView.parse(await res.json());
    },
    async draft(who: TokenName, change: Record<string, unknown>): Promise<number> {
      const res = await call(who, 'POST', '/api/staff/changes', change);
      const text = await res.text();
      if (res.status !== 201) throw new Error(`POST /api/staff/changes answered ${res.status}: ${text}`);
      return z.object({ id: z.number().int(), status: z.literal('draft'), problems: z.array(z.unknown()).length(0) }).parse(JSON.parse(text)).id;
    },
    publish: (who: TokenName, id: number) => call(who, 'POST', `/api/staff/changes/${id}/publish`),
  };
}

/** Waits until `probe` holds (a publish reaches the engine through the follower, off the request path). */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    // While the embedded database opens it may hold the event loop long enough for a socket to be reset.
    const value = await probe().catch((err: unknown) => {
      last = err;
      return undefined;
    });
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`not within ${timeoutMs} ms: ${what}${last === undefined ? '' : ` (last error: ${String(last)})`}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The service in this process with the staff side on (the named tokens above, the embedded store in a
 * fresh folder, `env` on top), once the store is seeded: what the editing tests start in `beforeAll`.
 */
export async function startEditingService(env: Record<string, string> = {}): Promise<{ svc: InProcessService; api: ReturnType<typeof apiClient>; close: () => Promise<void> }> {
  const dataDir = await preparedDataDir();
  const svc = await startInProcess({ STAFF_API_TOKENS, STAFF_DATA_DIR: dataDir, STAFF_ANSWERED_SAMPLE_RATE: '0', ...env }, { logLevel: 'warn' });
  const api = apiClient(svc.url);
  await eventually(async () => ((await api.call('edda', 'GET', '/api/staff/corpus')).status === 200 ? true : undefined), 'the store seeded');
  return {
    svc,
    api,
    close: async () => {
      await svc.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
