import { zonedTime } from '../hours/zoned-time.js';

/** Every date and time an editor writes in faq-data/ is wall-clock time in Stockholm. */
export const CORPUS_TIME_ZONE = 'Europe/Stockholm';

/**
 * A moment as an editor wrote it ("2022-12-09" or "2022-12-09 08:00", Stockholm time) and the instant
 * it stands for. A date without a time never gets an invented one: `time` is then absent and the
 * instant is the start (validFrom, timeline dates) or the end (validUntil) of that day.
 */
export interface Moment {
  /** The calendar date in Stockholm, YYYY-MM-DD. */
  readonly date: string;
  /** The wall-clock time in Stockholm, HH:MM, only when the editor wrote one. */
  readonly time?: string;
  /** The instant, in milliseconds since the epoch. */
  readonly epochMs: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** True when YYYY-MM-DD names a day that exists (no 31 November). */
export function isCalendarDate(date: string): boolean {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === date;
}

/**
 * The instant a Stockholm wall-clock time stands for, or undefined when it does not exist (the hour
 * skipped when clocks go forward in March). In the hour repeated in October, the first one.
 */
export function stockholmInstant(date: string, time: string): number | undefined {
  const [h, m] = time.split(':').map(Number);
  if (h === undefined || m === undefined || !isCalendarDate(date)) return undefined;
  const wallMs = Date.parse(`${date}T00:00:00Z`) + (h * 60 + m) * MINUTE_MS;
  const offsetAt = (instant: number) => {
    const local = zonedTime(new Date(instant), CORPUS_TIME_ZONE);
    return Date.parse(`${local.date}T00:00:00Z`) + local.minutes * MINUTE_MS - instant;
  };
  // The offsets half a day either side cover both sides of a clock change.
  const candidates = [...new Set([offsetAt(wallMs - 12 * HOUR_MS), offsetAt(wallMs + 12 * HOUR_MS)])]
    .map((offset) => wallMs - offset)
    .filter((instant) => wallMs - instant === offsetAt(instant))
    .sort((a, b) => a - b);
  return candidates[0];
}

/** The start of a Stockholm calendar day (midnight always exists in Stockholm). */
export function startOfStockholmDay(date: string): number {
  const ms = stockholmInstant(date, '00:00');
  if (ms === undefined) throw new Error(`Not a date: ${date}`);
  return ms;
}

/** The start of the next Stockholm day: the end of `date`. */
export function endOfStockholmDay(date: string): number {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return startOfStockholmDay(next);
}

/** The moment as it is written in faq-data/ ("2022-12-09" or "2022-12-09 08:00"). */
export function writtenMoment(moment: Moment): string {
  return moment.time === undefined ? moment.date : `${moment.date} ${moment.time}`;
}

/**
 * A moment for an editor's error message: "2022-12-10 08:00", or for a date alone "the start of
 * 2022-12-10" (validFrom, timeline dates) or "the end of 2022-12-10" (validUntil).
 */
export function momentLabel(moment: Moment, edge: 'from' | 'until'): string {
  if (moment.time !== undefined) return `${moment.date} ${moment.time}`;
  return `the ${edge === 'from' ? 'start' : 'end'} of ${moment.date}`;
}
