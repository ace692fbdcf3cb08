/**
 * A first start as an operator sees it, through real processes: a busy port is one line and exit code 1
 * before any training; a start says it is preparing and when it is ready, with the URL; the trained model
 * is cached by corpus and engine, so a restart with the same corpus does not train, and a damaged cache
 * file is trained over, never a crash. (How long each takes is measured by `npm run bench`.)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const cacheDir = mkdtempSync(join(tmpdir(), 'model-cache-'));
const running: ServiceProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  rmSync(cacheDir, { recursive: true, force: true });
});

async function start(): Promise<ServiceProcess> {
  const s = await startServiceProcess({ env: { MODEL_CACHE_DIR: cacheDir, CORPUS_WATCH: 'false' } });
  running.push(s);
  return s;
}

const listening = z.looseObject({ modelFromCache: z.boolean() });
const ready = z.looseObject({ url: z.string() });
const models = () => readdirSync(cacheDir).filter((f) => f.endsWith('.model'));

describe('first start', () => {
  test('when the port is taken: one line on standard error, exit code 1, and no training first', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    const port = address.port;
    try {
      const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'src/main.ts'], {
        cwd: ROOT,
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/tmp', PORT: String(port), HOST: '127.0.0.1', MODEL_CACHE_DIR: 'off' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(stderr.trimEnd().split('\n')).toEqual([`Port ${port} on 127.0.0.1 is already in use (is the service already running?). Stop that process, or start with another port: PORT=${port + 1} npm start`]);
      // Nothing was prepared: no training started, no uncaught exception.
      expect(stdout).not.toContain('preparing');
    } finally {
      blocker.close();
    }
  }, 60_000);

  test('says it is preparing, then that it is ready with the URL; caches the model 0600 and a restart reads it', async () => {
    const first = await start();
    expect(first.logs.some((l) => l.msg?.startsWith('preparing the FAQ engine'))).toBe(true);
    expect(listening.parse(await first.waitForLog((l) => l.msg === 'listening')).modelFromCache).toBe(false);
    const line = await first.waitForLog((l) => l.msg?.startsWith('ready:') === true);
    expect(line.msg).toBe(`ready: the residents' chat is at ${first.url}/ (the agents' search at ${first.url}/api/faq/search?q=…); stop with Ctrl-C`);
    expect(ready.parse(line).url).toBe(first.url);
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    await first.stop();

    expect(models()).toHaveLength(1);
    const file = join(cacheDir, models()[0] ?? '');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);

    const second = await start();
    expect(listening.parse(await second.waitForLog((l) => l.msg === 'listening')).modelFromCache).toBe(true);
    const search = z.object({ decision: z.string(), results: z.array(z.object({ id: z.string() })) });
    const answered = search.parse(await (await fetch(`${second.url}/api/faq/search?q=${encodeURIComponent('Kan obehöriga ha sett mina uppgifter?')}`)).json());
    expect(answered.decision).toBe('answer');
    expect(answered.results[0]?.id).toBe('personal-data');
    await second.stop();

    // A damaged file (a crash mid-copy, a full disk) is ignored and trained over.
    writeFileSync(file, Buffer.from('not a model at all'));
    const third = await start();
    expect(listening.parse(await third.waitForLog((l) => l.msg === 'listening')).modelFromCache).toBe(false);
    expect((await fetch(`${third.url}/healthz`)).status).toBe(200);
    await third.stop();
    expect(statSync(file).size).toBeGreaterThan(1000);
  }, 300_000);
});
