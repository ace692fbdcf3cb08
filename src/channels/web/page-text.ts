import type { Contact, Lang, Welcome } from '../../core/index.js';
import { capitalized, daysBeforeHours, identityOf, type Translate } from '../../i18n/index.js';

/**
 * Web Chat 4.18.1's own sv-SE strings that read wrongly ("Försök igen med.", "$1-bilagor.", "Roboten
 * sade:", "Meddelandet har föreslagit åtgärder", "Skickades klockan 7 december …"), replaced through its
 * `overrideLocalizedStrings`.
 */
export const WEB_CHAT_STRING_KEYS = [
  'ACTIVITY_BOT_SAID_ALT',
  'ACTIVITY_YOU_SAID_ALT',
  'ACTIVITY_BOT_ATTACHED_ALT',
  'ACTIVITY_NUM_ATTACHMENTS_TWO_ALT',
  'ACTIVITY_NUM_ATTACHMENTS_FEW_ALT',
  'ACTIVITY_NUM_ATTACHMENTS_MANY_ALT',
  'ACTIVITY_NUM_ATTACHMENTS_OTHER_ALT',
  'ACTIVITY_STATUS_SEND_FAILED_RETRY',
  'ACTIVITY_STATUS_SEND_STATUS_ALT_SENT_AT',
  'ADAPTIVE_CARD_ERROR_BOX_TITLE_PARSE',
  'ADAPTIVE_CARD_ERROR_BOX_TITLE_RENDER',
  'CONNECTIVITY_STATUS_ALT_RENDER_ERROR',
  'SUGGESTED_ACTIONS_LABEL_ALT',
  'TEXT_INPUT_ALT',
  'TEXT_INPUT_PLACEHOLDER',
  'TEXT_INPUT_SPEAK_BUTTON_ALT',
  'TRANSCRIPT_LIVE_REGION_SUGGESTED_ACTIONS_LABEL_ALT',
  'TRANSCRIPT_LIVE_REGION_SUGGESTED_ACTIONS_WITH_ACCESS_KEY_LABEL_ALT',
  'TYPING_INDICATOR_ALT',
  'TYPING_INDICATOR_SINGLE_TEXT',
] as const;

/**
 * What the browser shows itself, in one language. `{…}` placeholders are filled in by chat.js:
 * {wait} and {time} when the chat may be used again, {max} and {length} for the input's limit.
 */
export interface Notices {
  readonly rateLimited: string;
  readonly rateLimitedOnLoad: string;
  readonly waitSecond: string;
  readonly waitSeconds: string;
  readonly waitMinute: string;
  readonly waitMinutes: string;
  readonly time: string;
  readonly inputTooLong: string;
  readonly inputLimitReached: string;
  readonly tooLong: string;
  readonly failed: string;
  readonly cardChosen: string;
  readonly cardUsed: string;
}

/** The visiting hours as the corpus states them: with the days only when a source gives them. */
function visitingHours(contact: Contact, lang: Lang, t: Translate): string {
  const hours = contact.openingHours;
  const days = daysBeforeHours(hours, t);
  return days === undefined ? hours.display[lang] : `${days} ${hours.display[lang]}`;
}

/** The notices chat.js shows when the server cannot answer or the input is refused, in one language. */
export function noticesText(contact: Contact, lang: Lang, t: Translate): Notices {
  const details = {
    name: contact.name[lang].toLocaleLowerCase(lang === 'sv' ? 'sv-SE' : 'en-GB'),
    phone: contact.phone.display,
    hours: visitingHours(contact, lang, t),
    email: contact.email,
  };
  // "… eller ring kontaktcenter" (imperative) but "Du kan också ringa kontaktcenter" (infinitive).
  const reach = t('page.reach', details);
  const reachInfinitive = t('page.reachInfinitive', details);
  return {
    rateLimited: t('page.rateLimited', { reachInfinitive }),
    rateLimitedOnLoad: t('page.rateLimitedOnLoad', { reachInfinitive }),
    waitSecond: t('page.waitSecond'),
    waitSeconds: t('page.waitSeconds'),
    waitMinute: t('page.waitMinute'),
    waitMinutes: t('page.waitMinutes'),
    time: t('page.time'),
    inputTooLong: t('page.inputTooLong'),
    inputLimitReached: t('page.inputLimitReached'),
    tooLong: t('page.tooLong', { reach }),
    failed: t('page.failed', { reach }),
    cardChosen: t('page.cardChosen'),
    cardUsed: t('page.cardUsed'),
  };
}

/**
 * The page's text, from locales/ (the "page" section) with the contact center's details and the
 * organisation and topic (welcome.yaml) from the corpus. The bot's own words come through the bot;
 * these are the page around it.
 */
export function pageText(contact: Contact, welcome: Welcome, t: Translate, maxLength: number) {
  const identity = identityOf(welcome, 'sv', t);
  const named = { organisation: capitalized(identity.organisation), topic: identity.topic };
  return {
    title: t('page.title', named),
    siteName: t('page.siteName', named),
    skipLink: t('page.skipLink'),
    heading: t('page.heading', named),
    chatRegion: t('page.chatRegion', { ...identity }),
    loading: t('page.loading'),
    noscript: t('page.noscript'),
    privacy: t('page.privacy'),
    privacyLink: t('page.privacyLink'),
    accessibilityLink: t('page.accessibilityLink'),
    aboutLabel: t('page.aboutLabel'),
    inputLimit: t('page.inputLimit', { max: maxLength }),
    counterLabel: t('page.counterLabel'),
    contactHeading: contact.name.sv,
    phoneLabel: t('page.phoneLabel'),
    emailLabel: t('page.emailLabel'),
    hoursLabel: t('page.hoursLabel'),
    hoursValue: visitingHours(contact, 'sv', t),
    addressLabel: t('page.addressLabel'),
    latestUpdate: t('page.latestUpdate'),
  } as const;
}

export type PageText = ReturnType<typeof pageText>;

/** Web Chat's corrected strings for the page's locale. */
export function webChatStrings(t: Translate): Readonly<Record<string, string>> {
  return Object.fromEntries(WEB_CHAT_STRING_KEYS.map((key) => [key, t(`page.webChat.${key}`)]));
}
