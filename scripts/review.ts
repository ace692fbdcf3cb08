/**
 * npm run review [-- --days N] [--limit N] [--url URL]
 * The editors' top list in a terminal: residents' unanswered questions grouped by similarity, largest
 * first, with the entry the engine nearly chose, exactly as /staff/review shows them.
 *
 * Reads the store itself (DATABASE_URL, or the embedded database under STAFF_DATA_DIR or data/), or,
 * with --url, asks a running service's GET /api/staff/unanswered with STAFF_TOKEN. The embedded
 * database admits one process: while the service runs, use --url (or PostgreSQL).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseEnv } from '../src/config/index.js';
import { addDays, buildReview, DEFAULT_DATA_DIR, EmbeddedStoreInUseError, embeddedPaths, KEPT_DECISIONS, localDay, migrate, openDatabase, createSqlStore, reviewTable, startOfLocalDay, type ReviewRow } from '../src/records/index.js';
import { loadCorpusOrExit } from './lib.js';

const USAGE = 'Usage: npm run review -- [--days N] [--limit N] [--url http://127.0.0.1:3978]';
const { values } = parseArgs({ options: { days: { type: 'string' }, limit: { type: 'string' }, url: { type: 'string' } } });
const options = z
  .object({
    days: z.coerce.number().int().min(1).max(400),
    limit: z.coerce.number().int().min(1).max(200),
    url: z.url({ protocol: /^https?$/ }).optional(),
  })
  .safeParse({ days: values.days ?? 30, limit: values.limit ?? 20, url: values.url });
if (!options.success) {
  process.stderr.write(`review: ${z.prettifyError(options.error)}\n${USAGE}\n`);
  process.exit(2);
}
const { days, limit, url } = options.data;
const config = parseEnv(process.env);
if (!config.ok) {
  process.stderr.write(`${config.message}\n`);
  process.exit(2);
}
const env = config.env;

const unansweredSchema = z.object({
  from: z.string(),
  to: z.string(),
  questions: z.number(),
  items: z.array(
    z.object({
      text: z.string(),
      count: z.number(),
      decision: z.enum(KEPT_DECISIONS),
      nearest: z.object({ id: z.string(), confidence: z.number().nullable() }).nullable(),
    }),
  ),
});

async function fromService(base: string): Promise<{ rows: ReviewRow[]; heading: string }> {
  if (env.STAFF_TOKEN === undefined) throw new Error('--url needs STAFF_TOKEN in the environment (the same value the service has).');
  const res = await fetch(`${base.replace(/\/+$/, '')}/api/staff/unanswered?days=${days}&limit=${limit}`, { headers: { authorization: `Bearer ${env.STAFF_TOKEN}` } });
  if (!res.ok) throw new Error(`${base} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const body = unansweredSchema.parse(await res.json());
  return { rows: body.items, heading: `Obesvarade frågor ${body.from} – ${body.to} (${body.questions} sparade, ${body.items.length} grupper visas)` };
}

async function fromStore(): Promise<{ rows: ReviewRow[]; heading: string }> {
  const corpus = loadCorpusOrExit();
  const dataDir = env.STAFF_DATA_DIR ?? DEFAULT_DATA_DIR;
  if (env.DATABASE_URL === undefined && !existsSync(embeddedPaths(dataDir).dbDir)) {
    return { rows: [], heading: `Inget sparat ännu: det finns ingen inbyggd databas i ${dataDir}. Invånarnas frågor sparas när personalsidan är på (STAFF_TOKEN eller inloggning med Entra ID, se docs/staff.md).` };
  }
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
  try {
    await migrate(db);
    const store = createSqlStore(db);
    const timeZone = corpus.contact.openingHours.timeZone;
    const to = localDay(new Date(), timeZone);
    const from = addDays(to, -(days - 1));
    const questions = (await store.questions(startOfLocalDay(from, timeZone), 5000, 200)).filter((q) => q.decision !== 'answered');
    const groups = await buildReview(questions, corpus, limit);
    return { rows: groups, heading: `Obesvarade frågor ${from} – ${to} (${questions.length} sparade, ${groups.length} grupper visas)` };
  } finally {
    await db.close();
  }
}

try {
  const { rows, heading } = url === undefined ? await fromStore() : await fromService(url);
  process.stdout.write(reviewTable(rows, heading));
} catch (err) {
  if (err instanceof EmbeddedStoreInUseError) {
    process.stderr.write(`review: ${err.message}\nWhile the service runs, ask it instead: STAFF_TOKEN=… npm run review -- --url http://127.0.0.1:${env.PORT}\n`);
  } else {
    process.stderr.write(`review: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exit(1);
}
