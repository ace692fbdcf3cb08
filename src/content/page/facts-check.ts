/**
 * The facts check: every phone number, e-mail address, street address, date, weekday, time and opening
 * hours in the corpus's answers (every version, the easy-to-read ones too), its timeline and its contact
 * details must stand on the page the text names as its source. The welcome's texts residents read (the
 * greeting, the topic and the organisation's name) name no source: theirs must stand on one of the
 * pages given. Each fact that does not is listed with where it is (entry, timeline update, contact or
 * welcome, and the field). Pure: the pages are given as text.
 */
import { CONTACT_FACTS, type Contact, type Corpus, type FaqEntry, type TimelineUpdate, type Welcome } from '../../core/index.js';
import { readHtml } from './html-blocks.js';
import { blocksToText } from './blocks.js';
import { findDates, weekdayOfDate, yearFromWeekdays, yearOf, WEEKDAYS, type YearContext } from './dates.js';
import { extractFacts, phoneKey, sentenceAround, type Fact, type FactKind } from './facts.js';
import type { PageFormat } from './import-page.js';
import { readPlainText } from './text-blocks.js';

/** A page as the check reads it: its text, its address and how its dates get their years. */
export interface CheckedPage {
  readonly url: string;
  readonly text: string;
  readonly years: YearContext;
}

/** Reads a page for the check (no questions needed, unlike the importer). */
export function readPageForCheck(input: { body: string; format: PageFormat; url?: string; fetchedFrom?: string; today: string }): CheckedPage | undefined {
  const read = input.format === 'html' ? readHtml(input.body) : readPlainText(input.body);
  const url = input.url ?? read.url ?? input.fetchedFrom;
  if (url === undefined) return undefined;
  const text = blocksToText(read.blocks);
  const weekdayYear = read.published === undefined ? yearFromWeekdays(findDates(text), input.today) : undefined;
  return { url, text, years: { ...(read.published === undefined ? {} : { published: read.published }), ...(weekdayYear === undefined ? {} : { weekdayYear }) } };
}

export interface FactFinding {
  /** 'entry "contact"', 'timeline update 3 (2022-12-09)', 'contact center', 'welcome greeting (sv)'. */
  readonly where: string;
  /** The field, as faq:check names fields: "answer.sv", "versions.2.answer.en", "phone.tel". */
  readonly field: string;
  readonly kind: FactKind;
  /** The fact as the corpus writes it. */
  readonly fact: string;
  /** The sentence of the field it stands in. */
  readonly context: string;
  /** The page it should stand on (for the welcome, which names none: the first page given, the official page). */
  readonly source: string;
}

/** The source of a welcome text when no page is given: it is listed as not checked. */
export const NO_PAGE_GIVEN = '(no page given)';

export interface FactsCheck {
  /** Facts that do not stand on their source page. */
  readonly findings: readonly FactFinding[];
  /** Fields whose source is none of the pages given: not checked (listed, never passed silently). */
  readonly unchecked: readonly { readonly where: string; readonly field: string; readonly source: string }[];
  /** How many facts were checked. */
  readonly checked: number;
}

const normalUrl = (url: string): string => {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    return url.trim();
  }
};

const WEEKDAY_RANGE = 'monday-friday';
const canonicalWeekday = (key: string) => (key === WEEKDAY_RANGE ? 'weekdays' : key);

/** What a page says, indexed for comparison. */
interface PageIndex {
  readonly keys: ReadonlySet<string>; // `${kind}:${key}`
  readonly dates: readonly { month: number; day: number; year?: number }[];
}

function indexPage(page: CheckedPage): PageIndex {
  const keys = new Set<string>();
  const dates: { month: number; day: number; year?: number }[] = [];
  for (const f of extractFacts(page.text)) {
    if (f.kind === 'weekday') keys.add(`weekday:${canonicalWeekday(f.key)}`);
    else keys.add(`${f.kind}:${f.key}`);
    if (f.kind === 'hours') {
      // Each end of a range is also a time the page states ("stänger 16.00").
      for (const t of f.key.split('-')) keys.add(`time:${t}`);
    }
  }
  for (const d of findDates(page.text)) {
    const y = yearOf(d, page.years);
    dates.push({ month: d.month, day: d.day, ...(y === undefined ? {} : { year: y.year }) });
  }
  return { keys, dates };
}

function stands(fact: Fact, page: PageIndex): boolean {
  if (fact.kind === 'date' && fact.date !== undefined) {
    const d = fact.date;
    return page.dates.some((p) => p.month === d.month && p.day === d.day && (d.year === undefined || p.year === undefined || p.year === d.year));
  }
  if (fact.kind === 'weekday') {
    if (page.keys.has(`weekday:${canonicalWeekday(fact.key)}`)) return true;
    return false;
  }
  return page.keys.has(`${fact.kind}:${fact.key}`);
}

