import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startInProcess, type InProcessService } from '../support/service.js';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const BOT_BUBBLES = '.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content';
const INPUT = '[data-id="webchat-sendbox-input"]';
const STAFF_TOKEN = 'privacy-test-token-0123456789-abcdefghijklmnopqrstuvwxyz';
// Fictitious: the personnummer has a wrong check digit on purpose (residents mistype them).
const PERSONNUMMER = '19850214-2357';
const PHONE = '070-555 12 34';
const EMAIL = 'sara.exempel@example.com';
// Patterns long enough that a request id, a hash or a timing in the log cannot match them by chance
// (a bare /2357/ once matched a random request id).
const DIGITS = [/19850214/, /850214-?2357/, /555 ?12 ?34/, /sara\.exempel/];

/**
 * A resident writes personal data into the website chat of the whole service (staff side and store on,
 * logging at debug): the answer comes with one reminder, and the data is nowhere in the log or a store.
 */
describe('personal data in the residents chat', () => {
  let service: InProcessService;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  const requests: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'privacy-store-'));
    service = await startInProcess({ STAFF_TOKEN, STAFF_DATA_DIR: dataDir, RATE_LIMITS: 'off' }, { logLevel: 'debug' });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
    page = await browser.newPage();
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${service.url}/`);
    await page.locator(INPUT).waitFor();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function ask(text: string): Promise<string[]> {
    const before = await page.locator(BOT_BUBBLES).count();
    await page.locator(INPUT).fill(text);
    await page.locator(INPUT).press('Enter');
    await expect.poll(() => page.locator(BOT_BUBBLES).count(), { timeout: 15_000 }).toBeGreaterThan(before + 1);
    return (await page.locator(BOT_BUBBLES).allInnerTexts()).slice(before);
  }

  test('when a question holds a personnummer and a phone number, the answer comes with one reminder not to write them here', async () => {
    const replies = await ask(`Hej, mitt personnummer är ${PERSONNUMMER} och mitt nummer ${PHONE}. Kan mina uppgifter ha läckt i dataintrånget?`);
    expect(replies.join('\n')).toContain('I dagsläget har kommunen inte konstaterat någon förlust av personuppgifter');
    expect(replies.filter((r) => r.includes('Tänk på att inte skriva personnummer'))).toHaveLength(1);
  });

  test('when an escalated message holds personal data, it is kept for editors without it, and the log holds none of it', async () => {
    const replies = await ask(`Jag heter Sara, ${PERSONNUMMER}, mejla ${EMAIL}. Hur bokar jag en tid för vigsel i stadshuset?`);
    expect(replies.join('\n')).toContain('Tänk på att inte skriva personnummer');
    // Kept questions are written in batches: wait until the escalation is in the store.
    const unanswered = async () => {
      const res = await fetch(`${service.url}/api/staff/unanswered`, { headers: { authorization: `Bearer ${STAFF_TOKEN}` } });
      return res.text();
    };
    await expect.poll(unanswered, { timeout: 10_000 }).toContain('vigsel');
    const kept = await unanswered();
    const csv = await (await fetch(`${service.url}/api/staff/export.csv`, { headers: { authorization: `Bearer ${STAFF_TOKEN}` } })).text();
    for (const pattern of DIGITS) {
      expect(kept).not.toMatch(pattern);
      expect(csv).not.toMatch(pattern);
      expect(service.rawLogs()).not.toMatch(pattern);
    }
    // The log at debug level does carry the scrubbed turn, so the check above looked at real lines.
    expect(service.rawLogs()).toContain('[personnummer]');
  });

  test('the embedded store on disk holds none of the personal data either', async () => {
    await service.close();
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
    const bytes = files(dataDir).map((f) => readFileSync(f).toString('latin1')).join('\n');
    expect(bytes.length).toBeGreaterThan(0);
    for (const pattern of [/19850214/, /sara\.exempel/]) expect(bytes).not.toMatch(pattern);
  });

  test('every request stayed on 127.0.0.1', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith('http://127.0.0.1:') && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
  });
});
