import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBotRuntime, createInlineRunner } from '../../src/channels/botframework/index.js';
import { createFaqEngine } from '../../src/core/index.js';
import { createI18n } from '../../src/i18n/index.js';
import { createLogger } from '../../src/logging/index.js';
import { loadRealCorpus, startWebServer, type RunningServer } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
// Headless as root on Debian's Chromium, with nothing that phones home (see STACK.md).
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LOCALES_DIR = fileURLToPath(new URL('../../locales', import.meta.url));

const corpus = loadRealCorpus();
const personalData = corpus.entries.find((e) => e.id === 'personal-data');
if (personalData === undefined) throw new Error('faq-data has no "personal-data" entry; the browser test asks for it');
// The first sentence of the vetted answer, as the bubble must show it.
const vettedSentence = personalData.answer.sv.split('.')[0] ?? '';

const BOT_BUBBLES = '.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content';

let server: RunningServer;
let origin: string;
let userDataDir: string;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const blocked: string[] = [];
const pageErrors: string[] = [];

async function ask(question: string): Promise<void> {
  const input = page.locator('[data-id="webchat-sendbox-input"]');
  await input.fill(question);
  await input.press('Enter');
}

const botBubbleCount = () => page.locator(BOT_BUBBLES).count();

beforeAll(async () => {
  const logger = createLogger('silent');
  const engine = createFaqEngine(corpus);
  const runtime = createBotRuntime({ engine, i18n: await createI18n({ localesDir: LOCALES_DIR }), logger, clock: () => new Date(), auth: {} });
  server = await startWebServer({ contact: corpus.contact, logger, runInline: createInlineRunner(runtime) });
  origin = new URL(server.url).origin;

  userDataDir = mkdtempSync(join(tmpdir(), 'chromium-webchat-'));
  context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: FLAGS });
  // Anything not for our server is recorded and refused: the test fails on it below.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) await route.continue();
    else {
      blocked.push(url);
      await route.abort();
    }
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (err) => pageErrors.push(`pageerror: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
  await page.goto(`${server.url}/`);
}, 60_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
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

  test('renders Web Chat with the bot welcome and suggested starter questions', async () => {
    await page.locator(BOT_BUBBLES).first().waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('.webchat__suggested-action').count()).toBeGreaterThan(0);
  });

  test('answers "Har mina personuppgifter läckt?" with the vetted answer in a bubble', async () => {
    await ask('Har mina personuppgifter läckt?');
    await page.locator(BOT_BUBBLES, { hasText: vettedSentence }).first().waitFor({ timeout: 15_000 });
  });

  test('a click on a suggested action brings a new bot reply', async () => {
    const action = page.locator('.webchat__suggested-action').first();
    await action.waitFor({ timeout: 10_000 });
    const before = await botBubbleCount();
    await action.click();
    await expect.poll(botBubbleCount, { timeout: 15_000 }).toBeGreaterThan(before);
  });

  test('answers an off-topic question with the contact center phone number', async () => {
    const before = await botBubbleCount();
    await ask('Hur ansöker jag om bygglov?');
    await expect.poll(botBubbleCount, { timeout: 15_000 }).toBeGreaterThan(before);
    await page.locator(BOT_BUBBLES, { hasText: corpus.contact.phone.display }).last().waitFor({ timeout: 15_000 });
  });

  test('made no request off the machine and had no page or console errors', () => {
    expect(requests.length).toBeGreaterThan(3);
    // blob: URLs (Web Chat's own GIFs) report our origin too; data: URLs are inline, not requests.
    expect(requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin)).toEqual([]);
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('without JavaScript shows the contact center details from the corpus', async () => {
    const noJs = await context.newPage();
    try {
      const cdp = await context.newCDPSession(noJs);
      await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
      await noJs.goto(`${server.url}/`);
      const fallback = noJs.locator('.noscript');
      expect(await fallback.isVisible()).toBe(true);
      const text = await fallback.innerText();
      expect(text).toContain(corpus.contact.phone.display);
      expect(text).toContain(corpus.contact.email);
    } finally {
      await noJs.close();
    }
  });
});
