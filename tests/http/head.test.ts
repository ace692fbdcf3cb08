import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startInProcess, type InProcessService } from '../support/service.js';

let service: InProcessService;
beforeAll(async () => {
  service = await startInProcess({ RATE_LIMITS: 'off' });
}, 120_000);
afterAll(async () => {
  await service?.close();
});

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly bodyBytes: number;
}

function send(method: string, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: service.port, method, path }, (res) => {
      let bodyBytes = 0;
      res.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bodyBytes }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HEAD on the service', () => {
  test.each([['/healthz'], ['/readyz'], ['/'], ['/embed'], ['/webchat/chat.js'], ['/api/faq/search?q=har%20mina%20personuppgifter%20l%C3%A4ckt']])(
    'when a monitor asks HEAD %s, answers as GET does, without the body',
    async (path) => {
      const get = await send('GET', path);
      const head = await send('HEAD', path);
      expect(get.status).toBe(200);
      expect(head.status).toBe(200);
      expect(head.bodyBytes).toBe(0);
      expect(head.headers['content-type']).toBe(get.headers['content-type']);
      expect(get.bodyBytes).toBeGreaterThan(0);
    },
  );

  test('when HEAD is asked of a route that only takes POST, still answers 405 naming POST', async () => {
    const head = await send('HEAD', '/api/messages');
    expect(head.status).toBe(405);
    expect(head.headers['allow']).toBe('POST');
  });

  test('when HEAD is asked, the request metric is labelled HEAD, not GET', async () => {
    await send('HEAD', '/healthz');
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/http_request_duration_seconds_count\{[^}]*method="HEAD"[^}]*route="\/healthz"[^}]*status="200"/);
  });
});
