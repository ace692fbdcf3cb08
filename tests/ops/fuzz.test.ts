import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rawRequest } from '../support/http.js';
import { startInProcess, type InProcessService } from '../support/service.js';

/**
 * Property-based fuzzing of every public endpoint through the real service: whatever arrives, the answer
 * is never a 5xx and the service keeps serving. Bounded runs (a few seconds in all).
 */
let s: InProcessService;
beforeAll(async () => {
  // Limits off (loopback only) so the fuzzer reaches the handlers instead of the 429s.
  s = await startInProcess({ RATE_LIMITS: 'off' }, { logLevel: 'warn' });
});
afterAll(async () => {
  await s.close();
});

const RUNS = 120;

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  { weight: 2, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'application/vnd.api+json', 'text/plain', 'application/x-www-form-urlencoded', '') },
);
const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('Har mina personuppgifter läckt?', 'påverkas utbetalningar och fakturor?', 'polisanmälan', 'vad är vädret i morgon', 'jag vill hellre tala med en handläggare', 'hej', 'tack', '1', '2', '3', 'Inget av dessa', '19900101-0017', '<at>Kommunbot</at> polis') },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'a'.repeat(600), 'å'.repeat(6000)) },
);
const shortId = fc.oneof({ weight: 5, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 70 }) });
const junk = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 30 }), fc.constant(null), fc.constant('x'.repeat(2000)));
const invokeName = fc.oneof(
  fc.constantFrom('adaptiveCard/action', 'composeExtension/query', 'composeExtension/submitAction', 'composeExtension/fetchTask', 'composeExtension/selectItem', 'composeExtension/queryLink', 'fileConsent/invoke', 'task/fetch', 'task/submit', 'signin/verifyState', 'signin/tokenExchange', 'actionableMessage/executeAction', 'config/fetch', 'config/submit', 'tab/fetch', 'tab/submit', 'message/submitAction', 'handoff/action', 'healthCheck', 'search'),
  fc.string({ maxLength: 30 }),
);
const buttonValue = fc.record({ action: fc.constantFrom('ask', 'feedback', 'none-of-these'), id: fc.constantFrom('police-report', 'contact', 'personal-data', 'nope'), lang: fc.constantFrom('sv', 'en', 'de'), helpful: fc.boolean() });
const invokeValue = fc.oneof(
  fc.record({ action: fc.record({ type: fc.constantFrom('Action.Execute', 'Action.Submit', 'x'), verb: fc.string({ maxLength: 10 }), data: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: [] }) }, { requiredKeys: [] }),
  fc.record({ commandId: fc.constantFrom('searchFaq', 'x'), parameters: fc.array(fc.record({ name: fc.constantFrom('searchQuery', 'initialRun', 'x'), value: fc.oneof(text, junk) }), { maxLength: 2 }), queryOptions: fc.record({ skip: fc.integer(), count: fc.integer() }, { requiredKeys: [] }) }, { requiredKeys: [] }),
  junk,
);
const account = fc.record({ id: shortId, name: fc.string({ maxLength: 20 }) }, { requiredKeys: ['id'] });

/** A Bot Framework activity that mostly passes validation, so the fuzzer reaches the bot and botbuilder. */
const validActivity = fc.record(
  {
    type: fc.oneof({ weight: 5, arbitrary: fc.constant('message') }, { weight: 3, arbitrary: fc.constant('invoke') }, { weight: 2, arbitrary: fc.constantFrom('conversationUpdate', 'event', 'typing', 'messageReaction', 'installationUpdate', 'endOfConversation', 'x') }),
    id: shortId,
    name: invokeName,
    channelId: fc.constantFrom('msteams', 'emulator', 'webchat', 'directline', 'slack'),
    serviceUrl: fc.constantFrom('http://127.0.0.1:9/', 'https://smba.trafficmanager.net/emea/'),
    deliveryMode: fc.oneof({ weight: 4, arbitrary: fc.constant('expectReplies') }, { weight: 1, arbitrary: fc.constantFrom('normal', 'x') }),
    from: account,
    recipient: account,
    conversation: fc.record({ id: shortId, isGroup: fc.boolean(), conversationType: fc.constantFrom('personal', 'channel', 'groupChat') }, { requiredKeys: ['id'] }),
    text,
    locale: fc.constantFrom('sv-SE', 'en-US', 'sv', 'xx-YY'),
    value: fc.oneof(buttonValue, invokeValue),
    entities: fc.array(fc.record({ type: fc.constantFrom('mention', 'clientInfo'), mentioned: account, text: fc.constantFrom('<at>Kommunbot</at>', '') }, { requiredKeys: ['type'] }), { maxLength: 2 }),
    attachments: fc.array(fc.record({ contentType: fc.constantFrom('text/html', 'image/png', 'application/vnd.microsoft.card.adaptive'), content: fc.jsonValue({ maxDepth: 2 }) }), { maxLength: 2 }),
    membersAdded: fc.array(account, { maxLength: 2 }),
    channelData: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: ['type', 'channelId', 'from', 'recipient', 'conversation', 'deliveryMode'] },
);
/** A valid-looking activity with one or two fields replaced by anything. */
const activity = fc.oneof(
  { weight: 3, arbitrary: validActivity },
  { weight: 2, arbitrary: fc.tuple(validActivity, fc.dictionary(fc.constantFrom('type', 'id', 'name', 'channelId', 'serviceUrl', 'from', 'recipient', 'conversation', 'text', 'value', 'entities', 'attachments', 'membersAdded', 'locale', 'deliveryMode'), junk, { maxKeys: 2 })).map(([a, d]) => ({ ...a, ...d })) },
);

