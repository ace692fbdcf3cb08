/**
 * Throughput of POST /api/messages (expectReplies, one FAQ question) against a bare botbuilder echo bot
 * on restify, measured the same way with autocannon. Each server runs in a child process of its own (this
 * file with --serve), so the load generator never shares a thread with the server it measures. The two
 * are measured alternately, twice each, and the ratio of the means is reported. Target: ratio ≥ 0.8.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';
import { fileURLToPath } from 'node:url';
import { createBotRuntime, registerBotRoutes } from '../src/channels/botframework/index.js';
import { createHttpServer } from '../src/channels/http/index.js';
import { createFaqEngine, loadCorpus } from '../src/core/index.js';
import { createI18n } from '../src/i18n/index.js';
import { createLogger } from '../src/logging/index.js';

const CONNECTIONS = 20;
const SECONDS = 5;
const QUESTION = 'Har mina personuppgifter läckt?';

const activity = JSON.stringify({
  type: 'message',
  id: 'bench-1',
  channelId: 'emulator',
  deliveryMode: 'expectReplies',
  from: { id: 'bench-user', name: 'Bench' },
  recipient: { id: 'bot', name: 'Bot' },
  conversation: { id: 'bench-conversation' },
  locale: 'sv-SE',
  text: QUESTION,
});

async function listen(server: restify.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server.url.replace('[::]', '127.0.0.1');
}

async function startFaqBot(): Promise<restify.Server> {
  const loaded = loadCorpus(fileURLToPath(new URL('../faq-data', import.meta.url)));
  if (!loaded.ok) throw new Error(`faq-data is invalid: ${loaded.problems.map((p) => p.message).join('; ')}`);
  // Silent: the bench measures the bot, not the terminal. Production logs per turn only at debug.
  const logger = createLogger('silent');
  const server = createHttpServer({ logger });
  const i18n = await createI18n({ localesDir: fileURLToPath(new URL('../locales', import.meta.url)) });
  registerBotRoutes(server, createBotRuntime({ engine: createFaqEngine(loaded.corpus), i18n, logger, clock: () => new Date(), auth: {} }));
  return server;
}

function startEchoBot(): restify.Server {
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`Echo: ${context.activity.text}`);
    await next();
  });
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    // restify's types mark method optional; botbuilder's Request needs it (always set on a real request).
    await adapter.process({ body: req.body, headers: req.headers, method: req.method ?? 'POST' }, res, (context) => bot.run(context));
  });
  return server;
}

async function measure(name: string, url: string, seconds = SECONDS, quiet = false): Promise<number> {
  const check = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: activity });
  const body = await check.text();
  if (check.status !== 200 || !body.includes('"activities"')) throw new Error(`${name} did not answer inline: ${check.status} ${body.slice(0, 200)}`);
  const result = await autocannon({
    url: `${url}/api/messages`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: activity,
    connections: CONNECTIONS,
    duration: seconds,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  if (quiet) return result.requests.average;
  process.stdout.write(`${name.padEnd(28)} ${result.requests.average.toFixed(0).padStart(6)} req/s  (p99 latency ${result.latency.p99} ms)\n`);
  return result.requests.average;
}

/** Starts this file with --serve KIND in a child process and resolves with the URL it listens on. */
function spawnServer(kind: 'echo' | 'faq'): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', fileURLToPath(import.meta.url), '--serve', kind], {
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

async function serve(kind: string | undefined): Promise<void> {
  const server = kind === 'echo' ? startEchoBot() : await startFaqBot();
  process.stdout.write(`listening ${await listen(server)}\n`);
}

async function main(): Promise<void> {
  const [faq, echo] = await Promise.all([spawnServer('faq'), spawnServer('echo')]);
  try {
    process.stdout.write(`POST /api/messages, expectReplies, ${CONNECTIONS} connections, ${SECONDS} s each, alternating, after a warm-up\n`);
    // Warm both up first so neither is measured while the JIT is still compiling its hot path.
    await measure('echo warm-up', echo.url, 2, true);
    await measure('faq warm-up', faq.url, 2, true);
    const echoRates: number[] = [];
    const faqRates: number[] = [];
    for (let round = 0; round < 2; round++) {
      echoRates.push(await measure('bare botbuilder echo bot', echo.url));
      faqRates.push(await measure(`FAQ bot ("${QUESTION}")`, faq.url));
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const ratio = mean(faqRates) / mean(echoRates);
    process.stdout.write(
      `mean: echo ${mean(echoRates).toFixed(0)} req/s, FAQ ${mean(faqRates).toFixed(0)} req/s; ratio FAQ bot / echo bot: ${ratio.toFixed(2)} (target ≥ 0.80) ${ratio >= 0.8 ? 'OK' : 'BELOW TARGET'}\n`,
    );
  } finally {
    faq.child.kill();
    echo.child.kill();
  }
}

const serveAt = process.argv.indexOf('--serve');
(serveAt === -1 ? main() : serve(process.argv[serveAt + 1])).catch((err: unknown) => {
  process.stderr.write(`bench-bot failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
