import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createBotRuntime, createInlineRunner, createMemoryReadingPreferences } from '../../src/channels/botframework/index.js';
import { createFaqEngine } from '../../src/core/index.js';
import { createI18n } from '../../src/i18n/index.js';
import { createLogger } from '../../src/logging/index.js';
import { loadRealCorpus, postJson, startWebServer, type RunningServer } from './helpers.js';

const corpus = loadRealCorpus();
const LOCALES = fileURLToPath(new URL('../../locales', import.meta.url));
const action = z.object({ title: z.string(), value: z.unknown() });
const reply = z.looseObject({ text: z.string().optional(), suggestedActions: z.object({ actions: z.array(action) }).optional() });
const body = z.object({ activities: z.array(reply) });

const byId = (id: string) => {
  const entry = corpus.entries.find((e) => e.id === id);
  if (!entry?.lattlast) throw new Error(`faq-data entry "${id}" has no lattlast variant`);
  return { answer: entry.answer, lattlast: entry.lattlast };
};

let server: RunningServer;
beforeAll(async () => {
  const logger = createLogger('silent');
  const runtime = createBotRuntime({ engine: createFaqEngine(corpus), i18n: await createI18n({ localesDir: LOCALES }), logger, clock: () => new Date(), auth: {} });
  server = await startWebServer({ contact: corpus.contact, logger, runInline: createInlineRunner(runtime), limits: { rateLimitPoints: 1000 } });
});
afterAll(() => server.close());

/** One resident's conversation over the public web chat endpoint. */
function conversation() {
  const ids = { conversationId: `c-${randomUUID()}`, userId: `u-${randomUUID()}` };
  return async (message: { text: string } | { value: unknown }) => {
    const res = await postJson(`${server.url}/api/webchat/messages`, { type: 'message', ...ids, ...message });
    expect(res.status).toBe(200);
    const [first] = body.parse(await res.json()).activities;
    if (!first) throw new Error('no reply');
    return first;
  };
}

describe('lättläst through the web chat endpoint', () => {
  test('every entry has an easy-to-read variant in Swedish and English that differs from its answer', () => {
    for (const entry of corpus.entries) {
      expect(entry.lattlast?.sv.trim(), entry.id).not.toBe(entry.answer.sv.trim());
      expect(entry.lattlast?.en.trim(), entry.id).not.toBe(entry.answer.en.trim());
    }
  });

  test('when "Lättläst" is chosen under an answer returns that answer easy-to-read, and keeps the style for the rest of the conversation only', async () => {
    const say = conversation();
    const personal = byId('personal-data');
    const first = await say({ text: 'Har mina personuppgifter läckt?' });
    expect(first.text).toContain(personal.answer.sv.trim());
    const offer = first.suggestedActions?.actions.find((a) => a.title === 'Lättläst');
    expect(offer?.value).toEqual({ action: 'reading', style: 'lattlast', id: 'personal-data', lang: 'sv' });

    const easy = await say({ value: offer?.value });
    expect(easy.text).toContain(personal.lattlast.sv.trim());
    expect(easy.text).not.toContain(personal.answer.sv.trim());
    expect(easy.suggestedActions?.actions[0]?.title).toBe('Vanlig text');

    const police = byId('police-report');
    const next = await say({ text: 'Är händelsen polisanmäld?' });
    expect(next.text).toContain(police.lattlast.sv.trim());

    // Another resident's conversation is not affected.
    expect((await conversation()({ text: 'Är händelsen polisanmäld?' })).text).toContain(police.answer.sv.trim());

    const back = await say({ value: { action: 'reading', style: 'standard', id: 'police-report', lang: 'sv' } });
    expect(back.text).toContain(police.answer.sv.trim());
    expect((await say({ text: 'Har mina personuppgifter läckt?' })).text).toContain(personal.answer.sv.trim());
  });

  test('when the conversation is in English the button reads "Easy to read" and brings the English variant', async () => {
    const say = conversation();
    const first = await say({ text: 'Has my personal data leaked?' });
    const offer = first.suggestedActions?.actions.find((a) => a.title === 'Easy to read');
    expect(offer?.value).toMatchObject({ action: 'reading', style: 'lattlast', lang: 'en' });
    expect((await say({ value: offer?.value })).text).toContain(byId('personal-data').lattlast.en.trim());
  });
});

describe('createMemoryReadingPreferences', () => {
  test('when more conversations than its bound choose a style forgets the least recently used', async () => {
    const prefs = createMemoryReadingPreferences(2);
    await prefs.set('a', 'lattlast');
    await prefs.set('b', 'lattlast');
    expect(await prefs.get('a')).toBe('lattlast'); // a is now the most recently used
    await prefs.set('c', 'standard');
    expect([await prefs.get('a'), await prefs.get('b'), await prefs.get('c'), prefs.size]).toEqual(['lattlast', undefined, 'standard', 2]);
  });
});
