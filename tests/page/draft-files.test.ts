import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { draftFiles, importPage } from '../../src/content/page/index.js';
import { contactSchema } from '../../src/core/index.js';
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
