import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { parseEnv } from '../../src/config/index.js';
import { preparedDataDir } from '../support/embedded-template.js';
import { startInProcess, type InProcessService } from '../support/service.js';
import { CookieJar } from '../staff/helpers.js';
import { eventually } from './api-client.js';

let svc: InProcessService;
let dataDir: string;

/** Signs in on the local sign-in page as a browser would: the page, then its form for `user`. */
async function signInLocally(user: string): Promise<{ jar: CookieJar; csrf: string }> {
  const jar = new CookieJar();
  const first = await jar.fetch(`${svc.url}/staff/review`);
  expect(first.status).toBe(303);
  const location = first.headers.get('location') ?? '';
  expect(location).toBe('/staff/auth/local?returnTo=%2Fstaff%2Freview');
  const page = await (await jar.fetch(`${svc.url}${location}`)).text();
  expect(page).toContain(`value="${user}"`);
  const posted = await jar.fetch(`${svc.url}/staff/auth/local`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: svc.url, 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams({ user, returnTo: '/staff/review' }).toString(),
  });
  expect(posted.status).toBe(303);
  expect(posted.headers.get('location')).toBe('/staff/review');
  const consolePage = await (await jar.fetch(`${svc.url}/staff`)).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(consolePage)?.[1];
  if (csrf === undefined) throw new Error('no CSRF token on the page');
  return { jar, csrf };
}

beforeAll(async () => {
  dataDir = await preparedDataDir();
  svc = await startInProcess({ STAFF_LOCAL_USERS: 'anna:editor per:publisher,agent', STAFF_DATA_DIR: dataDir, CORPUS_POLL_SECONDS: '1' }, { logLevel: 'warn' });
}, 60_000);
afterAll(async () => {
  await svc?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the loopback sign-in (STAFF_LOCAL_USERS)', () => {
  test('when HOST is not loopback, the service refuses to start with local users', () => {
    const refused = parseEnv({ HOST: '0.0.0.0', STAFF_LOCAL_USERS: 'anna:editor' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toMatch(/STAFF_LOCAL_USERS[\s\S]*loopback/);
    expect(parseEnv({ STAFF_LOCAL_USERS: 'anna:admin' }).ok).toBe(false);
  });

  test('when a local editor and a local publisher sign in, the editor drafts and the other publishes, each named in the audit log', async () => {
    const anna = await signInLocally('anna');
    const page = await (await anna.jar.fetch(`${svc.url}/staff`)).text();
    expect(page).toContain('Inloggad som anna (redaktör)');
    const corpus = z.object({ version: z.number(), entries: z.array(z.looseObject({ id: z.string() })) }).parse(
      await eventually(async () => {
        const res = await anna.jar.fetch(`${svc.url}/api/staff/corpus`);
        return res.status === 200 ? ((await res.json()) as unknown) : undefined;
      }, 'the store seeded'),
    );
    const payments = corpus.entries.find((e) => e.id === 'payments');
    const write = (jar: CookieJar, csrf: string, path: string, body: unknown, origin = svc.url) =>
      jar.fetch(`${svc.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, origin, 'sec-fetch-site': origin === svc.url ? 'same-origin' : 'cross-site' }, body: JSON.stringify(body) });
    const change = { title: 'Granskad', baseVersion: corpus.version, entries: [{ ...payments, lastReviewed: '2023-02-01' }] };

    // The same request from another origin, or without the CSRF token, changes nothing.
    expect((await write(anna.jar, anna.csrf, '/api/staff/changes', change, 'http://evil.example')).status).toBe(403);
    expect((await write(anna.jar, 'wrong-token-wrong-token-wrong', '/api/staff/changes', change)).status).toBe(403);

    const created = await write(anna.jar, anna.csrf, '/api/staff/changes', change);
    expect(created.status).toBe(201);
    const { id } = z.object({ id: z.number() }).parse(await created.json());
    expect((await write(anna.jar, anna.csrf, `/api/staff/changes/${id}/publish`, {})).status).toBe(403);

    const per = await signInLocally('per');
    expect((await write(per.jar, per.csrf, `/api/staff/changes/${id}/publish`, {})).status).toBe(200);
    const audit = z.object({ items: z.array(z.object({ who: z.string(), action: z.string(), change: z.number().nullable() })) }).parse(await (await per.jar.fetch(`${svc.url}/api/staff/audit`)).json());
    expect(audit.items.filter((i) => i.change === id).map((i) => [i.action, i.who])).toEqual([
      ['publish', 'per'],
      ['draft', 'anna'],
    ]);
  });

  test('when someone names a user that does not exist or posts from another site, no session is made', async () => {
    const jar = new CookieJar();
    const unknown = await jar.fetch(`${svc.url}/staff/auth/local`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'user=mallory&returnTo=%2Fstaff' });
    expect(unknown.status).toBe(400);
    const crossSite = await jar.fetch(`${svc.url}/staff/auth/local`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }, body: 'user=anna&returnTo=%2Fstaff' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.getSetCookie()).toEqual([]);
    expect((await jar.fetch(`${svc.url}/api/staff/corpus`)).status).toBe(401);
  });

  test('when the sign-in page gets returnTo twice, it answers a 400 page instead of taking the first', async () => {
    const res = await fetch(`${svc.url}/staff/auth/local?returnTo=%2Fstaff&returnTo=%2Fstaff%2Freview`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Parametern ”returnTo” finns mer än en gång i adressen.');
    expect(html).not.toContain('<form method="post"');
  });

  test('when the sign-in form is declared in another charset than UTF-8, it is refused with 415 and no session is made', async () => {
    const jar = new CookieJar();
    const res = await jar.fetch(`${svc.url}/staff/auth/local`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=iso-8859-1', origin: svc.url, 'sec-fetch-site': 'same-origin' },
      body: 'user=anna&returnTo=%2Fstaff',
    });
    expect(res.status).toBe(415);
    expect(await res.text()).toContain('en annan teckenkodning än UTF-8');
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});
