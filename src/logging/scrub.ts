/**
 * Removes what identifies a resident from text we keep (debug logs, error context, stored questions):
 * personnummer and samordningsnummer with or without a valid check digit, organisation numbers, phone
 * numbers, e-mail addresses and street addresses with a number. The engine's own detector
 * (src/core/privacy) does the finding, so logs, stores and matching agree on what personal data is.
 */
export { scrubPersonalData } from '../core/index.js';
