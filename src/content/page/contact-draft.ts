/**
 * The contact details on a page, each with the sentence it came from: the phone number, e-mail address,
 * visiting address and opening hours most plainly about the contact center (its sentence names the
 * contact center, the reception, the switchboard or asks you to call), and every other one found, so the
 * editor sees all of them.
 */
import { WEEKDAYS, type WeekdayName } from './dates.js';
import { extractFacts, sentences, type Fact } from './facts.js';

export interface SourcedValue {
  readonly value: string;
  /** The sentence on the page that gives it. */
  readonly sentence: string;
}

export interface ContactDraft {
  /** "Kontaktcenter", "Kundtjänst" …: only a name the chosen sentences use. */
  readonly name?: SourcedValue;
  readonly phone?: SourcedValue & { readonly tel: string };
  readonly email?: SourcedValue;
  readonly visitingAddress?: SourcedValue;
  readonly openingHours?: SourcedValue & {
    readonly opens: string;
    readonly closes: string;
    /** Only when the sentence says which days ("vardagar", "måndag–fredag"). */
    readonly days?: readonly WeekdayName[];
    /** Days the sentence gives other hours ("måndag–torsdag 08.00–16.30, fredag 08.00–15.00": Friday's). */
    readonly exceptions?: Readonly<Partial<Record<WeekdayName, { readonly opens: string; readonly closes: string }>>>;
  };
  /** Only when the hours' sentence says they are (also) for the phone. */
  readonly phoneHours?: SourcedValue;
  /** Every other phone number, e-mail address, street address and opening hours on the page. */
  readonly others: readonly (SourcedValue & { readonly kind: Fact['kind'] })[];
}

const CONTACT_WORDS = /kontaktcent(?:er|ret)|kundtjänst|kundservice|medborgarservice|servicecenter|växel|reception|kontakta (?:oss|kommunen)|ring(?:a)?\b|mejla|besöka?\b|telefon/iu;
const HOURS_WORDS = /öppet|öppettid|öppen|besök|telefontid|svarar|open/iu;
const ADDRESS_WORDS = /besök|reception|adress|kontaktcent|kommunhus|stadshus|kontor/iu;
const PHONE_WORDS = /telefon|ring|samtal|phone/iu;
const NAMES: readonly [RegExp, string][] = [
  [/kontaktcent(?:er|ret)/iu, 'Kontaktcenter'],
  [/kundtjänst/iu, 'Kundtjänst'],
  [/kundservice/iu, 'Kundservice'],
  [/medborgarservice/iu, 'Medborgarservice'],
  [/servicecenter/iu, 'Servicecenter'],
  [/växel/iu, 'Växeln'],
];
// National emergency and advice numbers are not the contact center's.
const NATIONAL = new Set(['112', '11414', '11313', '1177', '116006']);

/** E.164 from a Swedish number: 011-15 00 00 → +4611150000. */
export function e164(phoneDigits: string): string {
  return phoneDigits.startsWith('0') ? `+46${phoneDigits.slice(1)}` : `+${phoneDigits}`;
}

const DAY_RANGE_KEY = /^(\w+)-(\w+)$/;
/** The days a weekday fact names as a run: "vardagar", "måndag–fredag"; `single` lets one day ("fredag") count. */
function daysOfFact(f: Fact, single = false): WeekdayName[] | undefined {
  if (f.kind !== 'weekday') return undefined;
  if (f.key === 'weekdays') return ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
  const range = DAY_RANGE_KEY.exec(f.key);
  if (range !== null) {
    const from = WEEKDAYS.findIndex((w) => w === range[1]);
    const to = WEEKDAYS.findIndex((w) => w === range[2]);
    return from >= 0 && to >= from ? WEEKDAYS.slice(from, to + 1) : undefined;
  }
  const day = WEEKDAYS.find((w) => w === f.key);
  return single && day !== undefined ? [day] : undefined;
}
function daysOf(facts: readonly Fact[]): WeekdayName[] | undefined {
  for (const f of facts) {
    const days = daysOfFact(f);
    if (days !== undefined) return days;
  }
  return undefined;
}

interface DayHours {
  readonly days: readonly WeekdayName[];
  /** Where the days are written in the sentence. */
  readonly from: number;
  readonly hours: Fact;
}
/**
 * Hours that differ by day in one sentence ("måndag–torsdag 08.00–16.30, fredag 08.00–15.00"): each
 * hours with the days written just before it. Undefined unless there are two or more, every one has its
 * days and no day is named twice: anything less plain is left to the editor.
 */
function hoursByDay(facts: readonly Fact[]): DayHours[] | undefined {
  const pairs: DayHours[] = [];
  let days: { list: WeekdayName[]; from: number } | undefined;
  for (const f of [...facts].sort((a, b) => a.start - b.start)) {
    const list = daysOfFact(f, true);
    if (list !== undefined) days = { list, from: f.start };
    if (f.kind !== 'hours') continue;
    if (days === undefined) return undefined;
    pairs.push({ days: days.list, from: days.from, hours: f });
    days = undefined;
  }
  const named = pairs.flatMap((p) => p.days);
  return pairs.length >= 2 && new Set(named).size === named.length ? pairs : undefined;
}

