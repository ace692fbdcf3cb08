import type { Contact, Weekday } from '../corpus/schema.js';
import { isSwedishPublicHoliday } from './holidays.js';
import { addDays, weekdayOf, zonedTime } from './zoned-time.js';

export type OpeningHours = Contact['openingHours'];

/** A local time of day, e.g. 16:00. */
export interface ClockTime {
  readonly hour: number;
  readonly minute: number;
}

/** When the reception next opens, relative to now, in its own time zone. */
export interface NextOpening {
  /** "today" (before opening), "tomorrow", or a later day named by its weekday. */
  readonly when: 'today' | 'tomorrow' | 'later';
  readonly weekday: Weekday;
  /** YYYY-MM-DD in the contact center's time zone. */
  readonly date: string;
  readonly time: ClockTime;
}

/**
 * Whether the reception is open for visits at an instant, as far as the corpus can tell: a value the
 * channel renders in its language. `unknown` when telling would need a fact the corpus does not state
 * (which days it opens, or whether it closes on a public holiday).
 */
export type OpeningStatus =
  | { readonly kind: 'open'; readonly closes: ClockTime }
  | {
      readonly kind: 'closed';
      readonly reason: 'before-opening' | 'after-closing' | 'closed-day' | 'public-holiday';
      /** Undefined when the days are not stated: then no next opening day can be named. */
      readonly next: NextOpening | undefined;
    }
  | { readonly kind: 'unknown'; readonly reason: 'days-not-stated' | 'holidays-not-stated' };

/** A source of "now"; injected so tests and the bot agree on the instant. */
export type Clock = () => Date;

// Two weeks covers any run of weekends and holidays (the longest, Christmas to Epiphany, is shorter).
const SEARCH_DAYS = 14;

/**
 * The hours of one weekday: its own when `exceptions` names it, otherwise the usual `opens`/`closes`.
 * Says nothing about whether the reception opens that day at all (`days`, `publicHolidays`).
 */
export function hoursOn(hours: OpeningHours, day: Weekday): { readonly opens: ClockTime; readonly closes: ClockTime } {
  const own = hours.exceptions?.[day];
  return { opens: parseClock(own?.opens ?? hours.opens), closes: parseClock(own?.closes ?? hours.closes) };
}

/**
 * Is the reception open for visits at `now`? Computed on the wall clock of `hours.timeZone`, with the
 * day's own hours (`exceptions`) where the corpus gives them. Outside the day's hours it is closed
 * whatever the day. Within them it is open only when the corpus states the days (and, on a Swedish
 * public holiday, whether it closes then); otherwise the answer is `unknown` rather than a guess. Pure.
 */
export function openingStatus(hours: OpeningHours, now: Date): OpeningStatus {
  const local = zonedTime(now, hours.timeZone);
  const { opens, closes } = hoursOn(hours, local.weekday);
  const days = hours.days?.list;
  const holidaysClosed = hours.publicHolidays?.closed;
  // undefined: the corpus does not say whether the reception is open on this date.
  const openDay = (date: string): boolean | undefined => {
    if (days === undefined) return undefined;
    if (!days.includes(weekdayOf(date))) return false;
    if (!isSwedishPublicHoliday(date)) return true;
    return holidaysClosed === undefined ? undefined : !holidaysClosed;
  };
  const withinHours = local.minutes >= toMinutes(opens) && local.minutes < toMinutes(closes);
  const today = openDay(local.date);

  if (withinHours) {
    if (today === true) return { kind: 'open', closes };
    if (today === undefined) return { kind: 'unknown', reason: days === undefined ? 'days-not-stated' : 'holidays-not-stated' };
  }
  if (local.minutes < toMinutes(opens) && today !== false) {
    return { kind: 'closed', reason: 'before-opening', next: today === true ? { when: 'today', weekday: local.weekday, date: local.date, time: opens } : undefined };
  }
  const reason = today !== false ? 'after-closing' : days?.includes(local.weekday) ? 'public-holiday' : 'closed-day';
  return { kind: 'closed', reason, next: nextOpening(local.date, openDay, (day) => hoursOn(hours, day).opens) };
}

function nextOpening(from: string, openDay: (date: string) => boolean | undefined, opensOn: (day: Weekday) => ClockTime): NextOpening | undefined {
  for (let n = 1; n <= SEARCH_DAYS; n++) {
    const date = addDays(from, n);
    const open = openDay(date);
    // A day the corpus cannot vouch for ends the search: naming a later day would skip over it.
    if (open === undefined) return undefined;
    if (open) {
      const weekday = weekdayOf(date);
      return { when: n === 1 ? 'tomorrow' : 'later', weekday, date, time: opensOn(weekday) };
    }
  }
  return undefined;
}

function parseClock(hhmm: string): ClockTime {
  const [h = '0', m = '0'] = hhmm.split(':');
  return { hour: Number(h), minute: Number(m) };
}

const toMinutes = (t: ClockTime) => t.hour * 60 + t.minute;
