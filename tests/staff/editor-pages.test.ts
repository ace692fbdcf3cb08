import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { STAFF_CSP } from '../../src/channels/staff/index.js';
import { problemsBody, startEditingService, type apiClient, TOKENS, type TokenName } from '../content/api-client.js';
import type { InProcessService } from '../support/service.js';

/**
 * The editors' pages over real HTTP (the browser flow is tests/staff/editors.browser.test.ts): who may
 * open which page, the same CSP as the other staff pages, and text with HTML in it shown as text.
 */
let svc: InProcessService;
let api: ReturnType<typeof apiClient>;

const page = async (who: TokenName, path: string) => {
  const res = await fetch(`${svc.url}${path}`, { headers: { authorization: `Bearer ${TOKENS[who]}` }, redirect: 'manual' });
  return { status: res.status, csp: res.headers.get('content-security-policy'), html: await res.text() };
};

let close: (() => Promise<void>) | undefined;

beforeAll(async () => void ({ svc, api, close } = await startEditingService()), 60_000);
afterAll(async () => close?.());

describe('the editors pages', () => {
  test('when each role opens them, editors edit, publishers see drafts and versions (and may restore), agents neither', async () => {
    for (const path of ['/staff/entries', '/staff/entries/new', '/staff/entries/payments', '/staff/timeline', '/staff/contact', '/staff/out-of-scope', '/staff/synonyms', '/staff/drafts', '/staff/versions']) {
      const edda = await page('edda', path);
      expect(edda.status, path).toBe(200);
      expect(edda.csp, path).toBe(STAFF_CSP);
      // Nothing inline: scripts by address, data in a JSON block the browser never runs.
      expect(edda.html.match(/<script(?![^>]*(?:src="\/staff\/assets\/|type="application\/json"))/g), path).toBeNull();
      expect((await page('agda', path)).status, path).toBe(403);
    }
    for (const path of ['/staff/entries', '/staff/contact']) expect((await page('pia', path)).status, path).toBe(403);
    expect((await page('pia', '/staff/drafts')).status).toBe(200);
    // With a second version, a publisher may restore the first; an editor sees the list only.
    const corpus = await api.corpus();
    const invoices = corpus.entries.find((e) => e.id === 'invoices');
    expect((await api.publish('pia', await api.draft('edda', { title: 'Granskad', baseVersion: corpus.version, entries: [{ ...invoices, lastReviewed: '2023-02-01' }] }))).status).toBe(200);
    expect((await page('pia', '/staff/versions')).html).toContain('class="restore" data-version="1"');
    expect((await page('edda', '/staff/versions')).html).not.toContain('class="restore"');
    expect((await page('edda', '/staff/entries/finns-inte')).status).toBe(404);
    expect((await page('edda', '/staff/drafts/999999')).status).toBe(404);
    // The navigation names the editors' pages for an editor, not for an agent.
    expect((await page('edda', '/staff')).html).toContain('href="/staff/entries"');
    expect((await page('agda', '/staff')).html).not.toContain('href="/staff/entries"');
  });

  test('an answer holding HTML is refused; a draft title holding HTML, and an answer holding "<" and "&", are shown as text on every page', async () => {
    const corpus = await api.corpus();
    const entry = corpus.entries.find((e) => e.id === 'payments');
    const refused = await api.call('edda', 'POST', '/api/staff/changes', { title: 'HTML', baseVersion: corpus.version, entries: [{ ...entry, answer: { sv: '<img src=x onerror=alert(1)> Utbetalningarna görs som vanligt.', en: 'Payments are made as usual.' } }] });
    expect(refused.status).toBe(422);
    const text = 'Utbetalningar <5 000 kr görs som vanligt & i tid.';
    const id = await api.draft('edda', { title: '<script>alert(1)</script> svar', baseVersion: corpus.version, entries: [{ ...entry, answer: { sv: text, en: 'Payments are made as usual.' } }] });
    for (const path of [`/staff/drafts/${id}`, '/staff/drafts', `/staff/entries/payments?draft=${id}`]) {
      const { html } = await page('bodil', path);
      expect(html, path).not.toContain('<script>alert');
      expect(html, path).toMatch(/&lt;(5 000 kr|script&gt;alert)/);
    }
    // The editor opened from the draft holds the draft's text, on top of the published version.
    const editor = (await page('edda', `/staff/entries/payments?draft=${id}`)).html;
    expect(editor).toContain(`utkast ${id}`);
    expect(editor).toContain('Utbetalningar &lt;5 000 kr görs som vanligt &amp; i tid.');
  });

  test('when a draft is withdrawn, its page offers the button only to its author and publishers, asks first, and the drafts list moves it under "Återkallade"', async () => {
    const corpus = await api.corpus();
    const invoices = corpus.entries.find((e) => e.id === 'invoices');
    const id = await api.draft('edda', { title: 'Tas tillbaka', baseVersion: corpus.version, entries: [{ ...invoices, lastReviewed: '2023-02-02' }] });
    const own = (await page('edda', `/staff/drafts/${id}`)).html;
    expect(own).toContain('<button type="button" id="withdraw" aria-haspopup="dialog">Återkalla utkastet</button>');
    // The confirmation: a modal dialog named by its question, with the safe choice focused first.
    expect(own).toMatch(/<dialog id="withdraw-dialog" aria-labelledby="withdraw-question"[^>]*>\s*<h2 id="withdraw-question">Återkalla utkast \d+\?<\/h2>/);
    expect(own).toContain('value="cancel" id="withdraw-cancel" autofocus>Avbryt</button>');
    expect(own).toContain(`"withdrawUrl":"/api/staff/changes/${id}/withdraw"`);
    expect((await page('pia', `/staff/drafts/${id}`)).html).toContain('id="withdraw"');
    expect((await page('erik', `/staff/drafts/${id}`)).html).not.toContain('id="withdraw"');
    expect((await page('edda', '/staff/drafts')).html).toContain(`href="/staff/drafts/${id}"`);

    expect((await api.call('edda', 'POST', `/api/staff/changes/${id}/withdraw`)).status).toBe(200);
    const list = (await page('edda', '/staff/drafts')).html;
    const [waiting, rest] = list.split('<h2>Återkallade</h2>');
    expect(waiting).not.toContain(`href="/staff/drafts/${id}"`);
    expect(rest).toContain(`href="/staff/drafts/${id}"`);
    const gone = (await page('pia', `/staff/drafts/${id}`)).html;
    expect(gone).toContain('<strong>Återkallat</strong>');
    expect(gone).toContain('Utkastet är återkallat och kan inte publiceras.');
    expect(gone).not.toContain('id="publish"');
    expect(gone).not.toContain('id="withdraw"');
  });

  test('when a contact draft gives Friday its own hours the contact editor shows them at their fields; a day not among the days is refused in Swedish at that day', async () => {
    const corpus = await api.corpus();
    const source = { title: 'Besök kontaktcenter', url: 'https://www.norrkoping.se/' };
    const hours = z.object({ openingHours: z.record(z.string(), z.unknown()) }).parse(corpus.contact).openingHours;
    const withDays = { ...hours, days: { list: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], source } };
    const id = await api.draft('edda', { title: 'Fredagar stänger 15.00', baseVersion: corpus.version, contact: { ...corpus.contact, openingHours: { ...withDays, exceptions: { friday: { opens: '08:00', closes: '15:00' } } } } });
    const editor = (await page('edda', `/staff/contact?draft=${id}`)).html;
    // editor.js saves a day's two fields together, and leaves them out when both are empty.
    expect(editor).toMatch(/<label for="f-openingHours-exceptions-friday-closes">Fredag stänger \(TT:MM\)/);
    expect(editor).toMatch(/id="f-openingHours-exceptions-friday-closes" name="openingHours\.exceptions\.friday\.closes" data-field="openingHours\.exceptions\.friday\.closes" data-kind="text" data-optional="true" data-group="openingHours\.exceptions\.friday" value="15:00"/);
    expect(editor).toMatch(/data-field="openingHours\.exceptions\.monday\.opens"[^>]*value=""/);

    const refused = await api.call('edda', 'POST', '/api/staff/changes', { title: 'x', baseVersion: corpus.version, contact: { ...corpus.contact, openingHours: { ...withDays, exceptions: { saturday: { opens: '10:00', closes: '14:00' } } } } });
    expect(refused.status).toBe(422);
    const body = problemsBody.parse(await refused.json());
    expect(body.problems.map((p) => p.field)).toEqual(['openingHours.exceptions.saturday']);
    const data = JSON.parse(/<script type="application\/json" id="staff-data">([\s\S]*?)<\/script>/.exec(editor)?.[1] ?? 'null') as { swedish: unknown };
    const window: { StaffSwedish?: { refusal: (json: unknown, S: unknown) => string } } = {};
    runInNewContext(await (await fetch(`${svc.url}/staff/assets/swedish.js`)).text(), { window });
    expect(window.StaffSwedish?.refusal(body, data.swedish)).toBe('Lördag är inte en av dagarna för besök: kryssa i lördag bland dagarna, eller töm dess egna öppettider');
  });

  test('when the API refuses, the words an editor sees on the pages are Swedish (through the served swedish.js and the page data)', async () => {
    // What the browser gets: the page's data block and the script it runs, over HTTP.
    const corpus = await api.corpus();
    const payments = corpus.entries.find((e) => e.id === 'payments');
    const any = await api.draft('edda', { title: 'För sidans data', baseVersion: corpus.version, entries: [{ ...payments, lastReviewed: '2023-02-03' }] });
    const draftPage = (await page('edda', `/staff/drafts/${any}`)).html;
    for (const path of [`/staff/drafts/${any}`, '/staff/entries/payments', '/staff/versions', '/staff/review']) {
      expect((await page('bodil', path)).html, path).toMatch(/<script src="\/staff\/assets\/swedish\.js" defer><\/script>\s*<script src="\/staff\/assets\/(draft|editor|versions|review)\.js"/);
    }
    const data = JSON.parse(/<script type="application\/json" id="staff-data">([\s\S]*?)<\/script>/.exec(draftPage)?.[1] ?? 'null') as { swedish: unknown };
    const script = await (await fetch(`${svc.url}/staff/assets/swedish.js`)).text();
    const window: { StaffSwedish?: { refusal: (json: unknown, S: unknown) => string; problem: (p: unknown, S: unknown) => string } } = {};
    runInNewContext(script, { window });
    const swedish = window.StaffSwedish;
    if (swedish === undefined) throw new Error('swedish.js defined nothing');
    const shown = async (res: Response) => swedish.refusal(await res.json(), data.swedish);
    const ENGLISH = /\b(the|must|is|of|and|entry|field|not|there|answer|holds|Try)\b/;

    // The rules: personal data, a phrasing another entry has, a value outside the schema's options, a copied phone number.
    const invoices = corpus.entries.find((e) => e.id === 'invoices') as unknown as Record<string, unknown> & { phrasings: { sv: string[] } };
    const refusals = {
      personal: await api.call('edda', 'POST', '/api/staff/changes', { title: 'x', baseVersion: corpus.version, entries: [{ ...invoices, answer: { sv: 'Ring Anna på 070-123 45 67, personnummer 19900101-0017.', en: 'Call Anna.' } }] }),
      phrasing: await api.call('edda', 'POST', '/api/staff/changes', { title: 'x', baseVersion: corpus.version, entries: [{ ...invoices, phrasings: { ...invoices.phrasings, sv: [...invoices.phrasings.sv, ...((payments as unknown as { phrasings: { sv: string[] } }).phrasings.sv.slice(0, 1))] } }] }),
      audience: await api.call('edda', 'POST', '/api/staff/changes', { title: 'x', baseVersion: corpus.version, entries: [{ ...invoices, audience: ['marsianer'] }] }),
      copied: await api.call('edda', 'POST', '/api/staff/changes', { title: 'x', baseVersion: corpus.version, entries: [{ ...invoices, answer: { sv: `Ring ${corpus.contact.phone.display}.`, en: 'Call us.' } }] }),
      badId: await api.call('edda', 'POST', '/api/staff/changes', { title: 'x', baseVersion: corpus.version, entries: [{ ...invoices, id: 'fakturor-på-ön' }] }),
      noEntry: await api.call('edda', 'POST', '/api/staff/review/drafts', { action: 'phrasing', text: 'när kommer pengarna', lang: 'sv', entry: 'finns-inte' }),
      onlyPersonal: await api.call('edda', 'POST', '/api/staff/review/drafts', { action: 'out-of-scope', text: '19900101-0017', lang: 'sv' }),
      fourEyes: await api.publish('bodil', await api.draft('bodil', { title: 'Egen', baseVersion: corpus.version, entries: [{ ...invoices, lastReviewed: '2023-02-04' }] })),
      notDraft: await api.call('pia', 'POST', `/api/staff/changes/${any}/withdraw`).then(() => api.publish('pia', any)),
    };
    const said: Record<string, string> = {};
    for (const [name, res] of Object.entries(refusals)) {
      expect(res.status, name).toBeGreaterThanOrEqual(400);
      said[name] = await shown(res);
      expect(said[name], `${name}: ${said[name]}`).not.toMatch(ENGLISH);
      expect(said[name], name).not.toBe('');
    }
    expect(said['personal']).toContain('personnummer');
    expect(said['personal']).toContain('telefonnummer som varken är kontaktcentrets eller står på den officiella sidan');
    expect(said['phrasing']).toMatch(/^Formuleringen ”.+” hör redan till svaret ”(payments|invoices)”/);
    expect(said['audience']).toContain('Ska vara något av "residents", "staff"');
    expect(said['copied']).toContain('Skriv {telefon} i stället');
    expect(said['badId']).toContain('små bokstäver a–z, siffror och bindestreck mellan orden (skriv å, ä, ö som a, a, o');
    expect(said['noEntry']).toContain('Det finns inget svar med id:t ”finns-inte”');
    expect(said['onlyPersonal']).toMatch(/personnummer|borttagna personuppgifter/);
    expect(said['fourEyes']).toContain('fyra ögon');
    expect(said['notDraft']).toBe('Utkastet är redan publicerat eller återkallat.');
    // The API itself keeps its English message for scripts.
    expect(z.object({ error: z.object({ message: z.string() }) }).parse(await (await api.publish('pia', any)).json()).error.message).toMatch(/not a draft/);
  });
});