const validWebChat = fc.record(
  {
    type: fc.oneof({ weight: 5, arbitrary: fc.constant('message') }, { weight: 1, arbitrary: fc.constant('conversationUpdate') }),
    conversationId: fc.uuid(),
    userId: fc.uuid(),
    text,
    value: buttonValue,
    locale: fc.constantFrom('sv-SE', 'en-US', 'sv'),
  },
  { requiredKeys: ['type', 'conversationId', 'userId'] },
);
const webChatRequest = fc.oneof(
  { weight: 3, arbitrary: validWebChat },
  { weight: 2, arbitrary: fc.tuple(validWebChat, fc.dictionary(fc.constantFrom('type', 'conversationId', 'userId', 'text', 'value', 'locale', 'serviceUrl', 'from'), junk, { maxKeys: 2 })).map(([a, d]) => ({ ...a, ...d })) },
);

/** A body: mostly well-shaped JSON, sometimes any JSON, sometimes not JSON at all. */
const bodyOf = <T>(shaped: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 6, arbitrary: shaped.map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '[[[[[[[[', '{"type":"message"', `{"a":${'['.repeat(3000)}${']'.repeat(3000)}}`) },
  );

async function post(path: string, body: string, type: string) {
  return rawRequest(s.port, 'POST', path, { body, headers: type === '' ? {} : { 'content-type': type } });
}

const notServerError = (status: number) => status >= 200 && status < 500;

describe('fuzzing the public endpoints (fast-check)', () => {
  test('POST /api/messages never answers 5xx, whatever the activity', async () => {
    await fc.assert(
      fc.asyncProperty(bodyOf(activity), contentType, async (body, type) => {
        const res = await post('/api/messages', body, type);
        expect(notServerError(res.status), `${res.status} ${res.body.slice(0, 200)}`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  test('POST /api/webchat/messages never answers 5xx, whatever the request', async () => {
    await fc.assert(
      fc.asyncProperty(bodyOf(webChatRequest), contentType, async (body, type) => {
        const res = await post('/api/webchat/messages', body, type);
        expect(notServerError(res.status), `${res.status} ${res.body.slice(0, 200)}`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  test('GET /api/faq/search never answers 5xx, whatever the query string', async () => {
    const encoded = fc.string({ unit: 'grapheme', maxLength: 60 }).map((v) => encodeURIComponent(v));
    const rawAscii = fc.string({ unit: fc.constantFrom(...'abcåäö%+&=;?#/01-_.~!*()\'"'.split('')), maxLength: 40 }).map((v) => encodeURI(v));
    const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom('q', 'lang', 'limit', 'x', ''), rawAscii), fc.oneof(encoded, rawAscii, fc.constantFrom('sv', 'en', '0', '21', '5', '-1', 'NaN', '%', '%zz', '%C3'))), { maxLength: 4 });
    const wellFormed = fc
      .record({ q: text.map((v) => encodeURIComponent(v)), lang: fc.option(fc.constantFrom('sv', 'en'), { nil: undefined }), limit: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }) })
      .map(({ q, lang, limit }): [string, string][] => [['q', q], ...(lang === undefined ? [] : [['lang', lang] as [string, string]]), ...(limit === undefined ? [] : [['limit', String(limit)] as [string, string]])]);
    await fc.assert(
      fc.asyncProperty(fc.oneof(wellFormed, query), async (pairs) => {
        const res = await rawRequest(s.port, 'GET', `/api/faq/search?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`);
        expect(notServerError(res.status), `${res.status} ${res.body.slice(0, 200)}`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  test('POST /api/directline/token never answers 5xx when Direct Line is not configured', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 100 }), contentType, async (body, type) => {
        const res = await post('/api/directline/token', body, type);
        expect(res.status).toBe(404);
      }),
      { numRuns: 30 },
    );
  });

  test('after the fuzzing, the service still answers and logged no unhandled error', async () => {
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const res = await fetch(`${s.url}/api/webchat/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', conversationId: 'fuzz-after-0001', userId: 'fuzz-user-0001', text: 'Har mina personuppgifter läckt?' }),
    });
    expect(res.status).toBe(200);
    const errors = s.logs().filter((l) => typeof l['level'] === 'number' && l['level'] >= 50);
    expect(errors.map((l) => l['msg'])).toEqual([]);
  });
});
