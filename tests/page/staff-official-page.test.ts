import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { apiClient, eventually, STAFF_API_TOKENS } from '../content/api-client.js';
import { preparedDataDir } from '../support/embedded-template.js';
import { startInProcess, type InProcessService } from '../support/service.js';
import { fixture } from './fixtures.js';
import { serveLoopbackPage, type LoopbackPage } from './loopback-page.js';

/**
 * The official page on the staff side, through its real seams: the service in this process with the
 * staff store embedded (PGlite), the page served on loopback, the staff API over HTTP.
 */
const SEED = fixture('norrkoping-incident.html');
const NEW_UPDATE = 'Lördag den 10 december öppnade kommunens e-tjänster igen för invånarna.';
// The page changes: a new dated update, a changed phone number, and a line that reads like markup.
const CHANGED = SEED.replace('Telefonnummer dit är 011-15 00 00.', 'Telefonnummer dit är 011-15 99 99.').replace(
  '<p class="normal">Tisdag den 6 december',
  `<p class="normal">${NEW_UPDATE}</p><p class="normal">Skriv aldrig &lt;script&gt; i ett mejl till oss.</p><p class="normal">Tisdag den 6 december`,
);

const loggedChange = z.object({
  id: z.number(),
  url: z.string(),
  draftId: z.number().nullable(),
  problems: z.array(z.string()),
  change: z.object({
    lines: z.array(z.object({ op: z.enum(['added', 'removed']), text: z.string() })),
    draftedUpdates: z.array(z.object({ date: z.string(), text: z.string() })),
    entriesToReview: z.array(z.object({ id: z.string(), reasons: z.array(z.string()) })),
    factsGone: z.array(z.object({ where: z.string(), field: z.string(), fact: z.string() })),
  }),
});
const state = z.object({ pages: z.array(z.object({ url: z.string(), hash: z.string() })), watch: z.array(z.object({ url: z.string(), state: z.string() })), changes: z.array(loggedChange) });
const facts = z.object({ checked: z.number(), findings: z.array(z.object({ message: z.string() })), pages: z.array(z.unknown()) });
const factsRefusal = z.object({ error: z.object({ code: z.literal('facts_unconfirmed'), message: z.string(), facts: z.array(z.object({ where: z.string(), field: z.string(), kind: z.string(), fact: z.string() })).min(1) }) });
const auditItems = z.object({ items: z.array(z.looseObject({ action: z.string(), version: z.number().nullable(), pages: z.array(z.object({ url: z.string(), hash: z.string(), readAt: z.string() })).optional(), factsAcknowledged: z.array(z.object({ fact: z.string() })).optional() })) });

