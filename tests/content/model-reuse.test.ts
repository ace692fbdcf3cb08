import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FaqEngine } from '../../src/core/index.js';
import { FeaturizerCache, reuseModelBuild, type CorpusBuild } from '../../src/platform/index.js';
import { copyOfFaqData } from '../support/corpus.js';
import { testBuild } from '../support/corpus-build.js';

let served: FaqEngine;
let dir: string;
const trained: string[] = [];
// The training build, counting its calls: the fast path must not reach it.
const train: CorpusBuild = async (d, signal) => {
  trained.push(d);
  return testBuild(d, signal);
};

beforeAll(async () => {
  dir = copyOfFaqData();
  const first = await testBuild(dir);
  if (!first.ok) throw new Error('faq-data/ does not build');
  served = first.engine;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const edit = (file: string, from: RegExp, to: string) => {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`nothing to edit in ${file}`);
  writeFileSync(path, after);
};

describe('a reload that changes only what people read reuses the served model', () => {
  test('when an answer, the timeline and the contact details change, the new engine serves them with the same model and nothing is trained', async () => {
    const build = reuseModelBuild(train, () => served, { featurizers: new FeaturizerCache() });
    edit('entries/police-report.yaml', /^answer:\n  sv: \|\n/m, 'answer:\n  sv: |\n    Nytt i svaret.\n');
    edit('contact.yaml', /display: "011-15 00 00"/, 'display: "011-15 12 34"');
    const built = await build(dir);
    if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('\n'));
    expect(trained).toEqual([]);
    expect(built.engine.model).toBe(served.model);
    expect(built.engine.entry('police-report')?.versions[0]?.answer.sv).toContain('Nytt i svaret.');
    expect(built.engine.corpus.contact.phone.display).toBe('011-15 12 34');
    const asked = built.engine.ask('har polisen fått veta om attacken');
    expect(asked.kind === 'answer' ? asked.entry.versions[0]?.answer.sv : asked.kind).toContain('Nytt i svaret.');
  });

  test('when a phrasing is added, the build trains', async () => {
    const build = reuseModelBuild(train, () => served);
    edit('entries/payments.yaml', /^phrasings:\n  sv:\n/m, 'phrasings:\n  sv:\n    - "zebrakassans utbetalning"\n');
    const built = await build(dir);
    expect(built.ok).toBe(true);
    expect(trained).toEqual([dir]);
  });
});
