/**
 * Dates, weekdays and clock times as Swedish (and English) municipal pages write them: "fredagen den
 * 9 december", "onsdag morgon den 8 oktober", "6 december", "Friday 9 December 2022", "2022-12-09",
 * "kl. 14.00". Found by shape; a year is only ever one the page gives or one its weekdays allow.
 */

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type WeekdayName = (typeof WEEKDAYS)[number];

const SV_WEEKDAYS: Readonly<Record<string, WeekdayName>> = {
  måndag: 'monday', tisdag: 'tuesday', onsdag: 'wednesday', torsdag: 'thursday', fredag: 'friday', lördag: 'saturday', söndag: 'sunday',
};
const EN_WEEKDAYS: Readonly<Record<string, WeekdayName>> = {
  monday: 'monday', tuesday: 'tuesday', wednesday: 'wednesday', thursday: 'thursday', friday: 'friday', saturday: 'saturday', sunday: 'sunday',
};
const MONTHS: Readonly<Record<string, number>> = {
  januari: 1, februari: 2, mars: 3, april: 4, maj: 5, juni: 6, juli: 7, augusti: 8, september: 9, oktober: 10, november: 11, december: 12,
  january: 1, february: 2, march: 3, may: 5, june: 6, july: 7, august: 8, october: 10,
  // Abbreviations news pages use ("9 dec 2022", "13 okt."); after the full names, so those match first.
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, okt: 10, oct: 10, nov: 11, dec: 12,
};

const SV_DAY = '(måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en|ens|ar|arna)?';
const EN_DAY = '(monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const PART_OF_DAY = '(?:\\s+(?:morgon|morgonen|förmiddag|förmiddagen|eftermiddag|eftermiddagen|kväll|kvällen|natt|natten|morning|afternoon|evening))?';
const MONTH_NAMES = Object.keys(MONTHS).join('|');
const monthOf = (word: string): number | undefined => MONTHS[word.toLowerCase().replace(/\.$/, '')];

