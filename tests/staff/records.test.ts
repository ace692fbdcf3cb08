import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createLogger } from '../../src/logging/index.js';
import {
  buildReview,
  buildStats,
  createSqlStore,
  createTurnRecorder,
  EmbeddedStoreInUseError,
  migrate,
  openDatabase,
  purgeExpired,
  reviewTable,
  startRecords,
  WriteQueue,
  type RecordStore,
  type ResidentTurn,
  type TurnOutcome,
  type SqlDatabase,
} from '../../src/records/index.js';
import { realCorpus } from '../support/corpus.js';
import { startPostgres, type PostgresServer } from '../support/postgres-server.js';

const TZ = 'Europe/Stockholm';
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const silent = createLogger('silent');
const corpus = realCorpus();
const entry = (id: string) => corpus.entries.find((e) => e.id === id);

/** A resident's escalated message full of personal data (valid personnummer checksum). */
const PERSONAL = 'Mitt personnummer är 19900101-0017, ring mig på 070-123 45 67 eller maila anna.svensson@example.se om min faktura';
const RAW_PERSONAL = /19900101|0017|070|123 45 67|anna|svensson|example\.se/i;

/** Wednesday 2 December 2026, 10:15 in Stockholm. */
const AT = new Date('2026-12-02T09:15:00Z');

type Common = Omit<ResidentTurn, keyof TurnOutcome>;

/** A turn of one kind at AT in web chat's conversation "conv-1", unless the fields say otherwise. */
function turn<T extends TurnOutcome>(fields: T & Partial<Common>): ResidentTurn {
  const common: Common = { at: AT, channel: 'webchat', conversationId: 'conv-1', lang: 'sv', text: '' };
  return { ...common, ...fields };
}

/** The recorder and write queue over a store, as startRecords composes them. */
function recording(store: RecordStore) {
  const queue = new WriteQueue({ logger: silent, flushIntervalMs: 60_000 });
  queue.attach(store);
  return { recorder: createTurnRecorder({ queue, logger: silent, timeZone: TZ }), queue };
}

interface Backend {
  readonly name: string;
  open(): Promise<{ db: SqlDatabase; url?: string }>;
}

let pgServer: PostgresServer | undefined;
const embeddedDir = mkdtempSync(join(tmpdir(), 'staff-store-'));

const backends: Backend[] = [
  {
    name: 'the embedded database (PGlite file)',
    open: async () => ({ db: await openDatabase({ dataDir: embeddedDir }) }),
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      pgServer = await startPostgres();
      const url = await pgServer.createDatabase('suite');
      return { db: await openDatabase({ databaseUrl: url, dataDir: embeddedDir }), url };
    },
  },
];

afterAll(async () => {
  await pgServer?.stop();
  rmSync(embeddedDir, { recursive: true, force: true });
});

