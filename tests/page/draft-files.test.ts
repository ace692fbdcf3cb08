import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { draftFiles, importPage } from '../../src/content/page/index.js';
import { contactSchema, loadCorpus, openingStatus } from '../../src/core/index.js';
import { TODAY } from './fixtures.js';

const page = `<html><body><main><h1>Vattenläcka</h1><p>Den 3 mars 2024 kl. 07.15 sprack en ledning.</p>
<h2>Kan jag dricka vattnet?</h2><p>Ja, vattnet är drickbart.</p>
<h2>Vem: ansvarar?</h2><p>"Tekniska kontoret" ansvarar.</p></main></body></html>`;

describe('the draft as faq-data files', () => {
  const result = importPage({ body: page, format: 'html', url: 'https://www.kommun.se/vatten', today: TODAY });
  if (!result.ok) throw new Error(result.message);
  const files = draftFiles(result.draft, { today: TODAY });

  it('one file per entry, YAML that reads back to the page’s words, English copied for translation', () => {
    expect([...files.keys()].sort()).toEqual(['IMPORT-NOTES.md', 'contact.yaml', 'entries/kan-jag-dricka-vattnet.yaml', 'entries/vem-ansvarar.yaml', 'timeline.yaml']);
    const entry: unknown = parse(files.get('entries/vem-ansvarar.yaml') ?? '');
    expect(entry).toMatchObject({ id: 'vem-ansvarar', question: { sv: 'Vem: ansvarar?', en: 'Vem: ansvarar?' }, answer: { sv: '"Tekniska kontoret" ansvarar.' }, source: { url: 'https://www.kommun.se/vatten' } });
    const timeline: unknown = parse(files.get('timeline.yaml') ?? '');
    expect(timeline).toMatchObject({ updates: [{ date: '2024-03-03', time: '07:15', text: { sv: 'Den 3 mars 2024 kl. 07.15 sprack en ledning.' } }] });
  });

  it('a page without contact details gets a contact.yaml that says so, and notes that ask for them', () => {
    const contact = files.get('contact.yaml') ?? '';
    for (const field of ['name', 'phone', 'email', 'visitingAddress', 'openingHours']) expect(contact).toContain(`# ${field}: not found on the page`);
    const notes = files.get('IMPORT-NOTES.md') ?? '';
    expect(notes).toContain('contact.yaml: the page gives no phone');
    expect(notes).toContain('Translate every `en:` field');
  });
});

describe('hours that differ by day on the page', () => {
  const withHours = `<html><body><main><h1>Vattenläcka</h1><p>Den 3 mars 2024 kl. 07.15 sprack en ledning.</p>
<h2>Hur når jag kommunen?</h2><p>Ring kontaktcenter på 0456-12 34 00 eller mejla kontakt@kommun.se. Receptionen på Torget 3 har öppet för besök måndag–torsdag 08.00–16.30, fredag 08.00–15.00.</p></main></body></html>`;
  const result = importPage({ body: withHours, format: 'html', url: 'https://www.kommun.se/vatten', today: TODAY });
  if (!result.ok) throw new Error(result.message);

  it('"måndag–torsdag 08.00–16.30, fredag 08.00–15.00" becomes the usual hours, the days and Friday\'s own, which the schema accepts', () => {
    expect(result.draft.contact.openingHours).toMatchObject({
      value: 'måndag–torsdag 08.00–16.30, fredag 08.00–15.00',
      opens: '08:00',
      closes: '16:30',
      days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      exceptions: { friday: { opens: '08:00', closes: '15:00' } },
    });
    // Friday's hours are the contact center's, not a stray fact left for the editor.
    expect(result.draft.contact.others.filter((o) => o.kind === 'hours')).toEqual([]);
    const contact = contactSchema.safeParse(parse(draftFiles(result.draft, { today: TODAY }).get('contact.yaml') ?? ''));
    expect(contact.success ? contact.data.openingHours : contact.error.issues).toMatchObject({
      opens: '08:00',
      closes: '16:30',
      display: { sv: 'måndag–torsdag 08.00–16.30, fredag 08.00–15.00', en: 'måndag–torsdag 08:00–16:30, fredag 08:00–15:00' },
      days: { list: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], source: { url: 'https://www.kommun.se/vatten' } },
      exceptions: { friday: { opens: '08:00', closes: '15:00' } },
    });
  });
});

/**
 * Hours sentences as municipal pages write them, imported, written as faq-data files, loaded with the real
 * loader, and asked whether the reception is open: the answer residents get. January 2023 in Stockholm is
 * UTC+1; 9–13 January are Monday–Friday and none is a public holiday.
 */
