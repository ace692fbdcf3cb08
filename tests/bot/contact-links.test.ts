import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { adaptiveCardsOf, extensionCards, message, repliesOf, startBot, type BotServer } from './harness.js';

// The contact entry's answer names the phone number and the e-mail address in its text.
const PHONE_LINK = '[011-15 00 00](tel:+4611150000)';
const EMAIL_LINK = '[norrkoping.kommun@norrkoping.se](mailto:norrkoping.kommun@norrkoping.se)';
// Teams opens these from an Adaptive Card's Action.OpenUrl; a hero card or a link in text is not reliable there.
const CALL = { type: 'Action.OpenUrl', title: 'Ring 011-15 00 00', url: 'tel:+4611150000' };
const MAIL = { type: 'Action.OpenUrl', title: 'Mejla norrkoping.kommun@norrkoping.se', url: 'mailto:norrkoping.kommun@norrkoping.se' };

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

  test('when Teams gets the contact answer the reply also carries an Adaptive Card with a call and a mail button; the web chat gets none', async () => {
    const [teams] = repliesOf(await bot.post(message('Hur når jag kommunens kontaktcenter?', { channelId: 'msteams' })));
    const cards = adaptiveCardsOf(teams ?? { type: '' });
    expect(cards).toHaveLength(1);
    expect(cards[0]?.actions).toEqual([CALL, MAIL]);
    expect(cards[0]?.body.map((b) => b.text)).toEqual(['Ring eller mejla direkt:']);
    // The feedback card stays (after it).
    expect(teams?.attachments?.map((a) => a.contentType)).toEqual(['application/vnd.microsoft.card.adaptive', 'application/vnd.microsoft.card.hero']);
    const [web] = repliesOf(await bot.post(message('Hur når jag kommunens kontaktcenter?', { channelId: 'webchat' })));
    expect(adaptiveCardsOf(web ?? { type: '' })).toEqual([]);
  });

  test('when Teams is handed over to the contact center, the contact card is an Adaptive Card with the call and mail buttons; the web chat keeps its hero card', async () => {
    const [teams] = repliesOf(await bot.post(message('jag vill hellre tala med en handläggare', { channelId: 'msteams' })));
    expect(teams?.attachments?.map((a) => a.contentType)).toEqual(['application/vnd.microsoft.card.adaptive']);
    const [card] = adaptiveCardsOf(teams ?? { type: '' });
    expect(card?.actions).toEqual([CALL, MAIL]);
    const text = card?.body.map((b) => b.text).join('\n') ?? '';
    expect(text).toContain(PHONE_LINK);
    expect(text).toContain(EMAIL_LINK);
    const [web] = repliesOf(await bot.post(message('jag vill hellre tala med en handläggare', { channelId: 'webchat' })));
    expect(web?.attachments?.map((a) => a.contentType)).toEqual(['application/vnd.microsoft.card.hero']);
  });

  test('when Teams gets an answer that names no number nor address, no extra card is added', async () => {
    const [teams] = repliesOf(await bot.post(message('polisanmälan', { channelId: 'msteams' })));
    expect(teams?.text).toContain('Källa:');
    expect(teams?.text).not.toContain('tel:');
    expect(adaptiveCardsOf(teams ?? { type: '' })).toEqual([]);
  });

  test("when an agent searches in Teams' message extension the result is an Adaptive Card whose text links them and whose buttons call and mail", async () => {
    const response = await bot.post({
      ...message(undefined, { deliveryMode: undefined, serviceUrl: 'http://127.0.0.1:9/teams/' }),
      type: 'invoke',
      name: 'composeExtension/query',
      channelId: 'msteams',
      value: { commandId: 'searchFaq', parameters: [{ name: 'searchQuery', value: 'kontaktcenter' }], queryOptions: { skip: 0, count: 25 } },
    });
    expect(response.status).toBe(200);
    const cards = extensionCards(response.json);
    const contact = cards.find((c) => c.text.includes(PHONE_LINK));
    expect(contact?.text).toContain(EMAIL_LINK);
    expect(contact?.actions).toEqual([CALL, MAIL]);
    // A card whose answer names neither has no buttons.
    expect(cards.find((c) => !c.text.includes('tel:') && !c.text.includes('mailto:'))?.actions).toEqual([]);
  });
});
