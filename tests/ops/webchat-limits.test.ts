import { afterEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { startInProcess, type InProcessService } from '../support/service.js';

let running: InProcessService[] = [];
afterEach(async () => {
  await Promise.all(running.map((s) => s.close()));
  running = [];
});

const start = async (env: Record<string, string>) => {
  const s = await startInProcess(env);
  running.push(s);
  return s;
};

const send = (url: string, conversationId: string, body: Record<string, unknown> = { type: 'message', text: 'polisanmälan' }) =>
  fetch(`${url}/api/webchat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ conversationId, userId: 'limits-user-01', ...body }) });

const refusal = z.object({ error: z.object({ code: z.literal('rate_limited'), message: z.string().min(10), retryAfterSeconds: z.number().int().positive() }) });

describe('the residents\' web chat limits', () => {
  test('when a resident sends 60 messages in one conversation with the default limits, every one is answered', async () => {
    const s = await start({});
    const statuses: number[] = [];
    for (let i = 0; i < 60; i += 1) statuses.push((await send(s.url, 'limits-sixty-0001')).status);
    expect(statuses.filter((x) => x !== 200)).toEqual([]);
  }, 60_000); // the first test of the file trains the engine (seconds more on a busy machine)

  test('when a conversation uses up a short window, the refusal says how long to wait, in Retry-After and in the JSON', async () => {
    const s = await start({ WEBCHAT_CONVERSATION_RATE_LIMIT_POINTS: '5', WEBCHAT_CONVERSATION_RATE_LIMIT_DURATION: '2' });
    for (let i = 0; i < 5; i += 1) expect((await send(s.url, 'limits-window-01')).status).toBe(200);
    const refused = await send(s.url, 'limits-window-01');
    expect(refused.status).toBe(429);
    const body = refusal.parse(await refused.json());
    expect(body.error.retryAfterSeconds).toBeLessThanOrEqual(2);
    expect(refused.headers.get('retry-after')).toBe(String(body.error.retryAfterSeconds));
    expect(body.error.message).toContain('conversation');
    // Another conversation from the same address is not affected.
    expect((await send(s.url, 'limits-window-02')).status).toBe(200);
    // After the window, the first conversation may write again.
    await new Promise((r) => setTimeout(r, body.error.retryAfterSeconds * 1000 + 100));
    expect((await send(s.url, 'limits-window-01')).status).toBe(200);
  });

  test('when the chat is opened many times, the welcomes cost no messages', async () => {
    const s = await start({ WEBCHAT_RATE_LIMIT_POINTS: '5', WEBCHAT_CONVERSATION_RATE_LIMIT_POINTS: '3' });
    for (let i = 0; i < 5; i += 1) expect((await send(s.url, 'limits-welcome-1', { type: 'conversationUpdate' })).status).toBe(200);
    const messages = [];
    for (let i = 0; i < 3; i += 1) messages.push((await send(s.url, 'limits-welcome-1')).status);
    expect(messages).toEqual([200, 200, 200]);
  });

  test('when one address floods with a new conversation each time, the per-address ceiling stops it', async () => {
    const s = await start({ WEBCHAT_RATE_LIMIT_POINTS: '10' });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await send(s.url, `limits-flood-${String(i).padStart(3, '0')}`)).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429, 429]);
    const body = refusal.parse(await (await send(s.url, 'limits-flood-999')).json());
    expect(body.error.message).toContain('address');
    // Refusals are counted in metrics, and logged once per client per window.
    expect(await (await fetch(`${s.url}/metrics`)).text()).toContain('rate_limit_refusals_total{limit="webchat-client"} 3');
    expect(s.logs().filter((l) => l['msg']?.toString().startsWith('rate limit reached'))).toHaveLength(1);
  });
});
