import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { createBotRuntime, createInlineRunner, registerBotRoutes } from '../../src/channels/botframework/index.js';
import { BOT_LIMITS } from '../../src/channels/botframework/limits.js';
import { createHttpServer, registerSearchRoute } from '../../src/channels/http/index.js';
import { registerWebChatRoutes } from '../../src/channels/web/index.js';
import { createFaqEngine, loadCorpus, MAX_ANSWER_BYTES, MAX_REPLY_TEXT_CHARS, type FaqEngine } from '../../src/core/index.js';
import { createI18n } from '../../src/i18n/index.js';
import { createLogger } from '../../src/logging/index.js';
import { extensionCards, message, repliesOf, type ReplyActivity } from '../bot/harness.js';
import { DATED, datedCorpus, datedFaqData } from '../support/dated-corpus.js';

/**
 * Dated answers and the timeline through every channel, composed as main.ts composes them on one
 * restify server: the bot (Bot Framework activities over HTTP), the web chat endpoint and page, the
 * agents' search API and the Teams message extension. The clock is the test's; the engine sits in a
 * holder the test can swap, as a corpus reload does, without rebuilding the server.
 */

const LOCALES = fileURLToPath(new URL('../../locales', import.meta.url));
/** Wednesday 11 January 2023, 10:00 in Stockholm: every seed update is out. */
const JANUARY = new Date('2023-01-11T09:00:00Z');

let now: Date = JANUARY;
const clock = () => now;
let current: FaqEngine;
/** Forwards every call to the engine being served; `swap` is a reload. */
const live: FaqEngine = {
  get corpus() {
    return current.corpus;
  },
  get model() {
    return current.model;
  },
  ask: (text, context) => current.ask(text, context),
  smallTalk: (text) => current.smallTalk(text),
  entry: (id) => current.entry(id),
  languageOf: (text) => current.languageOf(text),
};

let url: string;
let close: () => Promise<void>;
const realAnswer = { sv: '', en: '' };

beforeAll(async () => {
  const corpus = datedCorpus();
  current = createFaqEngine(corpus);
  const first = corpus.entries.find((e) => e.id === DATED.entry)?.versions[0]?.answer;
  if (!first) throw new Error('the dated fixture has no first version');
  Object.assign(realAnswer, { sv: first.sv.trim(), en: first.en.trim() });

  const logger = createLogger('silent');
  const i18n = await createI18n({ localesDir: LOCALES });
  const server = createHttpServer({ logger });
  registerSearchRoute(server, live, logger, { clock });
  const runtime = createBotRuntime({ engine: live, i18n, logger, clock, auth: {} });
  registerBotRoutes(server, runtime);
  registerWebChatRoutes(server, {
    runInline: createInlineRunner(runtime),
    contact: corpus.contact,
    translate: i18n.translator('sv'),
    translateEn: i18n.translator('en'),
    logger,
    engine: live,
    clock,
    limits: { rateLimitPoints: 1000 },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}`;
  close = () => new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(() => close());

// ---- the four channels -------------------------------------------------------------------------------

const post = async (body: unknown) => {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
};

/** The bot's first reply to a Bot Framework activity (Emulator-style, inline replies). */
async function botReply(text: string | undefined, extra: Record<string, unknown> = {}): Promise<ReplyActivity> {
  const [reply] = repliesOf(await post(message(text, extra)));
  if (!reply) throw new Error('the bot did not reply');
  return reply;
}

const webChatBody = z.object({ activities: z.array(z.looseObject({ text: z.string().optional() })) });
/** The first reply through the residents' web chat endpoint. */
async function webChatReply(text: string): Promise<string> {
  const res = await fetch(`${url}/api/webchat/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', conversationId: `c-${randomUUID()}`, userId: `u-${randomUUID()}`, text }),
  });
  expect(res.status).toBe(200);
  return webChatBody.parse(await res.json()).activities[0]?.text ?? '';
}

const edge = z.object({ written: z.string(), instant: z.string() }).nullable();
const searchBody = z.object({
  results: z.array(
    z.looseObject({
      id: z.string(),
      answer: z.string(),
      version: z.object({ number: z.number(), of: z.number(), validFrom: edge, validUntil: edge }),
      latestUpdate: z.object({ date: z.string(), time: z.string().optional(), text: z.string(), source: z.object({ title: z.string(), url: z.string() }) }).optional(),
    }),
  ),
});
async function search(q: string, lang = 'sv') {
  const res = await fetch(`${url}/api/faq/search?q=${encodeURIComponent(q)}&lang=${lang}`);
  expect(res.status).toBe(200);
  return searchBody.parse(await res.json()).results;
}

