/**
 * Start-up time to ready, as an operator sees it: `node scripts/start.mjs` (what `npm start` runs: src/
 * transpiled into .start/), `node --import tsx src/main.ts` (what npm start ran before, and its fallback)
 * and, when built, `node dist/main.js` (`npm run start:prod`), from spawning the process to its "ready"
 * log line, and to the first web chat answer (botbuilder loads once the service is ready). Cold: an empty
 * model cache, so the corpus is trained. Cached: the same corpus again, so the model is read from
 * MODEL_CACHE_DIR. Each cached figure is the median of BENCH_START_REPEAT starts (5 by default).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const line = z.looseObject({ msg: z.string().optional(), url: z.string().optional(), modelFromCache: z.boolean().optional(), preparedSeconds: z.number().optional() });
const REPEAT = Math.max(1, Number(process.env['BENCH_START_REPEAT'] ?? 5));

interface Start {
  readonly seconds: number;
  readonly fromCache: boolean;
  /** From "preparing" to "listening", as the service measures it (without loading its modules). */
  readonly prepared: number;
  /** From spawning to the answer of a first web chat message sent at "ready". */
  readonly answered: number;
}

/** The first message a resident sends, posted as the page does; resolves when its answer is back. */
async function firstAnswer(url: string): Promise<void> {
  const res = await fetch(`${url}/api/webchat/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', conversationId: 'bench-start-0001', userId: 'bench-start-user', text: 'Har mina personuppgifter läckt?' }),
  });
  if (!res.ok) throw new Error(`the first web chat message got ${res.status}`);
  await res.arrayBuffer();
}

function startOnce(args: readonly string[], cacheDir: string): Promise<Start> {
  return new Promise((resolve, reject) => {
    const began = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--max-old-space-size=160', '--disable-warning=DEP0111', ...args], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/tmp', PORT: '0', HOST: '127.0.0.1', MODEL_CACHE_DIR: cacheDir, CORPUS_WATCH: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let partial = '';
    let fromCache = false;
    let prepared = Number.NaN;
    let stderr = '';
    let ready: Start | undefined;
    let url = '';
    let failed: Error | undefined;
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const text of lines) {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          continue;
        }
        const parsed = line.safeParse(json);
        if (!parsed.success) continue;
        if (parsed.data.msg === 'listening') {
          fromCache = parsed.data.modelFromCache ?? false;
          url = parsed.data.url ?? '';
          prepared = parsed.data.preparedSeconds ?? Number.NaN;
        }
        if (parsed.data.msg?.startsWith('ready:') && ready === undefined) {
          const seconds = Number(process.hrtime.bigint() - began) / 1e9;
          ready = { seconds, fromCache, prepared, answered: Number.NaN };
          firstAnswer(url)
            .then(() => (ready = { seconds, fromCache, prepared, answered: Number(process.hrtime.bigint() - began) / 1e9 }))
            .catch((error: unknown) => (failed = error instanceof Error ? error : new Error(String(error))))
            .finally(() => child.kill('SIGTERM'));
        }
      }
    });
    // Resolved once the process has gone, so the next start finds the port and the CPU free.
    child.once('exit', (code) => {
      if (failed !== undefined) reject(failed);
      else if (ready === undefined) reject(new Error(`the service exited (${code}) before it was ready: ${stderr.slice(-500)}`));
      else resolve(ready);
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function measure(label: string, args: readonly string[]): Promise<void> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'bench-model-cache-'));
  try {
    const cold = await startOnce(args, cacheDir);
    const cached: Start[] = [];
    for (let i = 0; i < REPEAT; i += 1) cached.push(await startOnce(args, cacheDir));
    if (cold.fromCache || cached.some((c) => !c.fromCache)) throw new Error(`${label}: the model cache was not used as expected`);
    const s = (x: number) => `${x.toFixed(1)} s`;
    process.stdout.write(
      `${label}: cold (training) ${s(cold.seconds)} to ready (preparing ${s(cold.prepared)}); ` +
        `cached model ${s(median(cached.map((c) => c.seconds)))} to ready (preparing ${s(median(cached.map((c) => c.prepared)))}; ` +
        `first answer at ${s(median(cached.map((c) => c.answered)))}), median of ${REPEAT} (${cached.map((c) => c.seconds.toFixed(2)).join(', ')})\n`,
    );
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

process.stdout.write('\nStart-up to ready (spawn → "ready" log line)\n');
await measure('npm start (scripts/start.mjs, src/ transpiled into .start/)', ['scripts/start.mjs']);
await measure('node --import tsx src/main.ts (npm start before; its fallback)', ['--import', 'tsx', 'src/main.ts']);
if (existsSync(join(ROOT, 'dist/main.js'))) await measure('npm run start:prod (dist/main.js)', ['dist/main.js']);
else process.stdout.write('npm run start:prod: not built (run npm run build first to measure it)\n');
