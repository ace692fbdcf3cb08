import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { preparedDataDir } from '../support/embedded-template.js';
import { startInProcess, type InProcessService } from '../support/service.js';
import { apiClient, eventually, problemsBody, STAFF_API_TOKENS, type CorpusView } from './api-client.js';

const NEW_PHONE = { display: '011-15 12 34', tel: '+4611151234' };
const HUMAN = 'jag vill hellre tala med en handläggare';
const searchBody = z.object({
  decision: z.string(),
  escalation: z.object({ contact: z.object({ phone: z.string() }) }).optional(),
  results: z.array(z.looseObject({ id: z.string(), answer: z.string(), latestUpdate: z.object({ date: z.string(), text: z.string() }).optional() })),
});
const auditBody = z.object({
  items: z.array(z.object({ at: z.iso.datetime(), who: z.string(), action: z.string(), change: z.number().nullable(), version: z.number().nullable(), diff: z.array(z.looseObject({ file: z.string(), field: z.string() })) })),
});
const conflictBody = z.object({ error: z.object({ code: z.literal('conflict') }), latest: z.number(), paths: z.array(z.string()), theirs: z.record(z.string(), z.unknown()), mine: z.record(z.string(), z.unknown()) });

let svc: InProcessService;
let dataDir: string;
let api: ReturnType<typeof apiClient>;

const search = async (q: string) => searchBody.parse(await (await fetch(`${svc.url}/api/faq/search?q=${encodeURIComponent(q)}`)).json());
const entryOf = (corpus: CorpusView, id: string) => {
  const entry = corpus.entries.find((e) => e.id === id);
  if (!entry) throw new Error(`no entry ${id}`);
  return entry;
};

beforeAll(async () => {
  dataDir = await preparedDataDir();
  svc = await startInProcess({ STAFF_API_TOKENS, STAFF_DATA_DIR: dataDir, CORPUS_POLL_SECONDS: '1' }, { logLevel: 'warn' });
  api = apiClient(svc.url);
  await eventually(async () => ((await api.call('edda', 'GET', '/api/staff/corpus')).status === 200 ? true : undefined), 'the store seeded from faq-data/');
}, 60_000);
afterAll(async () => {
  await svc?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the published corpus in the store', () => {
  test('when the store is empty, the first start seeds version 1 from faq-data/ with every entry', async () => {
    const corpus = await api.corpus();
    expect(corpus.version).toBe(1);
    expect(corpus.publishedBy).toBe('faq-data');
    expect(corpus.entries.map((e) => e.id)).toEqual(svc.service.engine.corpus.entries.map((e) => e.id));
    expect(corpus.contact.phone.display).toBe(svc.service.engine.corpus.contact.phone.display);
  });

  test('without a token the API answers 401; an agent may read the corpus but not draft', async () => {
    expect((await api.call(undefined, 'GET', '/api/staff/corpus')).status).toBe(401);
    expect((await api.call('agda', 'GET', '/api/staff/corpus')).status).toBe(200);
    expect((await api.call('agda', 'POST', '/api/staff/changes', { title: 'x', baseVersion: 1 })).status).toBe(403);
  });
});

describe('draft, four eyes, publish', () => {
  test('when a second person publishes a new phone number and timeline update, residents are served both and the audit log names each step', async () => {
    const before = await api.corpus();
    const contact = { ...before.contact, phone: NEW_PHONE };
    const timeline = { ...before.timeline, updates: [...before.timeline.updates, { date: '2022-12-20', text: { sv: 'Nya uppgifter om läget: åtgärdat inom < 24 timmar & mer.', en: 'New facts about the situation.' }, source: { title: 'Cybersäkerhetsincidenten', url: 'https://www.norrkoping.se/' } }] };
    const id = await api.draft('edda', { title: 'Nytt telefonnummer och läget', baseVersion: before.version, contact, timeline });

    // An editor may not publish; the author may not publish their own draft even holding both roles.
    expect((await api.publish('edda', id)).status).toBe(403);
    const own = await api.draft('bodil', { title: 'Egen ändring', baseVersion: before.version, contact });
    const refused = await api.publish('bodil', own);
    expect(refused.status).toBe(403);
    expect(z.object({ error: z.object({ code: z.literal('four_eyes') }) }).parse(await refused.json()).error.code).toBe('four_eyes');

    const published = await api.publish('pia', id);
    expect(published.status).toBe(200);
    const { version } = z.object({ version: z.number() }).parse(await published.json());
    expect(version).toBe(before.version + 1);
    expect((await api.corpus()).contact.phone).toEqual(NEW_PHONE);

    const escalation = await eventually(async () => {
      const found = await search(HUMAN);
      return found.escalation?.contact.phone.includes('12 34') ? found : undefined;
    }, 'the new phone number served');
    expect(escalation.decision).toBe('escalate');
    const status = await search('hur är läget med attacken nu');
    expect(status.results.find((r) => r.id === 'incident-status')?.latestUpdate?.text).toBe('Nya uppgifter om läget: åtgärdat inom < 24 timmar & mer.');

    // Publishing the same draft twice is refused.
    expect((await api.publish('pia', id)).status).toBe(409);

    const audit = auditBody.parse(await (await api.call('pia', 'GET', '/api/staff/audit')).json());
    const publish = audit.items.find((a) => a.action === 'publish' && a.change === id);
    expect(publish?.who).toBe('pia');
    expect(publish?.diff).toContainEqual({ file: 'contact.yaml', field: 'phone.display', before: before.contact.phone.display, after: NEW_PHONE.display });
    expect(publish?.diff.some((d) => d.file === 'timeline.yaml' && d.field.startsWith(`updates.${before.timeline.updates.length}`))).toBe(true);
    expect(audit.items.find((a) => a.action === 'draft' && a.change === id)?.who).toBe('edda');
  });

  test('with STAFF_FOUR_EYES on by default, the same token cannot author and publish', async () => {
    const corpus = await api.corpus();
    const id = await api.draft('bodil', { title: 'x', baseVersion: corpus.version, entries: [{ ...entryOf(corpus, 'payments'), lastReviewed: '2023-01-20' }] });
    expect((await api.publish('bodil', id)).status).toBe(403);
    expect((await api.publish('pia', id)).status).toBe(200);
  });
});