describe('a page\'s hours by day, through to the opening status the corpus gives', () => {
  const temp = mkdtempSync(join(tmpdir(), 'import-hours-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  const page = (hoursHtml: string) => `<html><body><main><h1>Vattenläcka</h1><p>Den 3 mars 2024 kl. 07.15 sprack en ledning.</p>
<h2>Hur når jag kommunen?</h2><p>Ring kontaktcenter på 0456-12 34 00 eller mejla kontakt@kommun.se. Besöksadress: Torget 3.</p>${hoursHtml}</main></body></html>`;
  let folders = 0;
  /** The draft's contact, and the opening status its loaded corpus gives at each instant (ISO, UTC). */
  const imported = (hoursHtml: string) => {
    const result = importPage({ body: page(hoursHtml), format: 'html', url: 'https://www.kommun.se/vatten', today: TODAY });
    if (!result.ok) throw new Error(result.message);
    const dir = join(temp, String((folders += 1)));
    const files = draftFiles(result.draft, { today: TODAY });
    for (const [name, text] of files) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const loaded = loadCorpus(dir);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const hours = loaded.corpus.contact.openingHours;
    const status = (iso: string) => openingStatus(hours, new Date(iso));
    return { contact: result.draft.contact, notes: files.get('IMPORT-NOTES.md') ?? '', contactYaml: files.get('contact.yaml') ?? '', hours, status, unusedHours: result.draft.contact.others.filter((o) => o.kind === 'hours').map((o) => o.value) };
  };
  /** A time of day as `openingStatus` gives it. */
  const at = (hour: number, minute: number) => ({ hour, minute });
  const MON_FRI = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
  const FRIDAY_1530 = '2023-01-13T14:30:00Z';
  const THURSDAY_1530 = '2023-01-12T14:30:00Z';

  it.each([
    ['vardagar 08.00–16.30, fredag 08.00–15.00'],
    ['måndag–fredag 08.00–16.30, fredag 08.00–15.00'],
    ['måndag–fredag 08.00–16.30 och fredag 08.00–15.00'],
  ])('"%s": Friday keeps its own hours, so at Friday 15:30 the reception is closed', (hoursText) => {
    const { contact, contactYaml, hours, status, unusedHours } = imported(`<p>Receptionen har öppet för besök ${hoursText}.</p>`);
    expect(contact.openingHours).toMatchObject({ opens: '08:00', closes: '16:30', days: MON_FRI, exceptions: { friday: { opens: '08:00', closes: '15:00' } } });
    // The file writes the days, and says nothing to the contrary.
    expect(contactYaml).toContain('  days:\n    list: [monday, tuesday, wednesday, thursday, friday]');
    expect(contactYaml).not.toContain('names no days');
    expect(unusedHours).toEqual([]);
    expect(hours.days?.list).toEqual(MON_FRI);
    expect(hours.exceptions).toEqual({ friday: { opens: '08:00', closes: '15:00' } });
    expect(status(FRIDAY_1530)).toMatchObject({ kind: 'closed', reason: 'after-closing', next: { weekday: 'monday', time: at(8, 0) } });
    expect(status(THURSDAY_1530)).toEqual({ kind: 'open', closes: at(16, 30) });
  });

  it('"måndag och onsdag 08.00–16.00, tisdag och torsdag 10.00–18.00": every day named gets its hours, so Tuesday 11:00 is open', () => {
    const { contact, status, unusedHours } = imported('<p>Receptionen har öppet måndag och onsdag 08.00–16.00, tisdag och torsdag 10.00–18.00.</p>');
    expect(contact.openingHours).toMatchObject({
      value: 'måndag och onsdag 08.00–16.00, tisdag och torsdag 10.00–18.00',
      opens: '08:00',
      closes: '16:00',
      days: ['monday', 'tuesday', 'wednesday', 'thursday'],
      exceptions: { tuesday: { opens: '10:00', closes: '18:00' }, thursday: { opens: '10:00', closes: '18:00' } },
    });
    expect(unusedHours).toEqual([]);
    expect(status('2023-01-10T10:00:00Z')).toEqual({ kind: 'open', closes: at(18, 0) }); // Tuesday 11:00
    expect(status('2023-01-09T10:00:00Z')).toEqual({ kind: 'open', closes: at(16, 0) }); // Monday 11:00
    expect(status('2023-01-11T16:30:00Z')).toMatchObject({ kind: 'closed', reason: 'after-closing' }); // Wednesday 17:30
    expect(status('2023-01-13T10:00:00Z')).toMatchObject({ kind: 'closed', reason: 'closed-day' }); // Friday 11:00
  });

  it('"måndag, onsdag 08.00–16.00, tisdag 10.00–18.00": days joined by a comma all get their hours', () => {
    const { contact, status } = imported('<p>Receptionen har öppet måndag, onsdag 08.00–16.00, tisdag 10.00–18.00.</p>');
    expect(contact.openingHours).toMatchObject({
      opens: '08:00',
      closes: '16:00',
      days: ['monday', 'tuesday', 'wednesday'],
      exceptions: { tuesday: { opens: '10:00', closes: '18:00' } },
    });
    expect(status('2023-01-09T10:00:00Z')).toEqual({ kind: 'open', closes: at(16, 0) }); // Monday 11:00
    expect(status('2023-01-10T16:00:00Z')).toEqual({ kind: 'open', closes: at(18, 0) }); // Tuesday 17:00
  });

  it.each([
    ['lines (<br>)', '<p>Öppettider för besök i receptionen:<br>Måndag–torsdag 08.00–16.30<br>Fredag 08.00–15.00</p>'],
    ['a list', '<p>Öppettider för besök i receptionen:</p><ul><li>Måndag–torsdag 08.00–16.30</li><li>Fredag 08.00–15.00</li></ul>'],
    ['lines after hours words', '<p>Receptionen har öppet måndag–torsdag 08.00–16.30<br>Fredag 08.00–15.00</p>'],
  ])('one day a line, as %s: the lines are one hours sentence', (_shape, hoursHtml) => {
    const { contact, notes, status, unusedHours } = imported(hoursHtml);
    expect(contact.openingHours).toMatchObject({
      value: expect.stringMatching(/^[Mm]åndag–torsdag 08\.00–16\.30, fredag 08\.00–15\.00$/u),
      opens: '08:00',
      closes: '16:30',
      days: MON_FRI,
      exceptions: { friday: { opens: '08:00', closes: '15:00' } },
    });
    expect(unusedHours).toEqual([]);
    expect(status(FRIDAY_1530)).toMatchObject({ kind: 'closed', reason: 'after-closing' });
    expect(status(THURSDAY_1530)).toEqual({ kind: 'open', closes: at(16, 30) });
    // The editor's notes keep the sentence on one line of the list.
    expect(notes).toMatch(/^- opening hours: .* ← "(?:Öppettider för besök i receptionen: |Receptionen har öppet m)[^"\n]*Fredag 08\.00–15\.00"$/mu);
  });

  it('a list of hours that a closed day interrupts ends there: the lines after it are not read as the reception\'s', () => {
    const { contact } = imported('<p>Öppettider för besök i receptionen:<br>Måndag–fredag 08.00–16.30<br>Lördag stängt<br>Söndag 10.00–14.00</p>');
    expect(contact.openingHours).toMatchObject({ opens: '08:00', closes: '16:30', days: MON_FRI });
    expect(contact.openingHours?.exceptions).toBeUndefined();
  });

  it('phone hours from a sentence whose days are unclear are left out, not shown without Friday\'s early closing', () => {
    const { contact } = imported('<p>Telefon och besök: vardagar 08.00–16.30, på fredagar stänger vi redan 15.00.</p>');
    expect(contact.openingHours?.daysUnclear).toBeDefined();
    expect(contact.phoneHours).toBeUndefined();
    // The plain sentence keeps them, with its days.
    expect(imported('<p>Telefon och besök: vardagar 08.00–16.30.</p>').contact.phoneHours?.value).toBe('vardagar 08.00–16.30');
  });

  // What the importer cannot read plainly gives no days and no day's own hours: the hours it cannot place
  // are listed for the editor, and the bot never says "open" on a day the page may call closed.
  it.each([
    ['a day named twice, the narrower first', 'Receptionen har öppet fredag 08.00–15.00, måndag–fredag 08.00–16.30.', ['08.00–16.30'], FRIDAY_1530],
    ['overlapping days with other hours', 'Receptionen har öppet måndag–onsdag 08.00–16.00, tisdag–fredag 10.00–18.00.', ['10.00–18.00'], FRIDAY_1530],
    ['hours with no days before them', 'Receptionen har öppet 08.00–16.30, fredag 08.00–15.00.', ['08.00–15.00'], FRIDAY_1530],
    ['a day said to be closed', 'Receptionen har stängt måndag, öppet tisdag–fredag 08.00–16.00.', [], '2023-01-09T10:00:00Z'],
    ['a day said not to be open', 'Receptionen är inte öppen måndag, tisdag–fredag 08.00–16.00.', [], '2023-01-09T10:00:00Z'],
    ['a closing said in words', 'Receptionen har öppet vardagar 08.00–16.30, på fredagar stänger vi redan 15.00.', [], FRIDAY_1530],
    ['a date\'s own hours', 'Receptionen har öppet vardagar 08.00–16.30, fredag den 13 januari 08.00–12.00.', ['08.00–12.00'], '2023-01-13T11:30:00Z'],
  ])('%s ("%s"): no days, no exceptions, the rest listed, and never "open"', (_case, sentence, unused, instant) => {
    const { contact, notes, hours, status, unusedHours } = imported(`<p>${sentence}</p>`);
    expect(contact.openingHours?.days).toBeUndefined();
    // The editor is told the days are left for them to write.
    expect(contact.openingHours?.daysUnclear).toBeDefined();
    expect(notes).toContain("- contact.yaml: the opening hours' sentence names days, but");
    expect(contact.openingHours?.exceptions).toBeUndefined();
    expect(unusedHours).toEqual(unused);
    expect(hours.days).toBeUndefined();
    expect(status(instant).kind).not.toBe('open');
  });
});
