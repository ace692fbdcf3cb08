import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { loadCorpus } from '../../src/core/index.js';
import { createModelCache, processBuild } from '../../src/platform/index.js';
import { copyOfFaqData, realCorpus } from '../support/corpus.js';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
const temporary = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

describe('the model cache', () => {
  test('when the corpus content changes, even one answer, the key changes; the same content gives the same key', () => {
    const cache = createModelCache({ dir: temporary('model-cache-') });
    const copy = copyOfFaqData();
    dirs.push(copy);
    const same = loadCorpus(copy);
    if (!same.ok) throw new Error('copy invalid');
    expect(cache.keyFor(same.corpus)).toBe(cache.keyFor(realCorpus()));
    const entriesDir = join(copy, 'entries');
    const file = readdirSync(entriesDir).find((f) => f.endsWith('.yaml')) ?? '';
    const path = join(entriesDir, file);
    writeFileSync(path, `${readFileSync(path, 'utf8')}`.replace(/(\n  sv: [^\n]*?)\n/, '$1 Ändrat.\n'));
    const changed = loadCorpus(copy);
    if (!changed.ok) throw new Error(changed.problems.map((p) => p.message).join('; '));
    expect(cache.keyFor(changed.corpus)).not.toBe(cache.keyFor(realCorpus()));
  });

  test("the files' key: the same files in another folder give the same key; any change to a file, even a comment, a new one", () => {
    const cache = createModelCache({ dir: temporary('model-cache-') });
    const copy = copyOfFaqData();
    dirs.push(copy);
    const other = copyOfFaqData();
    dirs.push(other);
    const product = temporary('product-');
    writeFileSync(join(product, 'intents.yaml'), 'a: 1\n');
    const key = cache.filesKeyFor([copy, product]);
    expect(key).toMatch(/^f-[0-9a-f]{32}$/);
    expect(cache.filesKeyFor([other, product])).toBe(key);
    writeFileSync(join(copy, 'contact.yaml'), `${readFileSync(join(copy, 'contact.yaml'), 'utf8')}# a comment\n`);
    expect(cache.filesKeyFor([copy, product])).not.toBe(key);
    writeFileSync(join(product, 'intents.yaml'), 'a: 2\n');
    expect(cache.filesKeyFor([other, product])).not.toBe(key);
  });

  test('when a file is damaged, read returns nothing and says why; a payload round-trips with its typed arrays', () => {
    const dir = temporary('model-cache-');
    const problems: string[] = [];
    const cache = createModelCache({ dir, onProblem: (m) => problems.push(m) });
    const key = 'a'.repeat(32);
    expect(cache.read(key)).toBeUndefined();
    expect(problems).toEqual([]);
    cache.write(key, { weights: new Float32Array([1.5, 2]), classes: ['x'] });
    expect(cache.read(key)).toEqual({ weights: new Float32Array([1.5, 2]), classes: ['x'] });
    expect(statSync(join(dir, `${key}.model`)).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, `${key}.model`), 'garbage');
    expect(cache.read(key)).toBeUndefined();
    expect(problems.join()).toContain('unreadable');
  });

  test('keeps the four newest models and removes older ones and stale temporaries', () => {
    const dir = temporary('model-cache-');
    const cache = createModelCache({ dir });
    const old = Date.now() / 1000 - 3600;
    for (let i = 0; i < 6; i += 1) {
      cache.write(`${i}`.repeat(32), { i });
      utimesSync(join(dir, `${`${i}`.repeat(32)}.model`), old + i, old + i);
    }
    writeFileSync(join(dir, 'x.model.1.tmp'), 'left over');
    utimesSync(join(dir, 'x.model.1.tmp'), old, old);
    cache.write('9'.repeat(32), { i: 9 });
    expect(readdirSync(dir).sort()).toEqual(['3', '4', '5', '9'].map((d) => `${d.repeat(32)}.model`));
  });

  test("keeps four of each kind: loaded corpora by their files do not push out models by content", () => {
    const dir = temporary('model-cache-');
    const cache = createModelCache({ dir });
    const old = Date.now() / 1000 - 3600;
    for (let i = 0; i < 4; i += 1) {
      cache.write(`${i}`.repeat(32), { i });
      utimesSync(join(dir, `${`${i}`.repeat(32)}.model`), old + i, old + i);
    }
    for (let i = 0; i < 6; i += 1) cache.write(`f-${`${i}`.repeat(32)}`, { i });
    const files = readdirSync(dir);
    expect(files.filter((f) => !f.startsWith('f-'))).toHaveLength(4);
    expect(files.filter((f) => f.startsWith('f-'))).toHaveLength(4);
    expect(files).toContain(`f-${'5'.repeat(32)}.model`);
  });

  test('the service\'s build reports the loader\'s warnings (a folder inside entries/) after training and again from the cache on a restart', async () => {
    const corpus = join(temporary('warned-corpus-'), 'faq-data');
    cpSync(fileURLToPath(new URL('../../eval/incidents/storm-sjovik/faq-data', import.meta.url)), corpus, { recursive: true });
    mkdirSync(join(corpus, 'entries', 'arkiv'));
    const warned = (w: readonly { message: string }[] | undefined) => (w ?? []).some((p) => /entries\/arkiv\/: a folder inside entries\/ is not read/.test(p.message));
    const cacheDir = temporary('model-cache-');
    const trained = await processBuild({ modelCache: createModelCache({ dir: cacheDir }) })(corpus);
    expect(trained.ok && trained.fromCache).toBe(false);
    expect(trained.ok && warned(trained.warnings)).toBe(true);
    // A restart: a new build and cache over the same folder read the kept corpus and model, no YAML.
    const restarted = await processBuild({ modelCache: createModelCache({ dir: cacheDir }) })(corpus);
    expect(restarted.ok && restarted.fromCache).toBe(true);
    expect(restarted.ok && warned(restarted.warnings)).toBe(true);
  }, 60_000);
});
