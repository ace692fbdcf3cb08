/**
 * npm run soak [-- --minutes 10 | --seconds 90] [--interval 30] [--connections 16] [--dist]
 * npm run soak -- --hostile [--seconds 180] [--dist]   residents among the attacks of issue #18 (scripts/soak-hostile.ts)
 *
 * Starts the service on a free loopback port (its own child process: `node --import tsx src/main.ts`, or
 * the compiled `dist/main.js` with --dist after `npm run build`), drives mixed traffic at every public
 * endpoint for the given time with autocannon, and prints throughput, p99 latency, non-2xx responses,
 * errors and the service's RSS every interval, then a summary with the RSS growth after warm-up.
 * Bounded (default 10 minutes) and loopback only: nothing leaves the machine.
 *
 * The mix, per connection and round: a welcome, a question (residents' own messages when ../shared/eval is there), a "Menar du" question answered by typing
 * "1", a feedback click, an agents' search, a Bot Framework message and a message-extension query, the
 * chat page, /healthz, /readyz and, every tenth round, /metrics. Conversation ids rotate through a pool of
 * 10,000, so the per-conversation state and limits reach their steady size. Rate limits stay on with
 * ceilings above what one loopback client can send (refusals would be counted as non-2xx).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { z } from 'zod';
import { runHostileSoak } from './soak-hostile.js';
import { freePort } from './lib.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const flags = z
  .object({
    minutes: z.coerce.number().positive().max(120).default(10),
    seconds: z.coerce.number().int().positive().max(7200).optional(),
    interval: z.coerce.number().int().min(1).max(600).default(30),
    connections: z.coerce.number().int().min(1).max(256).default(16),
    dist: z.boolean().default(false),
    hostile: z.boolean().default(false),
    calm: z.boolean().default(false),
  })
  .parse(parseArgs(process.argv.slice(2)));
const durationSeconds = flags.seconds ?? Math.round(flags.minutes * 60);
const warmUpSeconds = Math.min(60, Math.max(flags.interval, Math.round(durationSeconds / 10)));

function parseArgs(args: string[]): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < args.length; i += 1) {
    const name = args[i]?.replace(/^--/, '') ?? '';
    const next = args[i + 1];
    if (next === undefined || next.startsWith('--')) out[name] = true;
    else {
      out[name] = next;
      i += 1;
    }
  }
  return out;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/**
 * Residents' own messages when the evaluation sets are beside the project (../shared/eval), each sent
 * with a fresh random misspelling now and then, so the engine's word caches meet new words all the time
 * and must stay bounded; otherwise a fixed handful.
 */
const RESIDENTS = ['../shared/eval/voices-dev.tsv', '../shared/eval/dev.tsv']
  .filter((f) => existsSync(join(ROOT, f)))
  .flatMap((f) => readFileSync(join(ROOT, f), 'utf8').split('\n').slice(1).map((l) => l.split('\t')[0] ?? '').filter((q) => q.trim() !== '' && q.length <= 500));
const misspell = (text: string): string =>
  text.replace(/\p{L}{6,}/gu, (w) => (Math.random() < 0.15 ? w.slice(0, 2) + String.fromCharCode(97 + Math.floor(Math.random() * 26)) + w.slice(3) : w));
const FIXED_QUESTIONS = [
  'Har mina personuppgifter läckt?',
  'När gjordes polisanmälan?',
  'betalar ni leverantörsfakturor i tid',
  'Vilka system är påverkade?',
  'hur når jag kommunen',
  'Has my personal data leaked?',
  'vad är vädret i morgon',
  'jag vill hellre tala med en handläggare',
];
const QUESTIONS = RESIDENTS.length > 0 ? RESIDENTS : FIXED_QUESTIONS;
const CLARIFY = 'påverkas utbetalningar och fakturor?';
const POOL = 10_000;

