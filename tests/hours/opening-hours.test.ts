import { afterEach, describe, expect, test } from 'vitest';
import { isSwedishPublicHoliday, openingStatus, type OpeningHours } from '../../src/core/index.js';
import { loadRealCorpus } from '../web/helpers.js';

const SOURCE = { title: 'En källa som anger dagarna', url: 'https://www.norrkoping.se/' };

// Visiting hours with the days and the holiday rule stated, as an editor could write them with a source.
const HOURS: OpeningHours = {
  timeZone: 'Europe/Stockholm',
  opens: '08:30',
  closes: '16:00',
  display: { sv: '08.30–16.00', en: '08:30–16:00' },
  days: { list: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], source: SOURCE },
  publicHolidays: { closed: true, source: SOURCE },
};
// What the seed page gives: hours for visits, no days, nothing about holidays.
const HOURS_ONLY: OpeningHours = { timeZone: 'Europe/Stockholm', opens: '08:30', closes: '16:00', display: HOURS.display };

const at = (iso: string, hours: OpeningHours = HOURS) => openingStatus(hours, new Date(iso));

describe('openingStatus when the days and holidays are stated', () => {
  test('when it is a weekday within hours returns open until 16:00', () => {
    // Wednesday 11 January 2023, 10:00 in Stockholm (UTC+1).
    expect(at('2023-01-11T09:00:00Z')).toEqual({ kind: 'open', closes: { hour: 16, minute: 0 } });
  });

  test('when it is a weekday evening returns closed, opening tomorrow 08:30', () => {
    expect(at('2023-01-11T17:00:00Z')).toEqual({
      kind: 'closed',
      reason: 'after-closing',
      next: { when: 'tomorrow', weekday: 'thursday', date: '2023-01-12', time: { hour: 8, minute: 30 } },
    });
  });

  test('when it is the minute of closing returns closed', () => {
    expect(at('2023-01-11T15:00:00Z').kind).toBe('closed');
    expect(at('2023-01-11T14:59:00Z').kind).toBe('open');
  });

  test('when it is Saturday returns closed, opening Monday', () => {
    expect(at('2023-01-14T10:00:00Z')).toEqual({
      kind: 'closed',
      reason: 'closed-day',
      next: { when: 'later', weekday: 'monday', date: '2023-01-16', time: { hour: 8, minute: 30 } },
    });
  });

  test('when it is juldagen on a Monday returns closed for the holiday, opening after annandag jul', () => {
    expect(at('2023-12-25T10:00:00Z')).toEqual({
      kind: 'closed',
      reason: 'public-holiday',
      next: { when: 'later', weekday: 'wednesday', date: '2023-12-27', time: { hour: 8, minute: 30 } },
    });
  });

  test('when it is julafton on a weekday returns open, because the package does not count eves as holidays', () => {
    // 24 December 2024 is a Tuesday; the corpus says nothing about eves.
    expect(at('2024-12-24T09:00:00Z').kind).toBe('open');
  });

  test('when it is Friday 23:30 UTC, already Saturday in Stockholm, returns closed-day', () => {
    expect(at('2023-01-13T23:30:00Z')).toMatchObject({ kind: 'closed', reason: 'closed-day', next: { weekday: 'monday', date: '2023-01-16' } });
  });

  test('when it is Sunday 23:30 UTC, Monday 00:30 in Stockholm, returns opening today 08:30', () => {
    expect(at('2023-01-15T23:30:00Z')).toEqual({
      kind: 'closed',
      reason: 'before-opening',
      next: { when: 'today', weekday: 'monday', date: '2023-01-16', time: { hour: 8, minute: 30 } },
    });
  });

  test('when it is 07:00 UTC returns closed in winter (08:00) but open in summer (09:00, CEST)', () => {
    expect(at('2023-01-11T07:00:00Z').kind).toBe('closed');
    expect(at('2023-07-12T07:00:00Z').kind).toBe('open');
  });

  test('when the source says the reception is open on holidays returns open on juldagen', () => {
    expect(at('2023-12-25T10:00:00Z', { ...HOURS, publicHolidays: { closed: false, source: SOURCE } }).kind).toBe('open');
  });
});

describe('openingStatus when only what the source states is known', () => {
  test('when the days are not stated and it is within the hours returns unknown, even on a Saturday', () => {
    expect(at('2023-01-11T09:00:00Z', HOURS_ONLY)).toEqual({ kind: 'unknown', reason: 'days-not-stated' });
    expect(at('2023-01-14T10:00:00Z', HOURS_ONLY)).toEqual({ kind: 'unknown', reason: 'days-not-stated' });
  });

  test('when the days are not stated and it is evening returns closed without naming a next day', () => {
    expect(at('2023-01-11T17:00:00Z', HOURS_ONLY)).toEqual({ kind: 'closed', reason: 'after-closing', next: undefined });
    expect(at('2023-01-11T06:00:00Z', HOURS_ONLY)).toEqual({ kind: 'closed', reason: 'before-opening', next: undefined });
  });

  test('when the days are stated but holidays are not and it is juldagen within hours returns unknown', () => {
    expect(at('2023-12-25T10:00:00Z', { ...HOURS_ONLY, days: HOURS.days })).toEqual({ kind: 'unknown', reason: 'holidays-not-stated' });
  });

  test('when the days are stated but holidays are not, the evening before a holiday names no next day', () => {
    // Friday 22 December 2023 evening: Monday is juldagen, and the corpus does not say whether it closes.
    expect(at('2023-12-22T18:00:00Z', { ...HOURS_ONLY, days: HOURS.days })).toEqual({ kind: 'closed', reason: 'after-closing', next: undefined });
  });

  test('the shipped contact.yaml states the visiting hours 08:30–16:00 and no days or holiday rule, as the seed page', () => {
    const hours = loadRealCorpus().contact.openingHours;
    expect([hours.opens, hours.closes, hours.days, hours.publicHolidays]).toEqual(['08:30', '16:00', undefined, undefined]);
  });
});

describe('isSwedishPublicHoliday', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  // A different year per zone: the holiday table is cached per year, and each zone must build its own.
  test.each([
    ['UTC', '2031', '05-22'],
    ['America/Los_Angeles', '2032', '05-06'],
    ['Asia/Tokyo', '2033', '05-26'],
  ])('when the process runs in %s returns Kristi himmelsfärdsdag %s and juldagen, not the days before', (tz, year, ascension) => {
    process.env.TZ = tz;
    const dayBefore = `${year}-${ascension.slice(0, 3)}${String(Number(ascension.slice(3)) - 1).padStart(2, '0')}`;
    expect(isSwedishPublicHoliday(`${year}-${ascension}`)).toBe(true);
    expect(isSwedishPublicHoliday(dayBefore)).toBe(false);
    expect(isSwedishPublicHoliday(`${year}-12-25`)).toBe(true);
    expect(isSwedishPublicHoliday(`${year}-12-24`)).toBe(false);
  });
});
