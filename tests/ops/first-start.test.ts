/**
 * A first start as an operator sees it, through real processes: a busy port is one line and exit code 1
 * before any training; a start (`node scripts/start.mjs`, what npm start runs) says it is preparing and
 * when it is ready, with the URL; the trained model is cached by corpus and engine, and the loaded corpus
 * with it by its files, so a restart with the same files neither trains nor reads the YAML; a damaged
 * cache file is read around or trained over, never a crash; the modules nothing needs before the first
 * request are not loaded while the service prepares. (How long each takes is measured by `npm run bench`.)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { prepareCompiled } from '../../scripts/start.mjs';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const cacheDir = mkdtempSync(join(tmpdir(), 'model-cache-'));
const running: ServiceProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  rmSync(cacheDir, { recursive: true, force: true });
});

async function start(): Promise<ServiceProcess> {
  const s = await startServiceProcess({ via: 'start', env: { MODEL_CACHE_DIR: cacheDir, CORPUS_WATCH: 'false' } });
  running.push(s);
  return s;
}

const listening = z.looseObject({ modelFromCache: z.boolean() });
const ready = z.looseObject({ url: z.string() });
const models = () => readdirSync(cacheDir).filter((f) => f.endsWith('.model'));
/** The model by corpus content, and the loaded corpus with its model by the files ("f-"). */
const byContent = () => models().filter((f) => !f.startsWith('f-'));
const byFiles = () => models().filter((f) => f.startsWith('f-'));

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

    expect(byContent()).toHaveLength(1);
    expect(byFiles()).toHaveLength(1);
    const file = join(cacheDir, byContent()[0] ?? '');
    const filesFile = join(cacheDir, byFiles()[0] ?? '');
    for (const f of [file, filesFile]) expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);

    const second = await start();
    expect(listening.parse(await second.waitForLog((l) => l.msg === 'listening')).modelFromCache).toBe(true);
    const search = z.object({ decision: z.string(), results: z.array(z.object({ id: z.string() })) });
    const answered = search.parse(await (await fetch(`${second.url}/api/faq/search?q=${encodeURIComponent('Kan obehöriga ha sett mina uppgifter?')}`)).json());
    expect(answered.decision).toBe('answer');
    expect(answered.results[0]?.id).toBe('personal-data');
    await second.stop();

    // A damaged file (a crash mid-copy, a full disk) is ignored: without the loaded corpus, the YAML is
    // read and the model found by its content; without both, the corpus is trained again.
    writeFileSync(filesFile, Buffer.from('not a corpus at all'));
    const third = await start();
    expect(listening.parse(await third.waitForLog((l) => l.msg === 'listening')).modelFromCache).toBe(true);
    expect(third.logs.some((l) => l.msg?.includes('is unreadable') === true)).toBe(true);
    await third.stop();
    expect(statSync(filesFile).size).toBeGreaterThan(1000);

    writeFileSync(file, Buffer.from('not a model at all'));
    writeFileSync(filesFile, Buffer.from('not a corpus at all'));
    const fourth = await start();
    expect(listening.parse(await fourth.waitForLog((l) => l.msg === 'listening')).modelFromCache).toBe(false);
    expect((await fetch(`${fourth.url}/healthz`)).status).toBe(200);
    await fourth.stop();
    expect(statSync(file).size).toBeGreaterThan(1000);
    expect(statSync(filesFile).size).toBeGreaterThan(1000);
  }, 300_000);

  test('while it prepares, the service loads neither botbuilder nor the staff side nor the page watcher nor ioredis; the first message loads the bot and is answered', async () => {
    // Run from .start/ as npm start runs it (up to date already after the starts above).
    await prepareCompiled();
    expect(readFileSync(join(ROOT, '.start/service.js'), 'utf8')).toContain('deferredBotRuntime');
    const script = `
      import { createRequire, register } from 'node:module';
      import { MessageChannel } from 'node:worker_threads';
      // Packages loaded: CommonJS ones from require's cache, ES modules from what the loader resolved.
      const cache = createRequire(process.cwd() + '/').cache;
      const resolved = new Set();
      const { port1, port2 } = new MessageChannel();
      port1.on('message', (url) => resolved.add(url));
      port1.unref();
      const hook = 'let port; export function initialize(data) { port = data.port; } export async function resolve(s, c, next) { const r = await next(s, c); port.postMessage(r.url); return r; }';
      register('data:text/javascript,' + encodeURIComponent(hook), { data: { port: port2 }, transferList: [port2] });
      const loaded = async () => {
        await new Promise((r) => setTimeout(r, 100));
        return [...new Set([...Object.keys(cache), ...resolved].map((k) => /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(k)?.[1]).filter((p) => p !== undefined))];
      };
      const { parseEnv } = await import('./.start/config/index.js');
      const { createLogger } = await import('./.start/logging/index.js');
      const { createRequestContext } = await import('./.start/platform/index.js');
      const { createService } = await import('./.start/service.js');
      const parsed = parseEnv({ PORT: '0', HOST: '127.0.0.1', CORPUS_WATCH: 'false', LOG_LEVEL: 'silent' });
      if (!parsed.ok) throw new Error(parsed.message);
      const started = await createService({ env: parsed.env, logger: createLogger('silent'), requestContext: createRequestContext(), faqDataDir: process.cwd() + '/faq-data', localesDir: process.cwd() + '/locales', modelCacheDir: process.env.MODEL_CACHE_DIR, defaultMetrics: false });
      if (!started.ok) throw new Error('corpus invalid');
      const prepared = await loaded();
      const url = await started.service.listen();
      const res = await fetch(url + '/api/webchat/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', conversationId: 'lazy-conv-0001', userId: 'lazy-user-0001', text: 'Har mina personuppgifter läckt?' }) });
      const body = await res.json();
      process.stdout.write(JSON.stringify({ fromCache: started.service.modelFromCache, prepared, answered: await loaded(), status: res.status, replies: body.activities?.length ?? 0 }) + '\\n');
      await started.service.shutdown('test');
      process.exit(0);
    `;
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--input-type=module', '-e', script], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/tmp', MODEL_CACHE_DIR: cacheDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, stderr).toBe(0);
    const report = z.object({ fromCache: z.boolean(), prepared: z.array(z.string()), answered: z.array(z.string()), status: z.number(), replies: z.number() }).parse(JSON.parse(stdout));
    // The check itself sees what it should: the service's own packages are there.
    for (const used of ['restify', 'zod', 'yaml', 'fuse.js']) expect(report.prepared).toContain(used);
    for (const heavy of ['botbuilder', 'botframework-connector', '@electric-sql/pglite', 'openid-client', 'cheerio', 'pg', 'ioredis']) expect(report.prepared).not.toContain(heavy);
    expect(report.status).toBe(200);
    expect(report.replies).toBeGreaterThan(0);
    expect(report.answered).toContain('botbuilder');
  }, 120_000);
});