describe.each(backends)('the staff store on $name', (backend) => {
  let db: SqlDatabase;
  let store: RecordStore;

  beforeAll(async () => {
    db = (await backend.open()).db;
    await migrate(db);
    store = createSqlStore(db);
  }, 60_000);

  afterAll(async () => {
    await store?.close();
  });

  beforeEach(async () => {
    await db.query('DELETE FROM staff_resident_questions');
    await db.query('DELETE FROM staff_turn_counts');
  });

  test('when migrations run again, nothing is applied twice', async () => {
    expect(await migrate(db)).toEqual({ applied: [] });
    const versions = await db.query('SELECT version FROM staff_schema_migrations ORDER BY version');
    expect(versions.rows.map((r) => Number(r.version))).toEqual([1, 2]);
  });

  test('when a resident escalates with a personnummer, a phone number and an e-mail, the store holds none of them', async () => {
    const { recorder, queue } = recording(store);
    recorder.record(turn({ kind: 'escalate', reason: 'low-confidence', confidence: 0.15, candidateIds: ['invoices', 'contact'], text: PERSONAL }));
    await queue.flush();

    const kept = await store.questions(new Date(0), 10);
    expect(kept).toHaveLength(1);
    expect(kept[0]?.text).toBe('Mitt personnummer är [personnummer], ring mig på [telefon] eller maila [e-post] om min faktura');
    expect(kept[0]).toMatchObject({ decision: 'escalate', reason: 'low-confidence', candidateIds: ['invoices', 'contact'], channel: 'webchat', lang: 'sv' });
    expect(kept[0]?.confidence).toBeCloseTo(0.15, 5);
    // Nothing anywhere in the database: every column of every table.
    const everything = JSON.stringify([(await db.query('SELECT * FROM staff_resident_questions')).rows, (await db.query('SELECT * FROM staff_turn_counts')).rows]);
    expect(everything).not.toMatch(RAW_PERSONAL);
    expect(everything).not.toContain('conv-1');
  });

  test('when a question is answered, it is counted by entry, day and hour but not kept', async () => {
    const { recorder, queue } = recording(store);
    recorder.record(turn({ kind: 'answer', entryId: 'personal-data', via: 'question', confidence: 0.93, text: 'har mina uppgifter läckt' }));
    recorder.record(turn({ kind: 'answer', entryId: 'personal-data', via: 'click', text: 'Kan personuppgifter ha läckt?', conversationId: 'conv-2' }));
    await queue.flush();

    expect(await store.questions(new Date(0), 10)).toEqual([]);
    const counts = await db.query('SELECT day, hour, outcome, entry_id, channel, lang, count FROM staff_turn_counts ORDER BY outcome');
    expect(counts.rows.map((r) => ({ ...r, hour: Number(r.hour), count: Number(r.count) }))).toEqual([
      { day: '2026-12-02', hour: 10, outcome: 'answer', entry_id: 'personal-data', channel: 'webchat', lang: 'sv', count: 1 },
      { day: '2026-12-02', hour: 10, outcome: 'answer-click', entry_id: 'personal-data', channel: 'webchat', lang: 'sv', count: 1 },
    ]);
  });

  test('when "Inget av dessa" or "Nej" follows, the question before it is kept with that outcome', async () => {
    const { recorder, queue } = recording(store);
    recorder.record(turn({ kind: 'clarify', confidence: 0.55, candidateIds: ['payments', 'invoices'], text: 'när får jag betalt 0701234567' }));
    recorder.record(turn({ kind: 'none-of-these', text: 'Inget av dessa' }));
    recorder.record(turn({ kind: 'answer', entryId: 'incident-status', via: 'question', confidence: 0.81, text: 'är det löst nu', conversationId: 'conv-3' }));
    recorder.record(turn({ kind: 'feedback', entryId: 'incident-status', helpful: false, text: 'Nej', conversationId: 'conv-3' }));
    recorder.record(turn({ kind: 'feedback', entryId: 'incident-status', helpful: true, text: 'Ja', conversationId: 'conv-4' }));
    await queue.flush();

    const kept = await store.questions(new Date(0), 10);
    expect(kept.map((q) => [q.decision, q.text, q.candidateIds])).toEqual(
      expect.arrayContaining([
        ['clarify', 'när får jag betalt [telefon]', ['payments', 'invoices']],
        ['none-of-these', 'när får jag betalt [telefon]', ['payments', 'invoices']],
        ['not-helpful', 'är det löst nu', ['incident-status']],
      ]),
    );
    expect(kept).toHaveLength(3);
    const summary = await store.counts('2026-12-02', '2026-12-02');
    expect(summary.byEntry).toEqual(
      expect.arrayContaining([
        { entryId: 'incident-status', outcome: 'not-helpful', count: 1 },
        { entryId: 'incident-status', outcome: 'helpful', count: 1 },
        { entryId: 'payments', outcome: 'none-of-these', count: 1 },
      ]),
    );
  });

  test('when batches repeat a counter, the store adds them up', async () => {
    const { recorder, queue } = recording(store);
    for (let i = 0; i < 3; i++) {
      recorder.record(turn({ kind: 'answer', entryId: 'contact', via: 'question', confidence: 1, text: 'telefonnummer' }));
      await queue.flush();
    }
    const summary = await store.counts('2026-12-02', '2026-12-02');
    expect(summary.byEntry).toEqual([{ entryId: 'contact', outcome: 'answer', count: 3 }]);
  });

  test('when questions are older than the retention, they are purged and newer ones stay', async () => {
    const { recorder, queue } = recording(store);
    const day = 86_400_000;
    recorder.record(turn({ kind: 'escalate', reason: 'off-topic', confidence: 0.2, candidateIds: [], text: 'gammal fråga', at: new Date(AT.getTime() - 31 * day) }));
    recorder.record(turn({ kind: 'escalate', reason: 'off-topic', confidence: 0.2, candidateIds: [], text: 'ny fråga', at: new Date(AT.getTime() - 29 * day) }));
    await queue.flush();

    const removed = await purgeExpired(store, AT, { questionDays: 30, countDays: 30, timeZone: TZ });
    expect(removed.questions).toBe(1);
    expect(removed.counts).toBe(1);
    expect((await store.questions(new Date(0), 10)).map((q) => q.text)).toEqual(['ny fråga']);
  });

  test('when residents ask the same thing in different words, the review groups them, largest first, with the nearest entry and a YAML snippet', async () => {
    const { recorder, queue } = recording(store);
    const ask = (text: string, candidateIds: string[], confidence: number) =>
      recorder.record(turn({ kind: 'escalate', reason: 'low-confidence', confidence, candidateIds, text, conversationId: undefined }));
    ask('kan jag betala med swish', ['invoices', 'payments'], 0.35);
    ask('betala med swish går det', ['invoices', 'payments'], 0.34);
    ask('Kan jag betala med Swish?', ['invoices'], 0.33);
    ask('Hur ansöker jag om bygglov?', ['services-affected'], 0.33);
    ask('bygglov ansökan hur', ['services-affected'], 0.31);
    ask('lön', [], 0);
    await queue.flush();

    const review = await buildReview(await store.questions(new Date(0), 100), corpus);
    expect(review.map((g) => g.count)).toEqual([3, 2, 1]);
    const [swish, bygglov, lon] = review;
    expect(swish?.nearest).toEqual({ id: 'invoices', question: entry('invoices')?.question.sv, confidence: 0.34 });
    expect(swish?.decision).toBe('escalate');
    expect(swish?.examples.length).toBe(2);
    expect(bygglov?.nearest?.id).toBe('services-affected');
    expect(lon?.nearest).toBeNull();
    // The snippet pastes under the entry's phrasings and parses back to the resident's words.
    const snippet = swish?.snippet ?? '';
    expect(snippet).toContain('faq-data/entries/invoices.yaml');
    expect(parseYaml(`phrasings:\n  sv:\n${snippet.split('\n').slice(1).join('\n')}`)).toEqual({ phrasings: { sv: [swish?.text] } });
    expect(lon?.snippet).toContain('faq-data/out-of-scope.yaml');
  });

  test('the numbers: shares, every day of the period, busiest hours, per entry and the most used today', async () => {
    const { recorder, queue } = recording(store);
    const yesterday = new Date(AT.getTime() - 86_400_000);
    recorder.record(turn({ kind: 'answer', entryId: 'payments', via: 'question', confidence: 0.9, text: 'lön' }));
    recorder.record(turn({ kind: 'answer', entryId: 'payments', via: 'click', text: 'Betalar kommunen ut pengar som vanligt?' }));
    recorder.record(turn({ kind: 'answer', entryId: 'contact', via: 'question', confidence: 0.9, text: 'telefon', at: yesterday }));
    recorder.record(turn({ kind: 'clarify', confidence: 0.6, candidateIds: ['payments', 'invoices'], text: 'pengar' }));
    recorder.record(turn({ kind: 'escalate', reason: 'off-topic', confidence: 0.3, candidateIds: ['contact'], text: 'bygglov' }));
    recorder.record(turn({ kind: 'feedback', entryId: 'payments', helpful: true, text: 'Ja' }));
    await queue.flush();

    const range = { from: '2026-11-30', to: '2026-12-02', today: '2026-12-02' };
    const stats = buildStats(await store.counts(range.from, range.to), await store.counts(range.today, range.today), range, corpus);
    expect(stats.totals).toMatchObject({ questions: 4, answered: 2, clarified: 1, escalated: 1, answerClicks: 1, helpful: 1 });
    expect(stats.shares).toEqual({ answered: 0.5, clarified: 0.25, escalated: 0.25 });
    expect(stats.days).toEqual([
      { day: '2026-11-30', answered: 0, clarified: 0, escalated: 0 },
      { day: '2026-12-01', answered: 1, clarified: 0, escalated: 0 },
      { day: '2026-12-02', answered: 1, clarified: 1, escalated: 1 },
    ]);
    expect(stats.hours).toHaveLength(24);
    expect(stats.hours[10]).toEqual({ hour: 10, questions: 4 });
    expect(stats.entries[0]).toMatchObject({ id: 'payments', shown: 2, helpful: 1, notHelpful: 0, clarified: 1 });
    expect(stats.entries.find((e) => e.id === 'contact')).toMatchObject({ shown: 1, escalated: 1 });
    expect(stats.mostUsedToday).toEqual([{ id: 'payments', question: entry('payments')?.question.sv, count: 2 }]);
  });

  test('when the store fails, recording returns at once, the failure is counted and logged, and the writes arrive on the retry', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    let failNext = true;
    const flaky: RecordStore = {
      ...store,
      write: (batch) => (failNext ? ((failNext = false), Promise.reject(new Error('connection lost'))) : store.write(batch)),
    };
    const queue = new WriteQueue({ logger, flushIntervalMs: 60_000 });
    queue.attach(flaky);
    const recorder = createTurnRecorder({ queue, logger, timeZone: TZ });

    recorder.record(turn({ kind: 'escalate', reason: 'human', confidence: 0.3, candidateIds: ['contact'], text: 'jag vill hellre tala med en handläggare' }));
    await queue.flush();
    expect(queue.stats.failures).toBe(1);
    expect(queue.pending).toBe(2);
    const logged = lines.map((l) => JSON.parse(l) as { event?: string; failures?: number });
    expect(logged).toContainEqual(expect.objectContaining({ event: 'staff-store-write-failed', failures: 1 }));
    expect(lines.join('\n')).not.toContain('handläggare');

    await queue.flush();
    expect(queue.pending).toBe(0);
    expect((await store.questions(new Date(0), 10)).map((q) => q.text)).toEqual(['jag vill hellre tala med en handläggare']);
  });
});

