/**
 * The next incident's bot names its own municipality and incident: the chat page, the answer to "vem
 * är du?", the timeline's heading and the web chat's sender come from the corpus's welcome.yaml
 * (organisation, topic), and a corpus without them gets the product's neutral words, never Norrköping's.
 * Through the real service on loopback, with a real corpus folder that is not Norrköping's.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startInProcess, type InProcessService } from '../support/service.js';

const STORM = new URL('../../eval/incidents/storm-sjovik/faq-data', import.meta.url).pathname;
const ids = { conversationId: 'c-5b0c2f3e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', userId: 'u-0e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b' };

interface Reply {
  readonly text?: string;
  readonly from: { readonly id: string; readonly name: string };
}

async function send(url: string, body: Record<string, unknown>): Promise<Reply[]> {
  const res = await fetch(`${url}/api/webchat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...ids, ...body }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { activities: Reply[] }).activities;
}

const pageTitle = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
const heading = (html: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1];

describe('a corpus whose welcome.yaml names its organisation and topic', () => {
  let dir: string;
  let svc: InProcessService;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'names-'));
    cpSync(STORM, dir, { recursive: true });
    writeFileSync(
      join(dir, 'welcome.yaml'),
      'organisation: { sv: Sjöviks kommun, en: Sjövik Municipality }\ntopic: { sv: stormen Tyra, en: the storm Tyra }\nlinks: { privacy: "https://www.sjovik.se/personuppgifter" }\n',
    );
    svc = await startInProcess({}, { faqDataDir: dir });
  }, 120_000);
  afterAll(async () => {
    await svc?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the chat page is titled and headed with them, and says nothing of Norrköping or an IT incident', async () => {
    const html = await (await fetch(`${svc.url}/`)).text();
    expect(pageTitle(html)).toBe('Frågor om stormen Tyra – Sjöviks kommun');
    expect(heading(html)).toBe('Frågor och svar om stormen Tyra');
    expect(html).toContain('Chatt med Sjöviks kommun');
    expect(html).not.toMatch(/norrk[öo]ping|it-incident/iu);
    // The corpus's own pages (welcome.yaml links), not another municipality's.
    expect(html).toContain('<a href="https://www.sjovik.se/personuppgifter">');
  });

  test('"vem är du?" is answered in the organisation\'s name, in Swedish and in English, sent by it', async () => {
    const [sv] = await send(svc.url, { type: 'message', text: 'vem är du?' });
    expect(sv?.text).toContain('Jag är Sjöviks kommuns chattbot. Jag svarar på frågor om stormen Tyra');
    expect(sv?.from.name).toBe('Sjöviks kommun');
    const [en] = await send(svc.url, { type: 'message', text: 'who are you?', locale: 'en-GB' });
    expect(en?.text).toContain("I am Sjövik Municipality's chatbot. I answer questions about the storm Tyra");
  });

  test('without a greeting of its own, the welcome names the organisation and the topic', async () => {
    const replies = await send(svc.url, { type: 'conversationUpdate' });
    expect(replies[0]?.text).toMatch(/^Hej! Jag är Sjöviks kommuns chattbot om stormen Tyra\./u);
  });

  test('the timeline is headed with the topic', async () => {
    const replies = await send(svc.url, { type: 'message', value: { action: 'timeline', lang: 'sv' } });
    const text = replies.map((r) => r.text ?? '').join('\n');
    expect(text).toMatch(/^Tidslinje för stormen Tyra, senaste först:/mu);
  });
});

describe('a corpus without welcome.yaml', () => {
  let svc: InProcessService;
  beforeAll(async () => {
    svc = await startInProcess({}, { faqDataDir: STORM });
  }, 120_000);
  afterAll(async () => {
    await svc?.close();
  });

  test('the bot and its page use the product\'s neutral words, not another municipality\'s name', async () => {
    const html = await (await fetch(`${svc.url}/`)).text();
    expect(pageTitle(html)).toBe('Frågor om händelsen – Kommunen');
    expect(html).not.toMatch(/norrk[öo]ping|it-incident/iu);
    const [reply] = await send(svc.url, { type: 'message', text: 'vem är du?' });
    expect(reply?.text).toContain('Jag är kommunens chattbot. Jag svarar på frågor om händelsen');
    expect(reply?.text).not.toMatch(/norrköping/iu);
    expect(reply?.from.name).toBe('Kommunen');
    const [welcome] = await send(svc.url, { type: 'conversationUpdate' });
    expect(welcome?.text).toMatch(/^Hej! Jag är kommunens chattbot om händelsen\./u);
  });
});
