import { afterEach, describe, expect, test } from 'vitest';
import { startInProcess, type InProcessService } from '../support/service.js';

let running: InProcessService[] = [];
afterEach(async () => {
  await Promise.all(running.map((s) => s.close()));
  running = [];
});

async function start(env: Record<string, string>) {
  const s = await startInProcess(env, { logLevel: 'warn' });
  running.push(s);
  return s;
}

const search = (url: string, forwardedFor?: string) =>
  fetch(`${url}/api/faq/search?q=${encodeURIComponent('har mina personuppgifter läckt')}`, { headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } });

describe('behind a proxy, WEBCHAT_TRUST_PROXY works as TRUST_PROXY does (issue #18, finding 6)', () => {
  test('when it is set, each client of the search API has its own limit, not one shared by everyone behind the proxy', async () => {
    const s = await start({ WEBCHAT_TRUST_PROXY: 'true', SEARCH_RATE_LIMIT_POINTS: '2' });
    expect((await search(s.url, '203.0.113.1')).status).toBe(200);
    expect((await search(s.url, '203.0.113.1')).status).toBe(200);
    expect((await search(s.url, '203.0.113.1')).status).toBe(429);
    expect((await search(s.url, '203.0.113.2')).status).toBe(200);
  }, 120_000);
});

describe('/metrics without a token (issue #18, finding 9)', () => {
  test('when scraped on this machine it answers; through a proxy it is refused with what to set', async () => {
    const s = await start({});
    expect((await fetch(`${s.url}/metrics`)).status).toBe(200);
    const proxied = await fetch(`${s.url}/metrics`, { headers: { 'x-forwarded-for': '198.51.100.7' } });
    expect(proxied.status).toBe(403);
    expect(await proxied.text()).toContain('METRICS_TOKEN');
  }, 120_000);

  test('when METRICS_PUBLIC is true, anyone may scrape it', async () => {
    const s = await start({ METRICS_PUBLIC: 'true' });
    expect((await fetch(`${s.url}/metrics`, { headers: { 'x-forwarded-for': '198.51.100.7' } })).status).toBe(200);
  }, 120_000);
});

describe('answers that may echo a resident’s words are not cached (issue #18, finding 9)', () => {
  test('when the search API, the bot and the web chat answer, each says Cache-Control: no-store; the chat page’s script keeps its own policy', async () => {
    const s = await start({});
    expect((await search(s.url)).headers.get('cache-control')).toBe('no-store');
    const bot = await fetch(`${s.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', deliveryMode: 'expectReplies', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'c-nostore-1' }, from: { id: 'u-nostore-1' }, recipient: { id: 'bot' }, text: 'har mina personuppgifter läckt' }),
    });
    expect(bot.headers.get('cache-control')).toBe('no-store');
    const chat = await fetch(`${s.url}/api/webchat/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', conversationId: 'c-nostore-0002', userId: 'u-nostore-0002', text: 'har mina personuppgifter läckt' }),
    });
    expect(chat.headers.get('cache-control')).toBe('no-store');
    const script = await fetch(`${s.url}/webchat/chat.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('no-cache');
  }, 120_000);
});
