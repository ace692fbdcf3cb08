import type { Contact, Weekday } from '../corpus/schema.js';
import { isSwedishPublicHoliday } from './holidays.js';
import { addDays, weekdayOf, zonedTime } from './zoned-time.js';

export type OpeningHours = Contact['openingHours'];

/** A local time of day, e.g. 16:00. */
export interface ClockTime {
  readonly hour: number;
  readonly minute: number;
}

/** When the contact center next opens, relative to now, in its own time zone. */
export interface NextOpening {
  /** "today" (before opening), "tomorrow", or a later day named by its weekday. */
  readonly when: 'today' | 'tomorrow' | 'later';
  readonly weekday: Weekday;
  /** YYYY-MM-DD in the contact center's time zone. */
  readonly date: string;
  readonly time: ClockTime;
}

/** Whether the contact center is open at an instant: a value the channel renders in its language. */
export type OpeningStatus =
  | { readonly open: true; readonly closes: ClockTime }
  | { readonly open: false; readonly reason: 'before-opening' | 'after-closing' | 'closed-day' | 'public-holiday'; readonly next: NextOpening | undefined };

/** A source of "now"; injected so tests and the bot agree on the instant. */
export type Clock = () => Date;

// Two weeks covers any run of weekends and holidays (the longest, Christmas to Epiphany, is shorter).
const SEARCH_DAYS = 14;

/**
 * Is the contact center open at `now`? Computed on the wall clock of `hours.timeZone`, with the
 * listed weekdays and, when `closedOnPublicHolidays`, Swedish public holidays closed. Pure.
 */
export function openingStatus(hours: OpeningHours, now: Date): OpeningStatus {
  const local = zonedTime(now, hours.timeZone);
  const opens = parseClock(hours.opens);
  const closes = parseClock(hours.closes);
  const openDay = (date: string) => hours.days.includes(weekdayOf(date)) && !(hours.closedOnPublicHolidays && isSwedishPublicHoliday(date));

  if (openDay(local.date)) {
    if (local.minutes >= toMinutes(opens) && local.minutes < toMinutes(closes)) return { open: true, closes };
    if (local.minutes < toMinutes(opens)) {
      return { open: false, reason: 'before-opening', next: { when: 'today', weekday: local.weekday, date: local.date, time: opens } };
    }
  }
  const reason = !hours.days.includes(local.weekday)
    ? 'closed-day'
    : hours.closedOnPublicHolidays && isSwedishPublicHoliday(local.date)
      ? 'public-holiday'
      : 'after-closing';
  for (let n = 1; n <= SEARCH_DAYS; n++) {
    const date = addDays(local.date, n);
    if (openDay(date)) return { open: false, reason, next: { when: n === 1 ? 'tomorrow' : 'later', weekday: weekdayOf(date), date, time: opens } };
  }
  return { open: false, reason, next: undefined };
}

function parseClock(hhmm: string): ClockTime {
  const [h = '0', m = '0'] = hhmm.split(':');
  return { hour: Number(h), minute: Number(m) };
}

const toMinutes = (t: ClockTime) => t.hour * 60 + t.minute;
