import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { preparedDataDir } from '../support/embedded-template.js';
import { ADDRESS_AFTER_CUE, HIDDEN_BY_INVISIBLE_CHARACTERS, PERSONAL_DATA_SHAPES } from '../support/personal-data-shapes.js';
import { startInProcess, type InProcessService } from '../support/service.js';

const STAFF_TOKEN = 'hostile-paths-staff-token-0123456789-abcdef';
const bearer = { authorization: `Bearer ${STAFF_TOKEN}` };
// Off-topic on purpose: escalated questions are the ones the staff store keeps.
const asked = (written: string) => `Vad kostar det att hyra tvättstugan en söndag, ${written}`;
const cases = [
  ...PERSONAL_DATA_SHAPES.map((s) => ({ written: s.written, telltale: s.telltale })),
  ...ADDRESS_AFTER_CUE.map((s) => ({ written: s.written, telltale: s.telltale })),
  ...HIDDEN_BY_INVISIBLE_CHARACTERS,
];

let service: InProcessService;
let dataDir: string;
let closed = false;
const closeOnce = async () => {
  if (closed) return;
  closed = true;
  await service?.close();
};

beforeAll(async () => {
  dataDir = await preparedDataDir();
  service = await startInProcess({ STAFF_TOKEN, STAFF_DATA_DIR: dataDir, RATE_LIMITS: 'off' }, { logLevel: 'debug' });
}, 120_000);
afterAll(async () => {
  await closeOnce();
  rmSync(dataDir, { recursive: true, force: true });
});

const activities = z.object({ activities: z.array(z.object({ from: z.object({ role: z.string().optional() }).optional(), text: z.string().optional() }).loose()) });

/**
 * The words a JSON value holds, for looking for a telltale: every string (and key), and every number long
 * enough to be a personnummer or a phone number. Left out are what holds digits by chance: timings and
 * scores ("ms": 1.898766 held "9876"), and random ids and hashes (a request id, a version hash).
 */
function wordsOf(value: unknown): string[] {
  if (typeof value === 'string') return RANDOM_ID.test(value) ? [] : [value];
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) >= 100_000 ? [String(value)] : [];
  if (Array.isArray(value)) return value.flatMap(wordsOf);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...wordsOf(v)]);
  return [];
}
// A UUID, or a hexadecimal hash with at least one letter (a number written in digits only is kept).
const RANDOM_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?=[0-9a-f]*[a-f])[0-9a-f]{8,64})$/i;

/** The words of each JSON line of a log (a line that is not JSON as it stands). */
const logWords = (lines: readonly string[]) =>
  lines
    .map((line) => {
      try {
        return wordsOf(JSON.parse(line)).join('\n');
      } catch {
        return line;
      }
    })
    .join('\n');

/** Every file of the embedded store, as bytes (its write-ahead log holds rows in clear). */
function storeBytes(dir: string): Buffer {
  const parts: Buffer[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.isFile()) parts.push(readFileSync(join(d, e.name)));
    }
  };
  walk(dir);
  return Buffer.concat(parts);
}

