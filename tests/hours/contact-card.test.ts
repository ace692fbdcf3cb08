import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { contactCard } from '../../src/channels/botframework/contact-card.js';
import type { Contact } from '../../src/core/index.js';
import { createI18n, type I18n } from '../../src/i18n/index.js';
import { loadRealCorpus } from '../web/helpers.js';

const LOCALES = fileURLToPath(new URL('../../locales', import.meta.url));
const heroCard = z.object({ title: z.string(), subtitle: z.string().optional(), text: z.string(), buttons: z.array(z.object({ value: z.string() })) });
const SOURCE = { title: 'Kontaktcenter', url: 'https://www.norrkoping.se/kontakt' };

const shipped = loadRealCorpus().contact;
// The shipped contact data with everything an editor may add when a source states it.
const stated: Contact = {
  ...shipped,
  openingHours: {
    ...shipped.openingHours,
    days: { list: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], source: SOURCE },
    publicHolidays: { closed: true, source: SOURCE },
  },
  phoneHours: { display: { sv: 'måndag–fredag 08.00–16.30', en: 'Monday–Friday 08:00–16:30' }, source: SOURCE },
};

let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n({ localesDir: LOCALES });
});
const card = (contact: Contact, iso: string, lang: 'sv' | 'en' = 'sv') => heroCard.parse(contactCard(contact, lang, i18n.translator(lang), new Date(iso)).content);

// Wednesday 11 January 2023 10:00 and 19:00, Saturday 14 January 11:00 (Stockholm, UTC+1).
const WEDNESDAY_10 = '2023-01-11T09:00:00Z';
const WEDNESDAY_19 = '2023-01-11T18:00:00Z';
const SATURDAY_11 = '2023-01-14T10:00:00Z';

describe('the contact card with the shipped contact.yaml (what the seed page says)', () => {
  test('when it is within the visiting hours shows the hours and no open/closed claim, on any day', () => {
    for (const at of [WEDNESDAY_10, SATURDAY_11]) {
      const c = card(shipped, at);
      expect(c.subtitle).toBeUndefined();
      expect(c.text).toContain('Öppettider för besök: 08.30–16.00');
    }
  });

  test('when it is evening says visits are closed now, without naming a day it opens', () => {
    expect(card(shipped, WEDNESDAY_19).subtitle).toBe('Besök: stängt nu');
    expect(card(shipped, WEDNESDAY_19, 'en').subtitle).toBe('Visits: closed now');
  });

  test('has phone and e-mail as links in the text and as buttons, and only the advice contact.yaml gives', () => {
    const c = card(shipped, WEDNESDAY_10);
    expect(c.text).toContain('[011-15 00 00](tel:+4611150000)');
    expect(c.text).toContain('[norrkoping.kommun@norrkoping.se](mailto:norrkoping.kommun@norrkoping.se)');
    expect(c.buttons.map((b) => b.value)).toEqual(['tel:+4611150000', 'mailto:norrkoping.kommun@norrkoping.se']);
    const lines = c.text.split('\n\n');
    expect(lines).toHaveLength(4 + shipped.advice.length);
    for (const advice of shipped.advice) expect(lines).toContain(advice.text.sv);
    expect(c.text).not.toMatch(/vardag|helgdag|Telefontider|Utanför öppettiderna/);
  });
});

describe('the contact card when contact.yaml states days, holidays and phone hours with a source', () => {
  test('when it is Wednesday 10:00 says visits are open now until 16.00, and names the days', () => {
    const c = card(stated, WEDNESDAY_10);
    expect(c.subtitle).toBe('Besök: öppet nu till 16.00');
    expect(c.text).toContain('Öppettider för besök: måndag–fredag 08.30–16.00');
    expect(c.text).toContain('Receptionen är stängd för besök på allmänna helgdagar.');
    expect(c.text).toContain('Telefontider: måndag–fredag 08.00–16.30');
  });

  test('when it is Saturday says visits are closed until Monday, in Swedish and English', () => {
    expect(card(stated, SATURDAY_11).subtitle).toBe('Besök: stängt nu – öppnar måndag 08.30');
    expect(card(stated, SATURDAY_11, 'en').subtitle).toBe('Visits: closed now – opens Monday at 08:30');
  });

  test('when the days are not a run names each day', () => {
    const twoDays: Contact = { ...stated, openingHours: { ...stated.openingHours, days: { list: ['friday', 'monday'], source: SOURCE } } };
    expect(card(twoDays, WEDNESDAY_10).text).toContain('Öppettider för besök: måndag, fredag 08.30–16.00');
  });
});