/** The Teams message extension's cards for a search, through a composeExtension/query invoke. */
async function teamsCards(searchQuery: string) {
  const res = await post({
    ...message(undefined, { deliveryMode: undefined, serviceUrl: 'http://127.0.0.1:9/teams/' }),
    type: 'invoke',
    name: 'composeExtension/query',
    channelId: 'msteams',
    value: { commandId: 'searchFaq', parameters: [{ name: 'searchQuery', value: searchQuery }], queryOptions: { skip: 0, count: 5 } },
  });
  expect(res.status).toBe(200);
  return extensionCards(res.json);
}

const buttons = (reply: ReplyActivity) => (reply.suggestedActions?.actions ?? []).map((a) => ({ title: a.title, value: a.value }));

// ---- dated answers ---------------------------------------------------------------------------------

const MOMENTS = [
  {
    name: 'before the window (version 1)',
    at: DATED.before,
    sv: () => realAnswer.sv,
    en: () => realAnswer.en,
    number: 1,
    provenance: 'Version 1 av 3, gäller till och med fredag 9 december 2022',
    provenanceEn: 'Version 1 of 3, valid until the end of Friday 9 December 2022',
    validFrom: null,
  },
  {
    name: 'inside the window (version 2)',
    at: DATED.inside,
    sv: () => DATED.second.sv,
    en: () => DATED.second.en,
    number: 2,
    provenance: 'Version 2 av 3, gäller från lördag 10 december 2022 till måndag 12 december 2022 kl. 10.00',
    provenanceEn: 'Version 2 of 3, valid from Saturday 10 December 2022 until Monday 12 December 2022 at 10:00',
    validFrom: { written: '2022-12-10', instant: '2022-12-09T23:00:00.000Z' },
  },
  {
    name: 'after the window (version 3)',
    at: DATED.after,
    sv: () => DATED.third.sv,
    en: () => DATED.third.en,
    number: 3,
    provenance: 'Version 3 av 3, gäller från måndag 12 december 2022 kl. 10.00',
    provenanceEn: 'Version 3 of 3, valid from Monday 12 December 2022 at 10:00',
    validFrom: { written: '2022-12-12 10:00', instant: '2022-12-12T09:00:00.000Z' },
  },
] as const;

describe.each(MOMENTS)('with the clock $name', (m) => {
  beforeAll(() => {
    now = m.at;
  });
  afterAll(() => {
    now = JANUARY;
  });

  test('the bot answers with that version, and its provenance says which version and since when', async () => {
    const reply = await botReply(DATED.question.sv);
    expect(reply.text).toContain(m.sv());
    expect(reply.text).toContain(m.provenance);
    // Only version 1 has an easy-to-read variant: the button follows the version served.
    expect(buttons(reply).some((b) => b.title === 'Lättläst')).toBe(m.number === 1);
    const english = await botReply(DATED.question.en, { locale: 'en-GB' });
    expect(english.text).toContain(m.en());
    expect(english.text).toContain(m.provenanceEn);
  });

  test('the web chat answers with that version', async () => {
    const text = await webChatReply(DATED.question.sv);
    expect(text).toContain(m.sv());
    expect(text).toContain(m.provenance);
  });

  test('the search API returns that version, with its number and since when', async () => {
    const [top] = await search(DATED.question.sv);
    expect(top?.id).toBe(DATED.entry);
    expect(top?.answer.trim()).toBe(m.sv());
    expect(top?.version).toMatchObject({ number: m.number, of: 3, validFrom: m.validFrom });
  });

  test('the Teams message extension card shows that version, which it is and since when', async () => {
    const [card] = await teamsCards(DATED.question.sv);
    expect(card?.text).toContain(m.sv());
    expect(card?.text).toContain(m.provenance.replace(/^v/, 'V'));
  });
});

test('when the clock passes validUntil (10:00 Stockholm), the next version is served from that minute on', async () => {
  now = DATED.lastMinuteInside;
  expect((await search(DATED.question.sv))[0]?.answer.trim()).toBe(DATED.second.sv);
  now = DATED.switchToThird;
  expect((await search(DATED.question.sv))[0]?.answer.trim()).toBe(DATED.third.sv);
  expect(await webChatReply(DATED.question.sv)).toContain(DATED.third.sv);
  now = JANUARY;
});

