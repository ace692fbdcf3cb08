/**
 * Personal data in what residents write: found here once, then removed before the message is matched,
 * logged or stored. Residents paste personnummer (often mistyped, so no checksum is required),
 * samordningsnummer, phone numbers, e-mail addresses, organisation numbers and street addresses.
 *
 * Detection is by shape, on purpose: a personnummer with a wrong check digit is still somebody's
 * personnummer. Dates (2022-12-06), times (08.30–16.00) and the municipality's own short reference
 * numbers are left alone.
 */

/** The kinds of personal data the engine recognises. */
export const PERSONAL_DATA_KINDS = ['personnummer', 'phone', 'email', 'orgnr', 'address'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export interface PersonalDataSpan {
  readonly kind: PersonalDataKind;
  readonly start: number;
  readonly end: number;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// 6 or 8 digits, optional separator (-, +, space), 4 digits: 900101-0017, 19900101-0017, 9001010017.
// Also org.nr (556912-3480) and samordningsnummer (day + 60), told apart below.
const ID_NUMBER = /(?<![\p{N}-])(\d{2})?(\d{6})\s?[-+\s]?\s?(\d{4})(?![\p{N}])/gu;
// Swedish and international phone numbers: 011-15 00 00, 070 123 45 67, 0701234567, +46 70 123 45 67.
// They begin with 0 or +, so dates (2022-12-06) and most reference numbers are left alone.
const PHONE = /(?<![\p{L}\p{N}+])(?:\+\d{1,3}[\s-]?(?:\(0\))?\s?|0)\d{1,4}(?:[\s-]?\d{1,4}){1,5}(?![\p{N}])/gu;
// A street address: a word ending in a Swedish street word, then a house number: Trädgårdsgatan 21,
// Storg. 5B, Södra Promenaden 45, Gamla vägen 3 lgh 1102. Found from the number backwards, so only
// text with digits pays for it.
const STREET_ENDINGS = /(?:gatan|gata|gränd|gränden|vägen|väg|stigen|stig|backe|backen|torg|torget|allé|allén|plan|platsen|plats|leden|promenaden|esplanaden|kajen|stråket|slingan|ringen|höjden|parken|liden|hagen|ängen|storg\.|g\.|v\.)$/iu;
const NUMBER_AFTER_WORD = /([\p{L}.-]+)\s+(\d{1,4})(?:\s?[a-zA-Z](?![\p{L}\p{N}]))?(?![\p{N}])/gu;
const APARTMENT = /(?<![\p{L}])(?:lgh|lägenhet)\.?\s*(?:nr\.?\s*)?\d{3,4}(?![\p{N}])/giu;
// Postal code followed by a place name: 123 45 Storstad.
const POSTAL = /(?<![\p{N}])\d{3}\s?\d{2}\s+\p{Lu}\p{Ll}+/gu;
const DIGIT = /\d/;

/**
 * Every stretch of personal data in the text, in order, not overlapping. Never throws; runs in linear
 * time on the input (every pattern is anchored on a digit run or a bounded word).
 */
export function findPersonalData(text: string): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = [];
  const add = (kind: PersonalDataKind, start: number, end: number) => {
    if (spans.some((s) => start < s.end && end > s.start)) return;
    spans.push({ kind, start, end });
  };
  if (text.includes('@')) for (const m of text.matchAll(EMAIL)) add('email', m.index, m.index + m[0].length);
  // Everything else has digits: most messages have none and cost nothing more.
  if (!DIGIT.test(text)) return spans.sort((a, b) => a.start - b.start);
  for (const m of text.matchAll(ID_NUMBER)) {
    const century = m[1];
    const digits = (m[2] ?? '') + (m[3] ?? '');
    // Ten digits in a row starting 07 are a mobile number far more often than someone born in 2007.
    const kind = century === undefined && /^07\d{8}$/.test(m[0]) ? 'phone' : idKind(century, digits);
    add(kind, m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(PHONE)) {
    const digits = m[0].replace(/\D/g, '').length;
    if (digits >= 7 && digits <= 15) add('phone', m.index, m.index + m[0].trimEnd().length);
  }
  for (const m of text.matchAll(NUMBER_AFTER_WORD)) {
    if (STREET_ENDINGS.test(m[1] ?? '')) add('address', m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(APARTMENT)) add('address', m.index, m.index + m[0].length);
  for (const m of text.matchAll(POSTAL)) add('address', m.index, m.index + m[0].length);
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * A personnummer has a month (01–12) in the third and fourth digit of its ten-digit form; a
 * samordningsnummer too (its day is raised by 60). An organisation number has 20 or more there.
 * Twelve digits that start with 16 are an organisation number in the twelve-digit form.
 */
function idKind(century: string | undefined, tenDigits: string): PersonalDataKind {
  if (century === '16') return 'orgnr';
  const third = Number(tenDigits[2]);
  return century === undefined && third >= 2 ? 'orgnr' : 'personnummer';
}

/** The text with each span replaced. */
export function replaceSpans(text: string, spans: readonly PersonalDataSpan[], replacement: (kind: PersonalDataKind) => string): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + replacement(s.kind);
    at = s.end;
  }
  return out + text.slice(at);
}

/** Labels put in place of personal data in text that is kept (logs, stored questions). */
export const PERSONAL_DATA_LABELS: Readonly<Record<PersonalDataKind, string>> = Object.freeze({
  personnummer: '[personnummer]',
  phone: '[telefon]',
  email: '[e-post]',
  orgnr: '[organisationsnummer]',
  address: '[adress]',
});

/** The text with personal data replaced by labels such as "[personnummer]": for logs and stores. */
export function scrubPersonalData(text: string): string {
  return replaceSpans(text, findPersonalData(text), (kind) => PERSONAL_DATA_LABELS[kind]);
}
