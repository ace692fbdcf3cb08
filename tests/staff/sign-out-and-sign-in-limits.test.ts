import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SESSION_COOKIE } from '../../src/channels/staff/auth/session.js';
import { signInAs, startStaffService, type StaffService } from './helpers.js';

let service: StaffService;
let base: string;

beforeAll(async () => {
  service = await startStaffService();
  base = service.url;
  await service.staff.records?.ready;
}, 120_000);
afterAll(() => service?.close());

describe('signing out (issue #18, finding 9: a copied cookie worked for 8 h after sign-out)', () => {
  test('when a person signs out, a copy of their session cookie no longer opens any staff page or API', async () => {
    const { jar, response } = await signInAs(base, 'editor');
    const csrf = /"csrf":"([^"]+)"/.exec(await response.text())?.[1] ?? '';
    const copied = `${SESSION_COOKIE}=${jar.get(base, SESSION_COOKIE) ?? ''}`;
    const withCopy = (path: string) => fetch(`${base}${path}`, { headers: { cookie: copied }, redirect: 'manual' });
    expect((await withCopy('/staff')).status).toBe(200);
    expect((await withCopy('/api/staff/stats?days=1')).status).toBe(200);

    const out = await jar.fetch(`${base}/staff/auth/logout`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base }, body: `_csrf=${encodeURIComponent(csrf)}` });
    expect(out.status).toBe(303);

    expect((await withCopy('/staff')).status).toBe(303);
    expect((await withCopy('/api/staff/stats?days=1')).status).toBe(401);
    expect((await withCopy('/staff/review')).status).toBe(303);
    // Another person's session is untouched.
    const other = await signInAs(base, 'agent');
    expect(other.response.status).toBe(200);
  }, 60_000);
});

describe('starting a sign-in (issue #18, finding 9)', () => {
  test('when one address starts sign-ins again and again, it is refused with 429 after twenty a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await fetch(`${base}/staff/auth/login`, { redirect: 'manual' })).status);
    // The sign-ins above (signInAs) also started from this address within the minute.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    expect(statuses[0]).toBe(303);
    expect(statuses.slice(-1)).toEqual([429]);
    const refused = await fetch(`${base}/staff/auth/login`, { redirect: 'manual' });
    expect(refused.headers.get('retry-after')).toBe('60');
  });
});
