import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createBotRuntime, createInlineRunner } from '../../src/channels/botframework/index.js';
import type { InlineRunner } from '../../src/channels/web/index.js';
import { createFaqEngine } from '../../src/core/index.js';
import { createI18n } from '../../src/i18n/index.js';
import { createLogger } from '../../src/logging/index.js';
import { undatedAnswer } from '../support/corpus.js';
import { loadRealCorpus, startWebServer, type RunningServer } from './helpers.js';
import { seriousViolations } from '../support/browser-a11y.js';

const CHROMIUM = '/usr/bin/chromium';
// Headless as root on Debian's Chromium, with nothing that phones home (see STACK.md).
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LOCALES_DIR = fileURLToPath(new URL('../../locales', import.meta.url));
// axe-core's source, evaluated in the page: the page's CSP refuses an injected <script>.
// Wednesday 11 January 2023, 19:00 in Stockholm: after the visiting hours.
const EVENING = () => new Date('2023-01-11T18:00:00Z');
const MAX_LENGTH = 500;

const corpus = loadRealCorpus();
const entry = (id: string) => {
  const found = undatedAnswer(corpus.entries.find((e) => e.id === id));
  if (!found.lattlast) throw new Error(`faq-data has no "${id}" entry with a lattlast variant; the browser test uses it`);
  return { answer: found.answer, lattlast: found.lattlast };
};
// First sentences, as bubbles must show them.
const firstSentence = (text: string) => text.trim().split('.')[0] ?? '';
const personalData = entry('personal-data');

const BOT_BUBBLES = '.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content';
const INPUT = '[data-id="webchat-sendbox-input"]';
const CARD_BUTTON = '.ac-pushButton';
const SUGGESTION = '.webchat__suggested-action';
// Written for these tests: none is in an evaluation set.
const ASK_PERSONAL_DATA = 'Kan obehöriga ha sett mina uppgifter?';
const OFF_TOPIC = 'Var kan jag parkera min husbil i sommar?';

let main: RunningServer;
let limited: RunningServer;
let userDataDir: string;
let context: BrowserContext;
let page: Page;
/** Milliseconds the main server's bot waits before its next turn (the typing indicator test). */
let slowNextTurn = 0;
const requests: string[] = [];
const blocked: string[] = [];
const pageErrors: string[] = [];
const sentBodies: string[] = [];



const botBubbleCount = (target: Page | Frame = page) => target.locator(BOT_BUBBLES).count();

/** Types a question as a resident would and waits for the bot's next reply. */
async function ask(question: string, target: Page | Frame = page): Promise<void> {
  const before = await botBubbleCount(target);
  const input = target.locator(INPUT);
  await input.fill(question);
  await input.press('Enter');
  await expect.poll(() => botBubbleCount(target), { timeout: 15_000 }).toBeGreaterThan(before);
}

// The test's tsconfig has no DOM types: code that runs in the page is written as source text.
const layoutSchema = z.object({
  scrollWidth: z.number(),
  innerWidth: z.number(),
  innerHeight: z.number(),
});
const LAYOUT_SCRIPT = `(() => {
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    innerHeight: window.innerHeight,
  };
})()`;
/** The page's width against the window's (sideways scrolling). */
const layoutOf = async (target: Page | Frame) => layoutSchema.parse(await target.evaluate(LAYOUT_SCRIPT));

/** How the focused control shows focus: its own ring, the send box's, or the transcript's indicator; '' for none. */
const FOCUS_RING_SCRIPT = `(() => {
  const active = document.activeElement;
  if (!active) return '';
  const ring = (el) => {
    const cs = getComputedStyle(el);
    if (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) return 'outline ' + cs.outlineWidth;
    if (cs.boxShadow !== 'none') return 'box-shadow ' + cs.boxShadow;
    return '';
  };
  const own = ring(active);
  if (own !== '') return active.tagName + ': ' + own;
  const box = active.closest('.webchat__send-box-text-box');
  if (box && ring(box) !== '') return 'send box: ' + ring(box);
  const indicator = active.classList.contains('webchat__basic-transcript') ? active.querySelector('.webchat__basic-transcript__focus-indicator') : null;
  if (indicator && parseFloat(getComputedStyle(indicator).borderTopWidth) >= 1) return 'transcript focus indicator';
  return '';
})()`;
const focusRing = async () => z.string().parse(await page.evaluate(FOCUS_RING_SCRIPT));
const activeElement = async () => z.string().parse(await page.evaluate("(document.activeElement?.tagName ?? '') + ' ' + (document.activeElement?.className ?? '')"));