/** A weekday written with a date stands when the page's date falls on it ("fredag den 9 december" in 2022). */
function weekdayOfWrittenDate(fact: Fact, all: readonly Fact[], page: PageIndex): boolean {
  const date = all.find((f) => f.kind === 'date' && f.start === fact.start && f.date?.weekday === fact.key)?.date;
  if (date === undefined) return false;
  return page.dates.some((p) => p.month === date.month && p.day === date.day && p.year !== undefined && weekdayOfDate(p.year, p.month, p.day) === fact.key);
}

export function checkFacts(corpus: Corpus, pages: readonly CheckedPage[]): FactsCheck {
  const byUrl = new Map(pages.map((p) => [normalUrl(p.url), indexPage(p)] as const));
  const findings: FactFinding[] = [];
  const unchecked: { where: string; field: string; source: string }[] = [];
  let checked = 0;

  const checkText = (where: string, field: string, text: string, source: string) => {
    const page = byUrl.get(normalUrl(source));
    const facts = extractFacts(text);
    if (facts.length === 0) return;
    if (page === undefined) {
      unchecked.push({ where, field, source });
      return;
    }
    for (const fact of facts) {
      checked += 1;
      if (stands(fact, page)) continue;
      if (fact.kind === 'weekday' && weekdayOfWrittenDate(fact, facts, page)) continue;
      findings.push({ where, field, kind: fact.kind, fact: fact.raw, context: sentenceAround(text, fact.start), source });
    }
  };
  const checkFact = (where: string, field: string, fact: Fact, written: string, source: string) => {
    const page = byUrl.get(normalUrl(source));
    if (page === undefined) {
      unchecked.push({ where, field, source });
      return;
    }
    checked += 1;
    if (!stands(fact, page)) findings.push({ where, field, kind: fact.kind, fact: fact.raw, context: written, source });
  };
  const synthetic = (kind: FactKind, raw: string, key: string, date?: Fact['date']): Fact => ({ kind, raw, key, start: 0, end: raw.length, ...(date === undefined ? {} : { date }) });

  /**
   * A text that names no source (the welcome's): each fact must stand on one of the pages. A finding names
   * the first page, the official one. `ownFacts` are spans that hold the contact center's details
   * (filled in from {telefon} …): checked once, as the contact center's, against its own source.
   */
  const checkUnsourced = (where: string, field: string, text: string, ownFacts: readonly (readonly [number, number])[]) => {
    const facts = extractFacts(text);
    const toCheck = facts.filter((f) => !ownFacts.some(([start, end]) => f.start >= start && f.end <= end));
    if (toCheck.length === 0) return;
    const first = pages[0];
    if (first === undefined) {
      unchecked.push({ where, field, source: NO_PAGE_GIVEN });
      return;
    }
    const indexes = [...byUrl.values()];
    for (const fact of toCheck) {
      checked += 1;
      if (indexes.some((page) => stands(fact, page) || (fact.kind === 'weekday' && weekdayOfWrittenDate(fact, facts, page)))) continue;
      findings.push({ where, field, kind: fact.kind, fact: fact.raw, context: sentenceAround(text, fact.start), source: first.url });
    }
  };

  for (const entry of corpus.entries) checkEntry(entry, checkText);
  corpus.timeline.updates.forEach((u, i) => checkUpdate(u, i, checkText, checkFact, synthetic));
  checkContact(corpus.contact, checkText, checkFact, synthetic);
  checkWelcome(corpus.welcome, corpus.contact, checkUnsourced);
  return { findings, unchecked, checked };
}

type CheckUnsourced = (where: string, field: string, text: string, ownFacts: readonly (readonly [number, number])[]) => void;

/**
 * The welcome's texts residents read: the greeting (the first thing the bot says), the topic and the
 * organisation's name (said in the greeting, the page's title and the Teams app). `places` and `links`
 * are not text residents read as facts.
 */
function checkWelcome(welcome: Welcome, contact: Contact, checkUnsourced: CheckUnsourced): void {
  for (const [name, texts] of [['greeting', welcome.greeting], ['topic', welcome.topic], ['organisation', welcome.organisation]] as const) {
    if (texts === undefined) continue;
    for (const lang of ['sv', 'en'] as const) checkUnsourced(`welcome ${name} (${lang})`, `${name}.${lang}`, texts[lang], contactSpans(texts[lang], contact, lang));
  }
}

