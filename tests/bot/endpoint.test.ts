import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { BOT_LIMITS } from '../../src/channels/botframework/index.js';
import { message, repliesOf, startBot, startConnector, type BotServer, type StandInConnector } from './harness.js';

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string().min(20) }) });

describe('POST /api/messages without an app id', () => {
  let bot: BotServer;
  let connector: StandInConnector;
  beforeAll(async () => {
    bot = await startBot();
    connector = await startConnector();
  });
  afterAll(async () => {
    await bot.close();
    await connector.close();
  });

  test('when deliveryMode is expectReplies returns the vetted answer in the response body', async () => {
    const replies = repliesOf(await bot.post(message('Har mina personuppgifter läckt?')));
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('förlust av personuppgifter');
    expect(replies[0]?.text).toMatch(/Källa: \[.+\]\(https:\/\/.+\)/);
  });

  test('when serviceUrl is loopback but the Emulator flag is off, returns 403 and sends nothing (closed by default)', async () => {
    const before = connector.requests.length;
    const response = await bot.post(message('Har mina personuppgifter läckt?', { deliveryMode: undefined, serviceUrl: connector.url }));
    expect(response.status).toBe(403);
    expect(errorBody.parse(response.json).error.message).toContain('BOT_EMULATOR_REPLIES');
    await new Promise((r) => setTimeout(r, 200));
    expect(connector.requests.length).toBe(before);
  });

  test('when serviceUrl is not loopback returns 403 and sends nothing', async () => {
    // The stand-in also listens on this machine's external address: a missing guard would reach it.
    const target = connector.externalUrl ?? 'http://192.0.2.1:9';
    const before = connector.requests.length;
    const response = await bot.post(message('Har mina personuppgifter läckt?', { deliveryMode: undefined, serviceUrl: target }));
    expect(response.status).toBe(403);
    expect(errorBody.parse(response.json).error.code).toBe('service_url_refused');
    // A reply would have been posted before the response; give a stray one time to arrive anyway.
    await new Promise((r) => setTimeout(r, 200));
    expect(connector.requests.length).toBe(before);
  });

  test.each([
    ['a form-encoded body', 'type=message&text=hej', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
    ['no content type', JSON.stringify(message('hej')), {}, 415, 'unsupported_media_type'],
    ['a body that is not JSON', '{"type": "message",', { 'content-type': 'application/json' }, 400, 'invalid_json'],
    ['a JSON array', '[]', { 'content-type': 'application/json' }, 400, 'invalid_activity'],
    ['an activity without type', JSON.stringify({ ...message('hej'), type: undefined }), { 'content-type': 'application/json' }, 400, 'invalid_activity'],
    ['an activity without conversation', JSON.stringify({ ...message('hej'), conversation: undefined }), { 'content-type': 'application/json' }, 400, 'invalid_activity'],
    ['text over the limit', JSON.stringify(message('a'.repeat(BOT_LIMITS.maxTextLength + 1))), { 'content-type': 'application/json' }, 413, 'text_too_long'],
    ['a body over the size limit', JSON.stringify(message('hej', { channelData: 'x'.repeat(BOT_LIMITS.maxBodyBytes) })), { 'content-type': 'application/json' }, 413, 'body_too_large'],
    // 250 KB, under the size limit, of 83,000 empty arrays: ~40 ms of the one thread each before the limit.
    ['a body of tens of thousands of tiny values', JSON.stringify(message('hej', { channelData: Array.from({ length: 83_000 }, () => []) })), { 'content-type': 'application/json' }, 413, 'too_many_values'],
    ['an object with more keys than the limit', JSON.stringify(message('hej', { value: Object.fromEntries(Array.from({ length: BOT_LIMITS.maxJsonElements + 1 }, (_, i) => [`k${i}`, i])) })), { 'content-type': 'application/json' }, 413, 'too_many_values'],
  ])('when the request has %s returns the 4xx for it with a clear JSON message', async (_name, body, headers, status, code) => {
    const response = await bot.postRaw(body, headers);
    expect(response.status).toBe(status);
    expect(errorBody.parse(response.json).error.code).toBe(code);
  });

  test('when a Teams activity is as large as real ones get (HTML attachment, channelData, a filled-in card) still answers it', async () => {
    const teams = message('Har mina personuppgifter läckt?', {
      channelId: 'msteams',
      attachments: [{ contentType: 'text/html', content: `<p>${'Har mina personuppgifter läckt? '.repeat(3000)}</p>` }],
      entities: [{ type: 'clientInfo', locale: 'sv-SE', country: 'SE', platform: 'Web', timezone: 'Europe/Stockholm' }],
      channelData: { tenant: { id: 'tenant-1' }, team: { id: 'team-1', name: 'Kontaktcenter' }, channel: { id: 'channel-1' }, eventType: 'message', settings: { selectedChannel: { id: 'channel-1' } } },
      value: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`field${i}`, { label: `Fält ${i}`, value: 'ja' }])),
    });
    const response = await bot.post(teams);
    expect(response.status).toBe(200);
    // Commas and brackets inside strings are text, not elements: the count reads JSON's strings as such.
    const punctuation = message('Har mina personuppgifter läckt?', { channelData: { note: '[{"a":1},\\"x\\",'.repeat(10_000) } });
    expect((await bot.post(punctuation)).status).toBe(200);
  });

  test('when the activity has no type the message names the field', async () => {
    const response = await bot.post({ ...message('hej'), type: undefined });
    expect(errorBody.parse(response.json).error.message).toContain('"type"');
  });

  test('after malformed requests still answers', async () => {
    await bot.postRaw('nonsense', { 'content-type': 'application/json' });
    expect(repliesOf(await bot.post(message('polisanmälan')))[0]?.text).toContain('Källa:');
  });
});

