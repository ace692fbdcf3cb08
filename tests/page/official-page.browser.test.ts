import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { eventually } from '../content/api-client.js';
import { preparedDataDir } from '../support/embedded-template.js';
import { startInProcess, type InProcessService } from '../support/service.js';
import { fixture } from './fixtures.js';
import { serveLoopbackPage, type LoopbackPage } from './loopback-page.js';

/** The editors' official-page page in a real Chromium: signed in, the change shown, an import through the form. */
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SEED = fixture('norrkoping-incident.html');
const NEW_UPDATE = 'Lördag den 10 december öppnade kommunens e-tjänster igen för invånarna.';

let official: LoopbackPage;
let other: LoopbackPage;
let svc: InProcessService;
let dataDir: string;
let userDataDir: string;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

const violationsSchema = z.array(z.object({ id: z.string(), impact: z.string().nullable().optional(), help: z.string() }));
async function seriousViolations(p: Page): Promise<string[]> {
  await p.evaluate(AXE_SOURCE);
  const raw: unknown = await p.evaluate("axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)");
  return violationsSchema
    .parse(raw)
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help}`);
}

beforeAll(async () => {
  official = await serveLoopbackPage(SEED);
  other = await serveLoopbackPage(fixture('bjorkvik-incident-details.html'), '/bjorkvik');
  dataDir = await preparedDataDir();
  svc = await startInProcess({ STAFF_LOCAL_USERS: 'anna:editor', STAFF_DATA_DIR: dataDir, OFFICIAL_PAGE_URL: official.url, OFFICIAL_PAGE_INTERVAL_SECONDS: '10' }, { logLevel: 'warn' });
  await eventually(async () => (svc.service.officialPage?.watcher.status()[0]?.lastOutcome === 'baseline' ? true : undefined), 'the baseline reading', 60_000);
  // The page changes; the watcher's own timer finds it within one interval (10 s), no round forced.
  official.body = SEED.replace('<p class="normal">Tisdag den 6 december', `<p class="normal">${NEW_UPDATE}</p><p class="normal">Tisdag den 6 december`);
  const changedAt = Date.now();
  await eventually(async () => (svc.service.officialPage?.watcher.status()[0]?.lastOutcome === 'changed' ? true : undefined), 'the change found by the timer', 20_000);
  // The next round starts within the interval; filing the draft (validating the corpus) takes a moment more.
  expect(Date.now() - changedAt).toBeLessThan(10_000 + 5_000);

  userDataDir = mkdtempSync(join(tmpdir(), 'chromium-official-page-'));
  context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: FLAGS });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (message) => {
    // A failed load is named by the response listener below, with its address.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    // The browser asks for /favicon.ico on its own; the staff side has none.
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) problems.push(`${response.status()}: ${response.url()}`);
  });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await svc?.close();
  await official?.close();
  await other?.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

describe('the official page in Chromium', () => {
  test('an editor signs in and sees the page change as a diff with its draft, in Swedish, without accessibility faults', async () => {
    await page.goto(`${svc.url}/staff/official-page`);
    await page.getByRole('button', { name: /anna/ }).click();
    await page.waitForURL(`${svc.url}/staff/official-page`);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    expect(await page.locator('h1').innerText()).toBe('Kommunens officiella sida');
    const change = page.locator('article.page-change').first();
    expect(await change.locator('ins').first().innerText()).toContain(NEW_UPDATE);
    expect(await change.innerText()).toMatch(/Utkast nr \d+ med de nya uppdateringarna/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the import form makes a draft from the page\'s address and lists what became of the page, as text', async () => {
    await page.fill('#import-url', other.url);
    await page.getByRole('button', { name: 'Importera som utkast' }).click();
    const result = page.locator('#import-result');
    await result.getByText(/Utkast nr \d+ skapat\./).waitFor({ timeout: 20_000 });
    const text = await result.innerText();
    expect(text).toContain('Nya poster');
    expect(text).toContain('Kontaktuppgifter på sidan');
    expect(await result.locator('script, img, iframe').count()).toBe(0);
  });

  test('an empty form says what to give', async () => {
    await page.fill('#import-url', '');
    await page.fill('#import-body', '');
    await page.getByRole('button', { name: 'Importera som utkast' }).click();
    await page.locator('#import-result').getByText('Ange sidans adress eller klistra in sidan.').waitFor();
  });

  test('nothing was refused by the CSP and no script failed', () => {
    expect(problems).toEqual([]);
  });
});
