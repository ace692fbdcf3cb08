import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { copyOfFaqData } from '../support/corpus.js';
import { rawRequest } from '../support/http.js';
import { startInProcess, type InProcessService } from '../support/service.js';

let running: InProcessService[] = [];
let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.map((s) => s.close()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  running = [];
  dirs = [];
});

async function start(...args: Parameters<typeof startInProcess>) {
  const s = await startInProcess(...args);
  running.push(s);
  return s;
}

const chat = (url: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/webchat/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

const ids = { conversationId: 'svc-conv-0001', userId: 'svc-user-0001' };

describe('metrics', () => {
  test('when traffic has flowed, /metrics has every metric the operations doc lists, with bounded labels', async () => {
    const s = await start({ SEARCH_RATE_LIMIT_POINTS: '3' });
    await chat(s.url, { type: 'message', ...ids, text: 'Har mina personuppgifter läckt?' });
    await chat(s.url, { type: 'message', ...ids, text: 'påverkas utbetalningar och fakturor?' });
    await chat(s.url, { type: 'message', ...ids, text: 'vad är vädret i morgon' });
    await chat(s.url, { type: 'message', ...ids, value: { action: 'feedback', id: 'personal-data', helpful: true, lang: 'sv' } });
    await chat(s.url, { type: 'message', ...ids, value: { action: 'feedback', id: 'made-up-id-199001010017', helpful: false, lang: 'sv' } });
    for (let i = 0; i < 4; i += 1) await fetch(`${s.url}/api/faq/search?q=polisanm%C3%A4lan`);
    await fetch(`${s.url}/nowhere/199001010017`);
    await s.service.reloader.reload('manual');

    const text = await (await fetch(`${s.url}/metrics`)).text();
    for (const expected of [
      'faq_decisions_total{decision="answer",channel="webchat"} 1',
      'faq_decisions_total{decision="clarify",channel="webchat"} 1',
      'faq_decisions_total{decision="answer",channel="search"} 3',
      'faq_decisions_total{decision="escalate",channel="webchat"} 2',
      'faq_escalations_total{reason="off-topic",channel="webchat"} 1',
      'faq_escalations_total{reason="not-helpful",channel="webchat"} 1',
      'faq_answers_total{entry_id="personal-data",channel="webchat"} 1',
      'faq_feedback_total{entry_id="personal-data",helpful="true"} 1',
      'faq_feedback_total{entry_id="unknown",helpful="false"} 1',
      'faq_match_duration_seconds_count',
      'http_request_duration_seconds_count{method="POST",route="/api/webchat/messages",status="200"} 5',
      'http_request_duration_seconds_count{method="GET",route="unmatched",status="404"} 1',
      'http_requests_in_flight',
      'rate_limit_refusals_total{limit="search"} 1',
      'faq_corpus_reloads_total{result="unchanged"} 1',
      'faq_corpus_info{version=',
      'faq_corpus_loaded_timestamp_seconds',
      'shared_store_up 1',
    ]) {
      expect(text, expected).toContain(expected);
    }
    // The raw URL (with what looks like a personnummer) is nowhere, neither in metrics nor in the log.
    expect(text).not.toContain('199001010017');
    expect(s.rawLogs()).not.toContain('199001010017');
  });

  test('when METRICS_TOKEN is set, /metrics needs it', async () => {
    const s = await start({ METRICS_TOKEN: 'a-long-enough-metrics-token' });
    expect((await fetch(`${s.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${s.url}/metrics`, { headers: { authorization: 'Bearer a-long-enough-metrics-token' } })).status).toBe(200);
  });
});

describe('request ids and privacy in logs', () => {
  test('when a request is served, every log line it writes carries its x-request-id, and caller-chosen ids are hashed', async () => {
    const s = await start({}, { logLevel: 'debug' });
    const res = await chat(s.url, { type: 'message', conversationId: 'conv-19900101-0017-x', userId: 'svc-user-0001', text: 'Ring mig på 070-123 45 67 om personuppgifter' });
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const lines = s.logs().filter((l) => l['reqId'] === requestId);
    // The request line, the bot's turn line and the web chat turn line at least.
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.map((l) => l['msg'])).toEqual(expect.arrayContaining(['turn', 'webchat turn', 'request']));
    const raw = s.rawLogs();
    expect(raw).not.toContain('conv-19900101-0017-x');
    expect(raw).not.toContain('070-123 45 67');
    expect(raw).toContain('[telefon]');
  });

  test('when a caller sends its own x-request-id, it is replaced unless the proxy is trusted', async () => {
    const untrusted = await start();
    const own = 'caller-chosen-id-12345';
    expect((await fetch(`${untrusted.url}/healthz`, { headers: { 'x-request-id': own } })).headers.get('x-request-id')).not.toBe(own);
    const trusted = await start({ TRUST_PROXY: 'true' });
    expect((await fetch(`${trusted.url}/healthz`, { headers: { 'x-request-id': own } })).headers.get('x-request-id')).toBe(own);
    expect((await fetch(`${trusted.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } })).headers.get('x-request-id')).not.toBe('bad id with spaces');
  });
});

describe('live corpus through the whole service', () => {
  test('when an answer is edited, the bot serves the new text within 5 s; an invalid edit keeps it, /healthz stays 200 and says so', async () => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    const s = await start({}, { faqDataDir: dir });
    s.service.reloader.watch();
    const ask = async () => {
      const body = z.object({ activities: z.array(z.object({ text: z.string().optional() }).loose()) }).parse(await (await chat(s.url, { type: 'message', ...ids, text: 'har ni polisanmält' })).json());
      return body.activities[0]?.text ?? '';
    };
    // The answer is cached per entry object: asked once before the edit, it must not survive the reload.
    expect(await ask()).toContain('polisanmäldes torsdag den 1 december');
    const file = join(dir, 'entries', 'police-report.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('polisanmäldes torsdag den 1 december', 'polisanmäldes den 1 december (ny text)'));
    const deadline = Date.now() + 5000;
    while (!(await ask()).includes('(ny text)') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await ask()).toContain('(ny text)');
    const health = z.object({ corpus: z.object({ version: z.string(), lastReload: z.object({ result: z.string() }).optional() }) });
    const good = health.parse(await (await fetch(`${s.url}/healthz`)).json()).corpus;

    writeFileSync(file, original.replace('audience: [all]', 'audience: [nobody]'));
    const failed = Date.now() + 5000;
    let status = good;
    while (status.lastReload?.result !== 'failure' && Date.now() < failed) {
      await new Promise((r) => setTimeout(r, 100));
      status = health.parse(await (await fetch(`${s.url}/healthz`)).json()).corpus;
    }
    const res = await fetch(`${s.url}/healthz`);
    expect(res.status).toBe(200);
    expect(health.parse(await res.json()).corpus).toMatchObject({ version: good.version, lastReload: { result: 'failure' } });
    expect(await ask()).toContain('(ny text)');
    expect(s.rawLogs()).toMatch(/police-report\.yaml.*field \\"audience\.0\\"/);
    expect(await (await fetch(`${s.url}/metrics`)).text()).toContain('faq_corpus_reloads_total{result="failure"}');
  });

  test('when the contact details are edited, the chat page shows the new ones after the reload, without a restart', async () => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    const s = await start({}, { faqDataDir: dir });
    expect(await (await fetch(`${s.url}/`)).text()).toContain('011-15 00 00');
    const file = join(dir, 'contact.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('norrkoping.kommun@norrkoping.se', 'kontakt.test@norrkoping.se'));
    expect((await s.service.reloader.reload('manual')).result).toBe('success');
    const page = await (await fetch(`${s.url}/`)).text();
    expect(page).toContain('kontakt.test@norrkoping.se');
    expect(page).not.toContain('norrkoping.kommun@norrkoping.se');
  });
});

describe('open doors', () => {
  test.each(['/api/webchat/messages', '/api/messages'])('when a client sends its body to %s too slowly, the connection is answered 408 at the deadline', async (path) => {
    const s = await start({ HTTP_REQUEST_TIMEOUT_SECONDS: '1' });
    const { connect } = await import('node:net');
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(s.port, '127.0.0.1', () => socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"type"`));
      let data = '';
      socket.on('data', (c: Buffer) => (data += c.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', () => resolve(data));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  test('when a chunked body to /api/messages never ends, the bot answers 408 once and closes the connection (Node does not answer it again)', async () => {
    // The server's own deadline after the bot's 10 s body deadline, as when a proxy allows long requests.
    const s = await start({ HTTP_REQUEST_TIMEOUT_SECONDS: '14' });
    const { connect } = await import('node:net');
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(s.port, '127.0.0.1', () => socket.write('POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"a":\r\n'));
      let data = '';
      socket.on('data', (c: Buffer) => (data += c.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', () => resolve(data));
    });
    expect(answer.match(/HTTP\/1\.1 408/g)).toHaveLength(1);
    expect(answer).toContain('"code":"body_timeout"');
  }, 30_000);

  test('when RATE_LIMITS=off (loopback load tests), nothing is refused', async () => {
    const s = await start({ RATE_LIMITS: 'off', SEARCH_RATE_LIMIT_POINTS: '1' });
    const statuses = await Promise.all(Array.from({ length: 5 }, () => fetch(`${s.url}/api/faq/search?q=polis`).then((r) => r.status)));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
  });

  test('when an anonymous caller names a serviceUrl, the bot refuses it; /readyz is 200 with a memory store', async () => {
    const s = await start();
    const res = await rawRequest(s.port, 'POST', '/api/messages', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'c' }, text: 'hej' }),
    });
    expect(res.status).toBe(403);
    expect(await (await fetch(`${s.url}/readyz`)).json()).toEqual({ status: 'ready', checks: { corpus: 'loaded', store: 'ok', draining: false } });
  });
});
