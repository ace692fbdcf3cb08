import { afterEach, describe, expect, test } from 'vitest';
import { isSwedishPublicHoliday, openingStatus, type OpeningHours } from '../../src/core/index.js';

// The contact center's hours as faq-data/contact.yaml states them.
const HOURS: OpeningHours = {
  timeZone: 'Europe/Stockholm',
  days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
  opens: '08:30',
  closes: '16:00',
  closedOnPublicHolidays: true,
  display: { sv: '08.30–16.00', en: '08:30–16:00' },
};

const at = (iso: string) => openingStatus(HOURS, new Date(iso));

describe('openingStatus', () => {
  test('when it is a weekday within hours returns open until 16:00', () => {
    // Wednesday 11 January 2023, 10:00 in Stockholm (UTC+1).
    expect(at('2023-01-11T09:00:00Z')).toEqual({ open: true, closes: { hour: 16, minute: 0 } });
  });

  test('when it is a weekday evening returns closed, opening tomorrow 08:30', () => {
    expect(at('2023-01-11T17:00:00Z')).toEqual({
      open: false,
      reason: 'after-closing',
      next: { when: 'tomorrow', weekday: 'thursday', date: '2023-01-12', time: { hour: 8, minute: 30 } },
    });
  });

  test('when it is the minute of closing returns closed', () => {
    expect(at('2023-01-11T15:00:00Z').open).toBe(false);
    expect(at('2023-01-11T14:59:00Z').open).toBe(true);
  });

  test('when it is Saturday returns closed, opening Monday', () => {
    expect(at('2023-01-14T10:00:00Z')).toEqual({
      open: false,
      reason: 'closed-day',
      next: { when: 'later', weekday: 'monday', date: '2023-01-16', time: { hour: 8, minute: 30 } },
    });
  });

  test('when it is juldagen on a Monday returns closed for the holiday, opening after annandag jul', () => {
    expect(at('2023-12-25T10:00:00Z')).toEqual({
      open: false,
      reason: 'public-holiday',
      next: { when: 'later', weekday: 'wednesday', date: '2023-12-27', time: { hour: 8, minute: 30 } },
    });
  });

  test('when it is julafton on a weekday returns open, because the package does not count eves as holidays', () => {
    // 24 December 2024 is a Tuesday; the corpus says nothing about eves.
    expect(at('2024-12-24T09:00:00Z').open).toBe(true);
  });

  test('when it is Friday 23:30 UTC, already Saturday in Stockholm, returns closed-day', () => {
    const status = at('2023-01-13T23:30:00Z');
    expect(status).toMatchObject({ open: false, reason: 'closed-day', next: { weekday: 'monday', date: '2023-01-16' } });
  });

  test('when it is Sunday 23:30 UTC, Monday 00:30 in Stockholm, returns opening today 08:30', () => {
    expect(at('2023-01-15T23:30:00Z')).toEqual({
      open: false,
      reason: 'before-opening',
      next: { when: 'today', weekday: 'monday', date: '2023-01-16', time: { hour: 8, minute: 30 } },
    });
  });

  test('when it is 07:00 UTC returns closed in winter (08:00) but open in summer (09:00, CEST)', () => {
    expect(at('2023-01-11T07:00:00Z').open).toBe(false);
    expect(at('2023-07-12T07:00:00Z').open).toBe(true);
  });

  test('when the contact center ignores holidays returns open on juldagen', () => {
    expect(openingStatus({ ...HOURS, closedOnPublicHolidays: false }, new Date('2023-12-25T10:00:00Z')).open).toBe(true);
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
