/**
 * Start-up time to ready, as an operator sees it: `node --import tsx src/main.ts` (what `npm start` runs)
 * and, when built, `node dist/main.js` (`npm run start:prod`), from spawning the process to its "ready"
 * log line. Cold: an empty model cache, so the corpus is trained. Cached: the same corpus again, so the
 * model is read from MODEL_CACHE_DIR. Each cached figure is the median of three starts.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const line = z.looseObject({ msg: z.string().optional(), modelFromCache: z.boolean().optional(), preparedSeconds: z.number().optional() });

interface Start {
  readonly seconds: number;
  readonly fromCache: boolean;
  /** From "preparing" to "listening", as the service measures it (without loading its modules). */
  readonly prepared: number;
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
          prepared = parsed.data.preparedSeconds ?? Number.NaN;
        }
        if (parsed.data.msg?.startsWith('ready:') && ready === undefined) {
          ready = { seconds: Number(process.hrtime.bigint() - began) / 1e9, fromCache, prepared };
          child.kill('SIGTERM');
        }
      }
    });
    // Resolved once the process has gone, so the next start finds the port and the CPU free.
    child.once('exit', (code) => (ready === undefined ? reject(new Error(`the service exited (${code}) before it was ready: ${stderr.slice(-500)}`)) : resolve(ready)));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function measure(label: string, args: readonly string[]): Promise<void> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'bench-model-cache-'));
  try {
    const cold = await startOnce(args, cacheDir);
    const cached: Start[] = [];
    for (let i = 0; i < 3; i += 1) cached.push(await startOnce(args, cacheDir));
    if (cold.fromCache || cached.some((c) => !c.fromCache)) throw new Error(`${label}: the model cache was not used as expected`);
    const s = (x: number) => `${x.toFixed(1)} s`;
    process.stdout.write(
      `${label}: cold (training) ${s(cold.seconds)} to ready (preparing ${s(cold.prepared)}); ` +
        `cached model ${s(median(cached.map((c) => c.seconds)))} to ready (preparing ${s(median(cached.map((c) => c.prepared)))}), median of 3\n`,
    );
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

process.stdout.write('\nStart-up to ready (spawn → "ready" log line)\n');
await measure('npm start (tsx, src/main.ts)', ['--import', 'tsx', 'src/main.ts']);
if (existsSync(join(ROOT, 'dist/main.js'))) await measure('npm run start:prod (dist/main.js)', ['dist/main.js']);
else process.stdout.write('npm run start:prod: not built (run npm run build first to measure it)\n');
