import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ID_LENGTH } from '../../src/core/index.js';
import { importPage, type DraftCorpus, type ImportResult } from '../../src/content/page/index.js';
import { fixture, TODAY } from './fixtures.js';

const draftOf = (result: ImportResult): DraftCorpus => {
  if (!result.ok) throw new Error(`refused: ${result.code} ${result.message}`);
  return result.draft;
};
const html = (body: string, head = '') => `<!doctype html><html lang="sv"><head>${head}</head><body><main>${body}</main></body></html>`;
const URL_ = 'https://www.kommun.se/incident';

describe('the Norrköping page (headings and paragraphs, the way the municipality published it)', () => {
  const draft = draftOf(importPage({ body: fixture('norrkoping-incident.html'), format: 'html', today: TODAY }));

  it('finds the six questions, in page order, each with its own question as the question', () => {
    expect(draft.entries.map((e) => e.question)).toEqual([
      'Hur påverkas kommunens verksamheter?',
      'Har kommunen allt under kontroll?',
      'Kan personuppgifter ha läckt?',
      'Påverkas kommande utbetalningar som till exempel är kopplade till ekonomisk bistånd?',
      'Kan kommunen betala sina fakturor till leverantörer?',
      'Vart kan jag vända mig för ytterligare information?',
    ]);
    for (const e of draft.entries) expect(e.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(new Set(draft.entries.map((e) => e.id)).size).toBe(6);
  });

  it('keeps each answer word for word, lists as "- " lines', () => {
    expect(draft.entries[4]?.answer).toBe('I dagsläget finns inget som indikerar att fakturor inte kommer kunna betalas inom angiven tid.');
    expect(draft.entries[2]?.answer).toContain('incidenten analyseras fortfarande , och det kommer');
    const contact = draft.entries[5]?.answer ?? '';
    expect(contact.startsWith('Information hittar du på olika sätt.\n\n- Kommunens kontaktcenter kan vägleda dig')).toBe(true);
    expect(contact).toContain('\n- Håll koll på nyheterna här på norrkoping.se för uppdateringar i nyhetsform.');
  });

  it('makes the four dated paragraphs timeline updates on 1, 2, 6 and 9 December 2022, with no time', () => {
    expect(draft.timeline.map((u) => u.date)).toEqual(['2022-12-01', '2022-12-02', '2022-12-06', '2022-12-09']);
    expect(draft.timeline.every((u) => u.time === undefined && u.yearBasis === 'weekdays')).toBe(true);
    expect(draft.timeline[0]?.text).toBe('Händelsen polisanmäldes torsdagen den 1 december och Myndigheten för samhällsskydd och beredskap är informerade.');
  });

  it('finds the contact center’s phone, e-mail, visiting address and hours, each with its sentence', () => {
    const c = draft.contact;
    expect(c.phone).toEqual({ value: '011-15 00 00', tel: '+4611150000', sentence: 'Telefonnummer dit är 011-15 00 00.' });
    expect(c.email?.value).toBe('norrkoping.kommun@norrkoping.se');
    expect(c.visitingAddress?.value).toBe('Trädgårdsgatan 21');
    expect(c.visitingAddress?.sentence).toContain('besöka kontaktcenter i receptionen på Trädgårdsgatan 21');
    expect(c.openingHours).toMatchObject({ opens: '08:30', closes: '16:00', value: '08.30–16.00', sentence: 'Öppettiderna för besök är 08.30–16.00.' });
    // The page names no days and nothing about holidays or phone hours: none are invented.
    expect(c.openingHours?.days).toBeUndefined();
    expect(c.phoneHours).toBeUndefined();
  });

  it('lists what it could not place, and reads nothing from the menu, search form, scripts or footer', () => {
    expect(draft.unplaced.map((u) => u.text)).toEqual(['Arbetet fortskrider och stabiliseras dag för dag.', 'Den här nyheten uppdateras löpande.']);
    expect(draft.page.text).not.toMatch(/Startsida|Sök|Tillgänglighetsredogörelse|window\.sv/);
  });
});

describe('the Björkvik page in three shapes gives the same draft', () => {
  const shapes = {
    'expandable blocks': draftOf(importPage({ body: fixture('bjorkvik-incident-details.html'), format: 'html', today: TODAY })),
    'bold questions': draftOf(importPage({ body: fixture('bjorkvik-incident-bold.html'), format: 'html', today: TODAY })),
    'plain text': draftOf(importPage({ body: fixture('bjorkvik-incident.txt'), format: 'text', today: TODAY })),
  };

  it.each(Object.entries(shapes))('%s: twelve questions, four updates, the contact center', (_shape, draft) => {
    expect(draft.page.url).toBe('https://www.bjorkvik.se/storning');
    expect(draft.entries).toHaveLength(12);
    expect(draft.entries[0]).toMatchObject({ question: 'Vad har hänt?', category: 'Frågor och svar' });
    expect(draft.entries[3]?.question).toBe('Jag har fått ett sms eller mejl om att jag ska betala en avgift till kommunen. Är det äkta?');
    expect(draft.entries[11]?.answer).toBe('Ring kontaktcenter på 0456-12 34 00 eller mejla kontakt@bjorkvik.se. Du kan också besöka kontaktcenter i kommunhuset på Torget 3. Kontaktcenter har öppet vardagar 08.00–16.00, på telefon och för besök.');
    expect(draft.timeline.map((u) => u.date)).toEqual(['2025-10-06', '2025-10-07', '2025-10-08', '2025-10-13']);
    expect(draft.timeline.every((u) => u.time === undefined && u.yearBasis === 'published')).toBe(true);
    expect(draft.contact.phone?.tel).toBe('+46456123400');
    expect(draft.contact.email?.value).toBe('kontakt@bjorkvik.se');
    expect(draft.contact.visitingAddress?.value).toBe('Torget 3');
    expect(draft.contact.openingHours).toMatchObject({ opens: '08:00', closes: '16:00', days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] });
    expect(draft.contact.phoneHours?.value).toBe('vardagar 08.00–16.00');
    // The police's number is on the page but is not the contact center's: listed, not chosen.
    expect(draft.contact.others.map((o) => o.value)).toEqual(['114 14']);
    // Paragraphs of the introduction dated the same day as an update section are listed, not dropped.
    expect(draft.unplaced.some((u) => u.text.startsWith('Kommunen polisanmälde attacken måndagen den 6 oktober'))).toBe(true);
  });

  it('every shape has the same questions and answers word for word', () => {
    const [first, ...others] = Object.values(shapes);
    for (const other of others) {
      expect(other.entries.map((e) => [e.question, e.answer])).toEqual(first?.entries.map((e) => [e.question, e.answer]));
    }
  });
});

