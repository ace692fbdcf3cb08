import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type restify from 'restify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHttpServer } from '../../src/channels/http/index.js';
import { createLogger } from '../../src/logging/index.js';
import { rawRequest } from '../support/http.js';

const logged: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    logged.push(chunk.toString('utf8'));
    done();
  },
});

let server: restify.Server;
let port: number;

beforeAll(async () => {
  server = createHttpServer({ logger: createLogger('info', sink) });
  server.get('/boom', async () => {
    throw new Error('secret internal detail at /srv/app');
  });
  server.get('/fine', async (_req: restify.Request, res: restify.Response) => {
    res.send(200, { ok: true });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('HTTP error boundary', () => {
  test('when a route throws, answers a JSON 500 that names nothing internal, logs it, and keeps serving', async () => {
    const res = await rawRequest(port, 'GET', '/boom');
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal_error', message: expect.stringMatching(/contact center/) } });
    expect(res.body).not.toMatch(/secret|srv/);
    expect(logged.join('')).toMatch(/unhandled error in route/);
    const again = await rawRequest(port, 'GET', '/fine');
    expect(again.status).toBe(200);
  });
});
