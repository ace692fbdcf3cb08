/**
 * npm run soak -- --hostile [--seconds 180] [--calm]
 *
 * Residents' traffic mixed with each attack of issue #18, against the service with default settings
 * and the staff side on (embedded store in a temporary folder), every client within the default rate
 * limits and each on its own loopback address (127.0.0.0/8 is all loopback on Linux). The attacks may be
 * refused or slowed; residents may not. Prints residents' p50/p99, errors and non-2xx, each attack's
 * responses, the service's heap (from /metrics) and RSS every 30 s, and whether residents' unanswered
 * questions all reached the review. --calm runs the residents alone, for a baseline on the same machine.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './lib.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAFF_TOKEN = 'hostile-soak-staff-token-0123456789-abcdefgh';

export interface HostileOptions {
  readonly seconds: number;
  readonly dist: boolean;
  /** Residents only, no attacks: the baseline the attacks are compared with. */
  readonly calm: boolean;
}

interface Reply {
  readonly status: number;
  readonly ms: number;
  readonly body: string;
}

const agents = new Map<string, Agent>();
/** One HTTP request from a given loopback address (so each client has its own rate limit). */
function send(url: string, from: string, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
  let agent = agents.get(from);
  if (agent === undefined) agents.set(from, (agent = new Agent({ keepAlive: true, localAddress: from, maxSockets: 4 })));
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(`${url}${path}`, { method, agent, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, timeout: 60_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started, body: '' }));
    req.on('timeout', () => req.destroy());
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const rssMb = (pid: number) => Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let seed = 12_345;
const random = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed;
};
const madeUpWord = (length: number) => Array.from({ length }, () => 'abcdefghijklmnopqrstuvwxyzåäö'[random() % 29]).join('');

/** What residents ask: written for this soak (never the evaluation sets), some answered, some not. */
const RESIDENT_QUESTIONS = ['Har mina personuppgifter läckt?', 'betalar ni leverantörsfakturor i tid', 'Vilka system är påverkade?', 'hur når jag kommunen', 'När gjordes polisanmälan?', 'jag vill hellre tala med en handläggare'];
/** Unanswered on purpose, each numbered: every one must reach the editors' review. */
const residentUnanswered = (n: number) => `Vad kostar det att hyra tvättstugan en söndag, fråga nummer ${n}`;

interface Stream {
  readonly name: string;
  readonly statuses: Map<number, number>;
  readonly latencies: number[];
}
const stream = (name: string): Stream => ({ name, statuses: new Map(), latencies: [] });
const note = (s: Stream, r: Reply) => {
  s.statuses.set(r.status, (s.statuses.get(r.status) ?? 0) + 1);
  s.latencies.push(r.ms);
};