describe('a page of another shape (made up: tests/fixtures/pages/exempel-accordion.html)', () => {
  const draft = draftOf(importPage({ body: fixture('exempel-accordion.html'), format: 'html', today: TODAY }));

  it('reads an accordion whose buttons name no panel, keeping <br> lines', () => {
    expect(draft.entries.map((e) => [e.question, e.answer])).toEqual([
      ['Kan jag mejla kommunen?', 'Nej, inte just nu. Ring i stället.'],
      ['Var finns kontaktcenter?', 'Kontaktcenter finns i Stadshuset, Storgatan 5, 123 45 Exempelstad.\nTelefon: 0123-100 00\nÖppettider: måndag–fredag 8–16.'],
    ]);
  });

  it('dates the update headings, with the time only where the heading gives one', () => {
    expect(draft.timeline.map((u) => [u.date, u.time, u.yearBasis, u.text])).toEqual([
      ['2024-02-13', '15:30', 'written', 'E-posten fungerar inte. Vi felsöker.'],
      ['2024-02-14', undefined, 'published', 'E-posten fungerar delvis. Telefonin fungerar.'],
    ]);
  });

  it('finds the hours "måndag–fredag 8–16" with their days, and no e-mail where the page has only a person’s', () => {
    expect(draft.contact.openingHours).toMatchObject({ opens: '08:00', closes: '16:00', days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] });
    expect(draft.contact.phone?.tel).toBe('+4612310000');
    expect(draft.contact.visitingAddress?.value).toBe('Storgatan 5');
    expect(draft.contact.email).toBeUndefined();
    expect(JSON.stringify(draft)).not.toMatch(/070-555 12 34|karin\.berg@/);
  });
});

