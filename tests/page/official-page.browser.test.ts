import { mkdtempSync, rmSync } from 'node:fs';
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
import { focusedId, seriousViolations, tabTo } from '../support/browser-a11y.js';

/** The editors' official-page page in a real Chromium: signed in, the change shown, an import through the form. */
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SEED = fixture('norrkoping-incident.html');
const NEW_UPDATE = 'Lördag den 10 december öppnade kommunens e-tjänster igen för invånarna.';
/**
 * A phone number the official page does not give: the contact center's, which every answer that refers
 * residents on shows (an entry's own answer may give no other number). The facts check warns before publishing.
 */
const UNSTATED_PHONE = { display: '011-15 99 99', tel: '+4611159999' };

let official: LoopbackPage;
let other: LoopbackPage;
let svc: InProcessService;
let dataDir: string;
let userDataDir: string;
let context: BrowserContext;
let page: Page;
let piaDataDir: string | undefined;
let piaContext: BrowserContext | undefined;
const problems: string[] = [];

/** Collects what must not happen on a page: script errors, CSP refusals, failed requests. */
function watch(p: Page): void {
  p.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  p.on('console', (message) => {
    // A failed load is named by the response listener below, with its address.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
  });
  p.on('response', (response) => {
    // The browser asks for /favicon.ico on its own; the staff side has none. The facts check's 409 on
    // publishing is the outcome the draft page shows (and the test expects).
    const url = new URL(response.url());
    const factsWarning = response.status() === 409 && /^\/api\/staff\/changes\/\d+\/publish$/.test(url.pathname);
    if (response.status() >= 400 && !url.pathname.endsWith('/favicon.ico') && !factsWarning) problems.push(`${response.status()}: ${response.url()}`);
  });
}



beforeAll(async () => {
  official = await serveLoopbackPage(SEED);
  other = await serveLoopbackPage(fixture('bjorkvik-incident-details.html'), '/bjorkvik');
  dataDir = await preparedDataDir();
  svc = await startInProcess({ STAFF_LOCAL_USERS: 'anna:editor pia:publisher', STAFF_DATA_DIR: dataDir, OFFICIAL_PAGE_URL: official.url, OFFICIAL_PAGE_INTERVAL_SECONDS: '10' }, { logLevel: 'warn' });
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
  watch(page);
}, 120_000);

afterAll(async () => {
  await context?.close();
  await piaContext?.close();
  await svc?.close();
  await official?.close();
  await other?.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  if (piaDataDir) rmSync(piaDataDir, { recursive: true, force: true });
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

  test('a publisher meets the facts warning for a phone number the page does not give, ticks that it is checked and publishes; the audit log keeps it', async () => {
    // Anna (editor) gives the contact center a phone number the official page does not give, as a draft.
    await page.goto(`${svc.url}/staff/contact`);
    for (const [field, text] of [['#f-phone-display', UNSTATED_PHONE.display], ['#f-phone-tel', UNSTATED_PHONE.tel], ['#f-title', 'Nytt nummer till kontaktcenter']] as const) {
      await page.focus(field);
      await page.keyboard.press('Control+A');
      await page.keyboard.type(text);
    }
    await tabTo(page, '#save');
    const saved = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/staff/changes', { timeout: 30_000 });
    await page.keyboard.press('Enter');
    if ((await saved).status() !== 201) {
      await page.locator('#problems h2').waitFor();
      throw new Error(`the draft was not saved: ${await page.locator('#problems').innerText()}`);
    }
    await page.waitForURL(/\/staff\/drafts\/\d+$/, { timeout: 30_000 });
    const id = Number(/\/staff\/drafts\/(\d+)$/.exec(page.url())?.[1]);

    // Pia (publisher, not the author) signs in with the keyboard and publishes it.
    piaDataDir = mkdtempSync(join(tmpdir(), 'chromium-official-page-pia-'));
    piaContext = await chromium.launchPersistentContext(piaDataDir, { executablePath: CHROMIUM, headless: true, args: FLAGS });
    const pia = piaContext.pages()[0] ?? (await piaContext.newPage());
    watch(pia);
    await pia.goto(`${svc.url}/staff/drafts/${id}`);
    await pia.waitForURL(/\/staff\/auth\/local\?returnTo=/);
    await tabTo(pia, 'form:has(input[name="user"][value="pia"]) button');
    await pia.keyboard.press('Enter');
    await pia.waitForURL(`${svc.url}/staff/drafts/${id}`);
    expect(await pia.locator('#facts-warning').isHidden()).toBe(true);
    const publishes: unknown[] = [];
    pia.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === `/api/staff/changes/${id}/publish`) publishes.push(r.postDataJSON());
    });

    await tabTo(pia, '#publish');
    await pia.keyboard.press('Enter');
    const warning = pia.locator('#facts-warning');
    await warning.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await focusedId(pia)).toBe('facts-warning');
    expect(await warning.innerText()).toContain('Uppgifterna nedan står inte på den officiella sidan');
    const listed = await pia.locator('#facts-list li').allInnerTexts();
    expect(listed).toEqual(expect.arrayContaining([expect.stringContaining(`kontaktuppgifterna, fältet phone.display: telefonnumret ”${UNSTATED_PHONE.display}”`)]));
    expect(await pia.locator('#facts-list').evaluate((ul) => ul.querySelectorAll('*:not(li):not(span):not(br)').length)).toBe(0);
    expect(await pia.locator('#outcome').innerText()).toBe('Utkastet innehåller uppgifter som inte står på den officiella sidan. Ingenting publicerades.');
    expect(await seriousViolations(pia)).toEqual([]);

    // Without the box ticked, "Publicera ändå" sends nothing and says what to do; the box gets focus.
    await tabTo(pia, '#publish-anyway');
    await pia.keyboard.press('Enter');
    await pia.locator('#facts-error').getByText('Kryssa i rutan först').waitFor();
    expect(await focusedId(pia)).toBe('facts-ack');
    expect(publishes).toEqual([null]);
    expect(await pia.locator('#facts-ack').isChecked()).toBe(false);

    // Ticked (Space), it publishes with the acknowledgement.
    await pia.keyboard.press('Space');
    expect(await pia.locator('#facts-ack').isChecked()).toBe(true);
    await tabTo(pia, '#publish-anyway');
    await pia.keyboard.press('Enter');
    await expect.poll(() => pia.locator('#outcome').innerText(), { timeout: 30_000 }).toMatch(/^Publicerat som version \d+\./);
    expect(publishes).toEqual([null, { acknowledgeFacts: true }]);
    expect(await warning.isHidden()).toBe(true);
    const version = Number(/version (\d+)/.exec(await pia.locator('#outcome').innerText())?.[1]);
    expect(await seriousViolations(pia)).toEqual([]);

    // The audit log records the publish and the acknowledged fact.
    const audit = z
      .object({ items: z.array(z.looseObject({ action: z.string(), change: z.number().nullable().optional(), version: z.number().nullable(), factsAcknowledged: z.array(z.object({ fact: z.string(), field: z.string(), where: z.string() })).optional() })) })
      .parse(await (await pia.request.get(`${svc.url}/api/staff/audit`)).json());
    const item = audit.items.find((a) => a.action === 'publish' && a.version === version);
    expect(item?.factsAcknowledged).toEqual(expect.arrayContaining([expect.objectContaining({ where: 'contact center', field: 'phone.display', fact: UNSTATED_PHONE.display })]));
  }, 120_000);

  test('nothing was refused by the CSP and no script failed', () => {
    expect(problems).toEqual([]);
  });
});
