import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { WebChatActivity } from '../../src/channels/web/index.js';
import { loadRealCorpus, postJson, startWebServer, type RunningServer } from './helpers.js';

const contact = loadRealCorpus().contact;
const ids = { conversationId: 'c-2f1e6a40-8a5b-4a4e-9d53-0a1b2c3d4e5f', userId: 'u-7d9c1b22-5e3f-4a9b-8c7d-6e5f4a3b2c1d' };
const question = { type: 'message', ...ids, text: 'Har mina personuppgifter läckt?' };

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string().min(10) }) });
const okBody = z.object({
  id: z.string(),
  timestamp: z.string(),
  activities: z.array(z.looseObject({ type: z.string(), id: z.string(), timestamp: z.string(), from: z.object({ id: z.string(), role: z.literal('bot') }), text: z.string().optional() })),
});

let running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.map((s) => s.close()));
  running = [];
});

async function start(options: { replies?: readonly unknown[]; fail?: boolean; points?: number; directLine?: { secret: string; endpoint: string } } = {}) {
  const seen: WebChatActivity[] = [];
  const server = await startWebServer({
    contact,
    runInline: async (activity) => {
      seen.push(activity);
      if (options.fail === true) throw new Error('bot broke');
      return options.replies ?? [{ type: 'message', text: 'svar' }];
    },
    limits: { rateLimitPoints: options.points ?? 100, maxTextLength: 500, maxBodyBytes: 4096 },
    directLine: options.directLine,
  });
  running.push(server);
  return { url: server.url, seen };
}

