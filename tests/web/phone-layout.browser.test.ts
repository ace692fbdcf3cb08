/**
 * The chat as a resident on a phone sees it: after every reply the start of the newest answer, at least
 * its first three lines, is inside the transcript's visible box and the window, the input is on screen and
 * nothing scrolls sideways. Measured on the text's own line boxes (Range.getClientRects), not a bubble's
 * edge. The questions are found at test time by asking the real bot over HTTP, so the test follows the
 * engine: the first candidate that gets each kind of reply (answer, "Menar du", hand-over) is used.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createBotRuntime, createInlineRunner } from '../../src/channels/botframework/index.js';
import { createFaqEngine, loadCorpus, type Corpus } from '../../src/core/index.js';
import { createI18n } from '../../src/i18n/index.js';
import { createLogger } from '../../src/logging/index.js';
import { FAQ_DATA, loadRealCorpus, postJson, startWebServer, type RunningServer } from './helpers.js';
import { seriousViolations } from '../support/browser-a11y.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LOCALES_DIR = fileURLToPath(new URL('../../locales', import.meta.url));
// Wednesday 11 January 2023, 19:00 in Stockholm.
const EVENING = () => new Date('2023-01-11T18:00:00Z');

const BOT_BUBBLES = '.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content';
const INPUT = '[data-id="webchat-sendbox-input"]';
const SUGGESTION = '.webchat__suggested-action';

// Written for this test (none is in an evaluation set). Each list is tried in order through the bot;
// the first question that gets the wanted kind of reply is the one the browser asks.
const CANDIDATES = {
  answer: ['Kan obehöriga ha sett mina uppgifter?', 'Har någon kommit åt uppgifter om mig?', 'Är mina uppgifter hos kommunen säkra nu?'],
  clarify: ['kommer utbetalningar och fakturor att påverkas?', 'påverkas fakturor och utbetalningar?', 'påverkas utbetalningar och fakturor?'],
  escalate: ['Var kan jag parkera min husbil i sommar?', 'När töms soptunnan på min gata?', 'Hur söker jag plats i förskola?'],
} as const;
type ReplyKind = keyof typeof CANDIDATES;

const corpus: Corpus = loadRealCorpus();
/** The corpus the page reads its status line and contact details from; the live-page test swaps it. */
const live = { corpus };
let server: RunningServer;
let userDataDir: string;
let context: BrowserContext;
const pageErrors: string[] = [];
/** The questions found for each kind, in conversation order after the answer and its easy-to-read variant. */
let questions: Record<ReplyKind, string>;

const replySchema = z.object({
  activities: z.array(
    z.object({
      type: z.string(),
      attachments: z.array(z.object({ contentType: z.string(), content: z.unknown().optional() })).optional(),
      suggestedActions: z.object({ actions: z.array(z.object({ title: z.string().optional() })) }).optional(),
    }),
  ),
});

/** The kind of a turn's replies as the resident sees it: a "Menar du" card, the contact card, or an answer with feedback. */
function kindOf(reply: z.infer<typeof replySchema>): ReplyKind | 'other' {
  const cards = reply.activities.flatMap((a) => a.attachments ?? []).map((a) => JSON.stringify(a.content ?? {}));
  if (cards.some((c) => c.includes('Inget av dessa'))) return 'clarify';
  if (cards.some((c) => c.includes(corpus.contact.phone.tel))) return 'escalate';
  if (cards.some((c) => c.includes('Hjälpte svaret?'))) return 'answer';
  return 'other';
}

let conversation = 0;
/** Plays `before` then `question` in a new conversation on the bot's web endpoint; the last turn's kind. */
async function kindAfter(before: readonly string[], question: string): Promise<ReplyKind | 'other'> {
  conversation += 1;
  const ids = { conversationId: `probe-conversation-${conversation}`, userId: `probe-user-${conversation}` };
  let last: ReplyKind | 'other' = 'other';
  for (const text of [...before, question]) {
    const response = await postJson(`${server.url}/api/webchat/messages`, { type: 'message', ...ids, text });
    last = kindOf(replySchema.parse(await response.json()));
  }
  return last;
}

