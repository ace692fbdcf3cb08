import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.js';
import { fixture } from '../page/fixtures.js';
import { serveLoopbackPage, type LoopbackPage } from '../page/loopback-page.js';
import { apiClient, eventually, STAFF_API_TOKENS, type CorpusView } from './api-client.js';

/**
 * Two service processes sharing a real PostgreSQL, as two instances behind a load balancer: a draft made
 * and published on one is served by the other (LISTEN/NOTIFY, polling as the fallback). Timing is
 * measured by `npm run bench`; here only that it happens.
 */
let postgres: PostgresServer;
let a: ServiceProcess;
let b: ServiceProcess;
let officialPage: LoopbackPage;
const SEED_PAGE = fixture('norrkoping-incident.html');

const search = z.object({
  decision: z.string(),
  escalation: z.object({ contact: z.object({ phone: z.string() }) }).optional(),
  results: z.array(z.looseObject({ id: z.string(), answer: z.string() })),
});
const ask = async (service: ServiceProcess, q: string) => search.parse(await (await fetch(`${service.url}/api/faq/search?q=${encodeURIComponent(q)}`)).json());
const entryOf = (corpus: CorpusView, id: string) => {
  const entry = corpus.entries.find((e) => e.id === id);
  if (!entry) throw new Error(`no entry ${id}`);
  return entry;
};

beforeAll(async () => {
  postgres = await startPostgres();
  // Both instances watch the official page; the staff store's lock lets one of them fetch it.
  officialPage = await serveLoopbackPage(SEED_PAGE);
  const databaseUrl = await postgres.createDatabase('faqbot_replicas');
  // A long poll interval: the other instance hears of the publish through NOTIFY, not by polling.
  const env = { DATABASE_URL: databaseUrl, STAFF_API_TOKENS, CORPUS_POLL_SECONDS: '300', LOG_LEVEL: 'info', OFFICIAL_PAGE_URL: officialPage.url, OFFICIAL_PAGE_INTERVAL_SECONDS: '10' };
  a = await startServiceProcess({ env });
  await a.waitForLog((l) => l.msg === 'serving published version', 60_000);
  b = await startServiceProcess({ env });
  await b.waitForLog((l) => l.msg === 'serving published version', 60_000);
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await postgres?.stop();
  await officialPage?.close();
}, 60_000);

describe('two instances on one PostgreSQL', () => {
  test('when an answer is published on one instance, the other serves it; a new phrasing is learned by both', async () => {
    const apiA = apiClient(a.url);
    const apiB = apiClient(b.url);
    const corpus = await apiB.corpus();
    expect(corpus.version).toBe(1);
    const invoices = entryOf(corpus, 'invoices');
    const answer = { sv: 'Kommunen betalar leverantörsfakturor som vanligt igen (publicerad i testet).', en: 'The municipality pays supplier invoices as usual again (published in the test).' };
    const id = await apiA.draft('edda', { title: 'Nytt svar om fakturor', baseVersion: corpus.version, entries: [{ ...invoices, answer }] });
    expect((await apiA.publish('pia', id)).status).toBe(200);

    for (const service of [a, b]) {
      await eventually(async () => ((await ask(service, 'betalar ni leverantörsfakturor i tid')).results[0]?.answer === answer.sv ? true : undefined), `the new answer on ${service.url}`, 20_000);
    }
    const textOnly = await b.waitForLog((l) => l.msg === 'serving published version' && l['version'] === 2);
    expect(textOnly['result']).toBe('success');

    // A phrasing no entry has yet: both instances retrain (in a child process) and then answer it.
    const strange = 'blixtlåsfabriken i vattentornet';
    expect((await ask(b, strange)).results[0]?.id === 'payments' && (await ask(b, strange)).decision === 'answer').toBe(false);
    const latest = await apiB.corpus();
    const payments = z.looseObject({ phrasings: z.object({ sv: z.array(z.string()), en: z.array(z.string()) }) }).parse(entryOf(latest, 'payments'));
    const id2 = await apiB.draft('erik', { title: 'Ny formulering', baseVersion: latest.version, entries: [{ ...payments, phrasings: { ...payments.phrasings, sv: [...payments.phrasings.sv, strange] } }] });
    expect((await apiB.publish('pia', id2)).status).toBe(200);
    for (const service of [a, b]) {
      await eventually(async () => ((await ask(service, strange)).results[0]?.id === 'payments' ? true : undefined), `the new phrasing learned on ${service.url}`, 90_000);
    }
  }, 150_000);

  test('one instance of two watches the official page; its change reaches the editors on either instance as a draft', async () => {
    const outcome = z.object({ details: z.object({ officialPages: z.array(z.object({ lastOutcome: z.string().optional() })) }) });
    const outcomes = await eventually(async () => {
      const both = await Promise.all([a, b].map(async (s) => outcome.parse(await (await fetch(`${s.url}/readyz`)).json()).details.officialPages[0]?.lastOutcome));
      return both.every((o) => o !== undefined) ? both : undefined;
    }, 'both instances tried the page', 30_000);
    expect(outcomes.filter((o) => o === 'not-leader')).toHaveLength(1);
    // One full reading (the baseline); the leader's later rounds are conditional (304).
    expect(officialPage.served.get(200)).toBe(1);

    const NEW = 'Lördag den 10 december öppnade kommunens e-tjänster igen för invånarna.';
    officialPage.body = SEED_PAGE.replace('<p class="normal">Tisdag den 6 december', `<p class="normal">${NEW}</p><p class="normal">Tisdag den 6 december`);
    const changes = z.object({ changes: z.array(z.object({ draftId: z.number().nullable(), change: z.object({ draftedUpdates: z.array(z.object({ text: z.string() })) }) })) });
    for (const s of [a, b]) {
      const logged = await eventually(async () => {
        const res = await apiClient(s.url).call('edda', 'GET', '/api/staff/official-page');
        const body = changes.parse(await res.json());
        return body.changes.length > 0 ? body.changes : undefined;
      }, `the change on ${s.url}`, 30_000);
      expect(logged).toHaveLength(1);
      expect(logged[0]?.draftId).not.toBeNull();
      expect(logged[0]?.change.draftedUpdates.map((u) => u.text)).toEqual([NEW]);
    }
  }, 60_000);

  test('when PostgreSQL goes away, residents are still answered with the corpus held and editing answers 503', async () => {
    await postgres.stop();
    const answered = await ask(a, 'betalar ni leverantörsfakturor i tid');
    expect(answered.results[0]?.id).toBe('invoices');
    const refused = await apiClient(b.url).call('edda', 'POST', '/api/staff/changes', { title: 'x', baseVersion: 3 });
    expect(refused.status).toBe(503);
    expect((await apiClient(a.url).call('edda', 'GET', '/api/staff/corpus')).status).toBe(503);
  }, 30_000);
});
