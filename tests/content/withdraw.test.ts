import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { InProcessService } from '../support/service.js';
import { CookieJar } from '../staff/helpers.js';
import { startEditingService, type apiClient, type TokenName } from './api-client.js';

/**
 * Withdrawing a draft over real HTTP: who may (its author, or a publisher), what may not be withdrawn
 * (published, already withdrawn), that a withdrawn draft can never be published, CSRF for a signed-in
 * browser, and the audit line.
 */
let svc: InProcessService;
let api: ReturnType<typeof apiClient>;

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const auditBody = z.object({ items: z.array(z.object({ at: z.iso.datetime(), who: z.string(), action: z.string(), change: z.number().nullable() })) });
const withdraw = (who: TokenName, id: number) => api.call(who, 'POST', `/api/staff/changes/${id}/withdraw`);
const codeOf = async (res: Response) => errorBody.parse(await res.json()).error.code;

/** A small valid draft by `who`. */
const draft = async (who: TokenName, title: string) => {
  const corpus = await api.corpus();
  const invoices = corpus.entries.find((e) => e.id === 'invoices');
  return api.draft(who, { title, baseVersion: corpus.version, entries: [{ ...invoices, lastReviewed: '2023-03-01' }] });
};

let close: (() => Promise<void>) | undefined;

beforeAll(async () => void ({ svc, api, close } = await startEditingService({ STAFF_LOCAL_USERS: 'anna:editor' })), 60_000);
afterAll(async () => close?.());

describe('withdrawing a draft (POST /api/staff/changes/:id/withdraw)', () => {
  test('when its author withdraws it, it leaves the drafts, cannot be published or withdrawn again, and the audit log names who and when', async () => {
    const id = await draft('edda', 'Återkallas av författaren');
    const before = Date.now();
    const res = await withdraw('edda', id);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id, status: 'withdrawn' });

    const drafts = z.object({ items: z.array(z.object({ id: z.number() })) }).parse(await (await api.call('edda', 'GET', '/api/staff/changes?status=draft')).json());
    expect(drafts.items.map((d) => d.id)).not.toContain(id);
    const change = z.object({ status: z.string() }).parse(await (await api.call('edda', 'GET', `/api/staff/changes/${id}`)).json());
    expect(change.status).toBe('withdrawn');

    const published = await api.publish('pia', id);
    expect(published.status).toBe(409);
    expect(await codeOf(published)).toBe('not_draft');
    const again = await withdraw('edda', id);
    expect(again.status).toBe(409);
    expect(await codeOf(again)).toBe('not_draft');

    const audit = auditBody.parse(await (await api.call('edda', 'GET', '/api/staff/audit')).json());
    const line = audit.items.find((a) => a.change === id && a.action === 'withdraw');
    expect(line?.who).toBe('edda');
    expect(Date.parse(line?.at ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(audit.items.filter((a) => a.change === id && a.action === 'withdraw')).toHaveLength(1);
  });

  test('when another editor or an agent tries, they are refused (403); a publisher may withdraw anyone\'s draft', async () => {
    const id = await draft('edda', 'Någon annans utkast');
    const erik = await withdraw('erik', id);
    expect(erik.status).toBe(403);
    expect(await codeOf(erik)).toBe('forbidden');
    expect((await withdraw('agda', id)).status).toBe(403);
    expect((await api.call(undefined, 'POST', `/api/staff/changes/${id}/withdraw`)).status).toBe(401);
    expect((await withdraw('pia', id)).status).toBe(200);
    const audit = auditBody.parse(await (await api.call('pia', 'GET', '/api/staff/audit')).json());
    expect(audit.items.find((a) => a.change === id && a.action === 'withdraw')?.who).toBe('pia');
  });

  test('when the draft is published, or there is none, withdrawing answers 409 or 404', async () => {
    const id = await draft('edda', 'Publiceras');
    expect((await api.publish('pia', id)).status).toBe(200);
    const res = await withdraw('edda', id);
    expect(res.status).toBe(409);
    expect(await codeOf(res)).toBe('not_draft');
    expect((await withdraw('pia', 999_999)).status).toBe(404);
    expect((await withdraw('pia', Number.NaN)).status).toBe(404);
  });

  test('when a signed-in editor withdraws without the CSRF token, or from another site, nothing happens', async () => {
    const jar = new CookieJar();
    const local = await jar.fetch(`${svc.url}/staff/auth/local`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: svc.url, 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ user: 'anna', returnTo: '/staff/drafts' }).toString(),
    });
    expect(local.status).toBe(303);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await jar.fetch(`${svc.url}/staff`)).text())?.[1];
    if (csrf === undefined) throw new Error('no CSRF token on the page');
    const created = await jar.fetch(`${svc.url}/api/staff/changes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, origin: svc.url, 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ title: 'Annas utkast', baseVersion: (await api.corpus()).version, entries: [{ ...(await api.corpus()).entries.find((e) => e.id === 'invoices'), lastReviewed: '2023-03-02' }] }),
    });
    expect(created.status).toBe(201);
    const { id } = z.object({ id: z.number() }).parse(await created.json());
    const post = (headers: Record<string, string>) => jar.fetch(`${svc.url}/api/staff/changes/${id}/withdraw`, { method: 'POST', headers });
    expect((await post({ origin: svc.url, 'sec-fetch-site': 'same-origin' })).status).toBe(403);
    expect((await post({ 'x-csrf-token': csrf, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(z.object({ status: z.string() }).parse(await (await api.call('edda', 'GET', `/api/staff/changes/${id}`)).json()).status).toBe('draft');
    expect((await post({ 'x-csrf-token': csrf, origin: svc.url, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });
});
