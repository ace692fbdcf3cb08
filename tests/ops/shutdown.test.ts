import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { copyOfFaqData } from '../support/corpus.js';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.js';

/** An HTTP/1.1 exchange on its own socket, written in parts so the test decides when a request is complete. */
interface RawExchange {
  readonly socket: Socket;
  /** Everything the server sent. */
  readonly received: () => string;
  /** Resolves when the server closed the connection: how (FIN, or an error). */
  readonly closed: Promise<'end' | string>;
}

function openRaw(port: number, firstPart: string): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString();
    });
    const closed = new Promise<'end' | string>((done) => {
      socket.once('end', () => done('end'));
      socket.once('error', (e: NodeJS.ErrnoException) => done(e.code ?? 'error'));
    });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.write(firstPart);
      resolve({ socket, received: () => data, closed });
    });
  });
}

const statusOf = (raw: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
const bodyOf = (raw: string) => raw.slice(raw.indexOf('\r\n\r\n') + 4);

async function gauge(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
}

const waitUntil = async (check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

const processes: ServiceProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('graceful shutdown of a real process', () => {
  test('when SIGTERM arrives under 50 requests in flight, readiness turns 503, idle keep-alive sockets close cleanly, every request completes, exit 0', async () => {
    const service = await startServiceProcess();
    processes.push(service);
    const { port, url } = service;

    // Five idle keep-alive connections, each after one finished request.
    const idle = await Promise.all(Array.from({ length: 5 }, () => openRaw(port, 'GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n')));
    await waitUntil(() => idle.every((c) => statusOf(c.received()) === 200), 5000, 'the keep-alive requests');

    // 50 web chat messages whose bodies are only half sent: in flight until the test sends the rest.
    const bodies = Array.from({ length: 50 }, (_, i) =>
      JSON.stringify({ type: 'message', conversationId: `shutdown-${String(i).padStart(4, '0')}`, userId: 'shutdown-user-01', text: 'Har mina personuppgifter läckt?' }),
    );
    const inFlight = await Promise.all(
      bodies.map((body) => {
        const bytes = Buffer.byteLength(body);
        return openRaw(port, `POST /api/webchat/messages HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: ${bytes}\r\n\r\n${body.slice(0, 20)}`);
      }),
    );
    // A readiness probe whose headers are not finished yet, to be asked while draining.
    const probe = await openRaw(port, 'GET /readyz HTTP/1.1\r\nHost: test\r\n');
    // The server has received all 50 (and is serving this /metrics request too).
    await waitUntil(async () => (await gauge(url, 'http_requests_in_flight')) >= 51, 10_000, '50 requests in flight');

    service.child.kill('SIGTERM');
    await service.waitForLog((l) => l.msg?.startsWith('shutting down') === true, 5000);

    probe.socket.write('\r\n');
    await waitUntil(() => statusOf(probe.received()) !== 0, 5000, 'the readiness answer');
    expect(statusOf(probe.received())).toBe(503);
    expect(JSON.parse(bodyOf(probe.received()))).toMatchObject({ status: 'not-ready', checks: { draining: true } });

    // Idle keep-alive sockets are closed with FIN, not reset.
    expect(await Promise.all(idle.map((c) => c.closed))).toEqual(Array(5).fill('end'));
    // No new connections.
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();

    for (const [i, c] of inFlight.entries()) c.socket.write(bodies[i]?.slice(20) ?? '');
    await Promise.all(inFlight.map((c) => c.closed));
    const answers = inFlight.map((c) => ({ status: statusOf(c.received()), body: bodyOf(c.received()), close: /\r\nconnection: close\r\n/i.test(c.received()) }));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    for (const a of answers) {
      expect(z.object({ activities: z.array(z.object({ text: z.string().optional() }).loose()).min(1) }).parse(JSON.parse(a.body)).activities[0]?.text).toContain('personuppgifter');
      expect(a.close).toBe(true);
    }

    expect(await service.exited).toEqual({ code: 0, signal: null });
    expect(service.logs.at(-1)?.msg).toBe('stopped: every request finished');
  }, 120_000);

  test('when SIGHUP arrives, the service reloads faq-data/ and keeps serving instead of dying', async () => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    const service = await startServiceProcess({ env: { FAQ_DATA_DIR: dir, CORPUS_WATCH: 'false' } });
    processes.push(service);
    const health = z.object({ corpus: z.object({ version: z.string(), loadedAt: z.string() }) });
    const before = health.parse(await (await fetch(`${service.url}/healthz`)).json()).corpus;
    const file = join(dir, 'entries', 'police-report.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Händelsen polisanmäldes torsdag den 1 december.', 'Händelsen polisanmäldes den 1 december (omladdad).'));

    service.child.kill('SIGHUP');
    // A reload trains the engine again: seconds on a busy machine (speed is measured by the benches).
    await service.waitForLog((l) => l.msg === 'corpus reloaded', 60_000);
    const after = health.parse(await (await fetch(`${service.url}/healthz`)).json()).corpus;
    expect(after.version).not.toBe(before.version);
    const search = await (await fetch(`${service.url}/api/faq/search?q=${encodeURIComponent('har ni polisanmält')}`)).json();
    expect(JSON.stringify(search)).toContain('(omladdad)');
    expect(service.child.exitCode).toBeNull();
  }, 120_000);

  test('when SIGTERM is sent to "npm start", it reaches the service, which drains and exits, and npm exits 0', async () => {
    const service = await startServiceProcess({ via: 'npm' });
    processes.push(service);
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    service.child.kill('SIGTERM');
    await service.waitForLog((l) => l.msg === 'stopped: every request finished', 10_000);
    expect(await service.exited).toEqual({ code: 0, signal: null });
    await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
  }, 120_000);
});
