import { describe, expect, test } from 'vitest';
import { factsToConfirm, importDraft, pageChangeDraft, readCorpusFiles, type CorpusFiles } from '../../src/content/index.js';
import { comparePages, importPage, readPageForCheck, snapshotPage } from '../../src/content/page/index.js';
import { FAQ_DATA_DIR } from '../support/corpus.js';
import { fixture, TODAY } from './fixtures.js';

const read = readCorpusFiles(FAQ_DATA_DIR);
if (!read.ok) throw new Error(read.problems.join('\n'));
const files: CorpusFiles = read.files;
const SEED = fixture('norrkoping-incident.html');
const seedPage = readPageForCheck({ body: SEED, format: 'html', today: TODAY });
if (seedPage === undefined) throw new Error('the seed page has no address');
const withContact = (phone: { display: string; tel: string }): CorpusFiles => ({ ...files, 'contact.yaml': { ...(files['contact.yaml'] as Record<string, unknown>), phone } });

describe('the facts check before publishing', () => {
  test('today\'s faq-data/ against the seed page: nothing to confirm', () => {
    const check = factsToConfirm(files, files, [seedPage]);
    expect(check.unconfirmed).toEqual([]);
    expect(check.checked).toBeGreaterThan(50);
  });

  test('a new phone number the page does not give is listed with where it is', () => {
    const check = factsToConfirm(files, withContact({ display: '011-15 12 34', tel: '+4611151234' }), [seedPage]);
    expect(check.unconfirmed.map((f) => [f.where, f.field, f.kind, f.fact])).toEqual(expect.arrayContaining([['contact center', 'phone.display', 'phone', '011-15 12 34']]));
  });

  test('a finding the published corpus already had is not asked again; without a page read nothing is checked', () => {
    const changed = withContact({ display: '011-15 12 34', tel: '+4611151234' });
    expect(factsToConfirm(changed, changed, [seedPage]).unconfirmed).toEqual([]);
    expect(factsToConfirm(files, changed, [])).toEqual({ unconfirmed: [], checked: 0, unchecked: 0 });
  });
});

describe('a page change as a draft', () => {
  const before = snapshotPage({ body: SEED, format: 'html', url: 'http://127.0.0.1/incident', today: TODAY });
  const NEW = 'Lördag den 10 december öppnade kommunens e-tjänster igen för invånarna.';

  test('the drafted update joins the published timeline in date order, with the page as its source', () => {
    const after = snapshotPage({ body: SEED.replace('<p class="normal">Tisdag den 6 december', `<p class="normal">${NEW}</p><p class="normal">Tisdag den 6 december`), format: 'html', url: 'http://127.0.0.1/incident', today: TODAY });
    const change = comparePages(before, after);
    if (change === undefined) throw new Error('no change');
    const input = pageChangeDraft(change, { version: 3, files });
    expect(input?.baseVersion).toBe(3);
    const updates = (input?.timeline as { updates: { date: string; text: { sv: string } ; source: { url: string } }[] }).updates;
    expect(updates.map((u) => u.date)).toEqual([...updates.map((u) => u.date)].sort());
    expect(updates.find((u) => u.date === '2022-12-10')).toMatchObject({ text: { sv: NEW, en: NEW }, source: { url: 'https://www.norrkoping.se/' } });
  });

  test('a change that drafts no update makes no draft', () => {
    const after = snapshotPage({ body: SEED.replace('011-15 00 00', '011-15 99 99'), format: 'html', url: 'http://127.0.0.1/incident', today: TODAY });
    const change = comparePages(before, after);
    expect(change).toBeDefined();
    expect(change === undefined ? 'none' : pageChangeDraft(change, { version: 1, files })).toBeUndefined();
  });
});

describe('an imported page as a draft', () => {
  test('the seed page on the corpus made from it: every question matched, no day added twice, nothing to draft', () => {
    const imported = importPage({ body: SEED, format: 'html', today: TODAY });
    if (!imported.ok) throw new Error(imported.message);
    const plan = importDraft(imported.draft, { version: 1, files }, TODAY);
    expect(plan.added).toEqual([]);
    expect(plan.matched).toHaveLength(imported.draft.entries.length);
    expect(plan.updates).toBe(0);
    expect(plan.change).toBeUndefined();
  });

  test('another page\'s new questions become entries; one left out is listed with why, never dropped silently', () => {
    const imported = importPage({ body: fixture('bjorkvik-incident-bold.html'), format: 'html', today: TODAY });
    if (!imported.ok) throw new Error(imported.message);
    const first = importDraft(imported.draft, { version: 1, files }, TODAY);
    expect(first.added.length).toBeGreaterThan(2);
    const left = first.added[0] ?? '';
    const second = importDraft(imported.draft, { version: 1, files }, TODAY, new Map([[left, 'answer.sv holds another phone number']]));
    expect(second.added).not.toContain(left);
    expect(second.unplaced).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'not drafted: answer.sv holds another phone number' })]));
    expect((second.change?.entries ?? []).map((e) => e['id'])).toEqual(second.added);
  });
});
