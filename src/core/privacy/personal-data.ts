/**
 * Personal data in what residents write: found here once, then removed before the message is matched,
 * logged or stored. Residents paste personnummer (often mistyped, so no checksum is required),
 * samordningsnummer, phone numbers, e-mail addresses, organisation numbers and street addresses.
 *
 * Detection is by shape, on purpose: a personnummer with a wrong check digit is still somebody's
 * personnummer. Dates (2022-12-06), times (08.30–16.00) and the municipality's own short reference
 * numbers are left alone.
 */

import { textShape } from './text-shape.js';
import { allMatches } from '../text/matches.js';

/** The kinds of personal data the engine recognises. */
export const PERSONAL_DATA_KINDS = ['personnummer', 'phone', 'email', 'orgnr', 'address'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export interface PersonalDataSpan {
  readonly kind: PersonalDataKind;
  readonly start: number;
  readonly end: number;
}

// Every pattern below either starts only where a run begins (a lookbehind refuses the middle of a run)
// or has bounded repetitions, so no pattern rescans the text from every position: the cost of a message
// is linear in its length whatever it holds (issue #18: a crafted 5 KB message cost 65 ms).

// 6 or 8 digits, optional separator (-, +, /, _, space), 4 digits: 900101-0017, 19900101-0017,
// 9001010017, 900101/0017, and as pasted from forms: 81 12 18-98 76, 1981 12 18 9876. Also org.nr
// (556912-3480) and samordningsnummer (day + 60), told apart below.
const ID_NUMBER = /(?<![\p{N}-])(?:(\d{2})\s?)?(\d{2}\s?\d{2}\s?\d{2})\s?[-+/_]?\s?(\d{2}\s?\d{2})(?![\p{N}])/gu;
// The date part written as a date, with the same dot or dash between year, month and day, then a
// separator and 4 digits: 81-12-18-9876, 81.12.18-9876, 1981-12-18-9876. The last separator is required,
// so a date and a time ("2022-12-06 1030") stay.
const ID_NUMBER_AS_DATE = /(?<![\p{N}.-])(\d{2})?(\d{2})([.-])(\d{2})\3(\d{2})\s?[-+/_]\s?(\d{4})(?![\p{N}])/gu;
// Swedish and international phone numbers: 011-15 00 00, 070 123 45 67, 0701234567, +46 70 123 45 67,
// (011) 15 00 00. They begin with 0, + or an area code in parentheses, so dates (2022-12-06) and most
// reference numbers are left alone. Digit groups are greedy and separated, so nothing backtracks; the
// groups kept are cut to a phone number's length below.
// An area code may end in a slash (070/123 45 67, 011/15 00 00): only there, so a date (05/12/2022) is left alone.
const PHONE = /(?<![\p{L}\p{N}+(])(?:\+\d{1,3}[\s-]?(?:\(0\)\s?)?|\(0\d{1,4}\)\s?|0)\d+(?:\/\s?\d+)?(?:[\s-]\d+){0,5}/gu;
// A Swedish mobile number with the country code but no plus: 46701234567, 46 70 123 45 67.
const MOBILE_WITHOUT_PLUS = /(?<![\p{L}\p{N}+])46[\s-]?7\d(?:[\s-]?\d){7}(?![\p{N}])/gu;
// A post-office box: Box 123.
const POST_BOX = /(?<![\p{L}])Box\s+\d{1,6}(?![\p{N}])/gu;
// Dotted, as some write mobile numbers: 070.123.45.67 (not times such as 08.30, too few digits).
const PHONE_DOTTED = /(?<![\p{L}\p{N}.])0\d{1,3}(?:\.\d{2,3}){2,3}(?![.]?\p{N})/gu;
// A street address: a word ending in a Swedish street word, then a house number: Trädgårdsgatan 21,
// Storg. 5B, Södra Promenaden 45, Gamla vägen 3 lgh 1102, Ekgården 4, Lilla Strand 2.
const STREET_ENDINGS = /(?:gatan|gata|gränd|gränden|vägen|väg|stigen|stig|backe|backen|torg|torget|allé|allén|plan|platsen|plats|leden|promenaden|esplanaden|kajen|stråket|slingan|ringen|höjden|parken|liden|hagen|ängen|torpet|torp|gården|gård|gången|gång|holmen|holme|strand|stranden|udden|viken|storg\.|g\.|v\.)$/iu;
// Only where a word begins (the lookbehind), and words of a real length: no rescan inside a long run.
// The number may follow without a space (Storgatan12) and be a range (Kungsgatan 3-5).
const NUMBER_AFTER_WORD = /(?<![\p{L}.-])([\p{L}.-]{1,40})\s*(\d{1,4})(?:\s?-\s?\d{1,4}(?![\p{N}]))?(?:\s?[a-zA-Z](?![\p{L}\p{N}]))?(?![\p{N}:])/gu;
// What every street address above has: a street word's ending, then spaces and a digit. The pattern above
// tries every word of a text with a digit (a tenth of the messages residents write, 10 µs each); this
// test rules most of them out at a fifth of that, and the result is the same (STREET_ENDINGS is tested on
// the whole word before the number).
const STREET_BEFORE_NUMBER = new RegExp(`${STREET_ENDINGS.source.replace(/\$$/, '')}\\s*\\d`, STREET_ENDINGS.flags);
// Any capitalised words and a house number after "bor på", "adress": Kungsholmen 12, Lindö 4.
const ADDRESS_AFTER_CUE = /(?<![\p{L}])(?:[Bb]or på|[Bb]or i|[Aa]dress(?:en)?(?:\s+är)?:?|[Aa]ddress(?:\s+is)?:?|[Ll]ives? (?:at|on))\s+((?:\p{Lu}[\p{L}.-]{0,40}\s+){1,3}\d{1,4}(?:\s?[a-zA-Z](?![\p{L}\p{N}]))?)(?![\p{N}])/gu;
// A property designation: Ekbacka 4:12, Solberga 2:7 (a capitalised name, block:unit).
const PROPERTY = /(?<![\p{L}])(\p{Lu}[\p{L}-]{1,40})\s+\d{1,4}:\d{1,4}(?![\p{N}])/gu;
// What every property designation has (a space, then block:unit), tested before the slower pattern.
const PROPERTY_SITE = /\s\d{1,4}:\d/;
// A day, a month or "kl" before a time is not a property: "Monday 08:00", "Måndag 8:30", "Kl 14:15".
const TIME_WORD = /^(?:måndag(?:en)?|tisdag(?:en)?|onsdag(?:en)?|torsdag(?:en)?|fredag(?:en)?|lördag(?:en)?|söndag(?:en)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|january|february|march|may|june|july|august|october|kl|klockan|idag|imorgon|today|tomorrow|från|from|at|till|until)$/iu;
const APARTMENT = /(?<![\p{L}])(?:lgh|lägenhet)\.?\s*(?:nr\.?\s*)?\d{3,4}(?![\p{N}])/giu;
// Postal code followed by a place name: 123 45 Storstad.
const POSTAL = /(?<![\p{N}])\d{3}\s?\d{2}\s+\p{Lu}\p{Ll}{1,40}/gu;
// "anna (at) gmail.com", "anna [at] gmail.com", "anna(snabel-a)gmail.com", "anna snabel-a gmail.com": an @
// spelled out ("at" only in brackets: it is an English word).
const AT_WORD = /\s?(?:[([{]\s?(?:at|snabel-?a)\s?[)\]}]|(?<=\s)snabel-?a(?=\s))\s?/giu;
// A dot spelled out in a domain: "gmail punkt com", "gmail (dot) com".
const DOT_WORD = /\s?[([{]?\s?(?:punkt|dot)(?!\p{L})\s?[)\]}]?\s?(?=\p{L})/iuy;
// The same spelled-out dot anywhere in a domain (without the look-ahead: the domain's end was found above).
const DOT_WORDS = new RegExp(DOT_WORD.source.replace(/\(\?=\\p\{L\}\)$/, ''), 'giu');
const LOCAL_PART_CHAR = /[\p{L}\p{N}._%+-]/u;
const DOMAIN_CHAR = /[\p{L}\p{N}.-]/u;
const TOP_LEVEL_DOMAIN = /\.\p{L}{2,}$/u;
const BARE_HOST = /^\p{L}[\p{L}\p{N}-]+$/u;
const MAX_SPELLED_DOTS = 4;
// RFC 5321's limits: a local part of at most 64 characters, a domain of at most 255.
const MAX_LOCAL_PART = 64;
const MAX_DOMAIN = 255;

/**
 * Every stretch of personal data in the text, in order, not overlapping. Never throws; runs in linear
 * time on the input (see above).
 */
export function findPersonalData(text: string): PersonalDataSpan[] {
  const shape = textShape(text);
  const spans: PersonalDataSpan[] = [];
  // Which characters a span already covers: checking a new span costs its length, not the number of
  // spans found so far (a message of 1,000 personnummer would otherwise cost a million comparisons).
  // Made at the first span: most messages have none, and a typed array of a message's length has a
  // buffer outside the heap, dearer to make and collect than the rest of the search.
  let covered: Uint8Array | undefined;
  const add = (kind: PersonalDataKind, start: number, end: number) => {
    covered ??= new Uint8Array(shape.length);
    for (let i = start; i < end; i++) if (covered[i] === 1) return;
    covered.fill(1, start, end);
    spans.push({ kind, start, end });
  };
  for (const email of findEmails(shape)) add('email', email.start, email.end);
  // Everything else has digits: most messages have none and cost nothing more. A pattern that needs more
  // digits than the text has cannot add a span, so it is not run (most messages with digits have a date
  // or a time, a few digits): each pattern scans the whole text.
  const digits = countDigits(shape);
  if (digits === 0) return spans.sort((a, b) => a.start - b.start);
  if (digits >= ID_NUMBER_DIGITS) for (const m of allMatches(ID_NUMBER, shape)) {
    const century = m[1];
    const digits = ((m[2] ?? '') + (m[3] ?? '')).replace(/\s/g, '');
    // Ten digits in a row starting 07 are a mobile number far more often than someone born in 2007.
    const kind = century === undefined && /^07\d{8}$/.test(digits) ? 'phone' : idKind(century, digits);
    add(kind, m.index, m.index + m[0].length);
  }
  if (digits >= ID_NUMBER_DIGITS) for (const m of allMatches(ID_NUMBER_AS_DATE, shape)) {
    add(idKind(m[1], `${m[2] ?? ''}${m[4] ?? ''}${m[5] ?? ''}${m[6] ?? ''}`), m.index, m.index + m[0].length);
  }
  if (digits >= MIN_PHONE_DIGITS) for (const m of allMatches(PHONE, shape)) {
    const length = phoneLength(m[0]);
    if (length > 0) add('phone', m.index, m.index + length);
  }
  if (digits >= MOBILE_DIGITS) for (const m of allMatches(MOBILE_WITHOUT_PLUS, shape)) add('phone', m.index, m.index + m[0].length);
  if (digits >= MIN_DOTTED_PHONE_DIGITS) for (const m of allMatches(PHONE_DOTTED, shape)) {
    if (m[0].replace(/\D/g, '').length >= MIN_DOTTED_PHONE_DIGITS) add('phone', m.index, m.index + m[0].length);
  }
  if (PROPERTY_SITE.test(shape)) for (const m of allMatches(PROPERTY, shape)) if (!TIME_WORD.test(m[1] ?? '')) add('address', m.index, m.index + m[0].length);
  if (STREET_BEFORE_NUMBER.test(shape)) for (const m of allMatches(NUMBER_AFTER_WORD, shape)) {
    if (STREET_ENDINGS.test(m[1] ?? '')) add('address', m.index, m.index + m[0].length);
  }
  for (const m of allMatches(ADDRESS_AFTER_CUE, shape)) {
    const address = m[1] ?? '';
    add('address', m.index + m[0].length - address.length, m.index + m[0].length);
  }
  if (digits >= APARTMENT_DIGITS) for (const m of allMatches(APARTMENT, shape)) add('address', m.index, m.index + m[0].length);
  for (const m of allMatches(POST_BOX, shape)) add('address', m.index, m.index + m[0].length);
  if (digits >= POSTAL_DIGITS) for (const m of allMatches(POSTAL, shape)) add('address', m.index, m.index + m[0].length);
  return spans.sort((a, b) => a.start - b.start);
}

// The fewest digits (0–9, as \d matches) each pattern's span holds: see findPersonalData.
const ID_NUMBER_DIGITS = 10;
/** 46, then a mobile number without its 0. */
const MOBILE_DIGITS = 11;
/** phoneLength keeps a number of at least this many digits. */
const MIN_PHONE_DIGITS = 7;
const MIN_DOTTED_PHONE_DIGITS = 9;
const APARTMENT_DIGITS = 3;
const POSTAL_DIGITS = 5;

/** How many ASCII digits the text has. */
function countDigits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) n++;
  }
  return n;
}

