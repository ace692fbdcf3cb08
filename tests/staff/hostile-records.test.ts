import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createLogger } from '../../src/logging/index.js';
import { createSqlStore, createTurnRecorder, embeddedPaths, migrate, openDatabase, purgeExpired, WriteQueue, type KeptQuestion, type RecordStore, type SqlDatabase } from '../../src/records/index.js';
import { startPostgres, type PostgresServer } from '../support/postgres-server.js';

const TZ = 'Europe/Stockholm';
const AT = new Date('2026-12-02T09:15:00Z');
const silent = createLogger('silent');

const kept = (text: string, source: string, at = AT): KeptQuestion => ({
  askedAt: at,
  text,
  decision: 'escalate',
  reason: 'off-topic',
  confidence: 0.2,
  candidateIds: [],
  channel: 'webchat',
  lang: 'sv',
  source,
});

let pgServer: PostgresServer | undefined;
const embeddedDir = mkdtempSync(join(tmpdir(), 'hostile-store-'));
const backends = [
  { name: 'the embedded database', open: () => openDatabase({ dataDir: embeddedDir }) },
  {
    name: 'PostgreSQL',
    open: async () => {
      pgServer = await startPostgres();
      return openDatabase({ databaseUrl: await pgServer.createDatabase('hostile'), dataDir: embeddedDir });
    },
  },
];

afterAll(async () => {
  await pgServer?.stop();
  rmSync(embeddedDir, { recursive: true, force: true });
});

describe.each(backends)('hostile records on $name', (backend) => {
  let db: SqlDatabase;
  let store: RecordStore;

  beforeAll(async () => {
    db = await backend.open();
    await migrate(db);
    store = createSqlStore(db);
  }, 60_000);
  afterAll(() => store?.close());
  beforeEach(async () => {
    await db.query('DELETE FROM staff_resident_questions');
    await db.query('DELETE FROM staff_turn_counts');
  });

  test('when a resident writes NUL and other control characters, the question is kept without them, and so is everyone else’s', async () => {
    const queue = new WriteQueue({ logger: silent, flushIntervalMs: 60_000 });
    queue.attach(store);
    const recorder = createTurnRecorder({ queue, logger: silent, timeZone: TZ });
    const escalate = (text: string, conversationId: string) =>
      recorder.record({ kind: 'escalate', reason: 'off-topic', confidence: 0.2, candidateIds: [], text, at: AT, channel: 'webchat', conversationId, lang: 'sv' });
    escalate('bygglov för altan', 'conv-a');
    escalate('hej\u0000då\u0007 \u001b[31mröd\u009b text \ud800', 'conv-b');
    escalate('parkering vid stadshuset', 'conv-c');
    await queue.flush();

    const texts = (await store.questions(new Date(0), 10)).map((q) => q.text).sort();
    expect(texts).toEqual(['bygglov för altan', 'hej då [31mröd text \ufffd', 'parkering vid stadshuset']);
    expect(queue.stats).toMatchObject({ refused: 0, dropped: 0 });
  });

  test('when the store refuses one row of a batch, only that row is dropped and counted; the others and the counts arrive', async () => {
    const queue = new WriteQueue({ logger: silent, flushIntervalMs: 60_000 });
    queue.attach(store);
    // Past the recorder (which removes NUL) straight into the queue: the store itself refuses this row.
    queue.add(kept('första', 's1'), [{ day: '2026-12-02', hour: 10, outcome: 'escalate', entryId: '', channel: 'webchat', lang: 'sv' }]);
    queue.add(kept('trasig\u0000rad', 's2'), []);
    queue.add(kept('tredje', 's3'), [{ day: '2026-12-02', hour: 10, outcome: 'escalate', entryId: '', channel: 'webchat', lang: 'sv' }]);
    await queue.flush();

    expect((await store.questions(new Date(0), 10)).map((q) => q.text).sort()).toEqual(['första', 'tredje']);
    const counts = await store.counts('2026-12-02', '2026-12-02');
    expect(counts.byDay).toEqual([{ day: '2026-12-02', outcome: 'escalate', count: 2 }]);
    expect(queue.stats).toMatchObject({ refused: 1, dropped: 1, written: 3 });
    expect(queue.pending).toBe(0);
  });

  test('when one source floods, the review window holds only its newest few and every other source’s questions stay', async () => {
    const queue = new WriteQueue({ logger: silent, flushIntervalMs: 60_000 });
    queue.attach(store);
    queue.add(kept('en riktig fråga om bygglov', 'resident-1', new Date(AT.getTime() - 60_000)), []);
    queue.add(kept('en annan riktig fråga', 'resident-2', new Date(AT.getTime() - 30_000)), []);
    for (let i = 0; i < 300; i++) queue.add(kept(`planterad fråga ${i}`, 'flooder', new Date(AT.getTime() + i * 1000)), []);
    await queue.flush();

    const window = await store.questions(new Date(0), 100, 20);
    expect(window.filter((q) => q.source === 'flooder')).toHaveLength(20);
    expect(window.filter((q) => q.source === 'flooder')[0]?.text).toBe('planterad fråga 299');
    expect(window.map((q) => q.text)).toEqual(expect.arrayContaining(['en riktig fråga om bygglov', 'en annan riktig fråga']));
  });
});

