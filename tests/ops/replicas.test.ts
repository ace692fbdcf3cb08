import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.js';

/** Two instances of the service behind one (imaginary) load balancer, sharing a real redis-server. */
let redis: RedisServer;
let a: ServiceProcess;
let b: ServiceProcess;

const CLARIFY_QUESTION = 'påverkas utbetalningar och fakturor?';
const user = 'replica-user-0001';

const reply = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  attachments: z.array(z.looseObject({ content: z.looseObject({ buttons: z.array(z.looseObject({ title: z.string() })).optional() }) })).optional(),
});
const turn = z.object({ activities: z.array(reply) });

async function chat(service: ServiceProcess, conversationId: string, text: string) {
  const res = await fetch(`${service.url}/api/webchat/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', conversationId, userId: user, text }),
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

const readyz = async (service: ServiceProcess) => {
  const res = await fetch(`${service.url}/readyz`);
  return { status: res.status, json: (await res.json()) as unknown };
};

beforeAll(async () => {
  redis = await startRedisServer();
  const env = {
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: 'replicas-test:',
    WEBCHAT_CONVERSATION_RATE_LIMIT_POINTS: '4',
    WEBCHAT_CONVERSATION_RATE_LIMIT_DURATION: '60',
    SEARCH_RATE_LIMIT_POINTS: '6',
    SEARCH_RATE_LIMIT_DURATION: '60',
  };
  [a, b] = await Promise.all([startServiceProcess({ env }), startServiceProcess({ env })]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
}, 60_000);

describe('two instances sharing Redis', () => {
  test('when "Menar du" is offered by one instance, a typed "1" sent to the other answers the first choice', async () => {
    const offered = turn.parse((await chat(a, 'replica-offer-1', CLARIFY_QUESTION)).json).activities[0];
    expect(offered?.text).toMatch(/^Menar du/);
    const firstChoice = offered?.attachments?.[0]?.content.buttons?.[0]?.title.replace(/^1\. /, '');
    expect(firstChoice).toBeTruthy();

    const answered = await chat(b, 'replica-offer-1', '1');
    expect(answered.status).toBe(200);
    const text = turn.parse(answered.json).activities[0]?.text ?? '';
    expect(text).not.toMatch(/förstod tyvärr inte/);
    expect(text).toContain('Källa:');
    // The offer was taken: a second "1" (on either instance) is a new question, not that answer again.
    const again = turn.parse((await chat(a, 'replica-offer-1', '1')).json).activities[0]?.text ?? '';
    expect(again).not.toBe(text);
  });

  test('when one conversation alternates between instances, its limit holds across both (4, not 8)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await chat(i % 2 === 0 ? a : b, 'replica-limit-1', 'polisanmälan')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  test('when one address alternates between instances, the search limit holds across both (6, not 12)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await fetch(`${(i % 2 === 0 ? a : b).url}/api/faq/search?q=polisanm%C3%A4lan`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
  });

  test('when entries are answered on one instance, the other lists them as most used', async () => {
    // Five invoice answers on a only: more than any entry answered so far on both (police-report: 4).
    for (let i = 0; i < 5; i += 1) {
      const res = await fetch(`${a.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(botMessage(`usage-${i}`, 'betalar ni leverantörsfakturor i tid')) });
      expect(JSON.stringify(await res.json())).toContain('Källa:');
    }
    const first = async () => {
      const res = await fetch(`${b.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(emptyExtensionQuery()) });
      return JSON.stringify(await res.json()).match(/FAQ-id: ([a-z-]+)/)?.[1];
    };
    // Instance b refreshes its copy of the shared counts in the background at most every 5 s.
    const deadline = Date.now() + 8000;
    let top = await first();
    while (top !== 'invoices' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      top = await first();
    }
    expect(top).toBe('invoices');
  });

  test('when Redis stops, both instances keep answering and /readyz says so; when it is back, they are ready again', async () => {
    expect((await readyz(a)).status).toBe(200);
    const port = redis.port;
    await redis.stop();

    for (const service of [a, b]) {
      const res = await chat(service, `replica-down-${service.port}`, 'Har mina personuppgifter läckt?');
      expect(res.status).toBe(200);
      expect(turn.parse(res.json).activities[0]?.text).toContain('personuppgifter');
      const ready = await readyz(service);
      expect(ready.status).toBe(503);
      expect(JSON.stringify(ready.json)).toMatch(/unreachable/);
      expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    }
    // "Menar du" fails open: the offer cannot be kept, so "1" is read as a new question, answered anyway.
    await chat(a, 'replica-down-offer', CLARIFY_QUESTION);
    expect((await chat(b, 'replica-down-offer', '1')).status).toBe(200);

    redis = await startRedisServer({ port });
    const deadline = Date.now() + 8000;
    while ((await readyz(a)).status !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect((await readyz(a)).status).toBe(200);
  });
});

function botMessage(id: string, text: string) {
  return {
    type: 'message',
    id,
    channelId: 'emulator',
    deliveryMode: 'expectReplies',
    from: { id: 'u1', name: 'Invånare' },
    recipient: { id: 'bot', name: 'Kommunbot' },
    conversation: { id: `replica-${id}` },
    locale: 'sv-SE',
    text,
  };
}

function emptyExtensionQuery() {
  return {
    type: 'invoke',
    name: 'composeExtension/query',
    id: 'mx-1',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/teams/',
    from: { id: 'staff-1', name: 'Handläggare' },
    recipient: { id: 'bot', name: 'Kommunbot' },
    conversation: { id: 'replica-mx' },
    locale: 'sv-SE',
    value: { commandId: 'searchFaq', parameters: [{ name: 'initialRun', value: 'true' }], queryOptions: { skip: 0, count: 25 } },
  };
}