/**
 * How much of a phone-shaped match is a phone number: its digit groups from the start while they hold
 * at most 15 digits (E.164), if that is at least 7; else 0. "070-123 45 67 2 st" keeps its number.
 */
function phoneLength(match: string): number {
  let digits = 0;
  let end = 0;
  for (const group of match.matchAll(/[^\d]*\d+/g)) {
    const more = group[0].replace(/\D/g, '').length;
    if (digits + more > 15) break;
    digits += more;
    end = group.index + group[0].length;
  }
  return digits >= MIN_PHONE_DIGITS ? end : 0;
}

/**
 * E-mail addresses, found from each @ (or a spelled-out "(at)") outwards over at most a local part's and
 * a domain's length: each character is looked at a bounded number of times, unlike a pattern that
 * starts at every letter of a long word and fails at its end.
 */
function findEmails(shape: string): { start: number; end: number }[] {
  const ats: { start: number; end: number }[] = [];
  for (let i = shape.indexOf('@'); i >= 0; i = shape.indexOf('@', i + 1)) ats.push({ start: i, end: i + 1 });
  if (shape.includes('(') || shape.includes('[') || shape.includes('{') || /snabel/i.test(shape)) {
    for (const m of allMatches(AT_WORD, shape)) ats.push({ start: m.index, end: m.index + m[0].length });
  }
  const found: { start: number; end: number }[] = [];
  let covered = 0;
  for (const at of ats.sort((a, b) => a.start - b.start)) {
    if (at.start < covered) continue;
    // One space either side of an @, as some type it: "anna @ gmail.com".
    const spacedLeft = shape[at.start - 1] === ' ' && LOCAL_PART_CHAR.test(shape[at.start - 2] ?? '');
    const spacedRight = shape[at.end] === ' ' && DOMAIN_CHAR.test(shape[at.end + 1] ?? '');
    const left = spacedLeft ? at.start - 1 : at.start;
    const right = spacedRight ? at.end + 1 : at.end;
    let start = left;
    while (start > Math.max(covered, left - MAX_LOCAL_PART) && LOCAL_PART_CHAR.test(shape[start - 1] ?? '')) start--;
    while (start < left && shape[start] === '.') start++;
    let end = right;
    const limit = Math.min(shape.length, right + MAX_DOMAIN);
    for (let dots = 0; ; dots++) {
      while (end < limit && DOMAIN_CHAR.test(shape[end] ?? '')) end++;
      // A spelled-out dot continues a domain written without real dots (at most a few: each one moves
      // past at least a letter); "anna@gmail.com. Punkt slut." ends at the address.
      if (dots >= MAX_SPELLED_DOTS || end === right || shape.slice(right, end).includes('.')) break;
      DOT_WORD.lastIndex = end;
      const dot = DOT_WORD.exec(shape);
      if (dot === null) break;
      end += dot[0].length;
    }
    while (end > right && (shape[end - 1] === '.' || shape[end - 1] === '-')) end--;
    const domain = shape.slice(right, end).replace(DOT_WORDS, '.');
    if (start === left || domain.length === 0) continue;
    const withTopLevelDomain = domain.includes('.') && TOP_LEVEL_DOMAIN.test(domain);
    // Written tight without a top-level domain ("anna.svensson@gmail"), the name before it is still someone's.
    const bareHost = !spacedLeft && !spacedRight && at.end - at.start === 1 && left - start >= 2 && BARE_HOST.test(domain);
    if (!withTopLevelDomain && !bareHost) continue;
    found.push({ start, end });
    covered = end;
  }
  return found;
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
