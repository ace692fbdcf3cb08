import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { testEngine } from '../bot/harness.js';
import { undatedAnswer } from '../support/corpus.js';
import { startStaffService, type StaffService } from './helpers.js';
import { seriousViolations, tabTo } from '../support/browser-a11y.js';

const CHROMIUM = '/usr/bin/chromium';
// Headless as root on Debian's Chromium, with nothing that phones home (see STACK.md).
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// The pages' CSP refuses injected script tags: axe's source is evaluated in the page instead.

const QUESTION = 'Har mina personuppgifter läckt?';
const entry = testEngine().entry('personal-data');
if (!entry) throw new Error('faq-data has no "personal-data" entry; the console test copies it');
const firstSentence = undatedAnswer(entry).answer.sv.trim().split('.')[0] ?? '';
// The source line as residents see it under an answer (the date only when an editor set one).
const sourceLine = `Källa: ${entry.source.title}, ${entry.source.url}${entry.lastReviewed === undefined ? '' : ` · Senast granskad: ${entry.lastReviewed}`}`;

let service: StaffService;
let userDataDir: string;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];
const offMachine: string[] = [];




// Browser-side code as strings: this project's TypeScript has no DOM types.
const clipboardText = async (p: Page) => z.string().parse(await p.evaluate('navigator.clipboard.readText()'));
const clipboardHtml = async (p: Page) =>
  z.string().parse(
    await p.evaluate(`(async () => {
      for (const item of await navigator.clipboard.read()) if (item.types.includes('text/html')) return (await item.getType('text/html')).text();
      return '';
    })()`),
  );
const activeElement = (p: Page, property: 'id' | 'className') => p.evaluate(`document.activeElement?.${property}`);

async function signInWithKeyboard(p: Page, login: string, path: string): Promise<void> {
  await p.goto(`${service.url}${path}`);
  // The identity provider's form has focus on the user name: type it and press Enter.
  await p.locator('#login').waitFor();
  await p.keyboard.type(login);
  await p.keyboard.press('Enter');
  await p.waitForURL(`${service.url}${path}`);
}

beforeAll(async () => {
  service = await startStaffService();
  await service.staff.records?.ready;
  // Residents used the chat today: one answer (most used), one escalation (review).
  const post = (conversationId: string, text: string) =>
    fetch(`${service.url}/api/webchat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', conversationId, userId: 'resident-0001', text, locale: 'sv-SE' }) });
  await post('conv-browser-0001', QUESTION);
  await post('conv-browser-0002', 'Hur ansöker jag om bygglov?');
  await service.staff.records?.flush();

  userDataDir = mkdtempSync(join(tmpdir(), 'chromium-staff-'));
  context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: FLAGS });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: service.url });
  const allowed = new Set([service.url, service.idp?.issuer]);
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (allowed.has(new URL(url).origin)) await route.continue();
    else {
      offMachine.push(url);
      await route.abort();
    }
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await service?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

describe('the agents console in Chromium', () => {
  test('an agent signs in through the identity provider and lands on the Swedish console', async () => {
    await signInWithKeyboard(page, 'agent', '/staff');
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    expect(await page.locator('h1').innerText()).toBe('Sök bland de granskade svaren');
    expect(await page.locator('.who').innerText()).toContain('Agda Agent');
  });

  test('keyboard only: skip link, type a question, arrows choose, Enter copies the vetted answer with its source as text and HTML', async () => {
    await page.keyboard.press('Tab');
    expect(await activeElement(page, 'className')).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(await activeElement(page, 'id')).toBe('main');
    await tabTo(page, '#q');
    await page.keyboard.type(QUESTION);
    const first = page.locator('#results [role="option"]').first();
    await first.waitFor();
    expect(await page.getAttribute('#q', 'aria-expanded')).toBe('true');
    expect(await first.getAttribute('aria-selected')).toBe('true');
    expect(await first.innerText()).toContain(entry.question.sv);
    expect(await page.locator('#decision').innerText()).toMatch(/^Boten svarar direkt med ”Kan personuppgifter ha läckt\?” \(säkerhet \d+ %\)$/);

    await page.keyboard.press('ArrowDown');
    expect(await page.getAttribute('#q', 'aria-activedescendant')).toBe('result-1');
    await page.keyboard.press('ArrowUp');
    expect(await page.getAttribute('#q', 'aria-activedescendant')).toBe('result-0');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#status').innerText()).toBe(`Kopierat: ${entry.question.sv}`);

    const copied = await clipboardText(page);
    expect(copied).toContain(firstSentence);
    expect(copied).toContain(sourceLine);
    expect(await clipboardHtml(page)).toContain(`<a href="${entry.source.url}">${entry.source.title}</a>`);
  });

  test('the most-used answers of the day are listed; "Visa" and the copy button work from the keyboard', async () => {
    const mostUsed = page.locator('.most-used li');
    expect(await mostUsed.first().innerText()).toContain(entry.question.sv);
    await page.evaluate("navigator.clipboard.writeText('')");
    await tabTo(page, '.show-entry[data-entry-id="personal-data"]');
    await page.keyboard.press('Enter');
    expect(await activeElement(page, 'id')).toBe('copy');
    await page.keyboard.press('Space');
    await expect.poll(() => clipboardText(page)).toContain(firstSentence);
  });

  test('the "what would the bot answer" view shows decision and confidence for a resident’s words', async () => {
    await tabTo(page, '#preview-text');
    await page.keyboard.type('Hur ansöker jag om bygglov?');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#preview-result .decision').innerText()).toMatch(/^Boten hänvisar till kontaktcentret \(.+, säkerhet \d+ %\)\.$/);
  });

  test('axe-core finds no serious or critical violation on the console with results shown, or on the numbers', async () => {
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${service.url}/staff/stats`);
    // stats.js keeps each chart.js instance on its canvas.
    await expect.poll(() => page.evaluate("['chart-days', 'chart-shares', 'chart-helpfulness', 'chart-hours'].every((id) => document.getElementById(id)?.chart instanceof Chart)")).toBe(true);
    expect(await page.locator('table').count()).toBe(4);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('after signing out, an editor signs in to the review: grouped questions, each with its draft actions, no serious violation', async () => {
    await page.goto(`${service.url}/staff`);
    await tabTo(page, '.signout button');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${service.url}/staff/auth/signed-out`);
    expect(await page.locator('h1').innerText()).toBe('Du är utloggad');
    expect((await context.cookies(service.url)).some((c) => c.name === '__Host-staff-session')).toBe(false);

    // Signing out ends the staff session only; the identity provider's own session (Entra ID's single
    // sign-on) would sign the agent straight back in. Another person means another browser profile.
    await context.clearCookies();
    await signInWithKeyboard(page, 'editor', '/staff/review');
    const row = page.locator('table.groups tbody tr', { hasText: 'bygglov' });
    expect(await row.count()).toBe(1);
    // An errand the bot already hands over: no phrasing or out-of-scope draft is suggested, a new entry may be written.
    expect(await row.locator('button.review-draft').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    // (Its editor needs a published version in the store: tests/staff/editors.browser.test.ts follows it there.)
    await tabTo(page, 'button.new-entry');
    expect(await page.locator(':focus').innerText()).toBe('Nytt svar av den här gruppen');
  });

  test('made no request off the machine and had no page or console errors (CSP included)', () => {
    expect(offMachine).toEqual([]);
    expect(problems).toEqual([]);
  });
});
