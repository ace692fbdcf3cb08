import { createI18n } from '../../src/i18n/index.js';
import { fileURLToPath } from 'node:url';
import { createHttpServer } from '../../src/channels/http/index.js';
import { registerWebChatRoutes, type WebChatDeps } from '../../src/channels/web/index.js';
import { createFaqEngine, loadCorpus, type Corpus, type FaqEngine } from '../../src/core/index.js';
import { createLogger } from '../../src/logging/index.js';

export const FAQ_DATA = fileURLToPath(new URL('../../faq-data', import.meta.url));

export function loadRealCorpus(): Corpus {
  const loaded = loadCorpus(FAQ_DATA);
  if (!loaded.ok) throw new Error(`faq-data is invalid: ${loaded.problems.map((p) => p.message).join('; ')}`);
  return loaded.corpus;
}

export function realEngine(): FaqEngine {
  return createFaqEngine(loadRealCorpus());
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** The real restify server on 127.0.0.1, an ephemeral port, with the web-chat routes registered. */
export async function startWebServer(
  deps: Omit<WebChatDeps, 'logger' | 'translate'> & { logger?: WebChatDeps['logger']; translate?: WebChatDeps['translate'] },
  extra?: (server: ReturnType<typeof createHttpServer>) => void,
): Promise<RunningServer> {
  const logger = deps.logger ?? createLogger('silent');
  const translate = deps.translate ?? (await createI18n({ localesDir: fileURLToPath(new URL('../../locales', import.meta.url)) })).translator('sv');
  const server = createHttpServer({ logger });
  registerWebChatRoutes(server, { ...deps, logger, translate });
  extra?.(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