async function findQuestion(kind: ReplyKind, before: readonly string[]): Promise<string> {
  for (const candidate of CANDIDATES[kind]) if ((await kindAfter(before, candidate)) === kind) return candidate;
  throw new Error(`none of the candidates gets a "${kind}" reply after ${JSON.stringify(before)}: add one that does`);
}

// Runs in the page (the test's tsconfig has no DOM types). The newest answer is the first bot message
// after the resident's last one (the welcome before any); its text's line boxes are grouped into lines.
const MEASURE_SCRIPT = `(() => {
  const activities = [...document.querySelectorAll('.webchat__basic-transcript__activity')];
  let lastUser = -1;
  activities.forEach((a, i) => { if (a.querySelector('.webchat__bubble--from-user')) lastUser = i; });
  const bubble = activities.slice(lastUser + 1).map((a) => a.querySelector(${JSON.stringify(BOT_BUBBLES)})).find((b) => b !== null);
  const scrollable = document.querySelector('.webchat__basic-transcript__scrollable');
  const input = document.querySelector(${JSON.stringify(INPUT)});
  const rects = [];
  if (bubble) {
    const walker = document.createTreeWalker(bubble, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.textContent.trim() === '') continue;
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 1 && r.height > 1) rects.push({ top: r.top, bottom: r.bottom });
    }
  }
  rects.sort((a, b) => a.top - b.top);
  const lines = [];
  for (const r of rects) {
    const line = lines[lines.length - 1];
    if (line && r.top < line.bottom - 2) line.bottom = Math.max(line.bottom, r.bottom);
    else lines.push({ top: r.top, bottom: r.bottom });
  }
  const box = scrollable ? scrollable.getBoundingClientRect() : null;
  const inputBox = input ? input.getBoundingClientRect() : null;
  return {
    text: bubble ? bubble.textContent.trim().slice(0, 60) : '',
    lines: lines.slice(0, 3),
    lineCount: lines.length,
    box: box ? { top: box.top, bottom: box.bottom } : null,
    input: inputBox ? { top: inputBox.top, bottom: inputBox.bottom } : null,
    innerHeight: window.innerHeight,
    innerWidth: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
  };
})()`;
const edge = z.object({ top: z.number(), bottom: z.number() });
const measureSchema = z.object({
  text: z.string(),
  lines: z.array(edge),
  lineCount: z.number(),
  box: edge.nullable(),
  input: edge.nullable(),
  innerHeight: z.number(),
  innerWidth: z.number(),
  scrollWidth: z.number(),
});

/** What keeps the resident from reading the start of the newest answer; [] when nothing does. */
async function readingProblems(target: Page | Frame): Promise<string[]> {
  const m = measureSchema.parse(await target.evaluate(MEASURE_SCRIPT));
  const problems: string[] = [];
  if (m.scrollWidth > m.innerWidth) problems.push(`scrolls sideways: ${m.scrollWidth} px wide in ${m.innerWidth}`);
  if (m.box === null || m.input === null) return [...problems, 'no transcript or input yet'];
  if (m.input.top < 0 || m.input.bottom > m.innerHeight) problems.push(`the input is at ${m.input.top}–${m.input.bottom} of ${m.innerHeight}`);
  if (m.lines.length === 0) problems.push('the newest answer has no text on screen yet');
  const visibleTop = Math.max(0, m.box.top) - 0.5;
  const visibleBottom = Math.min(m.innerHeight, m.box.bottom) + 0.5;
  m.lines.forEach((line, i) => {
    if (line.top < visibleTop || line.bottom > visibleBottom) {
      problems.push(`line ${i + 1} of "${m.text}…" is at ${line.top.toFixed(0)}–${line.bottom.toFixed(0)}, visible ${visibleTop.toFixed(0)}–${visibleBottom.toFixed(0)}`);
    }
  });
  return problems;
}

