import type { Weekday } from '../core/index.js';
import type { Translate } from './i18n.js';

const WORKWEEK: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

/** The contact center's open days as people say them: "vardagar" for Monday–Friday, else the day names. */
export function openDaysText(days: readonly Weekday[], t: Translate): string {
  const workweek = days.length === WORKWEEK.length && WORKWEEK.every((d) => days.includes(d));
  return workweek ? t('contact.weekdays') : days.map((d) => t(`weekday.${d}`)).join(', ');
}