describe('the recorder’s quota per source', () => {
  test('when one address sends a hundred unanswered questions in an hour, thirty are kept and all are counted; another address is kept as usual', () => {
    const added: { question: KeptQuestion | undefined; counts: number }[] = [];
    const queue = { add: (question: KeptQuestion | undefined, counts: readonly unknown[]) => void added.push({ question, counts: counts.length }) };
    let client = '192.0.2.1';
    const recorder = createTurnRecorder({ queue, logger: silent, timeZone: TZ, sourceOf: () => client, sourceSecret: 'a-test-secret-of-enough-length-0123456789', maxKeptPerSourcePerHour: 30 });
    const escalate = (i: number) =>
      recorder.record({ kind: 'escalate', reason: 'off-topic', confidence: 0.2, candidateIds: [], text: `fråga ${i}`, at: new Date(AT.getTime() + i), channel: 'webchat', conversationId: `conv-${i}`, lang: 'sv' });
    for (let i = 0; i < 100; i++) escalate(i);
    client = '192.0.2.2';
    escalate(100);

    expect(added).toHaveLength(101);
    expect(added.every((a) => a.counts === 1)).toBe(true);
    const keptOnes = added.flatMap((a) => (a.question ? [a.question] : []));
    expect(keptOnes).toHaveLength(31);
    const sources = new Set(keptOnes.map((q) => q.source));
    expect(sources.size).toBe(2);
    // A keyed hash: the address itself is nowhere in what is kept.
    expect(JSON.stringify(keptOnes)).not.toContain('192.0.2');
  });
});

/** Every file and folder under `dir` whose mode lets anyone but the owner in. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    if ((statSync(d).mode & 0o077) !== 0) found.push(d);
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      if (e.isDirectory()) walk(path);
      else if ((statSync(path).mode & 0o077) !== 0) found.push(path);
    }
  };
  walk(dir);
  return found;
}

describe('the embedded store’s files (issue #18, findings 7 and 9)', () => {
  test('when it is opened, written and closed, its folder and every file are the owner’s alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostile-modes-'));
    try {
      const db = await openDatabase({ dataDir: dir });
      expect(openToOthers(dir)).toEqual([]);
      await migrate(db);
      const store = createSqlStore(db);
      await store.write({ questions: [kept('en fråga', 's')], counts: [] });
      await store.close();
      expect(openToOthers(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('when retention purges a question, its text is gone from the table’s file, not just marked dead', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostile-vacuum-'));
    try {
      const db = await openDatabase({ dataDir: dir });
      await migrate(db);
      const store = createSqlStore(db);
      const marker = 'utgångenfrågamarkör';
      await store.write({ questions: [kept(marker, 's', new Date(AT.getTime() - 40 * 86_400_000)), kept('färsk fråga', 's')], counts: [] });
      await db.query('CHECKPOINT');
      const path = (await db.query("SELECT pg_relation_filepath('staff_resident_questions') AS path")).rows[0]?.path;
      if (typeof path !== 'string') throw new Error('no relation path');
      expect(readFileSync(join(embeddedPaths(dir).dbDir, path)).includes(Buffer.from(marker))).toBe(true);

      expect((await purgeExpired(store, AT, { questionDays: 30, countDays: 400, timeZone: TZ })).questions).toBe(1);
      // VACUUM FULL gives the table a new file: read it where the database now says it is.
      const after = (await db.query("SELECT pg_relation_filepath('staff_resident_questions') AS path")).rows[0]?.path;
      if (typeof after !== 'string') throw new Error('no relation path');
      const rewritten = readFileSync(join(embeddedPaths(dir).dbDir, after));
      expect(rewritten.includes(Buffer.from(marker))).toBe(false);
      expect(rewritten.includes(Buffer.from('färsk fråga'))).toBe(true);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
