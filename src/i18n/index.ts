/** UI strings: one i18next instance per process, a translator per turn. */
export { createI18n, type I18n, type I18nOptions, type MessageValues, type Translate } from './i18n.js';
export type { MessageKey } from './keys.js';
export { daysBeforeHours } from './opening-days.js';
export { corpusDateText, versionText } from './corpus-dates.js';
export { capitalized, identityOf, possessive, type Identity } from './identity.js';
