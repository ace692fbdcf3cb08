import type { OpeningHours, Weekday } from '../core/index.js';
import type { Translate } from './i18n.js';

const WEEK: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * The open days as the source would write them: a run of three or more days as "måndag–fredag",
 * otherwise the days named ("måndag, onsdag"). Never "vardagar", which would also say something about
 * public holidays that only `publicHolidays` in contact.yaml may say.
 */
export function openDaysText(days: readonly Weekday[], t: Translate): string {
  const sorted = WEEK.filter((d) => days.includes(d));
  const first = sorted[0];
  const last = sorted.at(-1);
  const consecutive = first !== undefined && last !== undefined && WEEK.indexOf(last) - WEEK.indexOf(first) === sorted.length - 1;
  if (consecutive && sorted.length >= 3) return t('contact.dayRange', { from: t(`weekday.${first}`), to: t(`weekday.${last}`) });
  return sorted.map((d) => t(`weekday.${d}`)).join(', ');
}

/**
 * The open days written before the visiting hours' `display` ("måndag–fredag" 08.30–16.00), or
 * undefined when nothing goes there: when the source states no days, and when some days keep hours of
 * their own (`exceptions`), since then `display` names the days itself ("mån–tors 08.00–16.30, fre
 * 08.00–15.00") and a day range in front would say the hours a second time, differently.
 */
export function daysBeforeHours(hours: OpeningHours, t: Translate): string | undefined {
  if (hours.days === undefined || Object.keys(hours.exceptions ?? {}).length > 0) return undefined;
  return openDaysText(hours.days.list, t);
}