async function watchPage(p: Page, origin: string): Promise<void> {
  p.on('request', (request) => {
    requests.push(request.url());
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/webchat/messages') sentBodies.push(request.postData() ?? '');
  });
  p.on('pageerror', (err) => pageErrors.push(`pageerror: ${err.message}`));
  p.on('console', (message) => {
    // Expected when the server limits the rate: Chromium logs the 429 as a failed load, and Web Chat logs
    // the refused post that it then marks "Försök igen". Anything else is an error.
    const expected = /status of 429|Failed to post activity to chat adapter\. Error: rate limited/;
    if (message.type() === 'error' && !expected.test(message.text())) pageErrors.push(`console: ${message.text()}`);
  });
  void origin;
}

beforeAll(async () => {
  const logger = createLogger('silent');
  const i18n = await createI18n({ localesDir: LOCALES_DIR });
  // One engine for both servers: training it takes seconds.
  const engine = createFaqEngine(corpus);
  const runInline = (): InlineRunner => {
    const run = createInlineRunner(createBotRuntime({ engine, i18n, logger, clock: EVENING, auth: {} }));
    return async (activity) => {
      const delay = slowNextTurn;
      slowNextTurn = 0;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      return run(activity);
    };
  };
  // The page's status line reads the timeline through `engine.corpus` on every request.
  const common = { contact: corpus.contact, logger, translateEn: i18n.translator('en'), engine: { corpus }, clock: EVENING };
  main = await startWebServer({ ...common, runInline: runInline(), limits: { rateLimitPoints: 1000, maxQuestionLength: MAX_LENGTH } });
  // WEBCHAT_RATE_LIMIT_POINTS set low: a handful of messages from this address, then 429.
  limited = await startWebServer({ ...common, runInline: runInline(), limits: { rateLimitPoints: 4, rateLimitDurationSeconds: 60 } });

  userDataDir = mkdtempSync(join(tmpdir(), 'chromium-webchat-'));
  context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 800 } });
  const origins = new Set([new URL(main.url).origin, new URL(limited.url).origin]);
  // Anything not for our servers is recorded and refused: the last test fails on it.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (origins.has(new URL(url).origin)) await route.continue();
    else {
      blocked.push(url);
      await route.abort();
    }
  });
  page = context.pages()[0] ?? (await context.newPage());
  await watchPage(page, main.url);
  await page.goto(`${main.url}/`);
}, 120_000);

