import { connect, type AddressInfo } from 'node:net';
import type restify from 'restify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHttpServer } from '../../src/channels/http/index.js';
import { createLogger } from '../../src/logging/index.js';

// As large as the Web Chat bundle the chat page loads: more than a loopback socket takes at once.
const LARGE = Buffer.alloc(8 * 1024 * 1024, 'x');

let server: restify.Server;
let port: number;
beforeAll(async () => {
  server = createHttpServer({ logger: createLogger('silent'), unreadResponseSeconds: 1 });
  server.get('/large', async (_req: restify.Request, res: restify.Response) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(LARGE.length) });
    res.end(LARGE);
  });
  server.get('/slow', async (_req: restify.Request, res: restify.Response) => {
    await new Promise((r) => setTimeout(r, 2500));
    res.send(200, { ok: true });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('a response its client does not read', () => {
  test('when a client asks for a large file and reads none of it after the first bytes, the connection is closed, not held for ever', async () => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', () => {});
    let received = 0;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      // After the first bytes, stop reading: the answer piles up in the buffers between us and the server.
      if (received === chunk.length) socket.pause();
    });
    socket.write('GET /large HTTP/1.1\r\nHost: x\r\n\r\n');
    // Past the limit (Node checks a socket's time-out twice before it acts on it), read what arrived:
    // the server has given up, so the answer stops short and the connection ends.
    await new Promise((r) => setTimeout(r, 3500));
    socket.resume();
    const ended = await Promise.race([closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
    socket.destroy();
    expect(ended).toBe(true);
    expect(received).toBeLessThan(LARGE.length);
  }, 15_000);

  test('when a handler takes longer than the limit before it answers, the answer still arrives', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/slow`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  }, 15_000);

  test('when a client reads the large file, it gets all of it, and the connection serves the next request', async () => {
    const first = await fetch(`http://127.0.0.1:${port}/large`);
    expect((await first.arrayBuffer()).byteLength).toBe(LARGE.length);
    const second = await fetch(`http://127.0.0.1:${port}/large`);
    expect((await second.arrayBuffer()).byteLength).toBe(LARGE.length);
  }, 30_000);
});
