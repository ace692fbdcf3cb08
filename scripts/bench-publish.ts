/**
 * Publish-to-served: how long after an editor's draft is published (the publish request sent) the
 * residents' search API serves it, for a text-only change (an answer: the served model is reused) and a
 * phrasing change (the classifier retrains in a child process while the old version answers). The real
 * service (src/service.ts) with the embedded store in a temporary folder and two named API tokens, as an
 * operator runs it (from src/ transpiled into .start/, as `npm start` runs it, so the training child
 * starts without tsx's loader); each change is made three times and every figure printed. Targets: 1 s
 * and 10 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { OUT, prepareCompiled } from './start.mjs';

// The service as `npm start` runs it: the sources transpiled into .start/ (up to date first).
await prepareCompiled({ log: () => undefined });
const { parseEnv } = (await import(join(OUT, 'config/index.js'))) as typeof import('../src/config/index.js');
const { createLogger } = (await import(join(OUT, 'logging/index.js'))) as typeof import('../src/logging/index.js');
const { createRequestContext } = (await import(join(OUT, 'platform/index.js'))) as typeof import('../src/platform/index.js');
const { createService } = (await import(join(OUT, 'service.js'))) as typeof import('../src/service.js');

const EDITOR = `bench-editor-${'e'.repeat(32)}`;
const PUBLISHER = `bench-publisher-${'p'.repeat(32)}`;
const ROUNDS = 3;

const corpusView = z.object({ version: z.number(), entries: z.array(z.looseObject({ id: z.string() })) });
const entrySchema = z.looseObject({ id: z.string(), phrasings: z.object({ sv: z.array(z.string()), en: z.array(z.string()) }), answer: z.object({ sv: z.string(), en: z.string() }) });
const searchBody = z.object({ decision: z.string(), results: z.array(z.looseObject({ id: z.string(), answer: z.string() })) });

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-publish-'));
  const config = parseEnv({ PORT: '0', LOG_LEVEL: 'silent', RATE_LIMITS: 'off', STAFF_DATA_DIR: dataDir, STAFF_API_TOKENS: `editor:editor:${EDITOR} publisher:publisher:${PUBLISHER}`, CORPUS_POLL_SECONDS: '5' });
  if (!config.ok) throw new Error(config.message);
  const requestContext = createRequestContext();
  const started = await createService({
    env: config.env,
    logger: createLogger('silent', undefined, { mixin: requestContext.logFields }),
    requestContext,
    faqDataDir: fileURLToPath(new URL('../faq-data', import.meta.url)),
    localesDir: fileURLToPath(new URL('../locales', import.meta.url)),
    defaultMetrics: false,
  });
  if (!started.ok) throw new Error(started.problems.map((p) => p.message).join('; '));
  const service = started.service;
  const base = (await service.listen()).replace('[::]', '127.0.0.1').replace('[::ffff:127.0.0.1]', '127.0.0.1');
  process.stdout.write(`service at ${base}\n`);
  const call = (token: string, method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const search = async (q: string) => {
    const body = searchBody.parse(await (await fetch(`${base}/api/faq/search?q=${encodeURIComponent(q)}`)).json());
    // Only an answer counts: an escalation may still list weak candidates first.
    return body.decision === 'answer' ? body.results[0] : undefined;
  };

  try {
    let corpus: z.infer<typeof corpusView> | undefined;
    for (let i = 0; i < 600 && corpus === undefined; i++) {
      // While the embedded database is first created it holds the event loop: a connection may be reset.
      const res = await call(EDITOR, 'GET', '/api/staff/corpus').catch(() => undefined);
      if (res?.status === 200) corpus = corpusView.parse(await res.json());
      else await new Promise((r) => setTimeout(r, 100));
    }
    if (corpus === undefined) throw new Error('the store was not seeded within 60 s');

    const publishAndWait = async (entry: z.infer<typeof entrySchema>, probe: () => Promise<boolean>): Promise<number> => {
      const latest = corpusView.parse(await (await call(EDITOR, 'GET', '/api/staff/corpus')).json());
      const draft = await call(EDITOR, 'POST', '/api/staff/changes', { title: 'bench', baseVersion: latest.version, entries: [entry] });
      const { id } = z.object({ id: z.number() }).parse(await draft.json());
      const startedAt = performance.now();
      const published = await call(PUBLISHER, 'POST', `/api/staff/changes/${id}/publish`);
      if (published.status !== 200) throw new Error(`publish answered ${published.status}`);
      for (;;) {
        if (await probe()) return performance.now() - startedAt;
        if (performance.now() - startedAt > 120_000) throw new Error('not served within 120 s');
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const current = async (id: string) => {
      const latest = corpusView.parse(await (await call(EDITOR, 'GET', '/api/staff/corpus')).json());
      return entrySchema.parse(latest.entries.find((e) => e.id === id));
    };

    const text: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const entry = await current('invoices');
      const sv = `Kommunen betalar leverantörsfakturor (benchrunda ${round}).`;
      text.push(await publishAndWait({ ...entry, answer: { sv, en: `Supplier invoices are paid (bench round ${round}).` } }, async () => (await search('betalar ni leverantörsfakturor i tid'))?.answer === sv));
    }
    const phrasing: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const entry = await current('payments');
      // Words the corpus does not know until this phrasing teaches them (escalated as gibberish before).
      const odd = ['zebrakassan kvastfenan', 'lodjursplåten murkelvispen', 'tjäderkransen snögubbsfatet'][round - 1] ?? `okänt ord ${round}`;
      phrasing.push(await publishAndWait({ ...entry, phrasings: { ...entry.phrasings, sv: [...entry.phrasings.sv, odd] } }, async () => (await search(odd))?.id === 'payments'));
    }
    const fmt = (ms: number[]) => ms.map((m) => `${(m / 1000).toFixed(2)} s`).join(', ');
    // Training shares the machine's cores: the load says how far the figures are from an idle machine.
    process.stdout.write(`\nPublish to served (embedded store, one instance, ${ROUNDS} rounds each; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}):\n`);
    process.stdout.write(`  text-only change (an answer; model reused): ${fmt(text)}  (target ≤ 1 s)\n`);
    process.stdout.write(`  phrasing change (retrained in a child process): ${fmt(phrasing)}  (target ≤ 10 s)\n`);
  } finally {
    await service.shutdown('bench');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)} ${err instanceof Error && err.cause !== undefined ? String(err.cause) : ""}\n`);
  process.exit(1);
});
