import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { SESSION_COOKIE, TRANSACTION_COOKIE } from '../../src/channels/staff/auth/session.js';
import { STAFF_CSP } from '../../src/channels/staff/index.js';
import { rawRequest, type RawResponse } from '../support/http.js';
import { signInAs, STAFF_TOKEN, startStaffService, type StaffService } from './helpers.js';

/**
 * An attacker's sweep of the staff side: a parameter given twice (`?days=7&days=30`) or with malformed
 * percent-encoding was read as one value without a word. Every staff GET route that reads parameters now
 * refuses it as the agents' search API does, in the route's own kind of answer: JSON for the API, a page
 * for pages. And a body declared in a charset other than UTF-8 is refused, not misread.
 */
let service: StaffService;
let port: number;

beforeAll(async () => {
  service = await startStaffService();
  port = Number(new URL(service.url).port);
  await service.staff.records?.ready;
  await service.staff.contentReady;
}, 60_000);
afterAll(() => service?.close());

const bearer = { authorization: `Bearer ${STAFF_TOKEN}` };
// Paths exactly as written (fetch would normalise some percent-encoding).
const get = (path: string, headers: Record<string, string> = bearer) => rawRequest(port, 'GET', path, { headers });
const errorSchema = z.strictObject({ error: z.strictObject({ code: z.string(), message: z.string() }) });

function expectJson400(res: RawResponse, message: string): void {
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(errorSchema.parse(res.json())).toEqual({ error: { code: 'invalid_request', message } });
}

function expectPage400(res: RawResponse, sentence: string): void {
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(res.headers['content-security-policy']).toBe(STAFF_CSP);
  expect(res.body).toMatch(/^<!doctype html>\n<html lang="sv">/);
  expect(res.body).toContain('<h1>Adressen går inte att läsa</h1>');
  expect(res.body).toContain(sentence);
}

const TWICE = (name: string) => `Parameter "${name}" is given more than once; give it once.`;
const MALFORMED = (name: string) => `Parameter "${name}" has malformed percent-encoding; encode it with encodeURIComponent.`;

describe('the staff API refuses a parameter given twice or malformed, as the search API does', () => {
  test.each([
    ['/api/staff/unanswered?days=7&days=30', TWICE('days')],
    // The second value was not even looked at: "abc" passed because "7" came first.
    ['/api/staff/unanswered?days=7&days=abc', TWICE('days')],
    ['/api/staff/unanswered?days=7&limit=5&limit=6', TWICE('limit')],
    ['/api/staff/answered-doubts?days=1&days=400', TWICE('days')],
    ['/api/staff/stats?days=7&days=30', TWICE('days')],
    ['/api/staff/export.csv?days=7&days=30', TWICE('days')],
    ['/api/staff/export.csv?sep=comma&sep=semicolon', TWICE('sep')],
    ['/api/staff/changes?status=draft&status=published', TWICE('status')],
    ['/api/staff/unanswered?days=%zz', MALFORMED('days')],
    // Latin-1 "ä": a byte that is not UTF-8.
    ['/api/staff/export.csv?days=30&sep=semikolon%E4', MALFORMED('sep')],
    ['/api/staff/stats?days=%', MALFORMED('days')],
  ])('when GET %s, the answer is a JSON 400 naming the parameter', async (path, message) => {
    expectJson400(await get(path), message);
  });

  test('when the export is asked for twice the days, no CSV is sent', async () => {
    const res = await get('/api/staff/export.csv?days=7&days=30');
    expect(res.headers['content-disposition']).toBeUndefined();
  });

  test('when each parameter is given once, the same routes answer as before', async () => {
    expect((await get('/api/staff/unanswered?days=7&limit=20')).status).toBe(200);
    expect((await get('/api/staff/stats?days=30')).status).toBe(200);
    const csv = await get('/api/staff/export.csv?days=30&sep=semicolon');
    expect(csv.status).toBe(200);
    expect(csv.body.split('\r\n')[0]).toBe('\ufeffasked_at;group;text;decision;reason;confidence;candidate_ids;channel;lang');
    expect((await get('/api/staff/changes?status=draft')).status).toBe(200);
  });

  test('when nobody is signed in, the answer is still 401: the query is looked at only after sign-in', async () => {
    const res = await get('/api/staff/unanswered?days=7&days=30', {});
    expect(res.status).toBe(401);
  });
});

