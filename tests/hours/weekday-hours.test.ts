/**
 * Visiting hours that differ by weekday ("måndag–torsdag 08.00–16.30, fredag 08.00–15.00"):
 * contact.yaml's `openingHours.exceptions`, refused at load when it cannot be right, and the open/closed
 * status and next opening computed with each day's own hours. Fixed instants, Stockholm time.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { contactCard } from '../../src/channels/botframework/contact-card.js';
import { noticesText, pageText } from '../../src/channels/web/page-text.js';
import { loadCorpus, openingStatus, type Contact, type LoadResult, type OpeningHours } from '../../src/core/index.js';
import { createI18n, type I18n } from '../../src/i18n/index.js';
import { copyOfFaqData } from '../support/corpus.js';
import { inSwedish } from '../support/staff-swedish.js';

const SOURCE = { title: 'Besök kontaktcenter', url: 'https://www.norrkoping.se/' };
const WEEKDAYS_MON_FRI = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;

// The reception of the brief: Monday–Thursday 08:00–16:30, Friday 08:00–15:00, closed at weekends and on holidays.
const RECEPTION: OpeningHours = {
  timeZone: 'Europe/Stockholm',
  opens: '08:00',
  closes: '16:30',
  display: { sv: 'mån–tors 08.00–16.30, fre 08.00–15.00', en: 'Mon–Thu 08:00–16:30, Fri 08:00–15:00' },
  days: { list: [...WEEKDAYS_MON_FRI], source: SOURCE },
  exceptions: { friday: { opens: '08:00', closes: '15:00' } },
  publicHolidays: { closed: true, source: SOURCE },
};
// A Friday that opens later too, so the next opening's time shows whose hours it took.
const LATE_FRIDAY: OpeningHours = { ...RECEPTION, exceptions: { friday: { opens: '10:00', closes: '15:00' } } };

const at = (iso: string, hours: OpeningHours = RECEPTION) => openingStatus(hours, new Date(iso));

describe('openingStatus when a weekday keeps hours of its own', () => {
  test('when it is Friday 15:30 returns closed after Friday\'s own closing, opening Monday 08:00', () => {
    // Friday 13 January 2023, 15:30 in Stockholm (UTC+1): within the usual hours, after Friday's.
    expect(at('2023-01-13T14:30:00Z')).toEqual({
      kind: 'closed',
      reason: 'after-closing',
      next: { when: 'later', weekday: 'monday', date: '2023-01-16', time: { hour: 8, minute: 0 } },
    });
  });

  test('when it is Friday 14:00 returns open until 15:00, not the usual 16:30', () => {
    expect(at('2023-01-13T13:00:00Z')).toEqual({ kind: 'open', closes: { hour: 15, minute: 0 } });
  });

  test('when it is Thursday 16:00 returns open until 16:30, the usual hours', () => {
    expect(at('2023-01-12T15:00:00Z')).toEqual({ kind: 'open', closes: { hour: 16, minute: 30 } });
  });

  test('when it is Thursday evening names Friday\'s own opening time for tomorrow', () => {
    expect(at('2023-01-12T17:00:00Z', LATE_FRIDAY)).toEqual({
      kind: 'closed',
      reason: 'after-closing',
      next: { when: 'tomorrow', weekday: 'friday', date: '2023-01-13', time: { hour: 10, minute: 0 } },
    });
  });

  test('when it is Friday 09:00 and Friday opens at 10:00 returns closed, opening today 10:00; Thursday 09:00 is open', () => {
    expect(at('2023-01-13T08:00:00Z', LATE_FRIDAY)).toEqual({
      kind: 'closed',
      reason: 'before-opening',
      next: { when: 'today', weekday: 'friday', date: '2023-01-13', time: { hour: 10, minute: 0 } },
    });
    expect(at('2023-01-12T08:00:00Z', LATE_FRIDAY)).toEqual({ kind: 'open', closes: { hour: 16, minute: 30 } });
  });

  test('when it is Saturday names Monday with the usual opening, and a late Friday does not leak into it', () => {
    expect(at('2023-01-14T10:00:00Z', LATE_FRIDAY)).toMatchObject({ kind: 'closed', reason: 'closed-day', next: { weekday: 'monday', time: { hour: 8, minute: 0 } } });
  });

  test('across the change to summer time: Friday 24 March 15:30 (CET) names Monday 27 March 08:00 (CEST)', () => {
    expect(at('2023-03-24T14:30:00Z')).toEqual({
      kind: 'closed',
      reason: 'after-closing',
      next: { when: 'later', weekday: 'monday', date: '2023-03-27', time: { hour: 8, minute: 0 } },
    });
    // Monday 27 March 08:00 in Stockholm is 06:00 UTC: open then, closed a minute before.
    expect(at('2023-03-27T06:00:00Z')).toEqual({ kind: 'open', closes: { hour: 16, minute: 30 } });
    expect(at('2023-03-27T05:59:00Z').kind).toBe('closed');
  });

  test('at 13:30 UTC on a Friday: open in winter (14:30 CET), closed in summer (15:30 CEST, after Friday\'s closing)', () => {
    expect(at('2023-10-27T13:30:00Z')).toMatchObject({ kind: 'closed', reason: 'after-closing' });
    expect(at('2023-11-03T13:30:00Z')).toEqual({ kind: 'open', closes: { hour: 15, minute: 0 } });
  });

  test('when Friday is långfredagen returns closed for the holiday, and Thursday evening names the Tuesday after Easter', () => {
    expect(at('2023-04-07T09:00:00Z')).toMatchObject({ kind: 'closed', reason: 'public-holiday' });
    // Thursday 6 April 2023 17:00 (CEST): Friday and annandag påsk are holidays, the weekend closed.
    expect(at('2023-04-06T15:00:00Z', LATE_FRIDAY)).toEqual({
      kind: 'closed',
      reason: 'after-closing',
      next: { when: 'later', weekday: 'tuesday', date: '2023-04-11', time: { hour: 8, minute: 0 } },
    });
  });

  test('when Friday closes at midnight ("24:00") it is open at 23:30', () => {
    const lateNight: OpeningHours = { ...RECEPTION, exceptions: { friday: { opens: '18:00', closes: '24:00' } } };
    expect(at('2023-01-13T22:30:00Z', lateNight)).toEqual({ kind: 'open', closes: { hour: 24, minute: 0 } });
    expect(at('2023-01-13T09:00:00Z', lateNight)).toMatchObject({ kind: 'closed', reason: 'before-opening', next: { when: 'today', time: { hour: 18, minute: 0 } } });
  });
});

// --- contact.yaml as an editor writes it --------------------------------------------------------------

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of faq-data/ whose contact.yaml states the days (with a source) and then `extra` under openingHours. */
function contactWith(extra: string, list = '[monday, tuesday, wednesday, thursday, friday]'): LoadResult {
  const dir = copyOfFaqData();
  dirs.push(dir);
  const path = join(dir, 'contact.yaml');
  const text = readFileSync(path, 'utf8');
  const days = list === '' ? '' : `  days:\n    list: ${list}\n    source: { title: Besök kontaktcenter, url: "https://www.norrkoping.se/" }\n`;
  const next = text.replace(/^  # days and publicHolidays may be added.*\n/m, `${days}${extra}`);
  if (next === text) throw new Error('fixture did not change contact.yaml');
  writeFileSync(path, next);
  return loadCorpus(dir);
}
const messages = (result: LoadResult) => (result.ok ? [] : result.problems.map((p) => p.message));


describe('contact.yaml openingHours.exceptions', () => {
  test('when Friday has hours of its own, the corpus loads with them and the usual hours unchanged', () => {
    const result = contactWith('  exceptions:\n    friday: { opens: "08:00", closes: "15:00" }\n');
    expect(messages(result)).toEqual([]);
    if (!result.ok) return;
    const hours = result.corpus.contact.openingHours;
    expect([hours.opens, hours.closes, hours.exceptions]).toEqual(['08:30', '16:00', { friday: { opens: '08:00', closes: '15:00' } }]);
  });

  test('when the written hours do not show a day\'s own closing time, or a day repeats the usual hours, the corpus loads and faq:check says so', () => {
    const warningsOf = (result: LoadResult) => (result.ok ? (result.warnings ?? []).filter((w) => w.code === 'HOURS_NOT_SHOWN' || w.code === 'SAME_AS_USUAL_HOURS').map((w) => w.message.replace(/^.*?: field/, 'field')) : ['not loaded']);
    // The shipped display "08.30–16.00" says nothing of a Friday closing at 15.00: the card would print it beside "öppet nu till 15.00".
    expect(warningsOf(contactWith('  exceptions:\n    friday: { opens: "08:00", closes: "15:00" }\n'))).toEqual([
      expect.stringMatching(/^field "openingHours\.display\.sv": does not show the closing time 15:00, though the hours close then on some day/),
      expect.stringMatching(/^field "openingHours\.display\.en": does not show the closing time 15:00/),
    ]);
    expect(warningsOf(contactWith('  exceptions:\n    friday: { opens: "08:30", closes: "16:00" }\n'))).toEqual([
      expect.stringMatching(/^field "openingHours\.exceptions\.friday": gives friday the usual hours \(opens and closes\), so it changes nothing/),
    ]);
    // Written the way the README shows: no warning (also "kl. 8–15" for a whole hour).
    const written = (sv: string, en: string) => contactWith(`  exceptions:\n    friday: { opens: "08:00", closes: "15:00" }\n`).ok && (() => {
      const dir = dirs[dirs.length - 1] as string;
      const path = join(dir, 'contact.yaml');
      writeFileSync(path, readFileSync(path, 'utf8').replace(/^    sv: "08\.30–16\.00"\n    en: "08:30–16:00"$/m, `    sv: "${sv}"\n    en: "${en}"`));
      return loadCorpus(dir);
    })();
    const readme = written('mån–tors 08.30–16.00, fre 08.00–15.00', 'Mon–Thu 08:30–16:00, Fri 08:00–15:00');
    expect(readme && warningsOf(readme)).toEqual([]);
    const hoursOnly = written('mån–tors kl. 8.30–16, fre kl. 8–15', 'Mon–Thu 8.30–16, Fri 8–15');
    expect(hoursOnly && warningsOf(hoursOnly)).toEqual([]);
  });

  test('when a day with its own hours is not one of days.list, is refused naming the day, in Swedish on the editors\' pages', () => {
    const found = messages(contactWith('  exceptions:\n    saturday: { opens: "10:00", closes: "14:00" }\n'));
    expect(found).toEqual([
      expect.stringMatching(/contact\.yaml: contact center, field "openingHours\.exceptions\.saturday": names saturday, which is not in days\.list: add saturday to days\.list, or remove its hours here/),
    ]);
    expect(inSwedish(found[0] ?? '')).toBe('Lördag är inte en av dagarna för besök: kryssa i lördag bland dagarna, eller töm dess egna öppettider');
  });

  test('when a day\'s own hours close before they open, is refused at that day\'s closes with the rule of the usual hours', () => {
    const found = messages(contactWith('  exceptions:\n    friday: { opens: "15:00", closes: "08:00" }\n'));
    expect(found).toEqual([expect.stringMatching(/field "openingHours\.exceptions\.friday\.closes": must be later than opens: the hours must close after they open on the same day/)]);
    expect(inSwedish(found[0] ?? '')).toMatch(/^Måste vara senare än öppningstiden samma dag/);
  });

  test('when a day\'s own hours are given but the days are not, is refused: the days and their source come first', () => {
    const found = messages(contactWith('  exceptions:\n    friday: { opens: "08:00", closes: "15:00" }\n', ''));
    expect(found).toEqual([expect.stringMatching(/field "openingHours\.exceptions": needs days: a day can have hours of its own only when the days are stated/)]);
    expect(inSwedish(found[0] ?? '')).toMatch(/^En dag kan ha egna öppettider bara när dagarna för besök är angivna/);
  });

  test('when a day is written in Swedish ("fredag"), is refused naming it', () => {
    const found = messages(contactWith('  exceptions:\n    fredag: { opens: "08:00", closes: "15:00" }\n'));
    expect(found).toEqual([expect.stringMatching(/field "openingHours\.exceptions": "fredag" is not a day of the week: name each day as monday, tuesday, wednesday, thursday, friday, saturday or sunday/)]);
  });

  test('when a day\'s own time is malformed or missing, is refused at that field', () => {
    expect(messages(contactWith('  exceptions:\n    friday: { opens: "8", closes: "15:00" }\n'))).toEqual([
      expect.stringMatching(/field "openingHours\.exceptions\.friday\.opens": must be a time written HH:MM/),
    ]);
    expect(messages(contactWith('  exceptions:\n    friday: { opens: "08:00" }\n'))).toEqual([expect.stringMatching(/field "openingHours\.exceptions\.friday\.closes": is missing/)]);
  });
});

// --- what residents read -------------------------------------------------------------------------------

const LOCALES = fileURLToPath(new URL('../../locales', import.meta.url));
const heroCard = z.object({ subtitle: z.string().optional(), text: z.string() });
let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n({ localesDir: LOCALES });
});