describe('invisible format characters, through the Bot Framework endpoint (Teams, Direct Line)', () => {
  test('when a message hides personal data behind zero-width characters or holds a right-to-left override, the kept question, the export and the log have neither', async () => {
    const frame = (written: string) => `Hur bokar jag fiskekort till Göta kanal, ${written}`;
    const messages = [...HIDDEN_BY_INVISIBLE_CHARACTERS.map((c) => frame(c.written)), frame('\u202eadnuh ttaksdnuh')];
    for (const [i, text] of messages.entries()) {
      const res = await fetch(`${service.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          channelId: 'directline',
          deliveryMode: 'expectReplies',
          from: { id: 'resident-0002' },
          recipient: { id: 'bot' },
          conversation: { id: `conv-invisible-${i}` },
          locale: 'sv-SE',
          text,
        }),
      });
      expect(res.status, text).toBe(200);
      expect(JSON.stringify(activities.parse(await res.json()).activities), text).not.toMatch(/\p{Cf}/u);
    }
    let csv = '';
    await expect
      .poll(
        async () => {
          csv = await (await fetch(`${service.url}/api/staff/export.csv?days=1`, { headers: bearer })).text();
          return csv.split('\r\n').filter((l) => l.includes('fiskekort')).length;
        },
        { timeout: 15_000 },
      )
      .toBe(messages.length);
    const kept = csv.split('\r\n').filter((l) => l.includes('fiskekort'));
    const unanswered = await (await fetch(`${service.url}/api/staff/unanswered?days=1&limit=200`, { headers: bearer })).text();
    const logs = service.rawLogs().split('\n').filter((l) => l.includes('fiskekort'));
    expect(logs.length).toBeGreaterThan(0);
    for (const { written, telltale } of HIDDEN_BY_INVISIBLE_CHARACTERS) {
      expect(kept.join('\n'), written).not.toContain(telltale);
      expect(unanswered, written).not.toContain(telltale);
      expect(logWords(logs), written).not.toContain(telltale);
    }
    // What an editor reads is what the store holds, in that order: no override, no hidden character.
    // (The CSV's own byte-order mark opens the file, before the first line kept.)
    for (const line of kept) expect(line).not.toMatch(/\p{Cf}/u);
    expect(kept.some((l) => l.includes('[personnummer]'))).toBe(true);
  }, 60_000);
});

describe('each shape of personal data through every path: search reply, chat, store, export and debug log', () => {
  test('when residents write them, none reaches a reply’s explanation, the chat’s answers, the kept questions, the export, the debug log or the store’s files', async () => {
    for (const [i, { written, telltale }] of cases.entries()) {
      const search = await fetch(`${service.url}/api/faq/search?q=${encodeURIComponent(asked(written))}`);
      expect(search.status).toBe(200);
      expect(search.headers.get('cache-control')).toBe('no-store');
      const body = await search.text();
      expect(body, written).toContain('"personalDataRemoved":true');
      expect(wordsOf(JSON.parse(body)).join('\n'), written).not.toContain(telltale);

      const chat = await fetch(`${service.url}/api/webchat/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', conversationId: `conv-paths-${1000 + i}`, userId: 'resident-0001', text: asked(written), locale: 'sv-SE' }),
      });
      expect(chat.status).toBe(200);
      const replies = activities.parse(await chat.json()).activities.filter((a) => a.from?.role === 'bot');
      expect(replies.length, written).toBeGreaterThan(0);
      expect(wordsOf(replies).join('\n'), written).not.toContain(telltale);
    }

    // Every question escalated: once all are in the store, the export and the review show them scrubbed.
    let csv = '';
    await expect
      .poll(
        async () => {
          csv = await (await fetch(`${service.url}/api/staff/export.csv?days=1`, { headers: bearer })).text();
          return csv.split('\r\n').filter((l) => l.includes('tvättstugan')).length;
        },
        { timeout: 15_000 },
      )
      .toBe(cases.length);
    const unanswered = await (await fetch(`${service.url}/api/staff/unanswered?days=1&limit=200`, { headers: bearer })).text();
    // Shut down first: the store's files are read once everything is flushed and closed.
    await closeOnce();
    const logs = logWords(service.rawLogs().split('\n'));
    const files = storeBytes(dataDir);
    for (const { written, telltale } of cases) {
      expect(csv, written).not.toContain(telltale);
      expect(unanswered, written).not.toContain(telltale);
      expect(logs, written).not.toContain(telltale);
      expect(files.includes(Buffer.from(telltale, 'utf8')), `${written} in the store's files`).toBe(false);
    }
    // The debug log did see the messages: scrubbed, not absent.
    expect(logs).toContain('tvättstugan');
  }, 180_000);
});