describe('the staff pages refuse them with a Swedish page', () => {
  test.each([
    ['/staff/review?days=7&days=30', 'Parametern ”days” finns mer än en gång i adressen. Ange den bara en gång och försök igen.'],
    ['/staff/stats?days=1&days=30', 'Parametern ”days” finns mer än en gång i adressen.'],
    ['/staff/stats?days=%E4', 'Parametern ”days” har en felaktig %-kodning i adressen. Rätta adressen och försök igen.'],
    ['/staff/entries?draft=1&draft=2', 'Parametern ”draft” finns mer än en gång i adressen.'],
    ['/staff/contact?draft=%zz', 'Parametern ”draft” har en felaktig %-kodning i adressen.'],
  ])('when GET %s, the answer is a 400 page saying which parameter and what to do', async (path, sentence) => {
    expectPage400(await get(path), sentence);
  });

  test('when the page is refused, it links to the same page without parameters', async () => {
    expect((await get('/staff/review?days=7&days=30')).body).toContain('<a href="/staff/review">Öppna sidan utan parametrar</a>');
  });

  test('when the repeated name is a sentence of the caller’s, the page does not repeat it', async () => {
    const name = encodeURIComponent('Ring 070-123 45 67 för ny inloggning');
    const res = await get(`/staff/review?${name}=1&${name}=2`);
    expectPage400(res, 'En parameter finns mer än en gång i adressen.');
    expect(res.body).not.toContain('070-123');
  });

  test('when each parameter is given once, the pages answer as before', async () => {
    expect((await get('/staff/review?days=7')).status).toBe(200);
    expect((await get('/staff/stats?days=30')).status).toBe(200);
  });
});

