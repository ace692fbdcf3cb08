import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createBotRuntime, createInlineRunner, registerBotRoutes } from '../../src/channels/botframework/index.js';
import { createHttpServer } from '../../src/channels/http/index.js';
import { registerWebChatRoutes } from '../../src/channels/web/index.js';
import { createLogger } from '../../src/logging/index.js';
import type { ResidentTurn, TurnRecorder } from '../../src/records/index.js';
import { message, OPEN_CLOCK, repliesOf, testEngine, testI18n } from '../bot/harness.js';
import { postJson } from '../web/helpers.js';

const CLARIFY_QUESTION = 'påverkas utbetalningar och fakturor?';
const ids = (n: number) => ({ conversationId: `conv-recording-${n}`, userId: 'resident-0001' });

let url: string;
let close: () => Promise<void>;
const turns: ResidentTurn[] = [];
let throwing = false;

beforeAll(async () => {
  const logger = createLogger('silent');
  // The bot's side of the contract: what it hands the recorder, turn by turn (or a recorder that breaks).
  const recorder: TurnRecorder = {
    record: (turn) => {
      if (throwing) throw new Error('recorder broke');
      turns.push(turn);
    },
  };
  const engine = testEngine();
  const runtime = createBotRuntime({ engine, i18n: await testI18n(), logger, clock: OPEN_CLOCK, auth: {}, recorder });
  const server = createHttpServer({ logger });
  registerBotRoutes(server, runtime);
  registerWebChatRoutes(server, { runInline: createInlineRunner(runtime), contact: engine.corpus.contact, logger, translate: (await testI18n()).translator('sv') });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}`;
  close = () => new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(() => close());

const webChat = async (body: Record<string, unknown>) => {
  const res = await postJson(`${url}/api/webchat/messages`, { type: 'message', locale: 'sv-SE', ...body });
  expect(res.status).toBe(200);
};
const since = (n: number) => turns.slice(n);

describe('the bot hands every resident turn to the recorder', () => {
  test('when a web chat question is answered, then rated "Nej", both turns are handed over with channel, language, clock time and conversation', async () => {
    const start = turns.length;
    await webChat({ ...ids(1), text: 'Har mina personuppgifter läckt?' });
    await webChat({ ...ids(1), text: 'Nej', value: { action: 'feedback', id: 'personal-data', helpful: false, lang: 'sv' } });
    expect(since(start)).toEqual([
      expect.objectContaining({ kind: 'answer', entryId: 'personal-data', via: 'question', channel: 'webchat', lang: 'sv', text: 'Har mina personuppgifter läckt?', conversationId: 'conv-recording-1', at: OPEN_CLOCK() }),
      expect.objectContaining({ kind: 'feedback', entryId: 'personal-data', helpful: false, channel: 'webchat', conversationId: 'conv-recording-1' }),
    ]);
  });

  test('when a question is clarified and the resident answers "Inget av dessa", the options and the follow-up are handed over', async () => {
    const start = turns.length;
    const decision = testEngine().ask(CLARIFY_QUESTION, { audience: 'residents' });
    if (decision.kind !== 'clarify') throw new Error(`"${CLARIFY_QUESTION}" no longer clarifies`);
    await webChat({ ...ids(2), text: CLARIFY_QUESTION });
    await webChat({ ...ids(2), text: 'Inget av dessa', value: { action: 'none-of-these', lang: 'sv' } });
    expect(since(start)).toEqual([
      expect.objectContaining({ kind: 'clarify', candidateIds: decision.options.map((o) => o.entry.id), text: CLARIFY_QUESTION, conversationId: 'conv-recording-2' }),
      expect.objectContaining({ kind: 'none-of-these', conversationId: 'conv-recording-2' }),
    ]);
  });

  test('when a question is off-topic, the escalation is handed over with its reason and candidates; a typed choice counts as a click', async () => {
    const start = turns.length;
    await webChat({ ...ids(3), text: 'Hur ansöker jag om bygglov?' });
    await webChat({ ...ids(4), text: CLARIFY_QUESTION });
    await webChat({ ...ids(4), text: '1' });
    const [escalation, , choice] = since(start);
    expect(escalation).toMatchObject({ kind: 'escalate', text: 'Hur ansöker jag om bygglov?' });
    expect(escalation?.kind === 'escalate' && ['off-topic', 'low-confidence'].includes(escalation.reason)).toBe(true);
    expect(choice).toMatchObject({ kind: 'answer', via: 'click', conversationId: 'conv-recording-4' });
  });

  test('when staff ask in Teams, the turn is handed over as msteams without the @mention; the message extension search is not', async () => {
    const start = turns.length;
    const teams = message('<at>Kommunbot</at> polisanmälan', {
      channelId: 'msteams',
      entities: [{ type: 'mention', mentioned: { id: 'bot-1', name: 'Kommunbot' }, text: '<at>Kommunbot</at>' }],
      conversation: { id: 'teams-conv', conversationType: 'channel', isGroup: true },
    });
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(teams) });
    expect(repliesOf({ status: res.status, json: await res.json() }).length).toBeGreaterThan(0);
    const search = {
      ...message(undefined, { deliveryMode: undefined, serviceUrl: 'http://127.0.0.1:9/teams/' }),
      type: 'invoke',
      name: 'composeExtension/query',
      channelId: 'msteams',
      value: { commandId: 'searchFaq', parameters: [{ name: 'searchQuery', value: 'personuppgifter 19900101-0017' }], queryOptions: { skip: 0, count: 5 } },
    };
    const searched = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(search) });
    expect(searched.status).toBe(200);
    expect(since(start)).toEqual([expect.objectContaining({ kind: 'answer', entryId: 'police-report', channel: 'msteams', text: 'polisanmälan' })]);
  });

  test('when the recorder throws, the resident still gets the answer', async () => {
    throwing = true;
    try {
      const res = await postJson(`${url}/api/webchat/messages`, { type: 'message', ...ids(5), text: 'Har mina personuppgifter läckt?' });
      const body = z.object({ activities: z.array(z.looseObject({ text: z.string().optional() })) }).parse(await res.json());
      expect(res.status).toBe(200);
      expect(body.activities[0]?.text).toContain(testEngine().entry('personal-data')?.answer.sv.trim().slice(0, 40));
    } finally {
      throwing = false;
    }
  });
});
