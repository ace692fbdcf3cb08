import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createBotRuntime, createInlineRunner, registerBotRoutes } from '../../src/channels/botframework/index.js';
import { createHttpServer } from '../../src/channels/http/index.js';
import { registerWebChatRoutes } from '../../src/channels/web/index.js';
import { createLogger } from '../../src/logging/index.js';
import type { ResidentTurn, TurnRecorder } from '../../src/records/index.js';
import { SessionCookies, SESSION_COOKIE, TRANSACTION_COOKIE } from '../../src/channels/staff/auth/session.js';
import { STAFF_CSP } from '../../src/channels/staff/index.js';
import { message, OPEN_CLOCK, repliesOf, testEngine, testI18n } from '../bot/harness.js';
import { undatedAnswer } from '../support/corpus.js';
import { CookieJar, SESSION_SECRET, signInAs, STAFF_TOKEN, startStaffService, type StaffService } from './helpers.js';

/** A resident's message full of personal data (valid personnummer checksum) that the bot escalates. */
const PERSONAL = 'Mitt personnummer är 19900101-0017, ring mig på 070-123 45 67 eller maila anna.svensson@example.se om min faktura';
const RAW_PERSONAL = /19900101|0017|070-123|anna\.svensson|example\.se/i;
const ANSWERED = 'Har mina personuppgifter läckt?';
const bearer = { authorization: `Bearer ${STAFF_TOKEN}` };

const unansweredSchema = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(
    z.object({
      text: z.string(),
      count: z.number().int().positive(),
      lastSeen: z.iso.datetime(),
      decision: z.enum(['clarify', 'escalate', 'none-of-these', 'not-helpful']),
      nearest: z.object({ id: z.string(), confidence: z.number().nullable() }).nullable(),
    }),
  ),
});
const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string().min(10) }) });

let service: StaffService;
let base: string;

beforeAll(async () => {
  service = await startStaffService();
  base = service.url;
  await service.staff.records?.ready;
}, 60_000);
afterAll(() => service?.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers, redirect: 'manual' });
const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body), redirect: 'manual' });
const resident = (conversationId: string, text: string) => postJson('/api/webchat/messages', { type: 'message', conversationId, userId: 'resident-0001', text, locale: 'sv-SE' });

