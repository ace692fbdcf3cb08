import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { Decision } from '../../src/core/index.js';
import { undatedAnswer } from '../support/corpus.js';
import { extensionCards, heroCardsOf, message, repliesOf, startBot, testEngine, type BotServer, type ReplyActivity } from './harness.js';
import { linkContactDetails } from '../../src/channels/botframework/contact-links.js';

const STAFF_QUESTION = 'var hittar jag information?';

const teamsMessage = (text: string, extra: Record<string, unknown> = {}) =>
  message(`<at>Kommunbot</at> ${text}`, {
    channelId: 'msteams',
    locale: 'sv-SE',
    entities: [{ type: 'mention', mentioned: { id: 'bot-1', name: 'Kommunbot' }, text: '<at>Kommunbot</at>' }],
    conversation: { id: 'teams-conv', conversationType: 'channel', isGroup: true },
    ...extra,
  });

const composeQuery = (searchQuery: string | undefined) => ({
  ...message(undefined, { deliveryMode: undefined, serviceUrl: 'http://127.0.0.1:9/teams/' }),
  type: 'invoke',
  name: 'composeExtension/query',
  channelId: 'msteams',
  value: {
    commandId: 'searchFaq',
    parameters: searchQuery === undefined ? [{ name: 'initialRun', value: 'true' }] : [{ name: 'searchQuery', value: searchQuery }],
    queryOptions: { skip: 0, count: 25 },
  },
});


/** What the reply to a decision looks like: the answer text, or the first "Menar du" choice. */
function matchesDecision(reply: ReplyActivity, decision: Decision): boolean {
  // The answer as sent: its phone numbers and e-mail addresses are links.
  if (decision.kind === 'answer') return reply.text?.includes(linkContactDetails(undatedAnswer(decision.entry).answer.sv.trim())) ?? false;
  if (decision.kind === 'clarify') return heroCardsOf(reply)[0]?.buttons[0]?.title === `1. ${decision.options[0]?.entry.question.sv}`;
  return JSON.stringify(reply.attachments).includes('011-15 00 00');
}

describe('Teams', () => {
  let bot: BotServer;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot.close());

  test('when the bot is @mentioned strips the mention before matching', async () => {
    const replies = repliesOf(await bot.post(teamsMessage('polisanmälan')));
    expect(replies[0]?.text).toContain(undatedAnswer(testEngine().entry('police-report')).answer.sv.trim());
  });

  test('when the bot’s name in the mention holds an invisible character (a right-to-left mark), the mention is still cut out of the question', async () => {
    const name = '<at>Kommun\u200fbot</at>';
    const mentionOnly = message(name, {
      channelId: 'msteams',
      locale: 'sv-SE',
      entities: [{ type: 'mention', mentioned: { id: 'bot-1', name: 'Kommun\u200fbot' }, text: name }],
      conversation: { id: 'teams-conv-rlm', conversationType: 'channel', isGroup: true },
    });
    // Nothing is left once the mention is cut: the bot asks for a question instead of matching its own name.
    expect(repliesOf(await bot.post(mentionOnly))[0]?.text).toContain('Jag fick inget meddelande');
  });

  test('when asked in Teams answers as for staff, where a resident is answered differently', async () => {
    const staff = testEngine().ask(STAFF_QUESTION, { lang: 'sv', audience: 'staff' });
    const residents = testEngine().ask(STAFF_QUESTION, { lang: 'sv', audience: 'residents' });
    // Precondition: the audience changes the outcome for this question, so the test can tell them apart.
    expect(matchesDecision(repliesOf(await bot.post(message(STAFF_QUESTION)))[0] ?? { type: '' }, residents)).toBe(true);
    expect(JSON.stringify(staff.candidates[0]?.entry.id)).not.toBe(JSON.stringify(residents.candidates[0]?.entry.id));
    const teamsReply = repliesOf(await bot.post(teamsMessage(STAFF_QUESTION)))[0];
    expect(teamsReply && matchesDecision(teamsReply, staff)).toBe(true);
    // Staff are pointed to the intranet (the employees entry) first, residents to the public routes.
    expect(staff.candidates[0]?.entry.id).toBe('employees');
    expect(staff.kind === 'answer' || (staff.kind === 'clarify' && staff.options[0]?.entry.id === 'employees')).toBe(true);
  });

  test('when a message-extension query carries no value (null) answers with the default list, not an error', async () => {
    const response = await bot.post({ ...composeQuery(undefined), value: null });
    expect(response.status).toBe(200);
    expect(extensionCards(response.json).length).toBeGreaterThan(0);
  });

  test('when a mention entity lacks "mentioned" refuses the activity with 400 instead of failing the turn', async () => {
    const bad = teamsMessage('polisanmälan', { entities: [{ type: 'mention', text: '<at>Kommunbot</at>' }] });
    const response = await bot.post(bad);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.json)).toContain('mentioned');
  });

  test('when a message-extension search for "faktura leverantör" arrives returns the invoices answer first, within 1 s', async () => {
    const started = performance.now();
    const response = await bot.post(composeQuery('faktura leverantör'));
    const elapsed = performance.now() - started;
    expect(response.status).toBe(200);
    const cards = extensionCards(response.json);
    const invoices = testEngine().entry('invoices');
    expect(cards[0]?.preview.title).toBe(invoices?.question.sv);
    expect(cards[0]?.title).toBe(invoices?.question.sv);
    expect(cards[0]?.text).toContain(undatedAnswer(invoices).answer.sv.trim());
    // No editor has set a review date for this entry, so none is shown.
    expect(cards[0]?.text).not.toContain('Senast granskad');
    expect(cards[0]?.text).toContain('FAQ-id: invoices');
    expect(cards[0]?.text).toContain('https://www.norrkoping.se/');
    expect(elapsed).toBeLessThan(1000);
  });

  test('when the search is empty returns the most-used entries first, then corpus order, at most 5', async () => {
    // Make police-report the most used: answered twice through the bot.
    await bot.post(message('polisanmälan'));
    await bot.post(message('polisanmälan'));
    const cards = extensionCards((await bot.post(composeQuery(undefined))).json);
    expect(cards).toHaveLength(5);
    expect(cards[0]?.text).toContain('FAQ-id: police-report');
  });
});