describe('other shapes municipal sites use', () => {
  it('buttons that open a panel (aria-controls)', () => {
    const body = html(`<h1>Driftstörning</h1><div class="accordion">
      <h3><button aria-expanded="false" aria-controls="p1">Kan jag ringa?</button></h3>
      <div id="p1" hidden><p>Ja, ring 0456-12 34 00.</p></div>
      <h3><button aria-expanded="false" aria-controls="p2">Är skolan öppen?</button></h3>
      <div id="p2" hidden><p>Ja.</p><ul><li>Förskolan också.</li></ul></div></div>`);
    const draft = draftOf(importPage({ body, format: 'html', url: URL_, today: TODAY }));
    expect(draft.entries.map((e) => [e.question, e.answer])).toEqual([
      ['Kan jag ringa?', 'Ja, ring 0456-12 34 00.'],
      ['Är skolan öppen?', 'Ja.\n\n- Förskolan också.'],
    ]);
  });

  it('a panel id with characters a selector would choke on', () => {
    const body = html(`<h1>X</h1><button aria-expanded="true" aria-controls='p"1]\\'>Stängt?</button><div id='p"1]\\'><p>Nej.</p></div>`);
    const draft = draftOf(importPage({ body, format: 'html', url: URL_, today: TODAY }));
    expect(draft.entries.map((e) => [e.question, e.answer])).toEqual([['Stängt?', 'Nej.']]);
  });

  it('a definition list', () => {
    const body = html('<h1>Frågor</h1><dl><dt>Vad hände?</dt><dd>Ett <em>intrång</em>.</dd><div><dt>Är det över?</dt><dd><p>Nej.</p><p>Vi arbetar.</p></dd></div></dl>');
    const draft = draftOf(importPage({ body, format: 'html', url: URL_, today: TODAY }));
    expect(draft.entries.map((e) => [e.question, e.answer])).toEqual([
      ['Vad hände?', 'Ett intrång.'],
      ['Är det över?', 'Nej.\n\nVi arbetar.'],
    ]);
  });

  it('questions as headings with answers below, up to the next heading', () => {
    const body = html('<h1>Incident</h1><h2>Vad hände?</h2><p>Ett intrång.</p><p>Mer text.</p><h2>Kontakt</h2><p>Ring oss.</p>');
    const draft = draftOf(importPage({ body, format: 'html', url: URL_, today: TODAY }));
    expect(draft.entries.map((e) => e.answer)).toEqual(['Ett intrång.\n\nMer text.']);
    expect(draft.unplaced.map((u) => u.text)).toEqual(['Ring oss.']);
  });

  it('plain text with each answer on the line after its question', () => {
    const text = 'Störning\n\nVad har hänt?\nEtt intrång i IT-miljön.\nVi arbetar med det.\n\nÄr det över?\nNej.\n';
    const draft = draftOf(importPage({ body: text, format: 'text', url: URL_, today: TODAY }));
    expect(draft.entries.map((e) => [e.question, e.answer])).toEqual([
      ['Vad har hänt?', 'Ett intrång i IT-miljön. Vi arbetar med det.'],
      ['Är det över?', 'Nej.'],
    ]);
  });

  it('questions of very long words get ids within the corpus\'s limit, cut at a word, still apart', () => {
    const long = 'Gäller' + ' kommunfullmäktigesammanträdesprotokollsjusteringsförfarandet'.repeat(3);
    const text = `Störning\n\n${long}?\nNej.\n\n${long} igen?\nJa.\n\nGäller ${'fjärrvärme'.repeat(15)}?\nKanske.\n`;
    const draft = draftOf(importPage({ body: text, format: 'text', url: URL_, today: TODAY }));
    const ids = draft.entries.map((e) => e.id);
    expect(ids).toHaveLength(3);
    for (const id of ids) {
      expect(id.length).toBeLessThanOrEqual(MAX_ID_LENGTH);
      expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
    expect(ids[0]).toBe('galler-kommunfullmaktigesammantradesprotokollsjusteringsforfarandet');
    expect(ids[2]).toBe('galler');
    expect(new Set(ids).size).toBe(3);
  });

  it('Markdown with bold questions', () => {
    const text = '# Störning\n\n**Vad hände?** Ett intrång.\n\n**Är det över?**\nNej, inte än.\n';
    const draft = draftOf(importPage({ body: text, format: 'text', url: URL_, today: TODAY }));
    expect(draft.entries.map((e) => [e.question, e.answer])).toEqual([
      ['Vad hände?', 'Ett intrång.'],
      ['Är det över?', 'Nej, inte än.'],
    ]);
  });
});

describe('dates, years and times: never invented', () => {
  const faq = '<h2>Vad hände?</h2><p>Ett intrång.</p>';
  it('a date with neither year, publishing date nor weekday is listed, not given a year', () => {
    const draft = draftOf(importPage({ body: html(`<h1>X</h1><p>Den 3 mars stängdes systemen.</p>${faq}`), format: 'html', url: URL_, today: TODAY }));
    expect(draft.timeline).toEqual([]);
    expect(draft.unplaced[0]?.reason).toMatch(/no year/);
  });

  it('the publishing date gives the year, and a time only when the page writes one', () => {
    const head = '<meta property="article:published_time" content="2024-03-04T09:00:00+01:00">';
    const draft = draftOf(importPage({ body: html(`<h1>X</h1><p>Den 3 mars kl. 14.00 stängdes systemen.</p><p>Den 4 mars öppnade receptionen 08.30–16.00.</p>${faq}`, head), format: 'html', url: URL_, today: TODAY }));
    expect(draft.timeline.map((u) => [u.date, u.time])).toEqual([['2024-03-03', '14:00'], ['2024-03-04', undefined]]);
  });

  it('weekdays that agree on no year leave the dates for the editor', () => {
    // 1 and 2 December are never both a Monday.
    const draft = draftOf(importPage({ body: html(`<h1>X</h1><p>Måndag den 1 december hände något.</p><p>Måndag den 2 december hände mer.</p>${faq}`), format: 'html', url: URL_, today: TODAY }));
    expect(draft.timeline).toEqual([]);
    expect(draft.unplaced).toHaveLength(2);
  });

  it('abbreviated months, as news lists write them', () => {
    const draft = draftOf(importPage({ body: html(`<h1>X</h1><ul><li>9 dec 2022: Systemen är igång.</li><li>13 okt. 2023: Ny information.</li></ul>${faq}`), format: 'html', url: URL_, today: TODAY }));
    expect(draft.timeline.map((u) => u.date)).toEqual(['2022-12-09', '2023-10-13']);
  });

  it('a year written on the page wins', () => {
    const draft = draftOf(importPage({ body: html(`<h1>X</h1><p>Den 3 mars 2021 stängdes systemen.</p>${faq}`), format: 'html', url: URL_, today: TODAY }));
    expect(draft.timeline.map((u) => [u.date, u.yearBasis])).toEqual([['2021-03-03', 'written']]);
  });
});

describe('personal data on the page is not copied', () => {
  it('personnummer, mobile numbers and a named person’s e-mail are replaced; the municipality’s details stay', () => {
    const body = html(`<h1>X</h1><h2>Vem kan jag ringa?</h2><p>Ring kontaktcenter på 011-15 00 00 eller mejla kontakt@kommun.se. Handläggare Anna Svensson nås på 070-123 45 67 och anna.svensson@kommun.se. Ärendet gäller 19800101-1234.</p>`);
    const draft = draftOf(importPage({ body, format: 'html', url: URL_, today: TODAY }));
    const answer = draft.entries[0]?.answer ?? '';
    expect(answer).not.toMatch(/070-123 45 67|anna\.svensson@|19800101-1234/);
    expect(answer).toContain('[personnummer]');
    expect(answer).toContain('011-15 00 00');
    expect(answer).toContain('kontakt@kommun.se');
    expect(draft.contact.phone?.value).toBe('011-15 00 00');
    expect(draft.personalDataRemoved).toEqual([{ where: `entry "${draft.entries[0]?.id}" answer`, kinds: ['mobile', 'personal-email', 'personnummer'] }]);
  });
});

describe('refusals and bad pages', () => {
  it('a page with no questions is refused with a message', () => {
    const result = importPage({ body: html('<h1>Nyheter</h1><p>Inget om frågor här.</p>'), format: 'html', url: URL_, today: TODAY });
    expect(result).toMatchObject({ ok: false, code: 'no-questions' });
    expect(result.ok ? '' : result.message).toMatch(/no questions/);
  });

  it('over 2 MB is refused', () => {
    const body = html(`<h2>Vad hände?</h2><p>${'å'.repeat(1_100_000)}</p>`);
    expect(importPage({ body, format: 'html', url: URL_, today: TODAY })).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('binary content is refused, as is an empty page and a page with no address', () => {
    expect(importPage({ body: `%PDF-1.7\u0000\u0001\u0002binary`, format: 'text', url: URL_, today: TODAY })).toMatchObject({ ok: false, code: 'not-text' });
    expect(importPage({ body: '   \n', format: 'text', url: URL_, today: TODAY })).toMatchObject({ ok: false, code: 'empty' });
    expect(importPage({ body: html('<h2>Vad hände?</h2><p>Något.</p>'), format: 'html', today: TODAY })).toMatchObject({ ok: false, code: 'no-address' });
  });

  it('scripts and markup in a page are never taken as text; escaped markup stays inert text', () => {
    const body = html('<h2>Vad hände?</h2><p>Ett <script>alert(1)</script>intrång <img src=x onerror=alert(2)>&lt;b&gt;här&lt;/b&gt;.</p><style>p{}</style>');
    const draft = draftOf(importPage({ body, format: 'html', url: URL_, today: TODAY }));
    expect(draft.entries[0]?.answer).toBe('Ett intrång <b>här</b>.');
  });

  it('malformed markup never throws (random input)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.constantFrom<'html' | 'text'>('html', 'text'), (body, format) => {
        const result = importPage({ body: `<h2>Vad?</h2>${body}<p>Svar.</p><details><summary>Q?`, format, url: URL_, today: TODAY });
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});
