import type { Weekday } from '../corpus/schema.js';

/** A wall-clock moment in one time zone: what a person in that zone reads on their watch. */
export interface ZonedTime {
  /** The calendar date, YYYY-MM-DD. */
  readonly date: string;
  readonly weekday: Weekday;
  /** Minutes since local midnight, 0–1439. */
  readonly minutes: number;
}

const WEEKDAYS: Readonly<Record<string, Weekday>> = {
  Mon: 'monday',
  Tue: 'tuesday',
  Wed: 'wednesday',
  Thu: 'thursday',
  Fri: 'friday',
  Sat: 'saturday',
  Sun: 'sunday',
};

// Intl formatters are costly to build; one per time zone for the life of the process.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The wall-clock time of an instant in a time zone, independent of the process time zone
 * (servers often run in UTC while the contact center keeps Stockholm hours).
 */
export function zonedTime(instant: Date, timeZone: string): ZonedTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const weekday = WEEKDAYS[parts.weekday ?? ''];
  if (!weekday) throw new Error(`Could not read the weekday of ${instant.toISOString()} in ${timeZone}`);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The weekday of a calendar date (YYYY-MM-DD); calendar arithmetic only, no time zone involved. */
export function weekdayOf(date: string): Weekday {
  const order: readonly Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
  const day = order[new Date(`${date}T00:00:00Z`).getUTCDay()];
  if (!day) throw new Error(`Not a date: ${date}`);
  return day;
}

/** The calendar date n days after a calendar date (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