describe('the embedded database', () => {
  test('when a second opener finds it in use, it is refused with a clear message; after closing and reopening, the data is still there', async () => {
    // The suite above has closed its handle on this folder: the schema is there, reopening takes about a second.
    const first = await openDatabase({ dataDir: embeddedDir });
    await first.query("INSERT INTO staff_turn_counts VALUES ('2020-01-01', 10, 'answer', 'contact', 'webchat', 'sv', 7)");
    const second = openDatabase({ dataDir: embeddedDir });
    await expect(second).rejects.toBeInstanceOf(EmbeddedStoreInUseError);
    await expect(second).rejects.toThrow(/DATABASE_URL/);
    await first.close();

    const store = createSqlStore(await openDatabase({ dataDir: embeddedDir }));
    expect((await store.counts('2020-01-01', '2020-01-01')).byEntry).toEqual([{ entryId: 'contact', outcome: 'answer', count: 7 }]);
    await store.close();
  });
});

describe('two instances on one PostgreSQL', () => {
  test('when both record, both read the same questions and summed counts; migrations raced at start-up apply once', async () => {
    if (!pgServer) throw new Error('the PostgreSQL suite above starts the server');
    const url = await pgServer.createDatabase('shared');
    const options = { databaseUrl: url, dataDir: embeddedDir, retentionDays: 30, countRetentionDays: 400, timeZone: TZ, logger: silent, clock: () => AT };
    const [a, b] = [startRecords(options), startRecords(options)];
    try {
      const [storeA, storeB] = await Promise.all([a.ready, b.ready]);
      a.recorder.record(turn({ kind: 'escalate', reason: 'off-topic', confidence: 0.2, candidateIds: [], text: 'från instans A' }));
      b.recorder.record(turn({ kind: 'escalate', reason: 'off-topic', confidence: 0.2, candidateIds: [], text: 'från instans B' }));
      a.recorder.record(turn({ kind: 'answer', entryId: 'contact', via: 'question', confidence: 1, text: 'telefon' }));
      b.recorder.record(turn({ kind: 'answer', entryId: 'contact', via: 'question', confidence: 1, text: 'telefon' }));
      await Promise.all([a.flush(), b.flush()]);

      for (const store of [storeA, storeB]) {
        expect((await store.questions(new Date(0), 10)).map((q) => q.text).sort()).toEqual(['från instans A', 'från instans B']);
        expect((await store.counts('2026-12-02', '2026-12-02')).byEntry).toEqual([{ entryId: 'contact', outcome: 'answer', count: 2 }]);
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('when the database is not there at start-up, turns wait in memory and are written once it is', async () => {
    if (!pgServer) throw new Error('the PostgreSQL suite above starts the server');
    const url = pgServer.urlFor('late');
    const records = startRecords({ databaseUrl: url, dataDir: embeddedDir, retentionDays: 30, countRetentionDays: 400, timeZone: TZ, logger: silent, clock: () => AT, retryDelaysMs: [100] });
    try {
      records.recorder.record(turn({ kind: 'escalate', reason: 'off-topic', confidence: 0.2, candidateIds: [], text: 'skrevs innan databasen fanns' }));
      await expect.poll(() => records.status()).toMatchObject({ state: 'opening', error: expect.stringMatching(/late/) });
      expect(records.queueStats().pending).toBe(2);
      await pgServer.createDatabase('late');
      const store = await records.ready;
      await records.flush();
      expect((await store.questions(new Date(0), 10)).map((q) => q.text)).toEqual(['skrevs innan databasen fanns']);
    } finally {
      await records.close();
    }
  });

  test('when retention runs at start-up, questions older than the retention are already gone', async () => {
    if (!pgServer) throw new Error('the PostgreSQL suite above starts the server');
    const url = await pgServer.createDatabase('retention');
    const db = await openDatabase({ databaseUrl: url, dataDir: embeddedDir });
    await migrate(db);
    const store = createSqlStore(db);
    const { recorder, queue } = recording(store);
    recorder.record(turn({ kind: 'escalate', reason: 'off-topic', confidence: 0.2, candidateIds: [], text: 'för gammal', at: new Date(AT.getTime() - 40 * 86_400_000) }));
    recorder.record(turn({ kind: 'escalate', reason: 'off-topic', confidence: 0.2, candidateIds: [], text: 'färsk', at: new Date(AT.getTime() - 86_400_000) }));
    await queue.flush();
    await store.close();

    const records = startRecords({ databaseUrl: url, dataDir: embeddedDir, retentionDays: 30, countRetentionDays: 400, timeZone: TZ, logger: silent, clock: () => AT });
    try {
      const opened = await records.ready;
      await expect.poll(async () => (await opened.questions(new Date(0), 10)).map((q) => q.text)).toEqual(['färsk']);
    } finally {
      await records.close();
    }
  });

  test('npm run review prints the same top list in a terminal, read from the store', async () => {
    if (!pgServer) throw new Error('the PostgreSQL suite above starts the server');
    const url = await pgServer.createDatabase('review_cli');
    const db = await openDatabase({ databaseUrl: url, dataDir: embeddedDir });
    await migrate(db);
    const store = createSqlStore(db);
    const { recorder, queue } = recording(store);
    const now = new Date();
    for (const text of ['kan jag betala med swish', 'betala med swish går det', 'Kan jag betala med Swish?']) {
      recorder.record(turn({ kind: 'escalate', reason: 'low-confidence', confidence: 0.35, candidateIds: ['invoices'], text, at: now }));
    }
    recorder.record(turn({ kind: 'clarify', confidence: 0.5, candidateIds: ['payments', 'invoices'], text: 'när kommer pengarna 070-123 45 67', at: now }));
    await queue.flush();
    const expected = await buildReview(await store.questions(new Date(0), 100), corpus);
    await store.close();

    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/review.ts', '--days', '2'], { cwd: REPO, env: { ...process.env, DATABASE_URL: url }, timeout: 60_000 });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Obesvarade frågor \d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2} \(4 sparade, 2 grupper visas\)$/);
    // The same groups as the review page, in the same order, as a terminal table.
    expect(stdout.split('\n').slice(1)).toEqual(reviewTable(expected, '').split('\n').slice(1));
    expect(lines[3]).toBe('  1      3  Hänvisad        invoices (35 %)                     Kan jag betala med Swish?');
    expect(lines[4]).toBe('  2      1  Menar du        payments (50 %)                     när kommer pengarna [telefon]');
    expect(stdout).not.toContain('070-123');
  }, 60_000);
});