/**
 * The usual hours are those of the most days (the first on a tie), the rest are exceptions; the display
 * is the sentence's own words from the first day to the last hours.
 */
function hoursOfDays(byDay: readonly DayHours[], sentence: string): NonNullable<ContactDraft['openingHours']> {
  const usual = byDay.reduce((a, b) => (b.days.length > a.days.length ? b : a));
  const split = (f: Fact) => {
    const [opens = '', closes = ''] = f.key.split('-');
    return { opens, closes };
  };
  const days = WEEKDAYS.filter((d) => byDay.some((p) => p.days.includes(d)));
  const exceptions = Object.fromEntries(byDay.filter((p) => p !== usual).flatMap((p) => p.days.map((d) => [d, split(p.hours)])));
  const display = sentence.slice(byDay[0]?.from ?? 0, byDay.at(-1)?.hours.end ?? sentence.length).replace(/\s*[–—-]\s*/gu, '–');
  return { value: display, sentence, ...split(usual.hours), days, exceptions };
}

/** `texts`: the page's text in order (answers and other paragraphs), personal data already removed. */
export function draftContact(texts: readonly string[]): ContactDraft {
  const found: { fact: Fact; sentence: string; score: number }[] = [];
  for (const text of texts) {
    for (const sentence of sentences(text)) {
      const score = CONTACT_WORDS.test(sentence) ? 1 : 0;
      for (const fact of extractFacts(sentence)) found.push({ fact, sentence, score });
    }
  }
  const best = (kind: Fact['kind'], words: RegExp, skip: (f: Fact) => boolean = () => false) =>
    found
      .filter((f) => f.fact.kind === kind && !skip(f.fact))
      .map((f) => ({ ...f, score: f.score + (words.test(f.sentence) ? 1 : 0) }))
      .sort((a, b) => b.score - a.score)[0];

  const phone = best('phone', PHONE_WORDS, (f) => NATIONAL.has(f.key));
  const email = best('email', CONTACT_WORDS);
  const address = best('address', ADDRESS_WORDS, (f) => !/\p{L}\s+\d/u.test(f.raw));
  const hours = found
    .filter((f) => f.fact.kind === 'hours' && HOURS_WORDS.test(f.sentence))
    .sort((a, b) => b.score - a.score)[0];

  const chosen = new Set([phone, email, address, hours].filter((f) => f !== undefined));
  const used = new Set([...chosen].map((f) => `${f.fact.kind}:${f.fact.key}`));

  const nameSentence = [phone, email, address].find((f) => f !== undefined && NAMES.some(([re]) => re.test(f.sentence)));
  const name = nameSentence === undefined ? undefined : NAMES.find(([re]) => re.test(nameSentence.sentence));

  let openingHours: ContactDraft['openingHours'];
  let phoneHours: ContactDraft['phoneHours'];
  if (hours !== undefined) {
    const sentenceFacts = extractFacts(hours.sentence);
    const byDay = hoursByDay(sentenceFacts);
    const display = hours.fact.raw.replace(/\s*[–—-]\s*/u, '–');
    if (byDay !== undefined) {
      openingHours = hoursOfDays(byDay, hours.sentence);
      for (const p of byDay) used.add(`hours:${p.hours.key}`);
    } else {
      const days = daysOf(sentenceFacts);
      const [opens, closes] = hours.fact.key.split('-');
      openingHours = { value: display, sentence: hours.sentence, opens: opens ?? '', closes: closes ?? '', ...(days === undefined ? {} : { days }) };
    }
    if (PHONE_WORDS.test(hours.sentence)) {
      const dayWords = sentenceFacts.find((f) => f.kind === 'weekday' && (f.key === 'weekdays' || DAY_RANGE_KEY.test(f.key)));
      // Hours by day already name their days.
      const value = byDay !== undefined ? openingHours.value : dayWords === undefined ? display : `${dayWords.raw} ${display}`;
      phoneHours = { value, sentence: hours.sentence };
    }
  }
  const others = found
    .filter((f) => ['phone', 'email', 'address', 'hours'].includes(f.fact.kind) && !used.has(`${f.fact.kind}:${f.fact.key}`))
    .filter((f, i, all) => all.findIndex((g) => g.fact.kind === f.fact.kind && g.fact.key === f.fact.key) === i)
    .map((f) => ({ kind: f.fact.kind, value: f.fact.raw, sentence: f.sentence }));
  return {
    others,
    ...(name === undefined || nameSentence === undefined ? {} : { name: { value: name[1], sentence: nameSentence.sentence } }),
    ...(phone === undefined ? {} : { phone: { value: phone.fact.raw, tel: e164(phone.fact.key), sentence: phone.sentence } }),
    ...(email === undefined ? {} : { email: { value: email.fact.raw, sentence: email.sentence } }),
    ...(address === undefined ? {} : { visitingAddress: { value: address.fact.raw, sentence: address.sentence } }),
    ...(openingHours === undefined ? {} : { openingHours }),
    ...(phoneHours === undefined ? {} : { phoneHours }),
  };
}