describe('invalid drafts', () => {
  test('when an entry breaks the corpus rules, 422 names every problem at its entry and field and nothing is stored', async () => {
    const corpus = await api.corpus();
    const broken = { ...entryOf(corpus, 'invoices'), answer: { sv: 'Bara svenska.' }, related: ['finns-inte'] };
    const res = await api.call('edda', 'POST', '/api/staff/changes', { title: 'Trasig', baseVersion: corpus.version, entries: [broken] });
    expect(res.status).toBe(422);
    const { problems } = problemsBody.parse(await res.json());
    expect(problems).toContainEqual(expect.objectContaining({ entry: 'invoices', field: 'answer.en' }));
    const list = z.object({ items: z.array(z.object({ title: z.string() })) }).parse(await (await api.call('edda', 'GET', '/api/staff/changes')).json());
    expect(list.items.map((i) => i.title)).not.toContain('Trasig');
    expect((await api.corpus()).version).toBe(corpus.version);
  });

  test('when a related id does not exist or a phrasing belongs to another entry, the cross-checks name them', async () => {
    const corpus = await api.corpus();
    const payments = entryOf(corpus, 'payments');
    const otherQuestion = z.object({ question: z.object({ sv: z.string() }) }).parse(entryOf(corpus, 'invoices')).question.sv;
    const phrasings = z.object({ phrasings: z.object({ sv: z.array(z.string()), en: z.array(z.string()) }) }).parse(payments).phrasings;
    const res = await api.call('edda', 'POST', '/api/staff/changes', {
      title: 'Korsfel',
      baseVersion: corpus.version,
      entries: [{ ...payments, related: ['finns-inte'], phrasings: { ...phrasings, sv: [...phrasings.sv, otherQuestion] } }],
    });
    expect(res.status).toBe(422);
    const { problems } = problemsBody.parse(await res.json());
    expect(problems).toContainEqual(expect.objectContaining({ entry: 'payments', field: 'related' }));
    expect(problems).toContainEqual(expect.objectContaining({ entry: 'payments', field: 'phrasings' }));
  });

  test('when an answer holds a personnummer or a private phone number, the draft is refused', async () => {
    const corpus = await api.corpus();
    const invoices = entryOf(corpus, 'invoices');
    const res = await api.call('edda', 'POST', '/api/staff/changes', {
      title: 'Personuppgift',
      baseVersion: corpus.version,
      entries: [{ ...invoices, answer: { sv: 'Ring Anna på 070-123 45 67, personnummer 19900101-0017.', en: 'Call Anna.' } }],
    });
    expect(res.status).toBe(422);
    const { problems } = problemsBody.parse(await res.json());
    expect(problems.filter((p) => p.entry === 'invoices' && p.field === 'answer.sv').map((p) => p.message).join(' ')).toMatch(/personnummer[\s\S]*phone|phone[\s\S]*personnummer/);
  });

  test('when the body is not a change (no title, unknown field), 400; an unknown base version, 422', async () => {
    expect((await api.call('edda', 'POST', '/api/staff/changes', { baseVersion: 1 })).status).toBe(400);
    expect((await api.call('edda', 'POST', '/api/staff/changes', { title: 'x', baseVersion: 1, other: true })).status).toBe(400);
    const unknown = await api.call('edda', 'POST', '/api/staff/changes', { title: 'x', baseVersion: 9999 });
    expect(unknown.status).toBe(422);
    expect(problemsBody.parse(await unknown.json()).problems[0]?.field).toBe('baseVersion');
  });
});