describe('POST /api/messages with BOT_EMULATOR_REPLIES (development, loopback only)', () => {
  let bot: BotServer;
  let connector: StandInConnector;
  beforeAll(async () => {
    bot = await startBot({ emulatorReplies: true });
    connector = await startConnector();
  });
  afterAll(async () => {
    await bot.close();
    await connector.close();
  });

  test('when serviceUrl is the loopback Emulator posts the reply to /v3/conversations/{id}/activities/{replyToId}', async () => {
    const before = connector.requests.length;
    const activity = message('Har mina personuppgifter läckt?', { deliveryMode: undefined, serviceUrl: connector.url, conversation: { id: 'conv-connector' }, id: 'incoming-1' });
    const response = await bot.post(activity);
    expect(response.status).toBe(200);
    await connector.waitFor(before + 1);
    const sent = connector.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.method).toBe('POST');
    expect(sent[0]?.path).toBe('/v3/conversations/conv-connector/activities/incoming-1');
    const reply = z.looseObject({ type: z.literal('message'), text: z.string(), replyToId: z.string(), serviceUrl: z.string() }).parse(sent[0]?.body);
    expect(reply.text).toContain('förlust av personuppgifter');
    expect(reply.replyToId).toBe('incoming-1');
    expect(reply.serviceUrl).toBe(connector.url);
  });

  test('when serviceUrl is a dead loopback port, answers 502 at once instead of holding the request through retries', async () => {
    // A port that was just free: connections are refused.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const deadPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const started = Date.now();
    const response = await bot.post(message('polisanmälan', { deliveryMode: undefined, serviceUrl: `http://127.0.0.1:${deadPort}` }));
    expect(response.status).toBe(502);
    expect(errorBody.parse(response.json).error.code).toBe('service_url_unreachable');
    // botbuilder's own connector retried for about 9.5 s here; the delivery deadline is 5 s, a refused port fails at once.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('when serviceUrl is not loopback still returns 403 and sends nothing', async () => {
    const target = connector.externalUrl ?? 'http://192.0.2.1:9';
    const before = connector.requests.length;
    const response = await bot.post(message('hej', { deliveryMode: undefined, serviceUrl: target }));
    expect(response.status).toBe(403);
    await new Promise((r) => setTimeout(r, 200));
    expect(connector.requests.length).toBe(before);
  });
});

