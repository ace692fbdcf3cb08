import type { Lang, ServedAnswer } from '../core/index.js';
import type { Translate } from './i18n.js';

const INTL_LOCALE: Readonly<Record<Lang, string>> = { sv: 'sv-SE', en: 'en-GB' };

// Intl formatters are costly to build: two per language for the life of the process.
const formatters = new Map<Lang, { weekday: Intl.DateTimeFormat; day: Intl.DateTimeFormat }>();
function formattersFor(lang: Lang) {
  let f = formatters.get(lang);
  if (!f) {
    // A calendar date is the same day everywhere: formatted at noon UTC, whatever the process time zone.
    f = {
      weekday: new Intl.DateTimeFormat(INTL_LOCALE[lang], { weekday: 'long', timeZone: 'UTC' }),
      day: new Intl.DateTimeFormat(INTL_LOCALE[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
    };
    formatters.set(lang, f);
  }
  return f;
}

/**
 * A date from faq-data/ as people read it, "fredag 9 december 2022" / "Friday 9 December 2022", with the
 * time ("kl. 08.00") only when the editor wrote one: a date alone never gets an invented time.
 */
export function corpusDateText(moment: { readonly date: string; readonly time?: string | undefined }, lang: Lang, t: Translate): string {
  const noon = new Date(`${moment.date}T12:00:00Z`);
  const f = formattersFor(lang);
  const values = { weekday: f.weekday.format(noon), date: f.day.format(noon) };
  if (moment.time === undefined) return t('dates.date', values);
  const [hour = '', minute = ''] = moment.time.split(':');
  return t('dates.dateTime', { ...values, time: t('contact.time', { hour, minute }) });
}

/**
 * Which version of a dated answer is served and since when, e.g. "Version 2 av 3, gäller från lördag
 * 10 december 2022"; undefined for an answer with one version and no dates (it always holds).
 */
export function versionText(served: ServedAnswer, lang: Lang, t: Translate): string | undefined {
  const { validFrom, validUntil } = served.version;
  if (served.of === 1 && validFrom === undefined && validUntil === undefined) return undefined;
  const from = validFrom === undefined ? undefined : corpusDateText(validFrom, lang, t);
  const until = validUntil === undefined ? undefined : corpusDateText(validUntil, lang, t);
  // A date alone in validUntil means "to the end of that day".
  const untilKey = validUntil?.time === undefined ? 'Day' : 'Time';
  const validity =
    from !== undefined && until !== undefined
      ? t(`validity.fromUntil${untilKey}`, { from, until })
      : from !== undefined
        ? t('validity.from', { from })
        : until !== undefined
          ? t(`validity.until${untilKey}`, { until })
          : undefined;
  const version = t('validity.version', { number: served.number, of: served.of });
  return validity === undefined ? version : `${version}, ${validity}`;
}