describe('the sign-in routes refuse them too', () => {
  test('when the sign-in start gets returnTo twice, it answers a 400 page and starts no sign-in', async () => {
    const res = await get('/staff/auth/login?returnTo=%2Fstaff&returnTo=%2Fstaff%2Freview', {});
    expectPage400(res, 'Parametern ”returnTo” finns mer än en gång i adressen.');
    expect(res.headers.location).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  test('when the callback gets two codes, sign-in fails before the provider is asked, and no session is made', async () => {
    const res = await get(`/staff/auth/callback?code=a&code=b&state=s&iss=${encodeURIComponent(service.idp?.issuer ?? '')}`, {});
    expect(res.status).toBe(400);
    expect(res.body).toContain('Parametern ”code” finns mer än en gång i adressen.');
    const setCookie = res.headers['set-cookie'] ?? [];
    const cookies = typeof setCookie === 'string' ? [setCookie] : setCookie;
    expect(cookies.some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
    expect(cookies.some((c) => c.startsWith(`${TRANSACTION_COOKIE}=`) && /max-age=0/i.test(c))).toBe(true);
  });
});

describe('a staff body declared in another charset than UTF-8', () => {
  const latin1 = Buffer.from('{"text":"Har mina personuppgifter l\u00e4ckt?"}', 'latin1');
  const preview = (contentType: string, body: Buffer | string = latin1) =>
    rawRequest(port, 'POST', '/api/staff/preview', { headers: { ...bearer, 'content-type': contentType }, body });

  test('when JSON says charset=iso-8859-1, the answer is 415 unsupported_charset; it was read as UTF-8 before', async () => {
    const res = await preview('application/json; charset=iso-8859-1');
    expect(res.status).toBe(415);
    expect(errorSchema.parse(res.json())).toEqual({ error: { code: 'unsupported_charset', message: expect.stringContaining('UTF-8') } });
  });

  test.each(['application/json', 'application/json; charset=utf-8', 'application/json; charset=UTF-8', 'application/json;charset="utf-8"', 'application/json; charset=us-ascii'])(
    'when it says %s, UTF-8 is read as before',
    async (contentType) => {
      const res = await preview(contentType, JSON.stringify({ text: 'Har mina personuppgifter läckt?' }));
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({ decision: 'answer', entry: { id: 'personal-data' } });
    },
  );

  test('when the sign-out form says charset=windows-1252, it is refused with 415 and the session stays', async () => {
    const { jar, response } = await signInAs(service.url, 'agent');
    const csrf = /"csrf":"([^"]+)"/.exec(await response.text())?.[1] ?? '';
    const logout = (contentType: string) =>
      jar.fetch(`${service.url}/staff/auth/logout`, { method: 'POST', headers: { 'content-type': contentType, origin: service.url }, body: `_csrf=${encodeURIComponent(csrf)}` });
    const refused = await logout('application/x-www-form-urlencoded; charset=windows-1252');
    expect(refused.status).toBe(415);
    expect(errorSchema.parse(await refused.json()).error.code).toBe('unsupported_charset');
    expect(jar.get(service.url, SESSION_COOKIE)).toBeDefined();
    expect((await jar.fetch(`${service.url}/staff`)).status).toBe(200);
    expect((await logout('application/x-www-form-urlencoded')).status).toBe(303);
  });
});

describe('a staff JSON route given a body that is not declared as JSON', () => {
  const question = JSON.stringify({ text: 'Har mina personuppgifter läckt?' });
  const post = (path: string, headers: Record<string, string>, body: string) => rawRequest(port, 'POST', path, { headers: { ...bearer, ...headers }, body });

  // Before, the staff API read any body as JSON whatever it was declared as, unlike the web chat and
  // /api/messages: a form or text/plain (what an HTML form or a "simple" cross-site request sends) was parsed.
  test.each([
    ['application/x-www-form-urlencoded'],
    ['text/plain'],
    ['text/plain; charset=utf-8'],
    ['multipart/form-data; boundary=x'],
    ['application/jsonp'],
  ])('when the preview gets JSON declared as %s, the answer is 415 unsupported_media_type', async (contentType) => {
    const res = await post('/api/staff/preview', { 'content-type': contentType }, question);
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(errorSchema.parse(res.json())).toEqual({ error: { code: 'unsupported_media_type', message: 'The body must be JSON: send it with "Content-Type: application/json".' } });
  });

  test('when no Content-Type is sent, the answer is 415 too', async () => {
    const res = await post('/api/staff/search', {}, JSON.stringify({ q: 'läckt' }));
    expect(res.status).toBe(415);
    expect(errorSchema.parse(res.json()).error.code).toBe('unsupported_media_type');
  });

  test('when it says a JSON-based type (application/problem+json), the body is read as JSON', async () => {
    const res = await post('/api/staff/preview', { 'content-type': 'application/problem+json' }, question);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ decision: 'answer', entry: { id: 'personal-data' } });
  });

  test('when a draft or a publish is declared as text/plain, it is refused before its body is read', async () => {
    const draft = await post('/api/staff/changes', { 'content-type': 'text/plain' }, JSON.stringify({ title: 'Utkast', baseVersion: 1, remove: [] }));
    expect(draft.status).toBe(415);
    expect(errorSchema.parse(draft.json()).error.code).toBe('unsupported_media_type');
    const publish = await post('/api/staff/changes/1/publish', { 'content-type': 'text/plain' }, JSON.stringify({ acknowledgeFacts: true }));
    expect(publish.status).toBe(415);
    expect(errorSchema.parse(publish.json()).error.code).toBe('unsupported_media_type');
  });
});