afterAll(async () => {
  await context?.close();
  await main?.close();
  await limited?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

describe('the residents chat page in Chromium', () => {
  test('declares Swedish, has landmarks, a heading and a skip link that moves focus to the chat', async () => {
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await expect.poll(() => page.locator('main').count()).toBe(1);
    expect(await page.locator('h1').innerText()).not.toBe('');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.className')).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe('chat');
  });

  test('says in two sentences what happens to what is written, and links the privacy page and the accessibility statement', async () => {
    const notice = page.locator('#chat-privacy');
    const text = await notice.innerText();
    expect(text).toContain('Skriv inte personnummer');
    expect(await notice.locator('a[href="https://norrkoping.se/gdpr"]').count()).toBe(1);
    expect(await notice.locator('a[href="https://norrkoping.se/om-webbplatsen/tillganglighetsredogorelse"]').count()).toBe(1);
    expect(await page.locator('footer a', { hasText: 'Tillgänglighetsredogörelse' }).count()).toBe(1);
  });

  test('at load shows the welcome and starter questions, names the input limit, and has no serious axe violations', async () => {
    await page.locator(BOT_BUBBLES).first().waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator(SUGGESTION).count()).toBeGreaterThan(0);
    expect(await page.locator('#chat-input-limit').innerText()).toContain(String(MAX_LENGTH));
    expect(await page.locator(INPUT).getAttribute('aria-describedby')).toBe('chat-input-limit');
    // Web Chat's corrected strings are in use.
    expect(await page.locator(INPUT).getAttribute('placeholder')).toBe('Skriv din fråga här');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('starter buttons wrap their text instead of cutting it', async () => {
    const cut = await page.evaluate(`[...document.querySelectorAll(${JSON.stringify(`${SUGGESTION}, ${CARD_BUTTON}`)})]
      .filter((b) => [b, ...b.querySelectorAll('*')].some((el) => el.scrollWidth > el.clientWidth + 1))
      .map((b) => b.textContent)`);
    expect(await page.locator(SUGGESTION).count()).toBeGreaterThan(2);
    expect(cut).toEqual([]);
  });

  test('answers with the vetted text and a "Lättläst" button; the easy-to-read variant stays for the conversation; no serious axe violations', async () => {
    await ask(ASK_PERSONAL_DATA);
    await page.locator(BOT_BUBBLES, { hasText: firstSentence(personalData.answer.sv) }).last().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const before = await botBubbleCount();
    await page.locator(SUGGESTION, { hasText: 'Lättläst' }).click();
    await expect.poll(botBubbleCount, { timeout: 15_000 }).toBeGreaterThan(before);
    await page.locator(BOT_BUBBLES, { hasText: firstSentence(personalData.lattlast.sv) }).last().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await ask('Är händelsen polisanmäld?');
    await page.locator(BOT_BUBBLES, { hasText: firstSentence(entry('police-report').lattlast.sv) }).last().waitFor();
    await page.locator(SUGGESTION, { hasText: 'Vanlig text' }).click();
    await page.locator(BOT_BUBBLES, { hasText: firstSentence(entry('police-report').answer.sv) }).last().waitFor();
  });

  test('a "Menar du" choice brings its answer, the used card is marked and a second click is ignored with a note', async () => {
    await ask('påverkas utbetalningar och fakturor?');
    const card = page.locator('.ac-adaptiveCard', { has: page.locator(CARD_BUTTON, { hasText: 'Inget av dessa' }) }).last();
    const choice = card.locator(CARD_BUTTON).first();
    const before = await botBubbleCount();
    await choice.click();
    await expect.poll(botBubbleCount, { timeout: 15_000 }).toBeGreaterThan(before);
    expect(await seriousViolations(page)).toEqual([]);

    const buttons = card.locator(CARD_BUTTON);
    expect(await Promise.all([0, 1, 2].map((i) => buttons.nth(i).getAttribute('aria-disabled')))).toEqual(['true', 'true', 'true']);
    expect(await card.locator('.chat__card-note').innerText()).toMatch(/^Du valde: 1\. /);
    const sent = sentBodies.length;
    const bubbles = await botBubbleCount();
    // force: Playwright waits for an aria-disabled button to become enabled; a resident just clicks it.
    await card.locator(CARD_BUTTON).nth(1).click({ force: true });
    await expect.poll(() => page.locator('#chat-alert').innerText()).toContain('Du har redan valt här');
    expect(sentBodies.length).toBe(sent);
    expect(await botBubbleCount()).toBe(bubbles);
  });

  test('the contact card has tel: and mailto: links in its text, labels the status as visiting hours, and has no serious axe violations', async () => {
    await ask(OFF_TOPIC);
    const card = page.locator(BOT_BUBBLES, { hasText: 'Kontaktcenter' }).last();
    await card.waitFor();
    expect(await card.locator(`a[href="tel:${corpus.contact.phone.tel}"]`).innerText()).toBe(corpus.contact.phone.display);
    expect(await card.locator(`a[href="mailto:${corpus.contact.email}"]`).innerText()).toBe(corpus.contact.email);
    const text = await card.innerText();
    expect(text).toContain('Besök: stängt nu');
    expect(text).toContain('Öppettider för besök: 08.30–16.00');
    expect(text).not.toMatch(/vardag|helgdag|Utanför öppettiderna/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('shows Web Chat typing indicator while the bot works', async () => {
    slowNextTurn = 800;
    const input = page.locator(INPUT);
    await input.fill('Hinner kommunen betala fakturor från leverantörer nu?');
    await input.press('Enter');
    await page.locator('.webchat__typing-indicator').waitFor({ state: 'visible', timeout: 5_000 });
    await page.locator(BOT_BUBBLES, { hasText: 'fakturor' }).last().waitFor({ timeout: 15_000 });
    await page.locator('.webchat__typing-indicator').waitFor({ state: 'detached', timeout: 5_000 });
  });

  test('refuses an over-long paste before sending, names the limit, and counts characters', async () => {
    const input = page.locator(INPUT);
    await input.fill('');
    await input.focus();
    const sent = sentBodies.length;
    await page.keyboard.insertText('x'.repeat(5000));
    await expect.poll(() => page.locator('#chat-alert').innerText()).toMatch(new RegExp(`högst ${MAX_LENGTH} tecken.*5000 tecken`));
    expect(await input.inputValue()).toBe('');
    await input.press('Enter');
    await page.keyboard.type('hej');
    expect(await page.locator('#chat-counter').innerText()).toBe(`3/${MAX_LENGTH}`);
    expect(await page.locator('#chat-alert').innerText()).toBe('');
    // Typing stops at the limit, with a word on why.
    await input.fill('y'.repeat(MAX_LENGTH));
    await page.keyboard.type('z');
    expect(await input.inputValue()).toBe('y'.repeat(MAX_LENGTH));
    await expect.poll(() => page.locator('#chat-alert').innerText()).toContain(`Du har nått gränsen: högst ${MAX_LENGTH} tecken`);
    await input.fill('');
    expect(sentBodies.slice(sent).filter((b) => b.length > MAX_LENGTH)).toEqual([]);
    expect(sentBodies.length).toBe(sent);
  });

  test('works by keyboard alone, with a visible focus ring on every control reached', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    // A new conversation: earlier tests answered the same question, and the bot now remembers the topic.
    await page.goto(`${main.url}/`);
    await page.locator(INPUT).waitFor();
    await page.locator('h1').click();
    const rings: string[] = [];
    // Tab from the heading to the input; every stop shows focus.
    for (let i = 0; i < 12 && !(await activeElement()).startsWith('TEXTAREA'); i++) {
      await page.keyboard.press('Tab');
      rings.push(`${await activeElement()} → ${await focusRing()}`);
    }
    expect(await activeElement()).toMatch(/^TEXTAREA/);
    expect(rings.filter((r) => r.endsWith('→ '))).toEqual([]);

    const answered = await botBubbleCount();
    await page.keyboard.type('påverkas utbetalningar och fakturor?');
    await page.keyboard.press('Enter');
    await expect.poll(botBubbleCount, { timeout: 15_000 }).toBeGreaterThan(answered);

    // A card button: back to the transcript, Enter into the latest message, then its first button.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await activeElement()).toContain('webchat__basic-transcript');
    expect(await focusRing()).not.toBe('');
    await page.keyboard.press('Enter');
    expect(await activeElement()).toContain('ac-pushButton');
    expect(await focusRing()).toMatch(/outline|box-shadow/);
    const beforeCard = await botBubbleCount();
    await page.keyboard.press('Enter');
    await expect.poll(botBubbleCount, { timeout: 15_000 }).toBeGreaterThan(beforeCard);

    // A suggested action under the answer: from the input, one Shift+Tab back.
    await page.locator(INPUT).focus();
    await page.keyboard.press('Shift+Tab');
    expect(await activeElement()).toContain('webchat__suggested-action');
    expect(await focusRing()).toMatch(/outline|box-shadow/);
    const beforeSuggestion = await botBubbleCount();
    await page.keyboard.press('Enter');
    await expect.poll(botBubbleCount, { timeout: 15_000 }).toBeGreaterThan(beforeSuggestion);
  });

  test('/embed names its links to open in a new tab and has no serious axe violations (its layout: phone-layout.browser.test.ts)', async () => {
    const host = await context.newPage();
    await watchPage(host, main.url);
    try {
      await host.route(`${main.url}/host-page`, (route) =>
        route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="sv"><title>Värdsida</title><iframe src="/embed" title="Chatt" style="width:320px;height:568px;border:0"></iframe>` }),
      );
      await host.goto(`${main.url}/host-page`);
      await expect.poll(() => host.frames().some((f) => f.url().endsWith('/embed'))).toBe(true);
      const frame = host.frames().find((f) => f.url().endsWith('/embed'));
      if (!frame) throw new Error('the /embed frame did not load');
      await frame.locator(BOT_BUBBLES).first().waitFor({ timeout: 20_000 });
      expect(await frame.locator('#chat-privacy a[target="_blank"]').count()).toBe(2);
      expect(await seriousViolations(frame)).toEqual([]);
    } finally {
      await host.close();
    }
  });

  test('shows the latest update with its date in one line above the chat; at 320 px it wraps with no sideways scroll and no serious axe violations', async () => {
    const p = await context.newPage();
    await watchPage(p, main.url);
    try {
      await p.setViewportSize({ width: 320, height: 568 });
      await p.goto(`${main.url}/`);
      const status = p.locator('#chat-status');
      expect(await status.innerText()).toBe(
        `Senaste uppdatering, fredag 9 december 2022: ${corpus.timeline.updates.find((u) => u.date === '2022-12-09')?.text.sv.trim() ?? 'no 9 December update'}`,
      );
      expect(await status.locator('time').getAttribute('datetime')).toBe('2022-12-09');
      const statusBox = await status.boundingBox();
      const chatBox = await p.locator('#chat').boundingBox();
      expect(statusBox && chatBox && statusBox.y + statusBox.height <= chatBox.y).toBe(true);
      await p.locator(BOT_BUBBLES).first().waitFor({ timeout: 20_000 });
      const layout = await layoutOf(p);
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
      expect(await seriousViolations(p)).toEqual([]);
    } finally {
      await p.close();
    }
  });

  test('when the server limits the rate, says in the conversation language when to try again and sends nothing until then', async () => {
    const p = await context.newPage();
    await watchPage(p, limited.url);
    try {
      await p.goto(`${limited.url}/`);
      await p.locator(BOT_BUBBLES).first().waitFor({ timeout: 20_000 });
      const notice = p.locator(BOT_BUBBLES, { hasText: 'You can write again in' });
      // English questions until the server refuses one (after a handful: WEBCHAT_RATE_LIMIT_POINTS is 4).
      for (let i = 0; i < 8 && (await notice.count()) === 0; i++) {
        const before = await botBubbleCount(p);
        const input = p.locator(INPUT);
        await input.fill('Has my personal data leaked?');
        await input.press('Enter');
        await expect.poll(() => botBubbleCount(p), { timeout: 15_000 }).toBeGreaterThan(before);
      }
      expect(await notice.last().innerText()).toMatch(/You can write again in (\d+ seconds?|\d+ minutes?), at \d\d:\d\d\./);
      expect(await p.locator('.webchat__activity-status', { hasText: 'Send failed. Retry' }).count() + (await p.locator('.webchat__activity-status', { hasText: 'Det gick inte att skicka. Försök igen' }).count())).toBeGreaterThan(0);

      // While held, a new message makes no request and is answered by the page itself.
      const sent = sentBodies.length;
      const before = await botBubbleCount(p);
      await p.locator(INPUT).fill('Is the incident reported to the police?');
      await p.locator(INPUT).press('Enter');
      await expect.poll(() => botBubbleCount(p)).toBeGreaterThan(before);
      expect(sentBodies.length).toBe(sent);
      expect(await seriousViolations(p)).toEqual([]);
    } finally {
      await p.close();
    }
  });

  test('a reload while limited says in Swedish when the chat starts again, then greets by itself', async () => {
    const p = await context.newPage();
    await watchPage(p, main.url);
    try {
      // The server refuses the welcome as a limited client's would (Retry-After and retryAfterSeconds).
      let refused = 0;
      await p.route(`${main.url}/api/webchat/messages`, async (route) => {
        if (refused === 0 && (route.request().postData() ?? '').includes('"conversationUpdate"')) {
          refused += 1;
          await route.fulfill({
            status: 429,
            headers: { 'retry-after': '1', 'content-type': 'application/json' },
            body: JSON.stringify({ error: { code: 'rate_limited', message: 'Too many requests from this address. Wait 1 s and try again.', retryAfterSeconds: 1 } }),
          });
        } else {
          await route.continue();
        }
      });
      await p.goto(`${main.url}/`);
      const notice = p.locator(BOT_BUBBLES, { hasText: 'startar igen av sig själv' });
      await notice.waitFor({ timeout: 10_000 });
      expect(await notice.innerText()).toMatch(/om 1 sekund, klockan \d\d\.\d\d/);
      expect(await notice.innerText()).toContain(corpus.contact.phone.display);
      await p.locator(BOT_BUBBLES, { hasText: 'Vad undrar du över?' }).waitFor({ timeout: 10_000 });
      expect(refused).toBe(1);
    } finally {
      await p.close();
    }
  });

  test('made no request off the machine and had no page or console errors', () => {
    expect(requests.length).toBeGreaterThan(3);
    // blob: URLs (Web Chat's own GIFs) report our origin too; data: URLs are inline, not requests.
    expect(requests.filter((url) => !url.startsWith('data:') && new URL(url).hostname !== '127.0.0.1')).toEqual([]);
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('without JavaScript shows the contact center details from the corpus', async () => {
    const noJs = await context.newPage();
    try {
      const cdp = await context.newCDPSession(noJs);
      await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
      await noJs.goto(`${main.url}/`);
      const fallback = noJs.locator('.noscript');
      expect(await fallback.isVisible()).toBe(true);
      const text = await fallback.innerText();
      expect(text).toContain(corpus.contact.phone.display);
      expect(text).toContain(corpus.contact.email);
      expect(await noJs.locator('.chat__input-status').isVisible()).toBe(false);
    } finally {
      await noJs.close();
    }
  });
});
