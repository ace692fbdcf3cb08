import { fileURLToPath } from 'node:url';
import { TestAdapter, TurnContext } from 'botbuilder';
import { describe, expect, test } from 'vitest';
import { PendingChoices } from '../../src/channels/botframework/pending-choice.js';
import { createI18n } from '../../src/i18n/index.js';
import { createMemoryStore } from '../../src/state/index.js';
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
    const choices = new PendingChoices(createMemoryStore(), realEngine(), await createI18n({ localesDir: LOCALES }), { maxOpen: 2 });
    const adapter = new TestAdapter();
    for (const id of ['first', 'second', 'third']) await choices.offer(contextFor(adapter, id), { ids: ['contact', 'employees'], lang: 'sv' });
    // The evicted conversation's "1" is a new question; the newest one still resolves its choice.
    expect(await choices.take(contextFor(adapter, 'first'), '1')).toBeUndefined();
    const taken = await choices.take(contextFor(adapter, 'third'), '1');
    expect(taken?.kind === 'entry' && taken.entry.id).toBe('contact');
    // Taken once: the same "1" again is a new question.
    expect(await choices.take(contextFor(adapter, 'third'), '1')).toBeUndefined();
    const second = await choices.take(contextFor(adapter, 'second'), '3');
    expect(second).toEqual({ kind: 'none-of-these' });
  });

  test('when the offer is older than its TTL, a typed "1" is a new question', async () => {
    let now = 0;
    const choices = new PendingChoices(createMemoryStore({ now: () => now }), realEngine(), await createI18n({ localesDir: LOCALES }), { ttlSeconds: 60 });
    const adapter = new TestAdapter();
    await choices.offer(contextFor(adapter, 'conv'), { ids: ['contact', 'employees'], lang: 'sv' });
    now = 61_000;
    expect(await choices.take(contextFor(adapter, 'conv'), '1')).toBeUndefined();
  });
});