// "fredag(en) (morgon) (den) 9 december (2022)", "Friday(,) 9 December (2022)", "den 9 december".
const DAY_MONTH = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:${SV_DAY}|${EN_DAY}),?${PART_OF_DAY}\\s+(?:den\\s+|the\\s+)?)?(?:den\\s+)?(\\d{1,2})(?:e|:e|:a|st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_NAMES})\\.?(?:,?\\s+(\\d{4}))?(?![\\p{L}])`,
  'giu',
);
// "December 9(th)(, 2022)", English order.
const MONTH_DAY = new RegExp(`(?<![\\p{L}])(?:${EN_DAY},?\\s+)?(${MONTH_NAMES})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?(?![\\p{L}\\p{N}])`, 'giu');
const ISO_DATE = /(?<![\p{N}-])(\d{4})-(\d{2})-(\d{2})(?![\p{N}])/gu;
const WEEKDAY_WORD = new RegExp(`(?<![\\p{L}])(?:${SV_DAY}|${EN_DAY}s?)(?![\\p{L}])`, 'giu');

/** A date as the text writes it; `year` only when the text gives one. */
export interface WrittenDate {
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  readonly month: number;
  readonly day: number;
  readonly year?: number;
  readonly weekday?: WeekdayName;
}

const weekdayOf = (word: string | undefined): WeekdayName | undefined => {
  if (word === undefined) return undefined;
  const w = word.toLowerCase();
  return SV_WEEKDAYS[w] ?? EN_WEEKDAYS[w];
};

function validDay(month: number, day: number, year?: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate(); // 2000: a leap year allows 29 February
  return day <= days;
}

/** Every date written in the text, in order, not overlapping. */
export function findDates(text: string): WrittenDate[] {
  const found: WrittenDate[] = [];
  const add = (d: WrittenDate) => {
    if (!validDay(d.month, d.day, d.year)) return;
    if (found.some((f) => d.start < f.end && d.end > f.start)) return;
    found.push(d);
  };
  for (const m of text.matchAll(ISO_DATE)) {
    add({ start: m.index, end: m.index + m[0].length, raw: m[0], year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
  }
  for (const m of text.matchAll(DAY_MONTH)) {
    const month = monthOf(m[4] ?? '');
    if (month === undefined) continue;
    const weekday = weekdayOf(m[1] ?? m[2]);
    add({
      start: m.index, end: m.index + m[0].length, raw: m[0], month, day: Number(m[3]),
      ...(m[5] === undefined ? {} : { year: Number(m[5]) }),
      ...(weekday === undefined ? {} : { weekday }),
    });
  }
  for (const m of text.matchAll(MONTH_DAY)) {
    const month = monthOf(m[2] ?? '');
    if (month === undefined) continue;
    const weekday = weekdayOf(m[1]);
    add({
      start: m.index, end: m.index + m[0].length, raw: m[0], month, day: Number(m[3]),
      ...(m[4] === undefined ? {} : { year: Number(m[4]) }),
      ...(weekday === undefined ? {} : { weekday }),
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Weekday words in the text ("fredag", "fredagen", "Fridays"), with their positions. */
export function findWeekdays(text: string): { start: number; end: number; raw: string; weekday: WeekdayName }[] {
  const out: { start: number; end: number; raw: string; weekday: WeekdayName }[] = [];
  for (const m of text.matchAll(WEEKDAY_WORD)) {
    const weekday = weekdayOf(m[1] ?? m[2]);
    if (weekday !== undefined) out.push({ start: m.index, end: m.index + m[0].length, raw: m[0], weekday });
  }
  return out;
}

export function weekdayOfDate(year: number, month: number, day: number): WeekdayName {
  const index = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7; // Monday first
  return WEEKDAYS[index] ?? 'monday';
}

export const isoDate = (year: number, month: number, day: number): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** How the year of a date without one was found: never guessed, so the editor can check it. */
export type YearBasis = 'written' | 'published' | 'weekdays';

export interface YearContext {
  /** The page's publishing (or last updated) date, YYYY-MM-DD, when the page gives one. */
  readonly published?: string;
  /** The latest year every weekday-and-date on the page agrees with, when there are such dates. */
  readonly weekdayYear?: number;
}

/**
 * The year of a written date: its own; else the one nearest the page's publishing date (checked against
 * the weekday when one is written); else the year the page's weekdays agree on. Undefined when the page
 * gives no way to know: the caller lists the date for the editor instead of inventing a year.
 */
export function yearOf(date: WrittenDate, context: YearContext): { year: number; basis: YearBasis } | undefined {
  if (date.year !== undefined) return { year: date.year, basis: 'written' };
  const published = context.published;
  if (published !== undefined) {
    const pubYear = Number(published.slice(0, 4));
    const pubMs = Date.parse(`${published}T00:00:00Z`);
    const candidates = [pubYear - 1, pubYear, pubYear + 1]
      .filter((y) => validDay(date.month, date.day, y))
      .filter((y) => date.weekday === undefined || weekdayOfDate(y, date.month, date.day) === date.weekday)
      .sort((a, b) => Math.abs(Date.UTC(a, date.month - 1, date.day) - pubMs) - Math.abs(Date.UTC(b, date.month - 1, date.day) - pubMs));
    const year = candidates[0];
    return year === undefined ? undefined : { year, basis: 'published' };
  }
  const year = context.weekdayYear;
  if (year === undefined) return undefined;
  if (date.weekday !== undefined && weekdayOfDate(year, date.month, date.day) !== date.weekday) return undefined;
  return { year, basis: 'weekdays' };
}

/**
 * The latest year, not after `reference`'s and at most `span` years before it, in which every dated
 * weekday on the page falls right ("fredag den 2 december" and "tisdag den 6 december": 2022). Undefined
 * when no date has a weekday or no year fits them all.
 */
export function yearFromWeekdays(dates: readonly WrittenDate[], reference: string, span = 30): number | undefined {
  const constrained = dates.filter((d) => d.weekday !== undefined && d.year === undefined);
  if (constrained.length === 0) return undefined;
  const last = Number(reference.slice(0, 4));
  for (let year = last; year >= last - span; year -= 1) {
    if (constrained.every((d) => validDay(d.month, d.day, year) && weekdayOfDate(year, d.month, d.day) === d.weekday)) return year;
  }
  return undefined;
}

// "kl. 14.00", "klockan 8", "at 14:00"; and ranges "08.30–16.00", "8–16".
const CLOCK_AFTER_WORD = /(?<![\p{L}])(?:kl\.?|klockan|at)\s+(\d{1,2})(?:[.:](\d{2}))?(?![\p{N}])/giu;
const BARE_CLOCK = /(?<![\p{N}.:,-])([01]?\d|2[0-3])[.:]([0-5]\d)(?![\p{N}]|[.:]\d|\s*(?:kr|kronor|sek|%|procent|miljon|miljard))/giu;
const RANGE = /(?<![\p{N}.:,-])(?:kl\.?\s*|klockan\s+)?([01]?\d|2[0-3])(?:[.:]([0-5]\d))?\s*(?:[–—-]|till|to)\s*(?:kl\.?\s*)?([01]?\d|2[0-4])(?:[.:]([0-5]\d))?(?![\p{N}]|[.:]\d)/giu;

export interface WrittenTime {
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  /** HH:MM */
  readonly time: string;
}
export interface WrittenRange {
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  readonly opens: string;
  readonly closes: string;
}

const clock = (h: string | undefined, m: string | undefined): string => `${(h ?? '0').padStart(2, '0')}:${m ?? '00'}`;

/**
 * Time ranges: "08.30–16.00"; "8–16" after "kl.", "klockan" or words about hours ("öppettider: 8–16").
 * Otherwise a range is only hours when both ends have minutes, so "6–9 december" or "1-2 dagar" are not.
 */
const HOURS_CONTEXT = /(?:öppe|tider|telefontid|besökstid|svarar|open|hours|kl\.?|klockan)[^.!?\n]{0,40}$/iu;
const MONTH_AFTER = new RegExp(`^\\s*(?:${Object.keys(MONTHS).join('|')})(?![\\p{L}])`, 'iu');

export function findTimeRanges(text: string): WrittenRange[] {
  const out: WrittenRange[] = [];
  for (const m of text.matchAll(RANGE)) {
    // "8–16" is hours after "öppet", "öppettider", "telefontid" …, never before a month ("6–9 december").
    const marked = /^(?:kl|klockan)/i.test(m[0]) || (HOURS_CONTEXT.test(text.slice(Math.max(0, m.index - 60), m.index)) && !MONTH_AFTER.test(text.slice(m.index + m[0].length)));
    if (!marked && (m[2] === undefined || m[4] === undefined)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, raw: m[0], opens: clock(m[1], m[2]), closes: clock(m[3], m[4]) });
  }
  return out;
}

/** Clock times ("14.00", "kl. 8", "at 14:00") outside ranges and dates. */
export function findTimes(text: string, taken: readonly { start: number; end: number }[] = []): WrittenTime[] {
  const out: WrittenTime[] = [];
  const free = (start: number, end: number) => ![...taken, ...out].some((t) => start < t.end && end > t.start);
  for (const m of text.matchAll(CLOCK_AFTER_WORD)) {
    if (free(m.index, m.index + m[0].length)) out.push({ start: m.index, end: m.index + m[0].length, raw: m[0], time: clock(m[1], m[2]) });
  }
  for (const m of text.matchAll(BARE_CLOCK)) {
    if (free(m.index, m.index + m[0].length)) out.push({ start: m.index, end: m.index + m[0].length, raw: m[0], time: clock(m[1], m[2]) });
  }
  return out.sort((a, b) => a.start - b.start);
}