describe('the staff side with neither STAFF_TOKEN nor Entra ID', () => {
  test('when off, every staff route answers 404 and the residents chat as before', async () => {
    const off = await startStaffService({ signIn: 'off' });
    try {
      expect(off.staff.enabled).toBe(false);
      expect(off.staff.recorder).toBeUndefined();
      for (const path of ['/staff', '/staff/review', '/staff/stats', '/api/staff/unanswered', '/api/staff/stats', '/api/staff/export.csv', '/staff/auth/login']) {
        expect((await fetch(`${off.url}${path}`, { headers: bearer, redirect: 'manual' })).status, path).toBe(404);
      }
      const chat = await fetch(`${off.url}/api/webchat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', conversationId: 'conv-off-0001', userId: 'resident-0001', text: ANSWERED }) });
      expect(chat.status).toBe(200);
    } finally {
      await off.close();
    }
  });
});

describe('staff routes without a valid sign-in', () => {
  test('when nobody is signed in, the API answers 401 with no data and the pages redirect to sign-in', async () => {
    for (const path of ['/api/staff/unanswered', '/api/staff/stats', '/api/staff/export.csv']) {
      const res = await get(path);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="staff"');
      expect(errorSchema.parse(await res.json()).error.code).toBe('unauthorized');
    }
    expect((await postJson('/api/staff/search', { q: 'faktura' })).status).toBe(401);
    for (const path of ['/staff', '/staff/review', '/staff/stats']) {
      const res = await get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toBe(`/staff/auth/login?returnTo=${encodeURIComponent(path)}`);
    }
  });

  test('when the token is wrong or a cookie is forged, expired or another kind, nothing is given', async () => {
    const other = new SessionCookies('another-secret-that-is-long-enough-000000', 3600);
    const mine = new SessionCookies(SESSION_SECRET, 3600);
    const person = { sub: 'someone', name: 'Någon', roles: ['editor'] as const };
    const cookieValue = (setCookie: string) => setCookie.split(';')[0] ?? '';
    const forged = cookieValue(other.issue(person, new Date()).cookie);
    const expired = cookieValue(mine.issue(person, new Date(Date.now() - 2 * 3600_000)).cookie);
    const valid = cookieValue(mine.issue(person, new Date()).cookie);
    const [name, value = ''] = valid.split('=');
    const [body = '', mac = ''] = value.split('.');
    const tampered = `${name}=${Buffer.from(Buffer.from(body, 'base64url').toString().replace('Någon', 'Annan')).toString('base64url')}.${mac}`;
    const transactionAsSession = `${SESSION_COOKIE}=${cookieValue(mine.startTransaction({ state: 's'.repeat(43), nonce: 'n'.repeat(43), verifier: 'v'.repeat(43), returnTo: '/staff' }, new Date())).split('=')[1] ?? ''}`;

    for (const headers of [
      { authorization: `Bearer ${STAFF_TOKEN}x` },
      { authorization: `Bearer ${STAFF_TOKEN.slice(0, -1)}` },
      { authorization: STAFF_TOKEN },
      { authorization: `Basic ${Buffer.from(`staff:${STAFF_TOKEN}`).toString('base64')}` },
      { authorization: 'Bearer wrong', cookie: valid },
      { cookie: forged },
      { cookie: expired },
      { cookie: tampered },
      { cookie: transactionAsSession },
      { cookie: `${TRANSACTION_COOKIE}=${value}` },
      { cookie: 'connect.sid=resident-session; ASP.NET_SessionId=abc' },
    ]) {
      const res = await get('/api/staff/unanswered', headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(await res.text()).not.toContain('items');
    }
    // The same valid cookie does open the API: the refusals above are about the cookie, not the route.
    expect((await get('/api/staff/unanswered', { cookie: valid })).status).toBe(200);
  });

  test('when an editor asks for the review, it carries where the corpus is weak, as faq:check reports it', async () => {
    const res = await get('/api/staff/unanswered', { authorization: `Bearer ${STAFF_TOKEN}` });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { weakness?: { predictedAnswered: number; forecast: { right: number; low: number; high: number }; confusions: unknown[]; thin: unknown[] } };
    expect(body.weakness?.predictedAnswered).toBeGreaterThan(0);
    expect(body.weakness?.predictedAnswered).toBeLessThanOrEqual(1);
    // The forecast for residents, with its range around it, above the held-out floor it comes from.
    const f = body.weakness?.forecast;
    expect(f && f.low <= f.right && f.right <= f.high && f.right > (body.weakness?.predictedAnswered ?? 1)).toBe(true);
    expect(Array.isArray(body.weakness?.confusions) && Array.isArray(body.weakness?.thin)).toBe(true);
    const page = await get('/staff/review', { authorization: `Bearer ${STAFF_TOKEN}` });
    const html = await page.text();
    expect(html).toContain('Där svaren är svaga');
    // The page gives the editors the same forecast, in percent, with its range.
    const pct = (x: number) => `${Math.round(100 * x)} %`;
    expect(html).toContain(`Omkring ${pct(f?.right ?? 0)} av invånarnas frågor om händelsen väntas få rätt svar (troligen ${pct(f?.low ?? 0)}–${pct(f?.high ?? 0)})`);
  });
});

describe('sign-in through the loopback identity provider (OpenID Connect)', () => {
  test('when an agent signs in, the session cookie is HttpOnly, Secure and SameSite, and the console greets them', async () => {
    const jar = new CookieJar();
    const login = await jar.fetch(`${base}/staff/auth/login?returnTo=%2Fstaff`);
    expect(login.status).toBe(303);
    const authorize = new URL(login.headers.get('location') ?? '');
    expect(authorize.origin).toBe(service.idp?.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(login.headers.getSetCookie().join()).toMatch(/__Host-staff-signin=[^;]+; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax/);

    const { jar: signedIn, response, url, setCookies } = await signInAs(base, 'agent');
    expect(url).toBe(`${base}/staff`);
    expect(setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/^__Host-staff-session=[^;]+; Max-Age=28800; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('Agda Agent');
    expect(signedIn.get(base, SESSION_COOKIE)).toBeDefined();
    expect(signedIn.get(base, TRANSACTION_COOKIE)).toBeUndefined();
  });

  test('when an agent asks for the editors review or its API, the answer is 403; an editor (by app role or by group) gets them', async () => {
    const agent = await signInAs(base, 'agent');
    const refused = await agent.jar.fetch(`${base}/staff/review`);
    expect(refused.status).toBe(403);
    // A handläggare is told the page is for editors, not to ask for the role they already have.
    const page = await refused.text();
    expect(page).toContain('bara för redaktörer');
    expect(page).not.toContain('rollen handläggare');
    expect((await agent.jar.fetch(`${base}/api/staff/unanswered`)).status).toBe(403);
    expect((await agent.jar.fetch(`${base}/staff/stats`)).status).toBe(200);

    for (const login of ['editor', 'group-editor']) {
      const editor = await signInAs(base, login, '/staff/review');
      expect(editor.url).toBe(`${base}/staff/review`);
      expect(editor.response.status).toBe(200);
      expect((await editor.jar.fetch(`${base}/api/staff/unanswered`)).status).toBe(200);
    }
  });

  test('when someone without a staff role signs in, they are refused and get no session', async () => {
    const { jar, response } = await signInAs(base, 'resident');
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Du saknar behörighet');
    expect(jar.get(base, SESSION_COOKIE)).toBeUndefined();
  });

  test('when the callback carries a forged state or no sign-in cookie, sign-in fails without a session', async () => {
    const jar = new CookieJar();
    await jar.fetch(`${base}/staff/auth/login`);
    const forged = await jar.fetch(`${base}/staff/auth/callback?code=made-up&state=not-the-state-we-sent-0123456789abcdef&iss=${encodeURIComponent(service.idp?.issuer ?? '')}`);
    expect(forged.status).toBe(400);
    expect(jar.get(base, SESSION_COOKIE)).toBeUndefined();
    const bare = await fetch(`${base}/staff/auth/callback?code=x&state=y`, { redirect: 'manual' });
    expect(bare.status).toBe(400);
    expect(bare.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
  });
});

describe('CSRF on state-changing requests', () => {
  test('when a signed-in request lacks the CSRF token or comes from another origin it is refused; with both right it works', async () => {
    const { jar, response } = await signInAs(base, 'agent');
    const csrf = /"csrf":"([^"]+)"/.exec(await response.text())?.[1] ?? '';
    expect(csrf.length).toBeGreaterThan(20);
    const search = (headers: Record<string, string>) => jar.fetch(`${base}/api/staff/search`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ q: 'faktura' }) });

    const missing = await search({});
    expect(missing.status).toBe(403);
    expect(errorSchema.parse(await missing.json()).error.code).toBe('csrf');
    expect((await search({ 'x-csrf-token': `${csrf}x` })).status).toBe(403);
    expect((await search({ 'x-csrf-token': csrf, origin: 'https://evil.example' })).status).toBe(403);
    expect((await search({ 'x-csrf-token': csrf, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const ok = await search({ 'x-csrf-token': csrf, origin: base, 'sec-fetch-site': 'same-origin' });
    expect(ok.status).toBe(200);
    expect(z.object({ results: z.array(z.object({ id: z.string() })) }).parse(await ok.json()).results[0]?.id).toBe('invoices');

    const form = (body: string) => jar.fetch(`${base}/staff/auth/logout`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base }, body });
    expect((await form('')).status).toBe(403);
    expect((await form('_csrf=wrong')).status).toBe(403);
    const out = await form(`_csrf=${encodeURIComponent(csrf)}`);
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/staff/auth/signed-out');
    expect(jar.get(base, SESSION_COOKIE)).toBeUndefined();
    expect((await jar.fetch(`${base}/staff`)).status).toBe(303);
  });

  test('when the token signs in, no CSRF token is needed (no cookie is involved)', async () => {
    expect((await postJson('/api/staff/search', { q: 'faktura' }, bearer)).status).toBe(200);
  });
});

describe('what residents asked, end to end', () => {
  test('when a resident escalates with personal data and another is answered, the API lists the first without the personal data and only counts the second', async () => {
    expect((await resident('conv-e2e-0001', PERSONAL)).status).toBe(200);
    expect((await resident('conv-e2e-0002', ANSWERED)).status).toBe(200);

    // Writes are queued off the reply path; they reach the store within the flush interval.
    await expect
      .poll(async () => unansweredSchema.parse(await (await get('/api/staff/unanswered', bearer)).json()).items, { timeout: 5000 })
      .toEqual(expect.arrayContaining([expect.objectContaining({ text: expect.stringContaining('[personnummer]') })]));
    await service.staff.records?.flush();
    const body = unansweredSchema.parse(await (await get('/api/staff/unanswered', bearer)).json());
    const escalated = body.items.find((i) => i.text.includes('[personnummer]'));
    expect(escalated).toMatchObject({ text: 'Mitt personnummer är [personnummer], ring mig på [telefon] eller maila [e-post] om min faktura', decision: 'escalate', count: 1 });
    expect(JSON.stringify(body)).not.toMatch(RAW_PERSONAL);
    expect(body.items.some((i) => i.text === ANSWERED)).toBe(false);

    const stats = z.object({ totals: z.object({ answered: z.number(), escalated: z.number() }), mostUsedToday: z.array(z.object({ id: z.string(), count: z.number() })) }).parse(await (await get('/api/staff/stats?days=1', bearer)).json());
    expect(stats.totals.answered).toBeGreaterThanOrEqual(1);
    expect(stats.totals.escalated).toBeGreaterThanOrEqual(1);
    expect(stats.mostUsedToday.map((m) => m.id)).toContain('personal-data');

    const csv = await get('/api/staff/export.csv?days=7', bearer);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="obesvarade-fragor-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe('asked_at,group,text,decision,reason,confidence,candidate_ids,channel,lang');
    expect(text).toContain('"Mitt personnummer är [personnummer], ring mig på [telefon] eller maila [e-post] om min faktura"');
    expect(text).not.toMatch(RAW_PERSONAL);
    const semicolons = await (await get('/api/staff/export.csv?days=7&sep=semicolon', bearer)).text();
    expect(semicolons.split('\r\n')[0]).toBe('asked_at;group;text;decision;reason;confidence;candidate_ids;channel;lang');
  });

  test("when agents search or preview in the console, nothing is recorded: it is not a resident's turn", async () => {
    const words = 'Hur gör jag en ansökan om strandskyddsdispens vid sjön';
    expect((await postJson('/api/staff/preview', { text: words }, bearer)).status).toBe(200);
    expect((await postJson('/api/staff/search', { q: words }, bearer)).status).toBe(200);
    await service.staff.records?.flush();
    const body = await (await get('/api/staff/unanswered', bearer)).text();
    expect(body).not.toContain('strandskydd');
  });

  test('the preview shows what the bot would tell a resident, with decision and confidence', async () => {
    const preview = z.object({ decision: z.string(), confidence: z.number(), entry: z.object({ id: z.string() }).nullable(), reason: z.string().nullable() });
    const answered = preview.parse(await (await postJson('/api/staff/preview', { text: ANSWERED }, bearer)).json());
    expect(answered).toMatchObject({ decision: 'answer', entry: { id: 'personal-data' } });
    expect(answered.confidence).toBeCloseTo(testEngine().ask(ANSWERED, { audience: 'residents' }).confidence, 2);
    const escalated = preview.parse(await (await postJson('/api/staff/preview', { text: 'Hur ansöker jag om bygglov?' }, bearer)).json());
    expect(escalated.decision).toBe('escalate');
    expect(escalated.reason).not.toBeNull();
  });
});

describe('bad input to the staff API', () => {
  test.each([
    ['/api/staff/unanswered?days=abc', 'days'],
    ['/api/staff/unanswered?days=0', 'days'],
    ['/api/staff/unanswered?days=100000', 'days'],
    ['/api/staff/unanswered?limit=0', 'limit'],
    ['/api/staff/stats?days=-1', 'days'],
    ['/api/staff/export.csv?sep=tab', 'sep'],
  ])('when GET %s, the answer is 400 naming "%s"', async (path, parameter) => {
    const res = await get(path, bearer);
    expect(res.status).toBe(400);
    expect(errorSchema.parse(await res.json()).error.message).toContain(`"${parameter}"`);
  });

  test.each([
    ['not JSON', 400, '{"q":'],
    ['an empty question', 400, { q: '   ' }],
    ['an unknown field', 400, { q: 'faktura', serviceUrl: 'x' }],
    ['a body over 8 KB', 413, { q: 'a'.repeat(9000) }],
  ])('when the search gets %s, the answer is %i with a message', async (_what, status, body) => {
    const res = await postJson('/api/staff/search', body, bearer);
    expect(res.status).toBe(status);
    expect(errorSchema.safeParse(await res.json()).success).toBe(true);
  });

  test('when the preview gets control characters or nothing, the answer is 400', async () => {
    expect((await postJson('/api/staff/preview', { text: 'hej\u0000' }, bearer)).status).toBe(400);
    expect((await postJson('/api/staff/preview', { text: '' }, bearer)).status).toBe(400);
  });
});

describe('the staff pages', () => {
  test('each page is Swedish and sent with the same kind of CSP as the residents page; chart.js comes from this server', async () => {
    for (const path of ['/staff', '/staff/review', '/staff/stats']) {
      const res = await get(path, bearer);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe(STAFF_CSP);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(await res.text()).toMatch(/^<!doctype html>\n<html lang="sv">/);
    }
    const stats = await (await get('/staff/stats', bearer)).text();
    expect(stats).toContain('<script src="/staff/assets/chart.umd.min.js" defer></script>');
    expect(stats).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z]/i);
    const chart = await get('/staff/assets/chart.umd.min.js');
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await chart.text()).toContain('Chart.js v4.6.1');
  });
});

// The bot's side of the contract, with a recorder that only collects what it is handed (or breaks):
// in this file so the engine is trained once for both.
const CLARIFY_QUESTION = 'påverkas utbetalningar och fakturor?';
const ids = (n: number) => ({ conversationId: `conv-recording-${n}`, userId: 'resident-0001' });

describe('the bot hands every resident turn to the recorder', () => {
  let url: string;
  let close: () => Promise<void>;
  const turns: ResidentTurn[] = [];
  let throwing = false;

  beforeAll(async () => {
    const logger = createLogger('silent');
    const recorder: TurnRecorder = {
      record: (turn) => {
        if (throwing) throw new Error('recorder broke');
        turns.push(turn);
      },
    };
    const engine = testEngine();
    const i18n = await testI18n();
    const runtime = createBotRuntime({ engine, i18n, logger, clock: OPEN_CLOCK, auth: {}, recorder });
    const server = createHttpServer({ logger });
    registerBotRoutes(server, runtime);
    registerWebChatRoutes(server, { runInline: createInlineRunner(runtime), contact: engine.corpus.contact, logger, translate: i18n.translator('sv') });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${server.address().port}`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  const chat = (body: Record<string, unknown>) =>
    fetch(`${url}/api/webchat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', locale: 'sv-SE', ...body }) });
  const webChat = async (body: Record<string, unknown>) => expect((await chat(body)).status).toBe(200);
  const since = (n: number) => turns.slice(n);

  test('when a web chat question is answered, then rated "Nej", both turns are handed over with channel, language, clock time and conversation', async () => {
    const start = turns.length;
    await webChat({ ...ids(1), text: 'Har mina personuppgifter läckt?' });
    await webChat({ ...ids(1), text: 'Nej', value: { action: 'feedback', id: 'personal-data', helpful: false, lang: 'sv' } });
    expect(since(start)).toEqual([
      expect.objectContaining({ kind: 'answer', entryId: 'personal-data', via: 'question', channel: 'webchat', lang: 'sv', text: 'Har mina personuppgifter läckt?', conversationId: 'conv-recording-1', at: OPEN_CLOCK() }),
      expect.objectContaining({ kind: 'feedback', entryId: 'personal-data', helpful: false, channel: 'webchat', conversationId: 'conv-recording-1' }),
    ]);
  });

  test('when a question is clarified and the resident answers "Inget av dessa", the options and the follow-up are handed over', async () => {
    const start = turns.length;
    const decision = testEngine().ask(CLARIFY_QUESTION, { audience: 'residents' });
    if (decision.kind !== 'clarify') throw new Error(`"${CLARIFY_QUESTION}" no longer clarifies`);
    await webChat({ ...ids(2), text: CLARIFY_QUESTION });
    await webChat({ ...ids(2), text: 'Inget av dessa', value: { action: 'none-of-these', lang: 'sv' } });
    expect(since(start)).toEqual([
      expect.objectContaining({ kind: 'clarify', candidateIds: decision.options.map((o) => o.entry.id), text: CLARIFY_QUESTION, conversationId: 'conv-recording-2' }),
      expect.objectContaining({ kind: 'none-of-these', conversationId: 'conv-recording-2' }),
    ]);
  });

  test('when a question is off-topic, the escalation is handed over with its reason and candidates; a typed choice counts as a click', async () => {
    const start = turns.length;
    await webChat({ ...ids(3), text: 'Hur ansöker jag om bygglov?' });
    await webChat({ ...ids(4), text: CLARIFY_QUESTION });
    await webChat({ ...ids(4), text: '1' });
    const [escalation, , choice] = since(start);
    expect(escalation).toMatchObject({ kind: 'escalate', text: 'Hur ansöker jag om bygglov?' });
    expect(escalation?.kind === 'escalate' && ['off-topic', 'low-confidence'].includes(escalation.reason)).toBe(true);
    expect(choice).toMatchObject({ kind: 'answer', via: 'click', conversationId: 'conv-recording-4' });
  });

  test('when staff ask in Teams, the turn is handed over as msteams without the @mention; the message extension search is not', async () => {
    const start = turns.length;
    const teams = message('<at>Kommunbot</at> polisanmälan', {
      channelId: 'msteams',
      entities: [{ type: 'mention', mentioned: { id: 'bot-1', name: 'Kommunbot' }, text: '<at>Kommunbot</at>' }],
      conversation: { id: 'teams-conv', conversationType: 'channel', isGroup: true },
    });
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(teams) });
    expect(repliesOf({ status: res.status, json: await res.json() }).length).toBeGreaterThan(0);
    const search = {
      ...message(undefined, { deliveryMode: undefined, serviceUrl: 'http://127.0.0.1:9/teams/' }),
      type: 'invoke',
      name: 'composeExtension/query',
      channelId: 'msteams',
      value: { commandId: 'searchFaq', parameters: [{ name: 'searchQuery', value: 'personuppgifter 19900101-0017' }], queryOptions: { skip: 0, count: 5 } },
    };
    const searched = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(search) });
    expect(searched.status).toBe(200);
    expect(since(start)).toEqual([expect.objectContaining({ kind: 'answer', entryId: 'police-report', channel: 'msteams', text: 'polisanmälan' })]);
  });

  test('when the recorder throws, the resident still gets the answer', async () => {
    throwing = true;
    try {
      const res = await chat({ ...ids(5), text: 'Har mina personuppgifter läckt?' });
      const body = z.object({ activities: z.array(z.looseObject({ text: z.string().optional() })) }).parse(await res.json());
      expect(res.status).toBe(200);
      expect(body.activities[0]?.text).toContain(undatedAnswer(testEngine().entry('personal-data')).answer.sv.trim().slice(0, 40));
    } finally {
      throwing = false;
    }
  });
});
