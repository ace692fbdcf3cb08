import { describe, expect, test } from 'vitest';
import { createBotRuntime, createInlineRunner } from '../../src/channels/botframework/index.js';
import { createLogger } from '../../src/logging/index.js';
import { OPEN_CLOCK, testEngine, testI18n } from './harness.js';

describe('createInlineRunner', () => {
  test('when given a message returns the replies inline, even when the bot has an app id', async () => {
    const runtime = createBotRuntime({
      engine: testEngine(),
      i18n: await testI18n(),
      logger: createLogger('silent'),
      clock: OPEN_CLOCK,
      auth: { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant' },
    });
    const run = createInlineRunner(runtime);
    const replies = await run({ type: 'message', id: 'a1', timestamp: new Date(), conversation: { id: 'web-1' }, from: { id: 'u', role: 'user' }, text: 'Har mina personuppgifter läckt?', locale: 'sv-SE', channelId: 'webchat' });
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('Källa:');
    expect(replies[0]?.channelId).toBe('webchat');
    expect(replies[0]?.serviceUrl).toBe('http://127.0.0.1/inline');
  });

  test('when a clarify is answered with a typed number in the same conversation returns that answer', async () => {
    const runtime = createBotRuntime({ engine: testEngine(), i18n: await testI18n(), logger: createLogger('silent'), clock: OPEN_CLOCK, auth: {} });
    const run = createInlineRunner(runtime);
    const conversation = { id: 'web-2' };
    const first = await run({ conversation, text: 'påverkas utbetalningar och fakturor?', locale: 'sv-SE' });
    expect(first[0]?.text).toMatch(/^Menar du/);
    const second = await run({ conversation, text: '1', locale: 'sv-SE' });
    expect(second[0]?.text).toContain('Källa:');
  });

  test('when the bot fails mid-turn returns a short apology with the contact details and no stack trace', async () => {
    const broken = { ...testEngine(), ask: (): never => { throw new Error('matcher exploded at secret/path.ts:12'); } };
    const runtime = createBotRuntime({ engine: broken, i18n: await testI18n(), logger: createLogger('silent'), clock: OPEN_CLOCK, auth: {} });
    const replies = await createInlineRunner(runtime)({ conversation: { id: 'web-3' }, text: 'Har mina personuppgifter läckt?', locale: 'sv-SE' });
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('Förlåt, något gick fel');
    expect(replies[0]?.text).toContain('011-15 00 00');
    expect(replies[0]?.text).toContain('norrkoping.kommun@norrkoping.se');
    expect(replies[0]?.text).not.toContain('exploded');
  });
});