describe('the contact card and the chat page with a Friday of its own', () => {
  const contact = (): Contact => {
    const result = contactWith('  exceptions:\n    friday: { opens: "08:00", closes: "15:00" }\n');
    if (!result.ok) throw new Error(messages(result).join('\n'));
    const c = result.corpus.contact;
    return { ...c, openingHours: { ...c.openingHours, display: RECEPTION.display } };
  };
  const card = (c: Contact, iso: string, lang: 'sv' | 'en' = 'sv') => heroCard.parse(contactCard(c, lang, i18n.translator(lang), new Date(iso)).content);

  test('on Friday 14:00 says open until 15.00, and shows the hours as display writes them, without a day range in front', () => {
    const c = card(contact(), '2023-01-13T13:00:00Z');
    expect(c.subtitle).toBe('Besök: öppet nu till 15.00');
    expect(c.text).toContain('Öppettider för besök: mån–tors 08.00–16.30, fre 08.00–15.00');
    expect(c.text).not.toContain('måndag–fredag');
    expect(card(contact(), '2023-01-13T13:00:00Z', 'en').subtitle).toBe('Visits: open now until 15:00');
  });

  test('the chat page and its notices show the same hours text', () => {
    const c = contact();
    const t = i18n.translator('sv');
    expect(pageText(c, { starters: [], places: [] }, t, 500).hoursValue).toBe('mån–tors 08.00–16.30, fre 08.00–15.00');
    expect(noticesText(c, 'sv', t).failed).toContain('kom på besök mån–tors 08.00–16.30, fre 08.00–15.00');
  });
});
