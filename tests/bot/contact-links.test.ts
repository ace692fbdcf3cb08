import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { message, repliesOf, startBot, type BotServer } from './harness.js';

// The contact entry's answer names the phone number and the e-mail address in its text.
const PHONE_LINK = '[011-15 00 00](tel:+4611150000)';
const EMAIL_LINK = '[norrkoping.kommun@norrkoping.se](mailto:norrkoping.kommun@norrkoping.se)';

describe('phone numbers and e-mail addresses in answers can be tapped', () => {
  let bot: BotServer;
  // Starting the bot trains the engine: seconds, more when other work shares the machine.
  beforeAll(async () => {
    bot = await startBot();
  }, 120_000);
  afterAll(() => bot.close());

  test.each(['webchat', 'msteams'])('when the %s channel gets the contact answer its text links the number and the address', async (channelId) => {
    const replies = repliesOf(await bot.post(message('Hur når jag kommunens kontaktcenter?', { channelId })));
    const text = replies.map((r) => r.text ?? '').join('\n');
    expect(text).toContain(PHONE_LINK);
    expect(text).toContain(EMAIL_LINK);
  });

  test("when an agent searches in Teams' message extension the result card's text links them too", async () => {
    const response = await bot.post({
      ...message(undefined, { deliveryMode: undefined, serviceUrl: 'http://127.0.0.1:9/teams/' }),
      type: 'invoke',
      name: 'composeExtension/query',
      channelId: 'msteams',
      value: { commandId: 'searchFaq', parameters: [{ name: 'searchQuery', value: 'kontaktcenter' }], queryOptions: { skip: 0, count: 25 } },
    });
    const cards = z.object({ composeExtension: z.object({ attachments: z.array(z.object({ content: z.object({ text: z.string() }) })) }) }).parse(response.json);
    const texts = cards.composeExtension.attachments.map((a) => a.content.text);
    expect(texts.some((t) => t.includes(PHONE_LINK))).toBe(true);
  });
});
