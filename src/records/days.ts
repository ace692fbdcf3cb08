import { zonedTime } from '../core/index.js';

/** The calendar date n days after a YYYY-MM-DD date; calendar arithmetic only. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function localDay(now: Date, timeZone: string): string {
  return zonedTime(now, timeZone).date;
}

/** Every date from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 4000; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The instant a local calendar day begins in a time zone (DST-safe for zones with whole-hour shifts at night). */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const guess = Date.parse(`${day}T00:00:00Z`);
  const local = zonedTime(new Date(guess), timeZone);
  const minutesIntoDay = local.date === day ? local.minutes : local.date > day ? local.minutes + 1440 : local.minutes - 1440;
  return new Date(guess - minutesIntoDay * 60_000);
}
