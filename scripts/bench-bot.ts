/**
 * Throughput of the service's HTTP endpoints on residents' own messages (the eval sets' questions, never
 * the corpus's phrasings), each request a different message in a new conversation, so no reply comes
 * from one cache:
 *  - POST /api/messages (expectReplies) against a bare botbuilder echo bot on restify (target ≥ 0.8×);
 *  - GET /api/faq/search against GET /healthz on the same service (target ≥ 0.5×).
 * Each server runs in a child process of its own (this file with --serve), so the load generator never
 * shares a thread with what it measures. The FAQ side is the real service (src/service.ts: request ids,
 * metrics, the shared store), built as in production with rate limits off for the load. Measured in
 * alternating rounds after a warm-up; the ratio of the means is reported.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';
import { parseEnv } from '../src/config/index.js';
import { createLogger } from '../src/logging/index.js';
import { createRequestContext } from '../src/platform/index.js';
import { createService } from '../src/service.js';
import { readLabelledTsv } from './lib.js';

const CONNECTIONS = 20;
const SECONDS = 5;
const DEFAULT_FILES = ['../shared/eval/voices-dev.tsv', '../shared/eval/dev.tsv'];

function messages(): string[] {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--') && a !== 'echo' && a !== 'faq');
  const files = args.length > 0 ? args : DEFAULT_FILES.filter((f) => existsSync(f));
  if (files.length === 0) throw new Error('no labelled files: pass FILE.tsv (residents\' messages)');
  return files.flatMap((f) => readLabelledTsv(f).map((r) => r.question)).filter((q) => q.length <= 500);
}

function activity(text: string, n: number): string {
  return JSON.stringify({
    type: 'message',
    id: `bench-${n}`,
    channelId: 'emulator',
    deliveryMode: 'expectReplies',
    from: { id: `bench-user-${n}`, name: 'Bench' },
    recipient: { id: 'bot', name: 'Bot' },
    conversation: { id: `bench-conversation-${n}` },
    locale: 'sv-SE',
    text,
  });
}

async function startFaqService(): Promise<string> {
  const config = parseEnv({ PORT: '0', LOG_LEVEL: 'silent', RATE_LIMITS: 'off', CORPUS_WATCH: 'false' });
  if (!config.ok) throw new Error(config.message);
  const requestContext = createRequestContext();
  const started = await createService({
    env: config.env,
    logger: createLogger('silent', undefined, { mixin: requestContext.logFields }),
    requestContext,
    faqDataDir: fileURLToPath(new URL('../faq-data', import.meta.url)),
    localesDir: fileURLToPath(new URL('../locales', import.meta.url)),
  });
  if (!started.ok) throw new Error(started.problems.map((p) => p.message).join('; '));
  return (await started.service.listen()).replace('[::]', '127.0.0.1').replace('[::ffff:127.0.0.1]', '127.0.0.1');
}

async function startEchoBot(): Promise<string> {
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`Echo: ${context.activity.text}`);
    await next();
  });
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    await adapter.process({ body: req.body, headers: req.headers, method: req.method ?? 'POST' }, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server.url.replace('[::]', '127.0.0.1');
}

/** One autocannon run; every request built fresh by `next`. */
async function load(url: string, next: (n: number) => { method: 'GET' | 'POST'; path: string; body?: string }, seconds: number): Promise<{ rate: number; p99: number }> {
  let n = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          const r = next(n++);
          return { ...req, method: r.method, path: r.path, ...(r.body === undefined ? {} : { body: r.body, headers: { 'content-type': 'application/json' } }) };
        },
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  return { rate: result.requests.average, p99: result.latency.p99 };
}

function spawnServer(kind: 'echo' | 'faq'): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', fileURLToPath(import.meta.url), '--serve', kind, ...process.argv.slice(2)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = /^listening (\S+)$/m.exec(out);
      if (line?.[1]) resolve({ url: line[1], child });
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code} before listening`)));
  });
}

async function main(): Promise<void> {
  const qs = messages();
  const post = (n: number) => ({ method: 'POST' as const, path: '/api/messages', body: activity(qs[n % qs.length] ?? '', n) });
  const search = (n: number) => ({ method: 'GET' as const, path: `/api/faq/search?q=${encodeURIComponent(qs[n % qs.length] ?? '')}` });
  const health = () => ({ method: 'GET' as const, path: '/healthz' });
  const [faq, echo] = await Promise.all([spawnServer('faq'), spawnServer('echo')]);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const show = (label: string, r: { rate: number; p99: number }) => process.stdout.write(`  ${label.padEnd(46)} ${r.rate.toFixed(0).padStart(6)} req/s  p99 ${r.p99} ms\n`);
  try {
    process.stdout.write(`${qs.length} residents' messages cycled, each request a new conversation; ${CONNECTIONS} connections, ${SECONDS} s per run, alternating\n`);
    await load(echo.url, post, 2);
    await load(faq.url, post, 2);
    const echoRates: number[] = [];
    const faqRates: number[] = [];
    for (let round = 0; round < 2; round++) {
      const e = await load(echo.url, post, SECONDS);
      show('bare botbuilder echo bot: POST /api/messages', e);
      echoRates.push(e.rate);
      const f = await load(faq.url, post, SECONDS);
      show('FAQ service: POST /api/messages', f);
      faqRates.push(f.rate);
    }
    const botRatio = mean(faqRates) / mean(echoRates);
    process.stdout.write(`  /api/messages: FAQ ${mean(faqRates).toFixed(0)} req/s vs echo ${mean(echoRates).toFixed(0)} req/s = ${botRatio.toFixed(2)}× (target ≥ 0.80) ${botRatio >= 0.8 ? 'OK' : 'BELOW TARGET'}\n`);

    await load(faq.url, search, 2);
    const healthRates: number[] = [];
    const searchRates: number[] = [];
    for (let round = 0; round < 2; round++) {
      const h = await load(faq.url, health, SECONDS);
      show('FAQ service: GET /healthz', h);
      healthRates.push(h.rate);
      const s = await load(faq.url, search, SECONDS);
      show('FAQ service: GET /api/faq/search', s);
      searchRates.push(s.rate);
    }
    const searchRatio = mean(searchRates) / mean(healthRates);
    process.stdout.write(`  /api/faq/search: ${mean(searchRates).toFixed(0)} req/s vs /healthz ${mean(healthRates).toFixed(0)} req/s = ${searchRatio.toFixed(2)}× (target ≥ 0.50) ${searchRatio >= 0.5 ? 'OK' : 'BELOW TARGET'}\n`);
  } finally {
    faq.child.kill();
    echo.child.kill();
  }
}

async function serve(kind: string | undefined): Promise<void> {
  const url = kind === 'echo' ? await startEchoBot() : await startFaqService();
  process.stdout.write(`listening ${url}\n`);
}

const serveAt = process.argv.indexOf('--serve');
(serveAt === -1 ? main() : serve(process.argv[serveAt + 1])).catch((err: unknown) => {
  process.stderr.write(`bench-bot failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