/**
 * Web Chat scrolls smoothly: waits until the newest answer's first three lines are in view, and checks
 * they are in view once the reply has settled (the defect was a scroll to the bottom after it, which
 * stays). Under load on a 2-core machine a smooth scroll can take seconds and a late re-layout can move
 * the view for a moment, so both are waited for rather than sampled once (one sampled check failed in CI).
 */
async function expectAnswerReadable(target: Page | Frame, what: string): Promise<void> {
  await expect.poll(() => readingProblems(target), { message: what, timeout: 15_000, interval: 150 }).toEqual([]);
  await new Promise((resolve) => setTimeout(resolve, 400));
  await expect.poll(() => readingProblems(target), { message: `${what}, settled`, timeout: 5_000, interval: 150 }).toEqual([]);
}

const botBubbleCount = (target: Page | Frame) => target.locator(BOT_BUBBLES).count();

async function waitForReply(target: Page | Frame, before: number): Promise<void> {
  await expect.poll(() => botBubbleCount(target), { timeout: 15_000 }).toBeGreaterThan(before);
}

async function ask(target: Page | Frame, question: string): Promise<void> {
  const before = await botBubbleCount(target);
  const input = target.locator(INPUT);
  await input.fill(question);
  await input.press('Enter');
  await waitForReply(target, before);
}

async function choose(target: Page | Frame, suggestion: string): Promise<void> {
  const before = await botBubbleCount(target);
  await target.locator(SUGGESTION, { hasText: suggestion }).last().click();
  await waitForReply(target, before);
}


/** The whole conversation: welcome, an answer, its easy-to-read text, a "Menar du", a hand-over with the card. */
async function playConversation(target: Page | Frame, where: string): Promise<void> {
  await target.locator(BOT_BUBBLES).first().waitFor({ timeout: 20_000 });
  await expectAnswerReadable(target, `${where}: the welcome at load`);
  expect(await seriousViolations(target), `${where}: axe at load`).toEqual([]);
  await ask(target, questions.answer);
  await expectAnswerReadable(target, `${where}: after "${questions.answer}"`);
  await choose(target, 'Lättläst');
  await expectAnswerReadable(target, `${where}: after "Lättläst"`);
  await ask(target, questions.clarify);
  await target.locator('.ac-pushButton', { hasText: 'Inget av dessa' }).last().waitFor();
  await expectAnswerReadable(target, `${where}: after "${questions.clarify}" ("Menar du")`);
  await ask(target, questions.escalate);
  await target.locator(`${BOT_BUBBLES} a[href="tel:${corpus.contact.phone.tel}"]`).last().waitFor();
  await expectAnswerReadable(target, `${where}: after "${questions.escalate}" (hand-over)`);
  expect(await seriousViolations(target), `${where}: axe after the conversation`).toEqual([]);
}

