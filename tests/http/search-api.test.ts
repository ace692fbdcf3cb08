import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createHttpServer, registerHealthRoute, registerSearchRoute } from '../../src/channels/http/index.js';
import { createLogger } from '../../src/logging/index.js';
import { realEngine } from '../support/corpus.js';
import { rawRequest } from '../support/http.js';

const resultSchema = z.object({
  id: z.string(),
  score: z.number().min(0).max(1),
  question: z.string().min(1),
  answer: z.string().min(1),
  source: z.object({ title: z.string(), url: z.string() }),
  lastReviewed: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
const searchSchema = z.object({
  decision: z.enum(['answer', 'clarify', 'escalate']),
  results: z.array(resultSchema),
  explanation: z.object({ summary: z.string() }).loose(),
});
const errorSchema = z.object({ error: z.object({ code: z.string(), parameter: z.string(), message: z.string() }) });

let server: restify.Server;
let port: number;

beforeAll(async () => {
  server = createHttpServer({ logger: createLogger('silent') });
  const engine = realEngine();
  registerHealthRoute(server, engine);
  registerSearchRoute(server, engine, createLogger('silent'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (path: string) => rawRequest(port, 'GET', path);

describe('GET /healthz', () => {
  test('when the corpus is loaded, returns 200 {"status":"ok"}', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok' });
  });
});

describe('GET /api/faq/search', () => {
  test('when asked a clear Swedish question, answers with the vetted entry first, in Swedish', async () => {
    const res = await get(`/api/faq/search?q=${encodeURIComponent('Har mina personuppgifter läckt?')}`);
    expect(res.status).toBe(200);
    const body = searchSchema.parse(res.json());
    expect(body.decision).toBe('answer');
    expect(body.results[0]?.id).toBe('personal-data');
    expect(body.results[0]?.answer).toMatch(/personuppgifter/);
    expect(body.results[0]?.source.title).toBe('Cybersäkerhetsincidenten');
  });

  test('when asked in English without lang, answers in English; with lang=sv, in Swedish', async () => {
    const q = encodeURIComponent('Will the municipality pay supplier invoices on time?');
    const en = searchSchema.parse((await get(`/api/faq/search?q=${q}`)).json());
    expect(en.results[0]?.id).toBe('invoices');
    expect(en.results[0]?.answer).toMatch(/invoice/i);
    const sv = searchSchema.parse((await get(`/api/faq/search?q=${q}&lang=sv`)).json());
    expect(sv.results[0]?.answer).toMatch(/faktur/i);
  });

  test('when limit is given, returns at most that many results, best first', async () => {
    const body = searchSchema.parse((await get('/api/faq/search?q=attacken&limit=3')).json());
    expect(body.results.length).toBeLessThanOrEqual(3);
    const scores = body.results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  test('when the question is off-topic, escalates with the contact center and may list weak candidates', async () => {
    const res = await get(`/api/faq/search?q=${encodeURIComponent('Hur ansöker jag om bygglov för en altan?')}`);
    const body = z.object({ decision: z.literal('escalate'), escalation: z.object({ contact: z.object({ phone: z.string() }) }) }).loose().parse(res.json());
    expect(body.escalation.contact.phone).toBe('011-15 00 00');
  });

  test.each([
    ['missing q', '/api/faq/search', 'q', /required/],
    ['empty q', '/api/faq/search?q=', 'q', /empty/],
    ['white-space q', '/api/faq/search?q=%20%20%09', 'q', /empty/],
    ['q over 1,000 characters', `/api/faq/search?q=${'a'.repeat(1001)}`, 'q', /1000/],
    ['q given twice', '/api/faq/search?q=a&q=b', 'q', /more than once/],
    ['a control character', '/api/faq/search?q=hej%00da', 'q', /control/],
    ['malformed percent-encoding', '/api/faq/search?q=%E0%A4%A', 'q', /percent-encoding/],
    ['limit 0', '/api/faq/search?q=hej&limit=0', 'limit', /1 to 20/],
    ['limit 21', '/api/faq/search?q=hej&limit=21', 'limit', /1 to 20/],
    ['limit not an integer', '/api/faq/search?q=hej&limit=2.5', 'limit', /1 to 20/],
    ['limit given twice', '/api/faq/search?q=hej&limit=1&limit=2', 'limit', /more than once/],
    ['unknown lang', '/api/faq/search?q=hej&lang=de', 'lang', /sv, en/],
  ])('when given %s, returns 400 naming the parameter', async (_name, path, parameter, message) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    const body = errorSchema.parse(res.json());
    expect(body.error.parameter).toBe(parameter);
    expect(body.error.message).toMatch(message);
  });

  test('when a 1,000-character question arrives, it is still answered (no 32-character cut-off)', async () => {
    const q = `${'jag undrar verkligen mycket över allt detta '.repeat(20)}har mina personuppgifter läckt`.slice(-1000);
    const res = await get(`/api/faq/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
  });

  test('when bad requests come in a burst, the server keeps serving good ones', async () => {
    const bad = await Promise.all(Array.from({ length: 50 }, (_, i) => get(i % 2 ? '/api/faq/search?q=%ZZ' : '/api/faq/search?limit=x')));
    expect(bad.every((r) => r.status === 400)).toBe(true);
    const ok = await get('/api/faq/search?q=polisanm%C3%A4lan');
    expect(ok.status).toBe(200);
    expect(searchSchema.parse(ok.json()).results[0]?.id).toBe('police-report');
  });

  test('when a route does not exist, returns a JSON 404, not a crash', async () => {
    const res = await get('/api/nope');
    expect(res.status).toBe(404);
    expect(() => res.json()).not.toThrow();
  });
});