describe('a change far larger than any corpus file', () => {
  test('when one object holds 35,000 made-up fields, 400 names where at once, nothing is stored, and residents are still answered', async () => {
    const before = await api.corpus();
    const exceptions = Object.fromEntries(Array.from({ length: 35_000 }, (_, i) => [`d${i}`, { opens: '08:00', closes: '15:00' }]));
    const contact = { ...before.contact, openingHours: { ...(before.contact['openingHours'] as object), exceptions } };
    const refused = await api.call('edda', 'POST', '/api/staff/changes', { title: 'Många dagar', baseVersion: before.version, contact });
    expect(refused.status).toBe(400);
    const body = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).parse(await refused.json());
    expect(body.error.message).toContain('openingHours.exceptions: 35000 fields, at most 200');
    const nested = Array.from({ length: 20 }).reduce<unknown>((inner) => [inner], 'djupt');
    const welcome = { ...(before as { welcome?: object }).welcome, nested };
    const deep = await api.call('edda', 'POST', '/api/staff/changes', { title: 'Djupt', baseVersion: before.version, welcome });
    expect(deep.status).toBe(400);
    expect((await api.corpus()).version).toBe(before.version);
    const drafts = z.object({ items: z.array(z.object({ title: z.string() })) }).parse(await (await api.call('edda', 'GET', '/api/staff/changes?status=draft')).json());
    expect(drafts.items.map((d) => d.title)).not.toContain('Många dagar');
    expect((await search('Kan mina uppgifter ha kommit ut?')).results.length).toBeGreaterThan(0);
  });
});

describe('optimistic locking and rollback', () => {
  test('when two editors change one entry from the same version, the second publish answers 409 with both sides and keeps the draft', async () => {
    const corpus = await api.corpus();
    const invoices = entryOf(corpus, 'invoices');
    const first = await api.draft('edda', { title: 'Eddas version', baseVersion: corpus.version, entries: [{ ...invoices, answer: { sv: 'Eddas svar.', en: "Edda's answer." } }] });
    const second = await api.draft('erik', { title: 'Eriks version', baseVersion: corpus.version, entries: [{ ...invoices, answer: { sv: 'Eriks svar.', en: "Erik's answer." } }] });
    // A third draft from the same version touching another entry is not in conflict: it is rebased.
    const police = entryOf(corpus, 'police-report');
    const third = await api.draft('erik', { title: 'Polisen', baseVersion: corpus.version, entries: [{ ...police, lastReviewed: '2023-01-21' }] });

    expect((await api.publish('pia', first)).status).toBe(200);
    const conflict = await api.publish('pia', second);
    expect(conflict.status).toBe(409);
    const body = conflictBody.parse(await conflict.json());
    expect(body.paths).toEqual(['entries/invoices.yaml']);
    expect(JSON.stringify(body.theirs)).toContain('Eddas svar.');
    expect(JSON.stringify(body.mine)).toContain('Eriks svar.');
    const kept = z.object({ status: z.string() }).parse(await (await api.call('erik', 'GET', `/api/staff/changes/${second}`)).json());
    expect(kept.status).toBe('draft');

    expect((await api.publish('pia', third)).status).toBe(200);
    const after = await api.corpus();
    expect(entryOf(after, 'invoices').answer?.sv).toBe('Eddas svar.');
    expect(z.object({ lastReviewed: z.string() }).parse(entryOf(after, 'police-report')).lastReviewed).toBe('2023-01-21');
  });

  test('when a publisher restores version 1, a new version with its content is served and audited', async () => {
    const latest = await api.corpus();
    expect(latest.contact.phone).toEqual(NEW_PHONE);
    expect((await api.call('edda', 'POST', '/api/staff/versions/1/restore')).status).toBe(403);
    expect((await api.call('pia', 'POST', '/api/staff/versions/9999/restore')).status).toBe(404);
    const res = await api.call('pia', 'POST', '/api/staff/versions/1/restore');
    expect(res.status).toBe(200);
    const { version } = z.object({ version: z.number() }).parse(await res.json());
    expect(version).toBe(latest.version + 1);
    const restored = await api.corpus();
    expect(restored.version).toBe(version);
    expect(restored.contact.phone.display).not.toBe(NEW_PHONE.display);
    await eventually(async () => ((await search(HUMAN)).escalation?.contact.phone.includes('12 34') === false ? true : undefined), 'the old phone number served again');
    const audit = auditBody.parse(await (await api.call('pia', 'GET', '/api/staff/audit')).json());
    expect(audit.items[0]).toMatchObject({ action: 'restore', who: 'pia', version });
  });
});
