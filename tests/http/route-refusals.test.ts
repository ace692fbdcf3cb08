import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { rawRequest } from '../support/http.js';
import { startInProcess, type InProcessService } from '../support/service.js';

/**
 * What an attacker's sweep found at the service's edge, through the real service on loopback: restify's
 * own 404 and 405 spoke another shape than the service's errors (`{"code":"ResourceNotFound","message":
 * "/nope does not exist"}`, restify's class names and the caller's path), and a JSON body declared in
 * ISO-8859-1 was read as UTF-8 ("läckt" became "l\uFFFDckt" without a word).
 */
let service: InProcessService;
beforeAll(async () => {
  service = await startInProcess({ RATE_LIMITS: 'off' });
}, 120_000);
afterAll(async () => {
  await service?.close();
});

/** The service's one error shape, and nothing else in it. */
const errorSchema = z.strictObject({ error: z.strictObject({ code: z.string(), message: z.string().min(20) }) });
const RESTIFY_WORDS = /ResourceNotFound|MethodNotAllowed|Error\b|restify|does not exist|is not allowed/;

describe('no route for the request', () => {
  test.each([['/nope'], ['/api/nope'], ['/%zz'], ['/staff/<script>alert(1)</script>']])(
    'when GET %s, the answer is a JSON 404 in the service’s error shape that does not echo the path',
    async (path) => {
      const res = await rawRequest(service.port, 'GET', path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/json');
      expect(errorSchema.parse(res.json())).toEqual({ error: { code: 'not_found', message: 'There is nothing at this address. Check the path: the routes are listed in the README and docs/.' } });
      expect(res.body).not.toMatch(RESTIFY_WORDS);
      expect(res.body).not.toContain(path.slice(1));
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    },
  );

  test('when HEAD asks for a path that does not exist, the answer is 404 without a body', async () => {
    const res = await rawRequest(service.port, 'HEAD', '/nope');
    expect(res.status).toBe(404);
    expect(res.body).toBe('');
  });
});

describe('a route that does not take the method', () => {
  test.each([
    ['DELETE', '/api/messages', 'POST'],
    ['GET', '/api/messages', 'POST'],
    ['PUT', '/api/webchat/messages', 'POST'],
    ['POST', '/healthz', 'GET, HEAD'],
    ['DELETE', '/api/faq/search', 'GET, HEAD'],
  ])('when %s %s, the answer is a JSON 405 with Allow: %s, naming only our own methods', async (method, path, allow) => {
    const res = await rawRequest(service.port, method, path);
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe(allow);
    const body = errorSchema.parse(res.json());
    expect(body.error.code).toBe('method_not_allowed');
    expect(body.error.message).toBe(`This address does not take that method. Use ${allow.split(', ').join(' or ')} (the Allow header lists them).`);
    expect(res.body).not.toMatch(RESTIFY_WORDS);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('when a method the service never uses comes (PROPFIND), it is not repeated back to the caller', async () => {
    const res = await rawRequest(service.port, 'PROPFIND', '/healthz');
    expect(res.status).toBe(405);
    expect(res.body).not.toContain('PROPFIND');
  });

  test('when a refused request is followed by a good one on the same service, the good one is answered', async () => {
    await rawRequest(service.port, 'DELETE', '/api/messages');
    expect((await rawRequest(service.port, 'GET', '/healthz')).status).toBe(200);
  });
});

const LATIN1_ACTIVITY = Buffer.from(
  JSON.stringify({ type: 'message', channelId: 'emulator', deliveryMode: 'expectReplies', from: { id: 'u-charset-1' }, recipient: { id: 'bot' }, conversation: { id: 'c-charset-1' }, locale: 'sv-SE', text: 'Har mina personuppgifter läckt?' }),
  'latin1',
);
const LATIN1_CHAT = Buffer.from(JSON.stringify({ type: 'message', conversationId: 'c-charset-0001', userId: 'u-charset-0001', text: 'Har mina personuppgifter läckt?' }), 'latin1');

describe('a JSON body declared in another charset than UTF-8 (RFC 8259: JSON is UTF-8)', () => {
  test.each([['application/json; charset=iso-8859-1'], ['application/json; charset="ISO-8859-1"'], ['application/json;charset=windows-1252'], ['application/json; charset=utf-16'], ['application/json; charset=utf-8; charset=latin1']])(
    'when /api/messages and the web chat get %s, each answers 415 unsupported_charset and reads nothing',
    async (contentType) => {
      const bot = await rawRequest(service.port, 'POST', '/api/messages', { headers: { 'content-type': contentType }, body: LATIN1_ACTIVITY });
      expect(bot.status).toBe(415);
      expect(errorSchema.parse(bot.json()).error).toEqual({ code: 'unsupported_charset', message: expect.stringContaining('UTF-8') });
      const chat = await rawRequest(service.port, 'POST', '/api/webchat/messages', { headers: { 'content-type': contentType }, body: LATIN1_CHAT });
      expect(chat.status).toBe(415);
      expect(errorSchema.parse(chat.json()).error).toEqual({ code: 'unsupported_charset', message: expect.stringContaining('UTF-8') });
    },
  );

  test.each([['application/json'], ['application/json; charset=utf-8'], ['application/json; charset=UTF-8'], ['Application/JSON;Charset="Utf-8"'], ['application/json; charset=us-ascii'], ['application/json; profile="a;charset=latin1"; charset=utf-8']])(
    'when they get UTF-8 declared as %s, it is read and answered as before',
    async (contentType) => {
      const activity = Buffer.from(LATIN1_ACTIVITY.toString('latin1'), 'utf8');
      const bot = await rawRequest(service.port, 'POST', '/api/messages', { headers: { 'content-type': contentType }, body: activity });
      expect(bot.status).toBe(200);
      expect(bot.body).toContain('personuppgifter');
      const chat = await rawRequest(service.port, 'POST', '/api/webchat/messages', { headers: { 'content-type': contentType }, body: Buffer.from(LATIN1_CHAT.toString('latin1'), 'utf8') });
      expect(chat.status).toBe(200);
    },
  );
});