test('an answer with one undated version says nothing about versions', async () => {
  const reply = await botReply('Är händelsen polisanmäld?');
  expect(reply.text).toMatch(/Källa: \[Cybersäkerhetsincidenten\]/);
  expect(reply.text).not.toMatch(/Version \d/);
  expect((await search('Är händelsen polisanmäld?'))[0]?.version).toEqual({ number: 1, of: 1, validFrom: null, validUntil: null });
});

// ---- the timeline ------------------------------------------------------------------------------------

const STATUS = 'Har kommunen allt under kontroll?';
const LATEST_SV = 'Senaste uppdatering, fredag 9 december 2022: Kommunens system börjar användas mer och mer';

describe('the timeline', () => {
  test('the status answer shows the latest update with its date (no invented time) and offers "Tidslinje"', async () => {
    const reply = await botReply(STATUS);
    expect(reply.text).toContain(LATEST_SV);
    expect(reply.text).not.toMatch(/9 december 2022 kl\./);
    expect(buttons(reply)[0]).toEqual({ title: 'Tidslinje', value: { action: 'timeline', lang: 'sv' } });
    // Only the status answer carries the timeline.
    expect(buttons(await botReply(DATED.question.sv)).some((b) => b.title === 'Tidslinje')).toBe(false);
  });

  test('"Tidslinje" lists every update so far, newest first, with the source and the status question offered again', async () => {
    const reply = await botReply(undefined, { value: { action: 'timeline', lang: 'sv' } });
    const text = reply.text ?? '';
    const order = ['fredag 9 december 2022', 'tisdag 6 december 2022', 'fredag 2 december 2022', 'torsdag 1 december 2022'].map((d) => text.indexOf(d));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('Händelsen polisanmäldes.');
    expect(text).toContain('Källa: [Cybersäkerhetsincidenten](https://www.norrkoping.se/)');
    expect(buttons(reply).map((b) => b.value)).toEqual([{ action: 'ask', id: 'incident-status', lang: 'sv' }]);
  });

  test('with the clock on 3 December, the status answer and the timeline show only what was known then', async () => {
    now = new Date('2022-12-03T12:00:00Z');
    try {
      expect((await botReply(STATUS)).text).toContain('Senaste uppdatering, fredag 2 december 2022: Kommunens centrala krisledning gick upp i stabsläge');
      const timeline = (await botReply(undefined, { value: { action: 'timeline', lang: 'sv' } })).text ?? '';
      expect(timeline).toContain('torsdag 1 december 2022');
      expect(timeline).not.toMatch(/[69] december/);
    } finally {
      now = JANUARY;
    }
  });

  test('in English, the latest update and the timeline are in English', async () => {
    const reply = await botReply('What is the situation now?', { locale: 'en-GB' });
    expect(reply.text).toContain("Latest update, Friday 9 December 2022: The municipality's systems are starting to be used more and more");
    expect(buttons(reply)[0]).toEqual({ title: 'Timeline', value: { action: 'timeline', lang: 'en' } });
    expect((await botReply(undefined, { value: { action: 'timeline', lang: 'en' }, locale: 'en-GB' })).text).toMatch(/^Timeline of the IT incident, newest first:[\s\S]*Thursday 1 December 2022/);
  });

  test('the search API and the Teams card of the status entry carry the same latest update', async () => {
    const status = (await search(STATUS)).find((r) => r.id === 'incident-status');
    expect(status?.latestUpdate).toEqual({
      date: '2022-12-09',
      text: 'Kommunens system börjar användas mer och mer, och intranätet kom igång för flertalet användare.',
      source: { title: 'Cybersäkerhetsincidenten', url: 'https://www.norrkoping.se/' },
    });
    const [card] = await teamsCards(STATUS);
    expect(card?.text).toContain(LATEST_SV);
  });

  test('the chat page shows the latest update in one line above the chat, with its date as a <time>', async () => {
    const html = await (await fetch(`${url}/`)).text();
    // One line (a <details> summary) that opens to the whole text; its parts are named for live updates.
    const line = /<summary class="fold__summary" id="chat-status">(.*?)<\/summary>/.exec(html)?.[1];
    expect(line).toBe(
      '<strong data-status="label">Senaste uppdatering</strong>, <time data-status="date" datetime="2022-12-09">fredag 9 december 2022</time>: <span data-status="text">Kommunens system börjar användas mer och mer, och intranätet kom igång för flertalet användare.</span>',
    );
    expect(html.indexOf('id="chat-status"')).toBeLessThan(html.indexOf('id="chat"'));
    expect(await (await fetch(`${url}/embed`)).text()).toContain('fredag 9 december 2022');
  });

  test('before the first update the page has no status line', async () => {
    now = new Date('2022-11-30T12:00:00Z');
    try {
      // Only the hidden place where a later update appears without a reload.
      const html = await (await fetch(`${url}/`)).text();
      expect(html).toContain('<details class="fold status-line" id="chat-status-box" hidden>');
      expect(html).toContain('<time data-status="date" datetime=""></time>');
    } finally {
      now = JANUARY;
    }
  });
});

