import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { BOT_LIMITS } from '../../src/channels/botframework/index.js';
import { DEFAULT_WEB_CHAT_LIMITS } from '../../src/channels/web/index.js';
import { parseEnv } from '../../src/config/index.js';
import { createI18n } from '../../src/i18n/index.js';
import { loadRealCorpus, startWebServer, type RunningServer } from './helpers.js';

const LOCALES = fileURLToPath(new URL('../../locales', import.meta.url));
const LINKS = { privacy: 'https://example.norrkoping.se/personuppgifter', accessibility: 'https://example.norrkoping.se/tillganglighet' };
const notices = z.object({ rateLimited: z.string(), rateLimitedOnLoad: z.string(), inputTooLong: z.string(), waitSeconds: z.string(), time: z.string() }).loose();
const config = z.object({ maxLength: z.number(), notices: z.object({ sv: notices, en: notices }), strings: z.record(z.string(), z.string()) }).loose();
const configOf = (html: string) => config.parse(JSON.parse(/<script type="application\/json" id="chat-config">(.*?)<\/script>/s.exec(html)?.[1] ?? 'null'));

let server: RunningServer;
beforeAll(async () => {
  const i18n = await createI18n({ localesDir: LOCALES });
  server = await startWebServer({
    contact: loadRealCorpus().contact,
    runInline: async () => [],
    translateEn: i18n.translator('en'),
    links: LINKS,
    limits: { maxTextLength: 2000, maxQuestionLength: 300 },
  });
});
afterAll(() => server.close());

describe('the chat page', () => {
  test('the web channel default question length is the bot\'s', () => {
    expect(DEFAULT_WEB_CHAT_LIMITS.maxQuestionLength).toBe(BOT_LIMITS.maxQuestionLength);
  });

  test('links the configured privacy page and accessibility statement, and limits the input to what the bot answers', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).toContain(`<a href="${LINKS.privacy}">`);
    expect(html).toContain(`<a href="${LINKS.accessibility}">`);
    const browser = configOf(html);
    expect(browser.maxLength).toBe(300);
    expect(html).toContain('Högst 300 tecken.');
  });

  test('gives the browser notices in Swedish and English that name when to try again, and Web Chat strings that read right', async () => {
    const browser = configOf(await (await fetch(`${server.url}/`)).text());
    expect(browser.notices.sv.rateLimited).toMatch(/Du kan skriva igen om \{wait\}, klockan \{time\}\..*011-15 00 00/);
    expect(browser.notices.en.rateLimited).toMatch(/You can write again in \{wait\}, at \{time\}\..*011-15 00 00/);
    expect(browser.notices.sv.rateLimited).not.toMatch(/vardag/);
    expect(browser.strings.ACTIVITY_STATUS_SEND_FAILED_RETRY).toBe('Det gick inte att skicka. [Försök igen][RETRY].');
    expect(Object.values(browser.strings).join(' ')).not.toMatch(/Försök igen med|-bilagor|Roboten/);
  });

  test('serves the Web Chat bundle gzipped to a browser that accepts it (compressed off the main thread at start), the same bytes as without', async () => {
    const get = (acceptEncoding: string) =>
      new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        httpGet(`${server.url}/webchat/webchat.js`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
    const [zipped, plain] = await Promise.all([get('gzip, deflate, br'), get('identity')]);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    expect(zipped.headers.etag).toBe(plain.headers.etag);
  });

  test('/embed opens its links in a new tab, so the chat in the frame stays', async () => {
    const html = await (await fetch(`${server.url}/embed`)).text();
    expect(html).toContain(`<a href="${LINKS.privacy}" target="_blank" rel="noopener noreferrer">`);
  });
});

describe('the links in the environment', () => {
  test('are unset by default (the corpus names its own municipality\'s pages) and accept only https addresses', () => {
    const defaults = parseEnv({ WEBCHAT_ACCESSIBILITY_URL: '' });
    expect(defaults.ok && [defaults.env.WEBCHAT_PRIVACY_URL, defaults.env.WEBCHAT_ACCESSIBILITY_URL]).toEqual([undefined, undefined]);
    const bad = parseEnv({ WEBCHAT_PRIVACY_URL: 'javascript:alert(1)' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/WEBCHAT_PRIVACY_URL/);
  });
});
