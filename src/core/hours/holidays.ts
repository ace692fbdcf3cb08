import { getHolidays } from 'swedish-holidays';

// Per year, the public holidays as YYYY-MM-DD. The package builds its dates in the process time zone
// but stores each as UTC midnight of the right calendar day, so the ISO date part is zone-independent
// (its day/month fields are not: they shift by one in zones west of UTC around DST).
const cache = new Map<number, ReadonlySet<string>>();

/**
 * True when a calendar date (YYYY-MM-DD) is a Swedish public holiday ("allmän helgdag") according to
 * the `swedish-holidays` package. Eves (julafton, midsommarafton, nyårsafton) are not public holidays there.
 */
export function isSwedishPublicHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  let days = cache.get(year);
  if (!days) {
    days = new Set(getHolidays(year).filter((h) => h.isPublicHoliday).map((h) => h.date.toISOString().slice(0, 10)));
    cache.set(year, days);
  }
  return days.has(date);
}