describe('after a reload of faq-data/ (no restart)', () => {
  let dir: string;
  afterAll(() => {
    current = createFaqEngine(datedCorpus(), { model: current.model });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('an update added to timeline.yaml shows on the page, in the status answer and in "Tidslinje"', async () => {
    // Served before the edit, so a reply cached then would show if caching ignored the reload.
    expect((await botReply(STATUS)).text).toContain(LATEST_SV);

    dir = datedFaqData();
    const file = join(dir, 'timeline.yaml');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}  - date: 2022-12-12\n    time: "14:00"\n    text:\n      sv: Testuppdatering efter omladdning (testdata).\n      en: Test update after a reload (test data).\n    source:\n      title: Testkälla\n      url: https://example.org/test\n`,
    );
    const loaded = loadCorpus(dir);
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
    // What a reload does: a new engine over the edited corpus, swapped in; the server is not touched.
    current = createFaqEngine(loaded.corpus, { model: current.model });

    const html = await (await fetch(`${url}/`)).text();
    expect(html).toContain('<time data-status="date" datetime="2022-12-12T14:00">måndag 12 december 2022 kl. 14.00</time>: <span data-status="text">Testuppdatering efter omladdning (testdata).</span>');
    const reply = await botReply(STATUS);
    expect(reply.text).toContain('Senaste uppdatering, måndag 12 december 2022 kl. 14.00: Testuppdatering efter omladdning (testdata). ([Testkälla](https://example.org/test))');
    const timeline = (await botReply(undefined, { value: { action: 'timeline', lang: 'sv' } })).text ?? '';
    expect(timeline.indexOf('måndag 12 december 2022 kl. 14.00')).toBeLessThan(timeline.indexOf('fredag 9 december 2022'));
    expect(timeline).toContain('[Testkälla](https://example.org/test)');
    expect((await search(STATUS)).find((r) => r.id === 'incident-status')?.latestUpdate).toMatchObject({ date: '2022-12-12', time: '14:00' });
  });
});