describe('POST /api/messages invokes', () => {
  let bot: BotServer;
  let connector: StandInConnector;
  beforeAll(async () => {
    bot = await startBot();
    connector = await startConnector();
  });
  afterAll(async () => {
    await bot.close();
    await connector.close();
  });

  const invoke = (name: string, value: unknown, extra: Record<string, unknown> = {}) => ({
    ...message(undefined, { deliveryMode: undefined, serviceUrl: connector.url, channelId: 'msteams' }),
    type: 'invoke',
    name,
    value,
    ...extra,
  });
  // BadRequest from our boundary; botbuilder's own check answers NotSupported for a wrong action type.
  const invokeError = z.object({ statusCode: z.literal(400), type: z.literal('application/vnd.microsoft.error'), value: z.object({ code: z.enum(['BadRequest', 'NotSupported']), message: z.string() }) });

  test.each([
    ['adaptiveCard/action with an empty value', 'adaptiveCard/action', {}],
    ['adaptiveCard/action with an action of the wrong type', 'adaptiveCard/action', { action: { type: 'Action.Submit' } }],
    ['adaptiveCard/action with no value', 'adaptiveCard/action', null],
    ['a file-consent invoke with no value', 'fileConsent/invoke', null],
    ['a message-extension submit with no value', 'composeExtension/submitAction', null],
  ])('when %s arrives anonymously, answers an invoke response with status 400 and sends nothing', async (_case, name, value) => {
    const before = connector.requests.length;
    const response = await bot.post(invoke(name, value));
    expect(response.status).toBe(400);
    invokeError.parse(response.json);
    await new Promise((r) => setTimeout(r, 100));
    expect(connector.requests.length).toBe(before);
  });

  test('when a malformed invoke asks for expectReplies, the invoke response in the body carries status 400', async () => {
    const replies = repliesOf(await bot.post(invoke('adaptiveCard/action', {}, { deliveryMode: 'expectReplies' })));
    const invokeResponse = replies.find((r) => r.type === 'invokeResponse');
    expect(z.object({ status: z.literal(400), body: invokeError }).parse(invokeResponse?.value)).toBeTruthy();
    expect(replies.filter((r) => r.type === 'message')).toHaveLength(0);
  });

  test.each([
    ['an invoke the bot has no handler for', () => invoke('tab/unknown', { anything: true }, { deliveryMode: 'expectReplies' })],
    ['an invoke without a name', () => ({ ...invoke('x', {}, { deliveryMode: 'expectReplies' }), name: undefined })],
  ])('when %s asks for expectReplies, the invoke response in the body is 400 NotSupported, not 501', async (_name, activity) => {
    const response = await bot.post(activity());
    expect(response.status).toBe(200);
    const invokeResponse = repliesOf(response).find((r) => r.type === 'invokeResponse');
    const value = z.object({ status: z.literal(400), body: invokeError }).parse(invokeResponse?.value);
    expect(value.body.value.code).toBe('NotSupported');
  });

  test('when an invoke has no handler, answers 400 NotSupported (botbuilder says 501: the request, not the service, is at fault), and the service keeps answering', async () => {
    const response = await bot.post(invoke('tab/unknown', { anything: true }));
    expect(response.status).toBe(400);
    expect(invokeError.parse(response.json).value.code).toBe('NotSupported');
    expect(repliesOf(await bot.post(message('polisanmälan')))[0]?.text).toContain('Källa:');
  });
});

describe('POST /api/messages rate limit', () => {
  test('when one address spends its requests, answers 429 with Retry-After and retryAfterSeconds, then other routes still serve', async () => {
    const { createRateLimiters } = await import('../../src/platform/index.js');
    const limiter = createRateLimiters({ enabled: true }).create({ name: 'bot', points: 2, durationSeconds: 60 });
    const bot = await startBot({ routes: { limiter } });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await bot.post(message('polisanmälan'))).status);
      expect(statuses).toEqual([200, 200, 429]);
      const limited = await bot.post(message('polisanmälan'));
      const body = z.object({ error: z.object({ code: z.literal('rate_limited'), message: z.string(), retryAfterSeconds: z.number().int().min(1).max(60) }) }).parse(limited.json);
      expect(body.error.retryAfterSeconds).toBeGreaterThan(50);
    } finally {
      await bot.close();
    }
  });
});

describe('POST /api/messages with an app id', () => {
  let bot: BotServer;
  beforeAll(async () => {
    bot = await startBot({ auth: { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' } });
  });
  afterAll(() => bot.close());

  test('when there is no Authorization header returns 401', async () => {
    const response = await bot.post(message('Har mina personuppgifter läckt?', { deliveryMode: undefined, serviceUrl: 'https://smba.trafficmanager.net/emea/' }));
    expect(response.status).toBe(401);
    expect(errorBody.parse(response.json).error.code).toBe('unauthorized');
  });

  test('when the token cannot be validated (forged, signing keys unavailable) returns 401, not 500, and stays on this machine', async () => {
    // A stand-in for Microsoft's OpenID metadata on loopback that has no keys: nothing leaves the machine.
    const metadata = createServer((_req, res) => {
      res.writeHead(503).end();
    });
    await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', resolve));
    const metadataUrl = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}/openid`;
    const secured = await startBot({
      auth: {
        MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppType: 'MultiTenant',
        ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
      },
    });
    try {
      const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const forged = `${part({ alg: 'RS256', kid: 'x', typ: 'JWT' })}.${part({ iss: 'https://api.botframework.com', aud: '11111111-2222-3333-4444-555555555555', exp: 4102444800 })}.c2ln`;
      const response = await secured.post(message('hej', { deliveryMode: 'expectReplies' }), { authorization: `Bearer ${forged}` });
      expect(response.status).toBe(401);
    } finally {
      await secured.close();
      metadata.close();
    }
  });

  test('when expectReplies is asked without a token still returns 401', async () => {
    expect((await bot.post(message('hej'))).status).toBe(401);
  });
});