describe('POST /api/webchat/messages', () => {
  test('when a message is valid returns the bot replies as bot activities and builds the activity itself', async () => {
    const { url, seen } = await start({ replies: [{ type: 'typing' }, { type: 'message', text: 'ett' }, { type: 'message', text: 'två', serviceUrl: 'https://evil.example' }] });
    const res = await postJson(`${url}/api/webchat/messages`, question);
    expect(res.status).toBe(200);
    const body = okBody.parse(await res.json());
    expect(body.activities.map((a) => a.text)).toEqual(['ett', 'två']);
    expect(body.activities.every((a) => a.timestamp > body.timestamp)).toBe(true);
    expect(JSON.stringify(body)).not.toContain('evil.example');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ type: 'message', channelId: 'webchat', text: question.text, conversation: { id: ids.conversationId }, from: { id: ids.userId, role: 'user' } });
    expect(seen[0]).not.toHaveProperty('serviceUrl');
  });

  test('when a conversationUpdate arrives returns the welcome and tells the bot the resident joined', async () => {
    const { url, seen } = await start({ replies: [{ type: 'message', text: 'Välkommen' }] });
    const res = await postJson(`${url}/api/webchat/messages`, { type: 'conversationUpdate', ...ids });
    expect(res.status).toBe(200);
    expect(seen[0]).toMatchObject({ type: 'conversationUpdate', membersAdded: [{ id: ids.userId }] });
  });

  test('when a card button posts a value without text returns 200 and passes the value on', async () => {
    const { url, seen } = await start();
    const res = await postJson(`${url}/api/webchat/messages`, { type: 'message', ...ids, value: { action: 'feedback', id: 'personal-data', helpful: true } });
    expect(res.status).toBe(200);
    expect(seen[0]?.value).toEqual({ action: 'feedback', id: 'personal-data', helpful: true });
  });

  test('when the caller supplies a serviceUrl returns 400 naming it and never runs the bot', async () => {
    const { url, seen } = await start();
    const res = await postJson(`${url}/api/webchat/messages`, { ...question, serviceUrl: 'https://attacker.example/' });
    expect(res.status).toBe(400);
    const body = errorBody.parse(await res.json());
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toContain('serviceUrl');
    expect(seen).toHaveLength(0);
  });

  test.each([
    ['the body is not JSON', '{"type": "message",', 400, 'invalid_json'],
    ['a field is missing', JSON.stringify({ type: 'message', text: 'hej' }), 400, 'invalid_request'],
    ['the type is not allowed', JSON.stringify({ ...question, type: 'invoke' }), 400, 'invalid_request'],
    ['an id has an unsafe shape', JSON.stringify({ ...question, userId: '<script>alert(1)</script>' }), 400, 'invalid_request'],
    ['a message has neither text nor value', JSON.stringify({ type: 'message', ...ids }), 400, 'invalid_request'],
    ['the body is an array', '[]', 400, 'invalid_request'],
    ['the text is over the limit', JSON.stringify({ ...question, text: 'å'.repeat(501) }), 413, 'invalid_request'],
    ['the body is over the byte limit', JSON.stringify({ ...question, text: 'a'.repeat(5000) }), 413, 'body_too_large'],
    ['a value nests 1,500 levels deep', `{"type":"message","conversationId":"${ids.conversationId}","userId":"${ids.userId}","value":${'['.repeat(1500)}${']'.repeat(1500)}}`, 400, 'invalid_request'],
  ])('when %s returns %i with a clear JSON error', async (_case, raw, status, code) => {
    const { url, seen } = await start();
    const res = await postJson(`${url}/api/webchat/messages`, raw);
    expect(res.status).toBe(status);
    expect(errorBody.parse(await res.json()).error.code).toBe(code);
    expect(seen).toHaveLength(0);
  });

  test('when a missing field is reported the message names the field', async () => {
    const { url } = await start();
    const res = await postJson(`${url}/api/webchat/messages`, { type: 'message', text: 'hej', userId: ids.userId });
    expect(errorBody.parse(await res.json()).error.message).toContain('"conversationId" is required');
  });

  test('when the body is form-encoded returns 415', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/api/webchat/messages`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'type=message' });
    expect(res.status).toBe(415);
    expect(errorBody.parse(await res.json()).error.code).toBe('unsupported_media_type');
  });

  test('when a client exceeds the rate limit returns 429 with Retry-After, and the service keeps serving', async () => {
    const { url } = await start({ points: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await postJson(`${url}/api/webchat/messages`, question)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await postJson(`${url}/api/webchat/messages`, question);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(errorBody.parse(await limited.json()).error.code).toBe('rate_limited');
    expect((await fetch(`${url}/`)).status).toBe(200);
  });

  test('when the bot throws returns 503 JSON, never 500', async () => {
    const { url } = await start({ fail: true });
    const res = await postJson(`${url}/api/webchat/messages`, question);
    expect(res.status).toBe(503);
    expect(errorBody.parse(await res.json()).error.code).toBe('bot_unavailable');
  });

  test('when the bot returns something that is not an activity drops it', async () => {
    const { url } = await start({ replies: [{ text: 'no type' }, 42, { type: 'message', text: 'ok' }] });
    const body = okBody.parse(await (await postJson(`${url}/api/webchat/messages`, question)).json());
    expect(body.activities.map((a) => a.text)).toEqual(['ok']);
  });
});

/** A stand-in for Azure's token service on loopback: records what it was sent. */
async function standInDirectLine(respond: (req: IncomingMessage, body: string) => { status: number; body: unknown }) {
  const requests: { url: string | undefined; authorization: string | undefined; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ url: req.url, authorization: req.headers.authorization, body });
      const reply = respond(req, body);
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}/v3/directline`, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('POST /api/directline/token', () => {
  const secret = 'test-secret-never-in-the-browser';

  test('when Direct Line answers returns a token and user id, and the secret stays on the server', async () => {
    const azure = await standInDirectLine(() => ({ status: 200, body: { conversationId: 'conv-1', token: 'short-lived-token', expires_in: 3600 } }));
    try {
      const { url } = await start({ directLine: { secret, endpoint: azure.endpoint } });
      const res = await fetch(`${url}/api/directline/token`, { method: 'POST' });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain(secret);
      const body = z.object({ token: z.literal('short-lived-token'), conversationId: z.literal('conv-1'), expiresIn: z.literal(3600), userId: z.string().startsWith('dl_') }).parse(JSON.parse(text));
      expect(azure.requests).toHaveLength(1);
      expect(azure.requests[0]?.url).toBe('/v3/directline/tokens/generate');
      expect(azure.requests[0]?.authorization).toBe(`Bearer ${secret}`);
      expect(azure.requests[0]?.body).toContain(body.userId);
      const page = await (await fetch(`${url}/`)).text();
      expect(page).not.toContain(secret);
      expect(page).toContain('"kind":"direct-line"');
    } finally {
      await azure.close();
    }
  });

  test.each([
    ['refuses the secret', { status: 403, body: { error: { code: 'BadArgument' } } }],
    ['answers with something that is not a token', { status: 200, body: { hello: 'world' } }],
  ])('when Direct Line %s returns 502 JSON', async (_case, reply) => {
    const azure = await standInDirectLine(() => reply);
    try {
      const { url } = await start({ directLine: { secret, endpoint: azure.endpoint } });
      const res = await fetch(`${url}/api/directline/token`, { method: 'POST' });
      expect(res.status).toBe(502);
      expect(errorBody.parse(await res.json()).error.code).toBe('direct_line_unavailable');
    } finally {
      await azure.close();
    }
  });

  test('when Direct Line is unreachable returns 502 JSON', async () => {
    const azure = await standInDirectLine(() => ({ status: 200, body: {} }));
    await azure.close();
    const { url } = await start({ directLine: { secret, endpoint: azure.endpoint } });
    const res = await fetch(`${url}/api/directline/token`, { method: 'POST' });
    expect(res.status).toBe(502);
  });

  test('when Direct Line is not configured returns 404 JSON explaining how to enable it', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/api/directline/token`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(errorBody.parse(await res.json()).error.message).toContain('DIRECT_LINE_SECRET');
  });
});
