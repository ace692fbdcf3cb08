import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/core/index.js';
import { fixture, fixturePath, ROOT, TODAY } from './fixtures.js';
import { serveLoopbackPage } from './loopback-page.js';

const temp = mkdtempSync(join(tmpdir(), 'import-page-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/faq-import-page.ts', ...args, '--today', TODAY], { cwd: ROOT, encoding: 'utf8' });
/** The same, asynchronously: a loopback server in this process must keep answering while it runs. */
const runAsync = (args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/faq-import-page.ts', ...args, '--today', TODAY], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

describe('npm run faq:import-page', () => {
  it('writes a draft folder from a file that faq:check accepts, with the notes for the editor', () => {
    const out = join(temp, 'seed');
    const result = run([fixturePath('norrkoping-incident.html'), '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('6 entries, 4 timeline updates (2022-12-01, 2022-12-02, 2022-12-06, 2022-12-09)');
    const loaded = loadCorpus(out);
    expect(loaded.ok ? loaded.corpus.entries.map((e) => e.id) : loaded.problems).toHaveLength(6);
    if (!loaded.ok) return;
    expect(loaded.corpus.contact).toMatchObject({ phone: { display: '011-15 00 00', tel: '+4611150000' }, email: 'norrkoping.kommun@norrkoping.se', openingHours: { opens: '08:30', closes: '16:00' } });
    expect(loaded.corpus.contact.openingHours.days).toBeUndefined();
    expect(loaded.corpus.timeline.updates.map((u) => [u.date, u.time])).toEqual([['2022-12-01', undefined], ['2022-12-02', undefined], ['2022-12-06', undefined], ['2022-12-09', undefined]]);
    expect(readFileSync(join(out, 'contact.yaml'), 'utf8')).toContain('# From: "Telefonnummer dit är 011-15 00 00."');
    expect(readFileSync(join(out, 'IMPORT-NOTES.md'), 'utf8')).toContain('"Arbetet fortskrider och stabiliseras dag för dag."');
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/faq-check.ts', '--no-weakness', out, '--page', fixturePath('norrkoping-incident.html'), '--today', TODAY], { cwd: ROOT, encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('faq-data is valid: 6 entries');
    expect(check.stdout).toMatch(/facts check: all \d+ facts/);
  });

  it('imports from an address on loopback, and the Björkvik page with its days and phone hours', async () => {
    const page = await serveLoopbackPage(fixture('bjorkvik-incident-details.html'));
    try {
      const out = join(temp, 'bjorkvik');
      const result = await runAsync([page.url, '--out', out]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const loaded = loadCorpus(out);
      expect(loaded.ok).toBe(true);
      if (!loaded.ok) return;
      expect(loaded.corpus.entries).toHaveLength(12);
      expect(loaded.corpus.entries[0]?.source.url).toBe('https://www.bjorkvik.se/storning');
      expect(loaded.corpus.contact.openingHours.days?.list).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday']);
      expect(loaded.corpus.contact.phoneHours?.display.sv).toBe('vardagar 08.00–16.00');
      expect(loaded.corpus.timeline.entry).toBe('fungerar-webbplatsen-och-e-tjansterna-nu');
    } finally {
      await page.close();
    }
  });

  it('refuses a page with no questions, a file over 2 MB and a folder that holds a corpus', () => {
    const news = join(temp, 'news.html');
    writeFileSync(news, '<html><head><link rel="canonical" href="https://www.kommun.se/"></head><body><h1>Nyhet</h1><p>Text.</p></body></html>');
    const none = run([news, '--out', join(temp, 'none')]);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/refused \(no-questions\)/);
    const big = join(temp, 'big.html');
    writeFileSync(big, `<p>${'x'.repeat(2 * 1024 * 1024 + 1)}</p>`);
    const large = run([big, '--out', join(temp, 'big')]);
    expect(large.status).toBe(1);
    expect(large.stderr).toMatch(/over 2 MB are refused/);
    const existing = run([fixturePath('norrkoping-incident.html'), '--out', join(ROOT, 'faq-data')]);
    expect(existing.status).toBe(2);
    expect(existing.stderr).toMatch(/already holds entries/);
  });
});
