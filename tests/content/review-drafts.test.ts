import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { suggestFor } from '../../src/content/index.js';
import type { InProcessService } from '../support/service.js';
import { startEditingService, type apiClient, eventually, problemsBody } from './api-client.js';

const suggestion = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('phrasing'), entry: z.string(), confidence: z.number() }),
  z.object({ kind: z.literal('out-of-scope') }),
  z.object({ kind: z.literal('none'), why: z.enum(['human', 'nothing-to-learn', 'already-off-topic']) }),
]);
const unanswered = z.object({ items: z.array(z.object({ text: z.string(), suggestion })) });

let svc: InProcessService;
let api: ReturnType<typeof apiClient>;

const resident = (conversationId: string, text: string) =>
  fetch(`${svc.url}/api/webchat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', conversationId, userId: 'resident-0001', text, locale: 'sv-SE' }) });

let close: (() => Promise<void>) | undefined;

beforeAll(async () => void ({ svc, api, close } = await startEditingService()), 60_000);
afterAll(async () => close?.());

describe('suggestions from the review', () => {
  test('when the bot could not settle a question, a phrasing is suggested only where the engine leans clearly to an entry', async () => {
    const asked = ['asdfgh', 'jag vill hellre tala med en handläggare', 'bygglov för ett uterum'];
    for (const [i, text] of asked.entries()) expect((await resident(`review-conv-${i}`, text)).status).toBe(200);
    const body = await eventually(async () => {
      const parsed = unanswered.parse(await (await api.call('edda', 'GET', '/api/staff/unanswered')).json());
      return asked.every((t) => parsed.items.some((i) => i.text.toLowerCase().includes(t.split(' ')[0] ?? t))) ? parsed : undefined;
    }, 'the questions kept');
    const of = (start: string) => body.items.find((i) => i.text.toLowerCase().startsWith(start))?.suggestion;
    // The bot already hands "asdfgh" over (as off-topic or gibberish): nothing to teach it.
    expect(of('asdfgh')?.kind).toBe('none');
    expect(of('jag vill hellre')).toEqual({ kind: 'none', why: 'human' });
    expect(of('bygglov')?.kind).not.toBe('phrasing');
  });

  test('when the resident rejected the nearest entry with "Nej", that entry is never suggested for their words', () => {
    const engine = svc.service.engine;
    const text = 'betalar ni leverantörsfakturor i tid';
    const plain = suggestFor(engine, text, 'sv');
    expect(plain).toMatchObject({ kind: 'phrasing', entry: 'invoices' });
    const rejected = suggestFor(engine, text, 'sv', new Set(['invoices']));
    expect(rejected.kind === 'phrasing' ? rejected.entry : rejected.kind).not.toBe('invoices');
  });
});

describe('review → draft', () => {
  test('when an editor adds a resident wording as a phrasing, a draft is stored that a publisher publishes', async () => {
    const res = await api.call('edda', 'POST', '/api/staff/review/drafts', { action: 'phrasing', text: 'får leverantörerna sina pengar [telefon]', lang: 'sv', entry: 'invoices' });
    expect(res.status).toBe(201);
    const { id } = z.object({ id: z.number() }).parse(await res.json());
    const change = z.object({ title: z.string(), patch: z.object({ put: z.record(z.string(), z.unknown()) }) }).parse(await (await api.call('edda', 'GET', `/api/staff/changes/${id}`)).json());
    expect(change.title).toContain('invoices');
    expect(JSON.stringify(change.patch.put['entries/invoices.yaml'])).toContain('"får leverantörerna sina pengar"');
    expect((await api.publish('pia', id)).status).toBe(200);
    const invoices = z.looseObject({ phrasings: z.object({ sv: z.array(z.string()) }) }).parse((await api.corpus()).entries.find((e) => e.id === 'invoices'));
    expect(invoices.phrasings.sv).toContain('får leverantörerna sina pengar');
  });

  test('when a wording is out of scope, it becomes a draft of the out-of-scope questions', async () => {
    const res = await api.call('edda', 'POST', '/api/staff/review/drafts', { action: 'out-of-scope', text: 'när töms soptunnorna på min gata', lang: 'sv' });
    expect(res.status).toBe(201);
    const { id } = z.object({ id: z.number() }).parse(await res.json());
    const change = z.object({ patch: z.object({ put: z.record(z.string(), z.unknown()) }) }).parse(await (await api.call('edda', 'GET', `/api/staff/changes/${id}`)).json());
    expect(JSON.stringify(change.patch.put['out-of-scope.yaml'])).toContain('när töms soptunnorna på min gata');
  });

  test('when the wording is only a placeholder, the entry is unknown, or another entry owns it, nothing is stored', async () => {
    expect((await api.call('edda', 'POST', '/api/staff/review/drafts', { action: 'phrasing', text: '[telefon]', lang: 'sv', entry: 'invoices' })).status).toBe(400);
    expect((await api.call('edda', 'POST', '/api/staff/review/drafts', { action: 'phrasing', text: 'hej hej', lang: 'sv', entry: 'finns-inte' })).status).toBe(404);
    const owned = z.object({ question: z.object({ sv: z.string() }) }).parse((await api.corpus()).entries.find((e) => e.id === 'payments')).question.sv;
    const res = await api.call('edda', 'POST', '/api/staff/review/drafts', { action: 'phrasing', text: owned, lang: 'sv', entry: 'invoices' });
    expect(res.status).toBe(422);
    const { problems } = problemsBody.parse(await res.json());
    expect(problems.some((p) => p.field === 'phrasings' && p.message.includes('invoices') && p.message.includes('payments'))).toBe(true);
    expect((await api.call('agda', 'POST', '/api/staff/review/drafts', { action: 'out-of-scope', text: 'x', lang: 'sv' })).status).toBe(403);
  });
});
