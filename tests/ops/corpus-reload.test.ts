import { copyFileSync, cpSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, test } from 'vitest';
import { createLogger } from '../../src/logging/index.js';
import { inProcessBuild, type CorpusBuild, createCorpusReloader, type CorpusReloader, createLiveEngine, type LiveEngine } from '../../src/platform/index.js';
import { copyOfFaqData, FAQ_DATA_DIR, undatedAnswer } from '../support/corpus.js';
import { testBuild } from '../support/corpus-build.js';

const POLICE = 'entries/police-report.yaml';
const ORIGINAL = 'Ja. Händelsen polisanmäldes torsdag den 1 december.';
const EDITED = 'Ja. Händelsen polisanmäldes den 1 december och utreds nu av polisen.';

function sink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _e, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

const answerOf = (live: LiveEngine) => {
  const d = live.ask('har ni polisanmält', { lang: 'sv' });
  return d.kind === 'answer' ? undatedAnswer(d.entry).answer.sv : `(${d.kind})`;
};

let dirs: string[] = [];
let reloaders: CorpusReloader[] = [];
afterEach(async () => {
  await Promise.all(reloaders.map((r) => r.close()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
  reloaders = [];
});

async function setUp(options: { build?: CorpusBuild; debounceMs?: number; replacedCheckMs?: number; dir?: string } = {}) {
  const dir = options.dir ?? copyOfFaqData();
  dirs.push(dir);
  const build = options.build ?? testBuild;
  const first = await build(dir);
  if (!first.ok) throw new Error('the copy of faq-data must be valid');
  const live = createLiveEngine(first.engine);
  const log = sink();
  const reloader = createCorpusReloader({ dir, build, live, version: first.version, logger: log.logger, debounceMs: options.debounceMs ?? 100, replacedCheckMs: options.replacedCheckMs ?? 200 });
  reloaders.push(reloader);
  const edit = (file: string, from: string, to: string) => {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
    writeFileSync(path, text.replace(from, to));
  };
  return { dir, live, reloader, log, edit, first };
}

describe('live engine', () => {
  test('when swapped, every later call goes to the new engine, including corpus and entry lookups', async () => {
    const { live, reloader, edit } = await setUp();
    const before = live.entry('police-report');
    expect(answerOf(live)).toContain(ORIGINAL);
    edit(POLICE, ORIGINAL, EDITED);
    expect((await reloader.reload('manual')).result).toBe('success');
    expect(answerOf(live)).toContain(EDITED);
    expect(live.entry('police-report')).not.toBe(before);
    expect(undatedAnswer(live.corpus.entries.find((e) => e.id === 'police-report')).answer.sv).toContain(EDITED);
  }, 60_000); // the first test of the file trains the engine (seconds more on a busy machine)
});

describe('corpus reloader', () => {
  test('when an entry is edited, a reload serves it with a new version and load time; reloading again changes nothing', async () => {
    const { reloader, edit, first } = await setUp();
    const loadedAt = reloader.status().loadedAt;
    edit(POLICE, ORIGINAL, EDITED);
    const outcome = await reloader.reload('signal');
    expect(outcome).toMatchObject({ result: 'success', previous: first.version });
    expect(reloader.status().version).not.toBe(first.version);
    expect(reloader.status().loadedAt.getTime()).toBeGreaterThanOrEqual(loadedAt.getTime());
    expect(await reloader.reload('signal')).toMatchObject({ result: 'unchanged' });
  });

  test('when an edit is invalid, the last good corpus keeps being served and the log names the file, the entry and the field', async () => {
    const { live, reloader, edit, log, first } = await setUp();
    edit(POLICE, 'id: police-report\ncategory: Polisanmälan och myndigheter\naudience: [all]', 'id: police-report\ncategory: Polisanmälan och myndigheter\naudience: [everyone]');
    const outcome = await reloader.reload('watch');
    expect(outcome.result).toBe('failure');
    expect(reloader.status()).toMatchObject({ version: first.version, lastReload: { result: 'failure', trigger: 'watch' } });
    expect(answerOf(live)).toContain(ORIGINAL);
    const logged = log.lines.join('');
    expect(logged).toContain('police-report.yaml');
    expect(logged).toContain('entry \\"police-report\\"');
    expect(logged).toContain('field \\"audience.0\\"');
  });

  test('when the production build (inProcessBuild) meets broken YAML, it reports the file instead of throwing', async () => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    writeFileSync(join(dir, POLICE), 'id: police-report\nquestion: [unclosed\n');
    const result = await inProcessBuild()(dir);
    expect(result.ok === false && result.problems.map((p) => p.message).join('\n')).toMatch(/police-report\.yaml: is not valid YAML/);
  });

  test('when a folder is put inside entries/, the corpus is unchanged and served, and the log says the folder is not read', async () => {
    const { live, reloader, dir, log } = await setUp();
    mkdirSync(join(dir, 'entries', 'arkiv'));
    copyFileSync(join(dir, POLICE), join(dir, 'entries', 'arkiv', 'police-report-old.yaml'));
    expect(await reloader.reload('watch')).toMatchObject({ result: 'unchanged' });
    expect(answerOf(live)).toContain(ORIGINAL);
    const warnings = log.lines.map((l) => JSON.parse(l) as { msg: string; corpusFile?: string; warning?: string }).filter((l) => l.msg.startsWith('corpus warning') && /not read/.test(l.warning ?? ''));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.warning).toMatch(/entries\/arkiv\/: a folder inside entries\/ is not read/);
  });

  test('when broken YAML is saved, the reload fails and the service keeps its corpus', async () => {
    const { live, reloader, dir } = await setUp();
    writeFileSync(join(dir, POLICE), 'id: police-report\nquestion: [unclosed\n');
    expect((await reloader.reload('watch')).result).toBe('failure');
    expect(answerOf(live)).toContain(ORIGINAL);
  });

  test('when the service adds a check the corpus fails (a welcome question removed), it is not served', async () => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    const build = testBuild;
    const first = await build(dir);
    if (!first.ok) throw new Error('invalid copy');
    const live = createLiveEngine(first.engine);
    const reloader = createCorpusReloader({
      dir,
      build,
      live,
      version: first.version,
      logger: createLogger('silent'),
      check: (engine) => (engine.entry('police-report') ? [] : [{ message: 'welcome question "police-report" is missing' }]),
    });
    reloaders.push(reloader);
    rmSync(join(dir, POLICE));
    const outcome = await reloader.reload('manual');
    expect(outcome.result === 'failure' && outcome.problems.map((p) => p.message).join()).toMatch(/police-report/);
    expect(live.entry('police-report')).toBeDefined();
  });

  test('when reloads are requested while one runs, they run once more after it, not once each', async () => {
    let builds = 0;
    const counting: CorpusBuild = async (dir) => {
      builds += 1;
      return testBuild(dir);
    };
    const { reloader } = await setUp({ build: counting });
    builds = 0;
    await Promise.all([reloader.reload('manual'), reloader.reload('manual'), reloader.reload('manual'), reloader.reload('manual')]);
    expect(builds).toBe(2);
  });

  test('when watching and a file is saved, the new corpus is served within 5 s without a restart', async () => {
    const { live, reloader, edit } = await setUp();
    reloader.watch();
    edit(POLICE, ORIGINAL, EDITED);
    const deadline = Date.now() + 5000;
    while (!answerOf(live).includes(EDITED) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(answerOf(live)).toContain(EDITED);
    expect(reloader.status().lastReload).toMatchObject({ trigger: 'watch', result: 'success' });
  });

  const servedWithin = async (live: LiveEngine, text: string, ms: number) => {
    const deadline = Date.now() + ms;
    while (!answerOf(live).includes(text) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return answerOf(live);
  };

  test('when the watched folder is replaced as a whole (moved aside, copied anew), later edits in the new folder are served', async () => {
    const { dir, live, reloader, edit, log } = await setUp();
    reloader.watch();
    renameSync(dir, `${dir}.old`);
    dirs.push(`${dir}.old`);
    cpSync(FAQ_DATA_DIR, dir, { recursive: true });
    // Give the check time to find the new folder, then edit it as an editor would.
    await new Promise((r) => setTimeout(r, 800));
    edit(POLICE, ORIGINAL, EDITED);
    expect(await servedWithin(live, EDITED, 5000)).toContain(EDITED);
    expect(log.lines.join('')).toContain('faq-data/ was replaced by another folder');
  });

  test('when the folder is a symlink switched to another release, the release switched to is served and then watched', async () => {
    const first = copyOfFaqData();
    const second = copyOfFaqData();
    const link = `${first}-current`;
    symlinkSync(first, link);
    dirs.push(first, second);
    const { live, reloader, edit } = await setUp({ dir: link });
    reloader.watch();
    const secondPolice = join(second, POLICE);
    writeFileSync(secondPolice, readFileSync(secondPolice, 'utf8').replace(ORIGINAL, EDITED));
    // ln -sfn: a new link renamed over the old one, as deploy tools switch releases.
    symlinkSync(second, `${link}.next`);
    renameSync(`${link}.next`, link);
    expect(await servedWithin(live, EDITED, 5000)).toContain(EDITED);
    edit(POLICE, EDITED, `${EDITED} Senare ändrat.`);
    expect(await servedWithin(live, 'Senare ändrat.', 5000)).toContain('Senare ändrat.');
  });
});
