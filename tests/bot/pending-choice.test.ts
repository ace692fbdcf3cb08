import { fileURLToPath } from 'node:url';
import { ConversationState, MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import { describe, expect, test } from 'vitest';
import { PendingChoices } from '../../src/channels/botframework/pending-choice.js';
import { createI18n } from '../../src/i18n/index.js';
import { realEngine } from '../support/corpus.js';

const LOCALES = fileURLToPath(new URL('../../locales', import.meta.url));

const contextFor = (adapter: TestAdapter, conversationId: string) =>
  new TurnContext(adapter, {
    type: 'message',
    channelId: 'webchat',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'resident', name: '' },
    recipient: { id: 'bot', name: '' },
    text: '1',
  });

describe('open "Menar du …?" offers', () => {
  test('when more conversations leave an offer open than the cap, the oldest is forgotten and memory stays bounded', async () => {
    const storage = new MemoryStorage();
    const choices = new PendingChoices(new ConversationState(storage), storage, realEngine(), await createI18n({ localesDir: LOCALES }), 2);
    const adapter = new TestAdapter();
    for (const id of ['first', 'second', 'third']) await choices.offer(contextFor(adapter, id), { ids: ['contact', 'employees'], lang: 'sv' });
    expect(choices.openCount).toBe(2);
    // The evicted conversation's "1" is a new question; the newest one still resolves its choice.
    expect(await choices.take(contextFor(adapter, 'first'), '1')).toBeUndefined();
    const taken = await choices.take(contextFor(adapter, 'third'), '1');
    expect(taken?.kind === 'entry' && taken.entry.id).toBe('contact');
    expect(choices.openCount).toBe(1);
  });
});