/** Where a text holds one of the contact center's details as the references fill them in ({telefon} …). */
function contactSpans(text: string, contact: Contact, lang: 'sv' | 'en'): [number, number][] {
  const spans: [number, number][] = [];
  for (const fill of Object.values(CONTACT_FACTS)) {
    const value = fill(contact, lang);
    if (value === '') continue;
    for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + value.length)) spans.push([at, at + value.length]);
  }
  return spans;
}

type CheckText = (where: string, field: string, text: string, source: string) => void;
type CheckFact = (where: string, field: string, fact: Fact, written: string, source: string) => void;
type Synthetic = (kind: FactKind, raw: string, key: string, date?: Fact['date']) => Fact;

function checkEntry(entry: FaqEntry, checkText: CheckText): void {
  const where = `entry "${entry.id}"`;
  const single = entry.versions.length === 1 && entry.versions[0]?.validFrom === undefined && entry.versions[0]?.validUntil === undefined;
  entry.versions.forEach((v, i) => {
    const prefix = single ? '' : `versions.${i + 1}.`;
    for (const lang of ['sv', 'en'] as const) {
      checkText(where, `${prefix}answer.${lang}`, v.answer[lang], entry.source.url);
      if (v.lattlast !== undefined) checkText(where, `${prefix}lattlast.${lang}`, v.lattlast[lang], entry.source.url);
    }
  });
}

function checkUpdate(u: TimelineUpdate, i: number, checkText: CheckText, checkFact: CheckFact, synthetic: Synthetic): void {
  const where = `timeline update ${i + 1} (${u.date})`;
  const [year, month, day] = u.date.split('-').map(Number);
  if (year !== undefined && month !== undefined && day !== undefined) {
    checkFact(where, 'date', synthetic('date', u.date, u.date, { year, month, day }), u.date, u.source.url);
  }
  if (u.time !== undefined) checkFact(where, 'time', synthetic('time', u.time, u.time), u.time, u.source.url);
  for (const lang of ['sv', 'en'] as const) checkText(where, `text.${lang}`, u.text[lang], u.source.url);
}

function checkContact(c: Contact, checkText: CheckText, checkFact: CheckFact, synthetic: Synthetic): void {
  const where = 'contact center';
  const src = c.source.url;
  checkText(where, 'phone.display', c.phone.display, src);
  checkFact(where, 'phone.tel', synthetic('phone', c.phone.tel, phoneKey(c.phone.tel)), c.phone.tel, src);
  checkFact(where, 'email', synthetic('email', c.email, c.email.toLowerCase()), c.email, src);
  for (const lang of ['sv', 'en'] as const) checkText(where, `visitingAddress.${lang}`, c.visitingAddress[lang], src);
  const h = c.openingHours;
  checkFact(where, 'openingHours.opens/closes', synthetic('hours', `${h.opens}–${h.closes}`, `${h.opens}-${h.closes}`), `${h.opens}–${h.closes}`, src);
  for (const lang of ['sv', 'en'] as const) checkText(where, `openingHours.display.${lang}`, h.display[lang], src);
  if (h.days !== undefined) {
    const list = h.days.list;
    const weekdays = list.length === 5 && WEEKDAYS.slice(0, 5).every((d) => list.includes(d));
    const keys = weekdays ? ['weekdays'] : list;
    for (const key of keys) checkFact(where, 'openingHours.days.list', synthetic('weekday', key, key), list.join(', '), h.days.source.url);
    // A day's own hours are stated by the days' source (the schema allows them only beside days).
    for (const [day, own] of Object.entries(h.exceptions ?? {})) {
      if (own === undefined) continue;
      const span = `${own.opens}–${own.closes}`;
      checkFact(where, `openingHours.exceptions.${day}`, synthetic('hours', span, `${own.opens}-${own.closes}`), `${day} ${span}`, h.days.source.url);
    }
  }
  if (h.publicHolidays !== undefined) {
    const said = h.publicHolidays.closed ? 'closed on public holidays' : 'open on public holidays';
    checkFact(where, 'openingHours.publicHolidays', synthetic('weekday', said, 'public-holidays'), said, h.publicHolidays.source.url);
  }
  if (c.phoneHours !== undefined) {
    for (const lang of ['sv', 'en'] as const) checkText(where, `phoneHours.display.${lang}`, c.phoneHours.display[lang], c.phoneHours.source.url);
  }
  c.advice.forEach((a, i) => {
    for (const lang of ['sv', 'en'] as const) checkText(where, `advice.${i + 1}.text.${lang}`, a.text[lang], a.source.url);
  });
}

/** One line per finding, for editors: where, field, the fact and its sentence. */
export function describeFinding(f: FactFinding): string {
  return `${f.where}, field "${f.field}": ${f.kind} "${f.fact}" is not on ${f.source} (in: "${f.context}")`;
}
