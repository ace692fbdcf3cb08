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

  test('when serviceUrl is the loopback connector posts the reply to /v3/conversations/{id}/activities/{replyToId}', async () => {
    const before = connector.requests.length;
    const activity = message('Har mina personuppgifter läckt?', { deliveryMode: undefined, serviceUrl: connector.url, conversation: { id: 'conv-connector' }, id: 'incoming-1' });
    const response = await bot.post(activity);
    expect(response.status).toBe(200);
    await connector.waitFor(before + 1);
    const sent = connector.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.method).toBe('POST');
    expect(sent[0]?.path).toBe('/v3/conversations/conv-connector/activities/incoming-1');
    const reply = z.looseObject({ type: z.literal('message'), text: z.string(), replyToId: z.string() }).parse(sent[0]?.body);
    expect(reply.text).toContain('förlust av personuppgifter');
    expect(reply.replyToId).toBe('incoming-1');
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
  ])('when the request has %s returns the 4xx for it with a clear JSON message', async (_name, body, headers, status, code) => {
    const response = await bot.postRaw(body, headers);
    expect(response.status).toBe(status);
    expect(errorBody.parse(response.json).error.code).toBe(code);
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