export async function runHostileSoak(options: HostileOptions): Promise<void> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'hostile-soak-'));
  const args = options.dist ? ['--max-old-space-size=160', '--disable-warning=DEP0111', 'dist/main.js'] : ['--max-old-space-size=160', '--disable-warning=DEP0111', '--import', 'tsx', 'src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/tmp', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', CORPUS_WATCH: 'false', STAFF_TOKEN, STAFF_DATA_DIR: dataDir },
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode})`);
      if ((await send(url, '127.0.0.1', 'GET', '/readyz')).status === 200) break;
      if (Date.now() > deadline) throw new Error('the service did not become ready within 90 s');
      await sleep(300);
    }
    const pid = child.pid ?? 0;
    // The staff store opens in the background after the service listens: traffic starts once it answers,
    // so the figures are the steady state's (the opening itself is reported on its own).
    const listening = Date.now();
    while ((await send(url, '127.0.0.1', 'GET', '/api/staff/stats?days=1', undefined, { authorization: `Bearer ${STAFF_TOKEN}` })).status !== 200) {
      if (Date.now() - listening > 120_000) throw new Error('the staff store did not open within 120 s');
      await sleep(500);
    }
    process.stdout.write(
      `${options.calm ? 'calm soak (residents only)' : 'hostile soak'}: ${options.seconds} s on ${url}, default settings, staff side on (embedded store, opened ${((Date.now() - listening) / 1000).toFixed(1)} s after listening); idle RSS ${rssMb(pid).toFixed(1)} MB\n`,
    );

    const end = Date.now() + options.seconds * 1000;
    const residents = stream('residents');
    const attacks = {
      longWords: stream('990-letter words (search, 8 addresses)'),
      planted: stream('planted questions (web chat, 8 addresses)'),
      nul: stream('NUL in messages (web chat)'),
      crafted: stream('crafted 5 KB text (bot endpoint, 3 addresses)'),
      review: stream('editors’ review and export, every 2 s'),
    };
    const unansweredAsked: number[] = [];

    // Residents: 20 addresses, each a conversation at a time, a few seconds apart (well within limits).
    const resident = async (r: number) => {
      const from = `127.0.1.${r + 1}`;
      for (let turn = 0; Date.now() < end; turn++) {
        const conversationId = `resident-${r}-${turn}`.padEnd(12, '0');
        const unanswered = turn % 3 === 2;
        const number = r * 100_000 + turn;
        const text = unanswered ? residentUnanswered(number) : (RESIDENT_QUESTIONS[(r + turn) % RESIDENT_QUESTIONS.length] ?? '');
        const reply = await send(url, from, 'POST', '/api/webchat/messages', JSON.stringify({ type: 'message', conversationId, userId: `resident-user-${r}`, text, locale: 'sv-SE' }));
        note(residents, reply);
        if (unanswered && reply.status === 200) unansweredAsked.push(number);
        note(residents, await send(url, from, 'GET', `/api/faq/search?q=${encodeURIComponent(RESIDENT_QUESTIONS[turn % RESIDENT_QUESTIONS.length] ?? '')}`));
        await sleep(1500 + (random() % 1000));
      }
    };
    // Each attack from its own addresses, as fast as the default limits let one address go.
    const loop = async (s: Stream, from: string, perSecond: number, make: (i: number) => [string, string, (string | undefined)?, Record<string, string>?]) => {
      for (let i = 0; Date.now() < end; i++) {
        const [method, path, body, headers] = make(i);
        note(s, await send(url, from, method, path, body, headers));
        await sleep(1000 / perSecond);
      }
    };
    const crafted = (i: number) => [`tel${' '.repeat(4900)}x 070-1234567`, `${'a'.repeat(4999)}@`, '811218-9876 '.repeat(400), `x@${'a-'.repeat(2490)}`][i % 4] ?? '';
    const jobs: Promise<void>[] = [];
    for (let r = 0; r < 20; r++) jobs.push(resident(r));
    for (let a = 0; a < (options.calm ? 0 : 8); a++) {
      jobs.push(loop(attacks.longWords, `127.0.2.${a + 1}`, 9, () => ['GET', `/api/faq/search?q=${madeUpWord(990)}`]));
      jobs.push(
        loop(attacks.planted, `127.0.3.${a + 1}`, 4, (i) => [
          'POST',
          '/api/webchat/messages',
          JSON.stringify({ type: 'message', conversationId: `planted-${a}-${i}`.padEnd(12, '0'), userId: `planter-${a}`, text: `bygglov ${madeUpWord(8)} ${madeUpWord(8)} ${madeUpWord(8)} faktura lön` }),
        ]),
      );
    }
    if (!options.calm) jobs.push(loop(attacks.nul, '127.0.4.1', 4, (i) => ['POST', '/api/webchat/messages', JSON.stringify({ type: 'message', conversationId: `nul-attack-${i}`.padEnd(12, '0'), userId: 'nul-attacker', text: `hej\u0000 bygglov ${madeUpWord(6)}` })]));
    for (let a = 0; a < (options.calm ? 0 : 3); a++) {
      jobs.push(
        loop(attacks.crafted, `127.0.5.${a + 1}`, 9, (i) => [
          'POST',
          '/api/messages',
          JSON.stringify({ type: 'message', channelId: 'emulator', deliveryMode: 'expectReplies', from: { id: `crafter-${a}` }, recipient: { id: 'bot' }, conversation: { id: `crafted-${a}-${i}` }, locale: 'sv-SE', text: crafted(i) }),
        ]),
      );
    }
    if (!options.calm) {
      jobs.push(
        loop(attacks.review, '127.0.6.1', 0.5, (i) => ['GET', i % 2 === 0 ? '/api/staff/unanswered?days=1&limit=200' : '/api/staff/export.csv?days=1', undefined, { authorization: `Bearer ${STAFF_TOKEN}` }]),
      );
    }

    const started = Date.now();
    let peakRss = 0;
    let peakHeap = 0;
    const reporter = setInterval(() => {
      void (async () => {
        const metrics = await send(url, '127.0.0.1', 'GET', '/metrics');
        const heap = Number(/^nodejs_heap_size_used_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)/m.exec(metrics.body)?.[1] ?? NaN) / 1024 / 1024;
        const rss = rssMb(pid);
        peakRss = Math.max(peakRss, rss);
        if (Number.isFinite(heap)) peakHeap = Math.max(peakHeap, heap);
        const sorted = [...residents.latencies].sort((a, b) => a - b);
        process.stdout.write(
          `[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] residents ${residents.latencies.length} replies, p50 ${quantile(sorted, 0.5).toFixed(1)} ms, p99 ${quantile(sorted, 0.99).toFixed(1)} ms; heap ${heap.toFixed(1)} MB, RSS ${rss.toFixed(1)} MB\n`,
        );
      })();
    }, 30_000);
    await Promise.all(jobs);
    clearInterval(reporter);
    peakRss = Math.max(peakRss, rssMb(pid));

    // Give the write queue its second, then look for every resident's unanswered question in the export.
    await sleep(2500);
    const csv = await send(url, '127.0.0.1', 'GET', '/api/staff/export.csv?days=1', undefined, { authorization: `Bearer ${STAFF_TOKEN}` });
    const found = unansweredAsked.filter((n) => csv.body.includes(`fråga nummer ${n}`)).length;

    const sorted = [...residents.latencies].sort((a, b) => a - b);
    const bad = [...residents.statuses].filter(([status]) => status < 200 || status > 299);
    const line = (s: Stream) => {
      const l = [...s.latencies].sort((a, b) => a - b);
      return `  ${s.name}: ${s.latencies.length} sent; ${[...s.statuses].sort(([a], [b]) => a - b).map(([k, v]) => `${k === 0 ? 'error' : k}: ${v}`).join(', ')}; p50 ${quantile(l, 0.5).toFixed(1)} ms, p99 ${quantile(l, 0.99).toFixed(1)} ms\n`;
    };
    process.stdout.write(
      `\nsummary after ${options.seconds} s\n` +
        `residents: ${residents.latencies.length} requests, p50 ${quantile(sorted, 0.5).toFixed(1)} ms, p99 ${quantile(sorted, 0.99).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms; non-2xx ${bad.reduce((n, [, c]) => n + c, 0)}${bad.length ? ` (${bad.map(([k, v]) => `${k === 0 ? 'error' : k}: ${v}`).join(', ')})` : ''}\n` +
        `residents' unanswered questions in the editors' export: ${found}/${unansweredAsked.length}\n` +
        (options.calm ? '' : `attacks:\n${Object.values(attacks).map(line).join('')}`) +
        `service: alive ${child.exitCode === null ? 'yes' : `no (exit ${child.exitCode})`}; peak heap ${peakHeap.toFixed(1)} MB, peak RSS ${peakRss.toFixed(1)} MB\n`,
    );
    if (child.exitCode !== null || bad.length > 0 || found < unansweredAsked.length) process.exitCode = 1;
  } finally {
    for (const agent of agents.values()) agent.destroy();
    if (child.exitCode === null) child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