let page: LoopbackPage;
let other: LoopbackPage;
let svc: InProcessService;
let dataDir: string;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  page = await serveLoopbackPage(SEED);
  other = await serveLoopbackPage(fixture('bjorkvik-incident-details.html'), '/bjorkvik');
  dataDir = await preparedDataDir();
  svc = await startInProcess({ STAFF_API_TOKENS, STAFF_DATA_DIR: dataDir, CORPUS_POLL_SECONDS: '1', OFFICIAL_PAGE_URL: page.url, OFFICIAL_PAGE_INTERVAL_SECONDS: '3600' }, { logLevel: 'warn' });
  api = apiClient(svc.url);
  await eventually(async () => ((await api.call('edda', 'GET', '/api/staff/corpus')).status === 200 ? true : undefined), 'the store seeded from faq-data/');
  // The first reading (at start) is the baseline, kept in the staff store.
  await eventually(async () => (svc.service.officialPage?.watcher.status()[0]?.lastOutcome === 'baseline' ? true : undefined), 'the baseline reading');
}, 120_000);
afterAll(async () => {
  await svc?.close();
  await page?.close();
  await other?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const getJson = async <S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> => {
  const res = await api.call('edda', 'GET', path);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${text}`);
  return schema.parse(JSON.parse(text));
};

describe('the watched page in the staff store', () => {
  test('the baseline is kept in the store and the published corpus stands on it: every fact checked is on the page', async () => {
    const s = await getJson('/api/staff/official-page', state);
    expect(s.pages.map((p) => p.url)).toEqual(['https://www.norrkoping.se/']);
    expect(s.watch).toEqual([expect.objectContaining({ url: page.url, state: 'ok' })]);
    expect(s.changes).toEqual([]);
    const f = await getJson('/api/staff/official-page/facts', facts);
    expect(f.checked).toBeGreaterThan(50);
    expect(f.findings).toEqual([]);
  });

  test('an unchanged page costs a 304 and files nothing', async () => {
    const before = page.served.get(304) ?? 0;
    expect(await svc.service.officialPage?.watcher.checkAll()).toEqual(['not-modified']);
    expect(page.served.get(304)).toBe(before + 1);
    expect((await getJson('/api/staff/official-page', state)).changes).toEqual([]);
  });

  test('when the page gets a new dated update and a new phone number, editors see the diff, a draft with the update, and what to review', async () => {
    page.body = CHANGED;
    expect(await svc.service.officialPage?.watcher.checkAll()).toEqual(['changed']);
    const [logged] = (await getJson('/api/staff/official-page', state)).changes;
    if (logged === undefined) throw new Error('no change logged');
    expect(logged.problems).toEqual([]);
    expect(logged.change.lines).toEqual(expect.arrayContaining([{ op: 'added', text: NEW_UPDATE }]));
    expect(logged.change.draftedUpdates).toEqual([expect.objectContaining({ date: '2022-12-10', text: NEW_UPDATE })]);
    expect(logged.change.factsGone).toEqual(expect.arrayContaining([expect.objectContaining({ where: 'contact center', field: 'phone.display' })]));
    expect(logged.change.entriesToReview.length).toBeGreaterThan(0);

    // The draft: the published timeline with the drafted update, by the watcher, for a person to publish.
    expect(logged.draftId).not.toBeNull();
    const draft = z
      .object({ author: z.string(), status: z.literal('draft'), title: z.string(), patch: z.object({ put: z.object({ 'timeline.yaml': z.object({ updates: z.array(z.object({ date: z.string(), text: z.object({ sv: z.string(), en: z.string() }), source: z.object({ url: z.string() }) })) }) }) }) })
      .parse(await (await api.call('edda', 'GET', `/api/staff/changes/${logged.draftId}`)).json());
    expect(draft.author).toBe('Bevakning av officiella sidan');
    const added = draft.patch.put['timeline.yaml'].updates.find((u) => u.date === '2022-12-10');
    expect(added).toEqual({ date: '2022-12-10', text: { sv: NEW_UPDATE, en: NEW_UPDATE }, source: expect.objectContaining({ url: 'https://www.norrkoping.se/' }) });
    expect(draft.title).toContain('2022-12-10');

    // The staff page shows it, the page's words escaped, under the staff pages' CSP.
    const html = await api.call('edda', 'GET', '/staff/official-page');
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toContain("script-src 'self'");
    const text = await html.text();
    expect(text).toContain(`<ins><span class="help">Tillagt: </span>${NEW_UPDATE}</ins>`);
    expect(text).toContain('Skriv aldrig &lt;script&gt; i ett mejl till oss.');
    expect(text).not.toContain('<script> i ett');
    expect(text).toContain(`Utkast nr ${logged.draftId} med de nya uppdateringarna`);
    // In Swedish: the facts check lists the phone number the page no longer gives, and why entries are to be reviewed.
    expect(text).toContain('kontaktuppgifterna, fältet phone.display: telefonnumret ”011-15 00 00” står inte på https://www.norrkoping.se/');
    expect(text).toMatch(/står inte längre på sidan|meningen svaret bygger på har ändrats/);
    expect(text).not.toMatch(/is no longer on the page|source sentence changed/);
  });

  test('publishing the drafted update keeps the page as it read then with the version, and the audit log names it', async () => {
    const [logged] = (await getJson('/api/staff/official-page', state)).changes;
    const res = await api.publish('pia', logged?.draftId ?? 0);
    expect(res.status, await res.clone().text()).toBe(200);
    const { version } = z.object({ version: z.number() }).parse(await res.json());
    const kept = z.object({ pages: z.array(z.object({ url: z.string(), hash: z.string(), text: z.string(), readAt: z.string() })) }).parse(await (await api.call('edda', 'GET', `/api/staff/versions/${version}/pages`)).json());
    expect(kept.pages).toHaveLength(1);
    expect(kept.pages[0]?.text).toContain(NEW_UPDATE);
    expect(kept.pages[0]?.text).toContain('011-15 99 99');
    const audit = auditItems.parse(await (await api.call('edda', 'GET', '/api/staff/audit')).json());
    const publish = audit.items.find((a) => a.action === 'publish' && a.version === version);
    expect(publish?.pages).toEqual([{ url: 'https://www.norrkoping.se/', hash: kept.pages[0]?.hash, readAt: kept.pages[0]?.readAt }]);
    expect(publish?.factsAcknowledged).toBeUndefined();
    expect((await api.call('edda', 'GET', '/api/staff/versions/999/pages')).status).toBe(404);
    // The seeded version was never checked against a page: it says so (none kept), not something made up.
    expect(z.object({ pages: z.array(z.unknown()) }).parse(await (await api.call('edda', 'GET', '/api/staff/versions/1/pages')).json()).pages).toEqual([]);
  });

  test('a restored version keeps the page as it reads at the restore', async () => {
    const restored = await api.call('pia', 'POST', '/api/staff/versions/1/restore');
    expect(restored.status).toBe(200);
    const { version } = z.object({ version: z.number() }).parse(await restored.json());
    const kept = z.object({ pages: z.array(z.object({ text: z.string() })) }).parse(await (await api.call('edda', 'GET', `/api/staff/versions/${version}/pages`)).json());
    expect(kept.pages[0]?.text).toContain(NEW_UPDATE);
  });
});

describe('the facts check before publishing', () => {
  test('a draft with a phone number the page does not give is refused with a warning until the publisher acknowledges it; the audit log keeps the acknowledgement', async () => {
    const corpus = await api.corpus();
    const id = await api.draft('edda', { title: 'Nytt nummer', baseVersion: corpus.version, contact: { ...corpus.contact, phone: { display: '011-15 12 34', tel: '+4611151234' } } });
    const refused = await api.publish('pia', id);
    expect(refused.status).toBe(409);
    const body = factsRefusal.parse(await refused.json());
    expect(body.error.facts).toEqual(expect.arrayContaining([expect.objectContaining({ where: 'contact center', field: 'phone.display', kind: 'phone', fact: '011-15 12 34' })]));
    expect((await api.corpus()).version).toBe(corpus.version);

    expect((await api.call('pia', 'POST', `/api/staff/changes/${id}/publish`, { acknowledgeFacts: 'yes' })).status).toBe(400);
    const published = await api.call('pia', 'POST', `/api/staff/changes/${id}/publish`, { acknowledgeFacts: true });
    expect(published.status).toBe(200);
    const { version } = z.object({ version: z.number() }).parse(await published.json());
    const audit = auditItems.parse(await (await api.call('edda', 'GET', '/api/staff/audit')).json());
    const item = audit.items.find((a) => a.action === 'publish' && a.version === version);
    expect(item?.factsAcknowledged?.map((f) => f.fact)).toEqual(expect.arrayContaining(['011-15 12 34']));
  });

  test('four eyes is still judged first: the author hears four_eyes, not the facts', async () => {
    const corpus = await api.corpus();
    const id = await api.draft('bodil', { title: 'Ännu ett nummer', baseVersion: corpus.version, contact: { ...corpus.contact, phone: { display: '011-15 43 21', tel: '+4611154321' } } });
    const res = await api.publish('bodil', id);
    expect(res.status).toBe(403);
    expect(z.object({ error: z.object({ code: z.string() }) }).parse(await res.json()).error.code).toBe('four_eyes');
  });
});

describe('importing a page as a draft from the staff side', () => {
  const importPage = (who: 'edda' | 'agda' | 'pia', body: unknown) => api.call(who, 'POST', '/api/staff/changes/import-page', body);
  const summary = z.object({
    id: z.number().nullable(),
    status: z.string(),
    page: z.object({ url: z.string(), title: z.string() }),
    entries: z.object({ found: z.number(), added: z.array(z.string()), matched: z.array(z.object({ question: z.string(), entry: z.string(), answerDiffers: z.boolean() })) }),
    updates: z.object({ found: z.number(), added: z.number() }),
    contact: z.record(z.string(), z.object({ value: z.string(), sentence: z.string() })),
    unplaced: z.array(z.object({ text: z.string(), reason: z.string() })),
  });

  test('a page fetched from its address becomes a draft with its questions, listing what could not be placed', async () => {
    const res = await importPage('edda', { url: other.url });
    const text = await res.text();
    expect(res.status, text).toBe(201);
    const s = summary.parse(JSON.parse(text));
    expect(s.status).toBe('draft');
    expect(s.entries.found).toBeGreaterThan(3);
    expect(s.entries.added.length).toBeGreaterThan(0);
    // "Vad har hänt?" is a phrasing the corpus has: matched, not added twice.
    expect(s.entries.matched.map((m) => m.question)).toContain('Vad har hänt?');
    expect(Array.isArray(s.unplaced)).toBe(true);
    const draft = z.object({ status: z.literal('draft'), author: z.string(), patch: z.object({ put: z.record(z.string(), z.unknown()) }) }).parse(await (await api.call('edda', 'GET', `/api/staff/changes/${s.id}`)).json());
    expect(draft.author).toBe('edda');
    for (const id of s.entries.added) expect(Object.keys(draft.patch.put)).toContain(`entries/${id}.yaml`);
    // The page read is kept for the facts check.
    expect((await getJson('/api/staff/official-page', state)).pages.map((p) => p.url)).toContain(s.page.url);
  });

  test('a question whose answer gives a number the page states (not the contact center\'s) is drafted with it; one the page does not state is refused at its field', async () => {
    const html = `<html><head><title>Krisstöd</title></head><body><main><h1>Krisstöd efter incidenten</h1>
      <h2>Finns det krisstöd för personalen på skolorna?</h2><p>Ja, ring krisstödet direkt på 011-15 77 77 dygnet runt.</p>
      <h2>Får skolbarnen extra läxhjälp under avbrottet?</h2><p>Ja, läxhjälpen på biblioteket har öppet längre under avbrottet.</p>
      </main></body></html>`;
    const res = await importPage('edda', { html, url: 'https://www.kommun.se/krisstod' });
    const text = await res.text();
    expect(res.status, text).toBe(201);
    const s = summary.parse(JSON.parse(text));
    expect(s.entries.added).toHaveLength(2);
    expect(s.entries.added.some((id) => id.startsWith('finns-det-krisstod'))).toBe(true);
    // An editor's own number that no page states is still refused, at its field.
    const corpus = z.object({ version: z.number(), entries: z.array(z.looseObject({ id: z.string(), answer: z.unknown() })) }).parse(await (await api.call('edda', 'GET', '/api/staff/corpus')).json());
    const entry = corpus.entries.find((e) => e.id === 'police-report');
    if (entry === undefined) throw new Error('no entry with a plain answer');
    const answer = entry.answer as { sv: string; en: string };
    const refused = await api.call('edda', 'POST', '/api/staff/changes', { title: 'eget nummer', baseVersion: corpus.version, entries: [{ ...entry, answer: { sv: `${answer.sv} Ring 08-555 123 45.`, en: answer.en } }] });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(await refused.json())).toMatch(/personal data \(phone\)/);
  });

  test('the watched page imported again (pasted) is matched to the corpus: nothing new, and still one page for the facts check', async () => {
    const res = await importPage('edda', { html: SEED });
    expect(res.status).toBe(200);
    const s = summary.parse(await res.json());
    expect(s).toMatchObject({ id: null, status: 'nothing_new' });
    expect(s.entries.matched).toHaveLength(s.entries.found);
    expect((await getJson('/api/staff/official-page', state)).pages.filter((p) => p.url === 'https://www.norrkoping.se/')).toHaveLength(1);
  });

  test('a pasted plain-text page with its address is imported the same way', async () => {
    const res = await importPage('edda', { text: fixture('bjorkvik-incident.txt'), url: 'https://www.bjorkvik.se/incident-text' });
    expect([200, 201]).toContain(res.status);
    const s = summary.parse(await res.json());
    expect(s.entries.found).toBeGreaterThan(3);
  });

  test.each([
    ['an address that is not https', { url: 'http://example.com/incident' }, 422, 'invalid-url'],
    ['an address on a site neither watched nor cited (no fetching from internal hosts)', { url: 'https://intranet.kommun.local/incident' }, 422, 'host-not-allowed'],
    ['a page without questions', { html: '<html><body><main><h1>Driftstörning</h1><p>Vi arbetar på det.</p></main></body></html>', url: 'https://www.kommun.se/x' }, 422, 'no-questions'],
    ['a pasted page without an address', { text: 'Vad har hänt?\nEn incident.' }, 422, 'no-address'],
  ])('refuses %s with a clear message', async (_what, body, status, reason) => {
    const res = await importPage('edda', body);
    expect(res.status).toBe(status);
    const parsed = z.object({ error: z.object({ code: z.literal('page_refused'), reason: z.string(), message: z.string().min(10) }) }).parse(await res.json());
    expect(parsed.error.reason).toBe(reason);
  });

  test('refuses a page that is not HTML or text, and one that redirects to another host', async () => {
    const image = await serveLoopbackPage('GIF89a', '/bild');
    image.contentType = 'image/gif';
    const redirecting = await serveLoopbackPage('', '/flyttad');
    redirecting.handler = (_req, res) => {
      res.writeHead(302, { location: 'https://www.example.org/' });
      res.end();
    };
    try {
      const a = z.object({ error: z.object({ reason: z.string() }) }).parse(await (await importPage('edda', { url: image.url })).json());
      expect(a.error.reason).toBe('not-html-or-text');
      const b = z.object({ error: z.object({ reason: z.string() }) }).parse(await (await importPage('edda', { url: redirecting.url })).json());
      expect(b.error.reason).toBe('redirect-other-host');
    } finally {
      await image.close();
      await redirecting.close();
    }
  });

  test('only editors import, with a body of one shape', async () => {
    expect((await importPage('agda', { url: other.url })).status).toBe(403);
    expect((await importPage('pia', { url: other.url })).status).toBe(403);
    expect((await api.call(undefined, 'POST', '/api/staff/changes/import-page', { url: other.url })).status).toBe(401);
    expect((await importPage('edda', {})).status).toBe(400);
    expect((await importPage('edda', { url: other.url, html: '<p>x</p>', text: 'x' })).status).toBe(400);
  });
});
