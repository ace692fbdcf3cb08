import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/index.js';
import { startInProcess, type InProcessService } from '../support/service.js';
import { fixture } from './fixtures.js';
import { serveLoopbackPage, type LoopbackPage } from './loopback-page.js';

describe('OFFICIAL_PAGE_URL in the environment', () => {
  it.each([
    ['http://www.norrkoping.se/', /not an https/],
    ['https://www.norrkoping.se/ ftp://x', /"ftp:\/\/x" is not an https/],
  ])('refuses %s', (value, message) => {
    const parsed = parseEnv({ OFFICIAL_PAGE_URL: value });
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toMatch(message);
  });

  it('takes several addresses and an interval; none by default', () => {
    const parsed = parseEnv({ OFFICIAL_PAGE_URL: 'https://www.norrkoping.se/, http://127.0.0.1:8080/sida', OFFICIAL_PAGE_INTERVAL_SECONDS: '60' });
    expect(parsed.ok && [parsed.env.OFFICIAL_PAGE_URL, parsed.env.OFFICIAL_PAGE_INTERVAL_SECONDS]).toEqual([['https://www.norrkoping.se/', 'http://127.0.0.1:8080/sida'], 60]);
    const none = parseEnv({});
    expect(none.ok && [none.env.OFFICIAL_PAGE_URL, none.env.OFFICIAL_PAGE_INTERVAL_SECONDS]).toEqual([[], 300]);
    expect(parseEnv({ OFFICIAL_PAGE_INTERVAL_SECONDS: '1' }).ok).toBe(false);
  });
});

describe('the service watching a page that fails and one that works', () => {
  let good: LoopbackPage;
  let bad: LoopbackPage;
  let s: InProcessService | undefined;
  beforeAll(async () => {
    good = await serveLoopbackPage(fixture('norrkoping-incident.html'));
    bad = await serveLoopbackPage('', '/borta');
    bad.handler = (_req, res) => {
      res.writeHead(503);
      res.end();
    };
    s = await startInProcess({ OFFICIAL_PAGE_URL: `${good.url} ${bad.url}` });
    // Training the engine takes tens of seconds on a busy 2-core machine.
  }, 180_000);
  afterAll(async () => {
    await s?.close();
    await good.close();
    await bad.close();
  });

  it('stays ready, and says on /readyz which page could not be fetched', async () => {
    await waitFor(async () => (s?.service.officialPage?.watcher.status() ?? []).every((p) => p.lastOutcome !== undefined));
    const res = await fetch(`${s?.url}/readyz`);
    expect(res.status).toBe(200);
    const body: unknown = await res.json();
    expect(body).toMatchObject({
      status: 'ready',
      checks: { corpus: 'loaded', store: 'ok', draining: false },
      details: {
        officialPages: [
          { url: good.url, state: 'ok', lastOutcome: 'baseline', consecutiveFailures: 0 },
          { url: bad.url, state: 'failing', lastOutcome: 'failed', lastError: { reason: 'http-error' } },
        ],
      },
    });
  });

  it('counts the failure in /metrics', async () => {
    const text = await (await fetch(`${s?.url}/metrics`)).text();
    expect(text).toMatch(/official_page_fetch_failures_total\{reason="http-error"\} [1-9]/);
    expect(text).toContain(`official_page_up{page="${bad.url}"} 0`);
    expect(text).toContain(`official_page_up{page="${good.url}"} 1`);
  });

  it('still answers residents', async () => {
    const res = await fetch(`${s?.url}/api/faq/search?q=${encodeURIComponent('kan personuppgifter ha läckt')}`);
    expect(res.status).toBe(200);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
