/**
 * The checkable facts in a text: phone numbers, e-mail addresses, street addresses, dates, weekdays
 * (and day rules such as "vardagar" or "helgdagar"), clock times and opening hours. Each fact has a
 * key that is the same however it is written ("011-15 00 00", "011–150000" and "+46 11 15 00 00";
 * "08.30–16.00" and "08:30-16:00"; "fredag" and "Friday"), so answers in Swedish and English can be
 * compared with the page.
 */
import { findPersonalData } from '../../core/privacy/personal-data.js';
import { findDates, findTimeRanges, findTimes, findWeekdays, type WeekdayName } from './dates.js';

export const FACT_KINDS = ['phone', 'email', 'address', 'date', 'weekday', 'time', 'hours'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export interface Fact {
  readonly kind: FactKind;
  /** As written in the text. */
  readonly raw: string;
  /** The comparable form: digits of a phone number, "12-09" or "2022-12-09" for a date, "08:30-16:00" for hours. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** Dates only. */
  readonly date?: { readonly month: number; readonly day: number; readonly year?: number; readonly weekday?: WeekdayName };
}

const PHONE = /(?<![\p{L}\p{N}+])(?:\+46[\s\-–]?(?:\(0\))?\s?|0)\d{1,4}(?:[\s\-–]?\d{1,4}){1,5}(?![\p{N}])/gu;
// National short numbers residents are told to call: an answer that names one the page does not is a new fact.
const SHORT_NUMBER = /(?<![\p{N}\-–.:])(?:112|114\s?14|113\s?13|1177|116\s?006)(?![\p{N}]|[.:]\d)/gu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// Rules about which days: "vardagar", "helgdagar", "måndag–fredag", "weekdays", "public holidays".
const DAY_RULES: readonly { pattern: RegExp; key: string }[] = [
  { pattern: /(?<![\p{L}])(?:vardagar(?:na)?|vardag|weekdays?|working days|business days)(?![\p{L}])/giu, key: 'weekdays' },
  { pattern: /(?<![\p{L}])(?:helgdag(?:ar|arna|en)?|röda dagar|public holidays?|bank holidays?)(?![\p{L}])/giu, key: 'public-holidays' },
  { pattern: /(?<![\p{L}])(?:helg(?:er|en|erna)?|weekends?)(?![\p{L}])/giu, key: 'weekends' },
];
const DAY_RANGE = /(?<![\p{L}])(måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:ar|s)?\s*(?:[–—-]|till|to)\s*(måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:ar|s)?(?![\p{L}])/giu;
const SV_EN_DAY: Readonly<Record<string, string>> = {
  måndag: 'monday', tisdag: 'tuesday', onsdag: 'wednesday', torsdag: 'thursday', fredag: 'friday', lördag: 'saturday', söndag: 'sunday',
};

/** The digits of a phone number, with +46 written as the 0 it stands for. */
export function phoneKey(written: string): string {
  const digits = written.replace(/\(0\)/g, '').replace(/\D/g, '');
  return written.trim().startsWith('+46') ? `0${digits.slice(2)}` : digits;
}

export const dateKey = (d: { month: number; day: number; year?: number }): string =>
  `${d.year === undefined ? '' : `${d.year}-`}${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** Every fact in the text, in order. Never throws; linear in the text. */
export function extractFacts(text: string): Fact[] {
  const facts: Fact[] = [];
  const taken = (start: number, end: number) => facts.some((f) => start < f.end && end > f.start);
  const add = (fact: Fact) => {
    if (!taken(fact.start, fact.end)) facts.push(fact);
  };
  for (const m of text.matchAll(EMAIL)) add({ kind: 'email', raw: m[0], key: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  for (const d of findDates(text)) {
    add({
      kind: 'date', raw: d.raw, key: dateKey(d), start: d.start, end: d.end,
      date: { month: d.month, day: d.day, ...(d.year === undefined ? {} : { year: d.year }), ...(d.weekday === undefined ? {} : { weekday: d.weekday }) },
    });
    // The weekday written with a date is a fact too: "fredag den 9 december" says 9 December is a Friday.
    if (d.weekday !== undefined) facts.push({ kind: 'weekday', raw: d.raw, key: d.weekday, start: d.start, end: d.start });
  }
  const ranges = findTimeRanges(text);
  for (const r of ranges) add({ kind: 'hours', raw: r.raw, key: `${r.opens}-${r.closes}`, start: r.start, end: r.end });
  for (const m of text.matchAll(PHONE)) {
    const raw = m[0].trimEnd();
    const digits = raw.replace(/\D/g, '').length;
    if (digits >= 7 && digits <= 15) add({ kind: 'phone', raw, key: phoneKey(raw), start: m.index, end: m.index + raw.length });
  }
  for (const m of text.matchAll(SHORT_NUMBER)) add({ kind: 'phone', raw: m[0], key: m[0].replace(/\D/g, ''), start: m.index, end: m.index + m[0].length });
  for (const t of findTimes(text, facts)) add({ kind: 'time', raw: t.raw, key: t.time, start: t.start, end: t.end });
  for (const span of findPersonalData(text)) {
    if (span.kind !== 'address') continue;
    const raw = text.slice(span.start, span.end);
    add({ kind: 'address', raw, key: raw.toLowerCase().replace(/\s+/g, ' ').trim(), start: span.start, end: span.end });
  }
  for (const m of text.matchAll(DAY_RANGE)) {
    const from = (m[1] ?? '').toLowerCase();
    const to = (m[2] ?? '').toLowerCase();
    add({ kind: 'weekday', raw: m[0], key: `${SV_EN_DAY[from] ?? from}-${SV_EN_DAY[to] ?? to}`, start: m.index, end: m.index + m[0].length });
  }
  for (const rule of DAY_RULES) {
    for (const m of text.matchAll(rule.pattern)) add({ kind: 'weekday', raw: m[0], key: rule.key, start: m.index, end: m.index + m[0].length });
  }
  for (const w of findWeekdays(text)) add({ kind: 'weekday', raw: w.raw, key: w.weekday, start: w.start, end: w.end });
  return facts.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The sentence of `text` around position `at`: the context an editor needs to see a fact. */
export function sentenceAround(text: string, at: number): string {
  const before = text.slice(0, at);
  const startCandidates = [before.lastIndexOf('\n'), ...['. ', '! ', '? '].map((p) => {
    // "kl. 14" and "t.ex. " do not end a sentence: only a stop followed by a capital letter does.
    let i = before.lastIndexOf(p);
    while (i >= 0 && !/^[.!?]\s+[\p{Lu}\p{N}"”“]/u.test(text.slice(i, i + 4))) i = before.lastIndexOf(p, i - 1);
    return i < 0 ? -1 : i + 1;
  })];
  const start = Math.max(0, ...startCandidates);
  const rest = text.slice(at);
  const endMatch = /[.!?](?=\s+[\p{Lu}\p{N}"”“]|\s*$)|\n/u.exec(rest);
  const end = endMatch === null ? text.length : at + endMatch.index + (endMatch[0] === '\n' ? 0 : 1);
  return text.slice(start, end).trim();
}

/** The text split into sentences (a stop followed by a capital, or a line break). */
export function sentences(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+(?=[\p{Lu}"”“])/u)
    .map((s) => s.replace(/^[-•*–]\s+/u, '').trim())
    .filter((s) => s.length > 0);
}