async function newPage(): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(`pageerror: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
  return page;
}

beforeAll(async () => {
  const logger = createLogger('silent');
  const i18n = await createI18n({ localesDir: LOCALES_DIR });
  const runInline = createInlineRunner(createBotRuntime({ engine: createFaqEngine(corpus), i18n, logger, clock: EVENING, auth: {} }));
  server = await startWebServer({ contact: corpus.contact, logger, translateEn: i18n.translator('en'), engine: live, clock: EVENING, runInline, limits: { rateLimitPoints: 10_000, conversationRateLimitPoints: 10_000 } });
  const answer = await findQuestion('answer', []);
  const clarify = await findQuestion('clarify', [answer, 'Lättläst']);
  const escalate = await findQuestion('escalate', [answer, 'Lättläst', clarify]);
  questions = { answer, clarify, escalate };
  userDataDir = mkdtempSync(join(tmpdir(), 'chromium-phone-'));
  context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: FLAGS });
  const origin = new URL(server.url).origin;
  await context.route('**/*', async (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort()));
}, 120_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

describe('the chat on a phone and beyond, in Chromium', () => {
  test.each([
    [320, 568],
    [375, 667],
    [390, 844],
    [768, 1024],
    [1280, 800],
  ])('at %i×%i px the start of every newest answer is readable, the input shows, nothing scrolls sideways, axe finds nothing serious', async (width, height) => {
    const page = await newPage();
    try {
      await page.setViewportSize({ width, height });
      await page.goto(`${server.url}/`);
      await playConversation(page, `${width}×${height}`);
    } finally {
      await page.close();
    }
  }, 90_000);

  test('the same in /embed inside a 360×600 iframe', async () => {
    const host = await newPage();
    try {
      await host.route(`${server.url}/host-page`, (route) =>
        route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="sv"><title>Värdsida</title><body style="margin:0"><iframe src="/embed" title="Chatt" style="width:360px;height:600px;border:0"></iframe>' }),
      );
      await host.setViewportSize({ width: 400, height: 700 });
      await host.goto(`${server.url}/host-page`);
      await expect.poll(() => host.frames().some((f) => f.url().endsWith('/embed'))).toBe(true);
      const frame = host.frames().find((f) => f.url().endsWith('/embed'));
      if (!frame) throw new Error('the /embed frame did not load');
      await playConversation(frame, 'embed 360×600');
    } finally {
      await host.close();
    }
  }, 90_000);

  test('at 320×568 the header, the status line and the privacy notice take one line each and open to the whole text', async () => {
    const page = await newPage();
    try {
      await page.setViewportSize({ width: 320, height: 568 });
      await page.goto(`${server.url}/`);
      const lineHeights = z.array(z.object({ height: z.number(), lineHeight: z.number() })).parse(
        await page.evaluate(`['.site-name', 'h1', '#chat-status', '#chat-privacy > summary'].map((s) => {
          const el = document.querySelector(s);
          const cs = getComputedStyle(el);
          return { height: el.getBoundingClientRect().height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom), lineHeight: parseFloat(cs.lineHeight) };
        })`),
      );
      for (const { height, lineHeight } of lineHeights) expect(height).toBeLessThan(lineHeight * 1.5);
      const closedHeight = (await page.locator('#chat-status').boundingBox())?.height ?? 0;
      await page.locator('#chat-status').click();
      expect(await page.locator('#chat-status-box').getAttribute('open')).not.toBeNull();
      expect((await page.locator('#chat-status').boundingBox())?.height ?? 0).toBeGreaterThan(closedHeight * 1.5);
      await page.locator('#chat-privacy > summary').click();
      expect(await page.locator('#chat-privacy a[href="https://norrkoping.se/gdpr"]').isVisible()).toBe(true);
    } finally {
      await page.close();
    }
  });

  test('an open page shows a new status line and new contact details with the next reply, without a reload', async () => {
    const page = await newPage();
    const changedDir = mkdtempSync(join(tmpdir(), 'faq-data-changed-'));
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${server.url}/`);
      await page.locator(BOT_BUBBLES).first().waitFor({ timeout: 20_000 });
      expect(await page.locator('footer [data-contact="phone"]').innerText()).toBe(corpus.contact.phone.display);
      await page.evaluate('window.__sameDocument = true');

      // An editor changes the phone number and adds an update; the corpus is reloaded (here: swapped).
      cpSync(FAQ_DATA, changedDir, { recursive: true });
      const contactFile = join(changedDir, 'contact.yaml');
      writeFileSync(contactFile, readFileSync(contactFile, 'utf8').replace('display: "011-15 00 00"', 'display: "011-15 12 34"').replace('tel: "+4611150000"', 'tel: "+4611151234"'));
      const timelineFile = join(changedDir, 'timeline.yaml');
      writeFileSync(
        timelineFile,
        `${readFileSync(timelineFile, 'utf8').trimEnd()}\n  - date: 2023-01-10\n    text:\n      sv: Alla e-tjänster fungerar igen.\n      en: All e-services work again.\n    source:\n      title: Cybersäkerhetsincidenten\n      url: https://www.norrkoping.se/\n`,
      );
      const changed = loadCorpus(changedDir);
      if (!changed.ok) throw new Error(changed.problems.map((p) => p.message).join('; '));
      live.corpus = changed.corpus;

      await ask(page, questions.answer);
      await expect.poll(() => page.locator('#chat-status').innerText()).toBe('Senaste uppdatering, tisdag 10 januari 2023: Alla e-tjänster fungerar igen.');
      expect(await page.locator('#chat-status time').getAttribute('datetime')).toBe('2023-01-10');
      const phone = page.locator('footer [data-contact="phone"]');
      expect(await phone.innerText()).toBe('011-15 12 34');
      expect(await phone.getAttribute('href')).toBe('tel:+4611151234');
      expect(await page.evaluate('window.__sameDocument')).toBe(true);

      // The Direct Line transport asks for it: 204 while the page is current, the new state otherwise.
      const current = z.object({ version: z.string() }).parse(await (await fetch(`${server.url}/api/webchat/page-state?v=0`)).json());
      expect((await fetch(`${server.url}/api/webchat/page-state?v=${current.version}`)).status).toBe(204);
    } finally {
      live.corpus = corpus;
      await page.close();
      rmSync(changedDir, { recursive: true, force: true });
    }
  });

  test('phone numbers and e-mail addresses in an answer are links a resident can tap', async () => {
    const page = await newPage();
    try {
      await page.setViewportSize({ width: 320, height: 568 });
      await page.goto(`${server.url}/`);
      await page.locator(BOT_BUBBLES).first().waitFor({ timeout: 20_000 });
      // The welcome offers the contact entry's own question.
      const contactEntry = corpus.entries.find((e) => e.id === 'contact');
      if (!contactEntry) throw new Error('faq-data has no "contact" entry');
      await choose(page, contactEntry.question.sv);
      const answer = page.locator(BOT_BUBBLES, { hasText: 'Ring' }).last();
      expect(await answer.locator(`a[href="tel:${corpus.contact.phone.tel}"]`).first().innerText()).toBe(corpus.contact.phone.display);
      expect(await answer.locator(`a[href="mailto:${corpus.contact.email}"]`).first().innerText()).toBe(corpus.contact.email);
    } finally {
      await page.close();
    }
  });

  test("Web Chat's timestamps are read out in 24-hour Swedish form", async () => {
    const page = await newPage();
    try {
      await page.goto(`${server.url}/`);
      await page.locator(BOT_BUBBLES).first().waitFor({ timeout: 20_000 });
      await ask(page, questions.answer);
      // Web Chat's own texts (status lines and their screen-reader copies), not the answers' words.
      const statusTexts = async () =>
        z.array(z.string()).parse(
          await page.evaluate(`[...document.querySelectorAll('#webchat *')]
            .filter((el) => el.children.length === 0 && !el.closest('.webchat__bubble__content') && /\\d[:.]\\d\\d/.test(el.textContent))
            .map((el) => el.textContent.trim())`),
        );
      await expect.poll(statusTexts).not.toEqual([]);
      const texts = await statusTexts();
      expect(texts.filter((t) => /\b(fm|em|AM|PM)\b/i.test(t))).toEqual([]);
      for (const text of texts) expect(text).toMatch(/^Skickades \d{1,2} [a-zåäö]+ klockan ([01]\d|2[0-3])\.[0-5]\d$/);
    } finally {
      await page.close();
    }
  });

  test('had no page or console errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
