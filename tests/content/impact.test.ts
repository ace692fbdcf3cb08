import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { InProcessService } from '../support/service.js';
import { startEditingService, type apiClient, eventually } from './api-client.js';

const summary = z.object({ decision: z.enum(['answer', 'clarify', 'escalate']), id: z.string().nullable(), confidence: z.number() });
const impactBody = z.object({
  version: z.number(),
  asked: z.number().int(),
  changed: z.array(z.object({ text: z.string(), source: z.enum(['resident', 'golden']), before: summary, after: summary, answerChanged: z.boolean() })),
});
const previewBody = z.looseObject({ decision: z.string(), entry: z.object({ id: z.string() }).nullable() });

let svc: InProcessService;
let api: ReturnType<typeof apiClient>;

const resident = (conversationId: string, text: string) =>
  fetch(`${svc.url}/api/webchat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', conversationId, userId: 'resident-0001', text, locale: 'sv-SE' }) });

let close: (() => Promise<void>) | undefined;

// Every answered question kept, so the test knows which are.
beforeAll(async () => void ({ svc, api, close } = await startEditingService({ STAFF_ANSWERED_SAMPLE_RATE: '1' })), 60_000);
afterAll(async () => close?.());

describe('the impact preview and the test pane', () => {
  test('when a draft rewrites an answer, the residents who got that answer are listed with their words scrubbed, and questions it does not touch are not', async () => {
    // An answered question with a phone number in it (kept as a sample, scrubbed), and one about invoices.
    expect((await resident('impact-conv-0001', 'Har mina personuppgifter läckt? 070-123 45 67')).status).toBe(200);
    expect((await resident('impact-conv-0002', 'Betalar ni leverantörsfakturor i tid?')).status).toBe(200);

    const corpus = await api.corpus();
    const entry = corpus.entries.find((e) => e.id === 'personal-data');
    const id = await api.draft('edda', { title: 'Nytt svar om personuppgifter', baseVersion: corpus.version, entries: [{ ...entry, answer: { sv: 'Ett nytt svar om personuppgifter.', en: 'A new answer about personal data.' } }] });

    const impact = await eventually(async () => {
      const res = await api.call('pia', 'GET', `/api/staff/changes/${id}/impact`);
      const body = impactBody.parse(await res.json());

      return body.changed.some((c) => c.source === 'resident') ? body : undefined;
    }, 'the kept questions written and asked', 15_000);
    const residents = impact.changed.filter((c) => c.source === 'resident');
    expect(residents).toHaveLength(1);
    expect(residents[0]).toMatchObject({ before: { decision: 'answer', id: 'personal-data' }, after: { decision: 'answer', id: 'personal-data' }, answerChanged: true });
    expect(residents[0]?.text).toContain('[telefon]');
    expect(JSON.stringify(impact)).not.toMatch(/070|123 45 67/);
    expect(impact.changed.some((c) => c.text.includes('leverantörsfakturor'))).toBe(false);
    // The golden table is asked too: its personal-data questions change answer.
    expect(impact.changed.some((c) => c.source === 'golden' && c.after.id === 'personal-data')).toBe(true);
    expect(impact.asked).toBeGreaterThan(residents.length);

    const asked = await api.call('edda', 'POST', `/api/staff/changes/${id}/ask`, { text: 'har mina personuppgifter läckt' });
    expect(asked.status).toBe(200);
    const both = z.object({ draft: previewBody, published: previewBody }).parse(await asked.json());
    expect(both.draft.entry?.id).toBe('personal-data');
    expect(both.published.entry?.id).toBe('personal-data');
  });

  test('when the change does not exist, 404; the review of unsettled questions never shows the sampled answered ones', async () => {
    expect((await api.call('pia', 'GET', '/api/staff/changes/999999/impact')).status).toBe(404);
    const review = z.object({ items: z.array(z.object({ text: z.string(), decision: z.string() })) }).parse(await (await api.call('edda', 'GET', '/api/staff/unanswered')).json());
    expect(review.items.some((i) => i.text.includes('leverantörsfakturor'))).toBe(false);
    const doubts = z.object({ items: z.array(z.object({ text: z.string(), entry: z.string().nullable(), confidence: z.number().nullable(), rejected: z.boolean() })) }).parse(
      await (await api.call('edda', 'GET', '/api/staff/answered-doubts')).json(),
    );
    expect(doubts.items.find((i) => i.text.includes('leverantörsfakturor'))?.entry).toBe('invoices');
    const confidences = doubts.items.filter((i) => !i.rejected).map((i) => i.confidence ?? 0);
    expect(confidences).toEqual([...confidences].sort((a, b) => a - b));
  });
});
