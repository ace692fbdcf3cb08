import type { Lang } from '../../core/index.js';

/** The UI language a channel asked for in `activity.locale` ("sv-SE", "en-US"), if it is one we speak. */
export function langOfLocale(locale: string | undefined): Lang | undefined {
  const primary = locale?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'sv' || primary === 'en' ? primary : undefined;
}
