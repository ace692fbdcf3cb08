import type { Contact } from '../../core/index.js';
import { openDaysText, type Translate } from '../../i18n/index.js';

/**
 * The page's text, from locales/ (the "page" section) with the contact center's details from the
 * corpus. The bot's own words come through the bot; these are the page around it and the few notices
 * the browser shows itself when the server cannot answer.
 */
export function pageText(contact: Contact, t: Translate) {
  const hours = contact.openingHours;
  // Days only when the corpus states them with a source; otherwise just the hours.
  const days = hours.days === undefined ? undefined : openDaysText(hours.days.list, t);
  const visits = days === undefined ? hours.display.sv : `${days} ${hours.display.sv}`;
  const reach = t('page.reach', {
    name: contact.name.sv.toLocaleLowerCase('sv-SE'),
    phone: contact.phone.display,
    hours: visits,
    email: contact.email,
  });
  return {
    title: t('page.title'),
    siteName: t('page.siteName'),
    skipLink: t('page.skipLink'),
    heading: t('page.heading'),
    intro: t('page.intro'),
    chatRegion: t('page.chatRegion'),
    loading: t('page.loading'),
    noscript: t('page.noscript'),
    contactHeading: contact.name.sv,
    phoneLabel: t('page.phoneLabel'),
    emailLabel: t('page.emailLabel'),
    hoursLabel: t('page.hoursLabel'),
    hoursValue: visits,
    addressLabel: t('page.addressLabel'),
    notices: {
      rateLimited: t('page.rateLimited', { reach }),
      tooLong: t('page.tooLong', { reach }),
      failed: t('page.failed', { reach }),
    },
  } as const;
}

export type PageText = ReturnType<typeof pageText>;