describe('a long timeline', () => {
  let dir: string;
  afterAll(() => {
    current = createFaqEngine(datedCorpus(), { model: current.model });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** 80 updates after the seed's, four a day from 10 December 2022, each about 300 characters (test data). */
  const UPDATES = 80;
  const dated = (n: number) => {
    const day = new Date(Date.UTC(2022, 11, 10 + Math.floor((n - 1) / 4))).toISOString().slice(0, 10);
    return { day, time: ['08:00', '11:00', '14:00', '17:00'][(n - 1) % 4] ?? '08:00' };
  };
  const filler = 'Texten är testdata och säger ingenting om incidenten, men den är lika lång som en verklig uppdatering med två eller tre meningar om läget. '.repeat(2);
  const fillerEn = 'The text is test data and says nothing about the incident, but it is as long as a real update of two or three sentences on the situation. '.repeat(2);

  test(`"Tidslinje" over ${UPDATES} updates lists the newest ${BOT_LIMITS.timelineUpdates} and points to the updates page, in the web chat and in English`, async () => {
    dir = datedFaqData();
    const file = join(dir, 'timeline.yaml');
    let added = '';
    for (let n = 1; n <= UPDATES; n++) {
      const { day, time } = dated(n);
      added += `  - date: ${day}\n    time: "${time}"\n    text:\n      sv: "Uppdatering nummer ${n}. ${filler.trim()}"\n      en: "Update number ${n}. ${fillerEn.trim()}"\n    source:\n      title: Testkälla\n      url: https://example.org/test\n`;
    }
    writeFileSync(file, `${readFileSync(file, 'utf8')}${added}`);
    const loaded = loadCorpus(dir);
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
    current = createFaqEngine(loaded.corpus, { model: current.model });
    const updatesUrl = loaded.corpus.contact.updatesUrl;

    // A click on "Tidslinje" in the residents' web chat.
    const res = await fetch(`${url}/api/webchat/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', conversationId: `c-${randomUUID()}`, userId: `u-${randomUUID()}`, value: { action: 'timeline', lang: 'sv' } }),
    });
    expect(res.status).toBe(200);
    const text = webChatBody.parse(await res.json()).activities[0]?.text ?? '';
    const listed = [...text.matchAll(/Uppdatering nummer (\d+)\./g)].map((m) => Number(m[1]));
    expect(listed).toEqual(Array.from({ length: BOT_LIMITS.timelineUpdates }, (_, i) => UPDATES - i));
    expect(text).not.toContain('fredag 9 december 2022');
    expect(text).toContain(`Här visas bara de senaste uppdateringarna. Alla finns på [${updatesUrl}](${updatesUrl}).\n\nKälla: [Testkälla](https://example.org/test)`);
    expect(text.length).toBeLessThan(10_000);

    const en = (await botReply(undefined, { value: { action: 'timeline', lang: 'en' }, locale: 'en-GB' })).text ?? '';
    expect([...en.matchAll(/Update number (\d+)\./g)]).toHaveLength(BOT_LIMITS.timelineUpdates);
    expect(en).toContain(`Only the latest updates are shown here. You can read them all at [${updatesUrl}](${updatesUrl}).`);
  });

  test('a short timeline is listed whole, without the pointer to the updates page', async () => {
    current = createFaqEngine(datedCorpus(), { model: current.model });
    const text = (await botReply(undefined, { value: { action: 'timeline', lang: 'sv' } })).text ?? '';
    expect(text).toContain('torsdag 1 december 2022');
    expect(text).not.toContain('Här visas bara');
  });
});

describe('the longest answer faq:check lets pass', () => {
  let dir: string;
  afterAll(() => {
    current = createFaqEngine(datedCorpus(), { model: current.model });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('with its source line at the limit, the status answer reaches the resident in the web chat, with the latest update and linked contact details', async () => {
    dir = datedFaqData();
    const file = join(dir, 'entries', 'incident-status.yaml');
    const entry = z.looseObject({ answer: z.object({ sv: z.string(), en: z.string() }), source: z.object({ title: z.string(), url: z.string() }) }).parse(parse(readFileSync(file, 'utf8')));
    // ASCII, so every byte is a character: the most characters faq:check lets through.
    const budget = MAX_ANSWER_BYTES - Buffer.byteLength(`Source: [${entry.source.title}](${entry.source.url})`);
    const contacts = 'Ring {telefon} eller mejla {e-post} (testdata). '.repeat(5);
    const filler = 'Ett langt testsvar (testdata) som bara fyller ut texten. '.repeat(400);
    const sv = `${contacts}${filler}`.slice(0, budget - 'SLUT'.length).trimEnd().padEnd(budget - 'SLUT'.length, '.') + 'SLUT';
    expect(Buffer.byteLength(sv)).toBe(budget);
    writeFileSync(file, stringify({ ...parse(readFileSync(file, 'utf8')), answer: { ...entry.answer, sv } }));
    const loaded = loadCorpus(dir);
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
    expect((loaded.warnings ?? []).filter((w) => w.code === 'ANSWER_TOO_LONG')).toEqual([]);
    current = createFaqEngine(loaded.corpus, { model: current.model });

    const text = await webChatReply(STATUS);
    expect(text).toContain('SLUT');
    expect(text).toContain('[011-15 00 00](tel:+4611150000)');
    expect(text).toContain('Senaste uppdatering, fredag 9 december 2022');
    expect(text.length).toBeLessThanOrEqual(MAX_REPLY_TEXT_CHARS);
  });

  test('an answer past that limit (warned by faq:check) still reaches the resident in the web chat: shortened at a line, with its source line, never an empty reply', async () => {
    dir ??= datedFaqData();
    const file = join(dir, 'entries', 'incident-status.yaml');
    const written = parse(readFileSync(file, 'utf8')) as { answer: { sv: string; en: string } };
    const lines = Array.from({ length: 400 }, (_, i) => `Rad ${i + 1} av ett alldeles för långt testsvar (testdata) som fyller ut texten.`);
    writeFileSync(file, stringify({ ...written, answer: { ...written.answer, sv: `BÖRJAN\n${lines.join('\n')}` } }));
    const loaded = loadCorpus(dir);
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
    expect((loaded.warnings ?? []).filter((w) => w.code === 'ANSWER_TOO_LONG')).toHaveLength(1);
    current = createFaqEngine(loaded.corpus, { model: current.model });

    const text = await webChatReply(STATUS);
    expect(text.startsWith('BÖRJAN')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(MAX_REPLY_TEXT_CHARS);
    expect(text).toMatch(/Rad \d+ av ett alldeles för långt testsvar \(testdata\) som fyller ut texten\.\n\n…\n\nKälla: \[[^\]]+\]\(https:\/\/[^)]+\)$/u);
  });
});