async function main(): Promise<void> {
  const port = await freePort();
  // The production start's heap ceiling (package.json start:prod), so the soak measures what runs in production.
  const args = flags.dist ? ['--max-old-space-size=160', '--disable-warning=DEP0111', 'dist/main.js'] : ['--max-old-space-size=160', '--disable-warning=DEP0111', '--import', 'tsx', 'src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: process.env['HOME'] ?? '/tmp',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      CORPUS_WATCH: 'false',
      WEBCHAT_RATE_LIMIT_POINTS: '100000',
      WEBCHAT_CONVERSATION_RATE_LIMIT_POINTS: '100000',
      BOT_RATE_LIMIT_POINTS: '1000000',
      SEARCH_RATE_LIMIT_POINTS: '1000000',
    },
  });
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.once('SIGINT', () => {
    stop();
    process.exit(130);
  });
  let serviceLog = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    serviceLog = (serviceLog + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}): ${serviceLog}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the service did not become ready within 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid ?? 0;
  process.stdout.write(`soak: ${durationSeconds} s against ${flags.dist ? 'dist/main.js' : 'src/main.ts (tsx)'} on ${url}, ${flags.connections} connections, report every ${flags.interval} s, warm-up ${warmUpSeconds} s; idle RSS ${rssMb(pid).toFixed(1)} MB\n`);

  const rounds = new WeakMap<object, { round: number; conversation: string; question: string }>();
  let nextRound = 0;
  const json = { 'content-type': 'application/json' };
  const state = (context: object) => {
    let s = rounds.get(context);
    if (s === undefined) {
      s = { round: 0, conversation: '', question: '' };
      rounds.set(context, s);
    }
    return s;
  };
  const chat = (body: (s: { conversation: string; question: string }) => Record<string, unknown>): autocannon.Request => ({
    method: 'POST',
    path: '/api/webchat/messages',
    headers: json,
    setupRequest: (req, context) => ({ ...req, body: JSON.stringify({ conversationId: state(context).conversation, userId: 'soak-user-0001', ...body(state(context)) }) }),
  });
  const botMessage = (conversation: string, text: string) =>
    JSON.stringify({ type: 'message', channelId: 'emulator', deliveryMode: 'expectReplies', from: { id: 'soak-user' }, recipient: { id: 'bot' }, conversation: { id: conversation }, locale: 'sv-SE', text });
  const extensionQuery = JSON.stringify({
    type: 'invoke',
    name: 'composeExtension/query',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: 'soak-staff' },
    recipient: { id: 'bot' },
    conversation: { id: 'soak-mx' },
    locale: 'sv-SE',
    value: { commandId: 'searchFaq', parameters: [{ name: 'initialRun', value: 'true' }] },
  });

  const requests: autocannon.Request[] = [
    {
      ...chat(() => ({ type: 'conversationUpdate' })),
      setupRequest: (req, context) => {
        const s = state(context);
        s.round = nextRound;
        nextRound += 1;
        s.conversation = `soak-conversation-${String(s.round % POOL).padStart(5, '0')}`;
        s.question = misspell(QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)] ?? 'polisanmälan');
        return { ...req, body: JSON.stringify({ type: 'conversationUpdate', conversationId: s.conversation, userId: 'soak-user-0001' }) };
      },
    },
    chat((s) => ({ type: 'message', text: s.question })),
    chat(() => ({ type: 'message', text: CLARIFY })),
    chat(() => ({ type: 'message', text: '1' })),
    chat(() => ({ type: 'message', value: { action: 'feedback', id: 'personal-data', helpful: true, lang: 'sv' } })),
    { method: 'GET', setupRequest: (req, context) => ({ ...req, path: `/api/faq/search?q=${encodeURIComponent(state(context).question)}` }) },
    { method: 'POST', path: '/api/messages', headers: json, setupRequest: (req, context) => ({ ...req, body: botMessage(state(context).conversation, state(context).question) }) },
    { method: 'POST', path: '/api/messages', headers: json, body: extensionQuery },
    { method: 'GET', path: '/' },
    { method: 'GET', path: '/healthz' },
    { method: 'GET', setupRequest: (req, context) => ({ ...req, path: state(context).round % 10 === 0 ? '/metrics' : '/readyz' }) },
  ];

  let latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let count = 0;
  let lastReport = Date.now();
  const totals = { requests: 0, non2xx: 0, errors: 0, all: [] as number[] };
  const statuses = new Map<number, number>();
  let failure: unknown;
  // With a callback autocannon returns its event emitter (per-response events); the callback sees the end.
  const instance = autocannon({ url, connections: flags.connections, duration: durationSeconds, requests, timeout: 10 }, (err: unknown) => {
    if (err) failure = err;
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    count += 1;
    latencies.push(responseTime);
    if (statusCode < 200 || statusCode > 299) {
      non2xx += 1;
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    }
  });
  instance.on('reqError', () => {
    errors += 1;
  });

  const started = Date.now();
  const samples: { at: number; rss: number }[] = [];
  const report = () => {
    const elapsed = (Date.now() - started) / 1000;
    const window = (Date.now() - lastReport) / 1000;
    lastReport = Date.now();
    const sorted = [...latencies].sort((a, b) => a - b);
    const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
    const rss = child.exitCode === null ? rssMb(pid) : NaN;
    samples.push({ at: elapsed, rss });
    process.stdout.write(
      `[${elapsed.toFixed(0).padStart(5)} s] ${(count / window).toFixed(0).padStart(6)} req/s  p99 ${p99.toFixed(1).padStart(6)} ms  non-2xx ${String(non2xx).padStart(4)}  errors ${String(errors).padStart(4)}  RSS ${rss.toFixed(1)} MB\n`,
    );
    totals.requests += count;
    totals.non2xx += non2xx;
    totals.errors += errors;
    for (const l of latencies) totals.all.push(l);
    latencies = [];
    non2xx = 0;
    errors = 0;
    count = 0;
  };
  const timer = setInterval(report, flags.interval * 1000);
  await new Promise<void>((resolve) => instance.on('done', () => resolve()));
  clearInterval(timer);
  if (failure !== undefined) throw failure;
  // The last, partial interval (when the duration is not a multiple of it).
  if (count > 0 && Date.now() - lastReport > 1000) report();
  else totals.requests += count;

  const afterWarmUp = samples.find((s) => s.at >= warmUpSeconds) ?? samples[0];
  const later = samples.filter((s) => afterWarmUp !== undefined && s.at >= afterWarmUp.at);
  const maxRss = Math.max(...later.map((s) => s.rss));
  const finalRss = samples.at(-1)?.rss ?? NaN;
  const growth = afterWarmUp === undefined ? NaN : ((maxRss - afterWarmUp.rss) / afterWarmUp.rss) * 100;
  const all = totals.all.sort((a, b) => a - b);
  const p99 = all[Math.min(all.length - 1, Math.floor(all.length * 0.99))] ?? 0;
  process.stdout.write(
    `\nsummary: ${totals.requests} requests in ${durationSeconds} s = ${(totals.requests / durationSeconds).toFixed(0)} req/s; p99 ${p99.toFixed(1)} ms; non-2xx ${totals.non2xx}${statuses.size ? ` (${[...statuses].map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}; errors ${totals.errors}\n` +
      `RSS after warm-up (${afterWarmUp?.at.toFixed(0)} s) ${afterWarmUp?.rss.toFixed(1)} MB, highest after it ${maxRss.toFixed(1)} MB, final ${finalRss.toFixed(1)} MB: growth ${growth.toFixed(1)} %\n`,
  );

  stop();
  await new Promise((resolve) => child.once('exit', resolve));
  if (totals.errors > 0 || totals.non2xx > 0) process.exitCode = 1;
}

(flags.hostile ? runHostileSoak({ seconds: flags.seconds ?? Math.round(flags.minutes * 60), dist: flags.dist, calm: flags.calm }) : main()).catch((err: unknown) => {
  process.stderr.write(`soak failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
