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
    /** Why no days are given though the sentence names some: the editor writes them from the page. */
    readonly daysUnclear?: string;
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
// What may stand between days that share hours: "måndag och onsdag", "måndag, onsdag", "måndag/onsdag".
const DAY_JOINER = /^[\s,]*(?:(?:och|samt|and|&|\/)[\s,]*)?$/iu;
/**
 * Words that say when the reception is closed, or which days are excepted: "måndag stängt", "fredagar
 * stänger vi 15.00", "vardagar utom fredag", "ej öppet". The importer cannot tell which days these are
 * about, so a sentence with them gets no days.
 */
const NOT_OPEN = /stäng|(?<!\p{L})(?:closed?|closes|utom|förutom|undantag|except(?:ing)?|(?:inte|ej)\s+(?:\p{L}+\s+)?(?:öpp|open)\p{L}*)(?!\p{L})/iu;

/**
 * Hours that differ by day in one sentence ("måndag–torsdag 08.00–16.30, fredag 08.00–15.00"): each
 * hours with the days written just before it, days joined by "och" or a comma sharing them ("måndag och
 * onsdag 08.00–16.00"). A later day or range inside an earlier range has hours of its own ("vardagar
 * 08.00–16.30, fredag 08.00–15.00": Friday's). Undefined unless there are two or more, every one has its
 * days, a day named twice is only such a later, narrower one, and no date or other day rule stands between
 * the days and the hours: anything less plain is left to the editor.
 */
function hoursByDay(facts: readonly Fact[], sentence: string): DayHours[] | undefined {
  const pairs: DayHours[] = [];
  // The days named since the last hours; `unplain` once something not a weekday is among them.
  let group: { days: WeekdayName[]; from: number; end: number; unplain: boolean } | undefined;
  for (const f of [...facts].sort((a, b) => a.start - b.start || a.end - b.end)) {
    // The weekday of a date ("fredag den 13 januari") is that date's, not every Friday's.
    const dated = f.kind === 'date' || (f.kind === 'weekday' && f.end === f.start);
    const list = dated ? undefined : daysOfFact(f, true);
    if (dated || f.kind === 'weekday') {
      const joined = group !== undefined && DAY_JOINER.test(sentence.slice(group.end, f.start));
      // A day named and then another without hours between them or a plain "och": which hours it has is unclear.
      if (group !== undefined && !joined) return undefined;
      group = {
        days: [...(group?.days ?? []), ...(list ?? [])],
        from: group?.from ?? f.start,
        end: f.end,
        unplain: (group?.unplain ?? false) || list === undefined,
      };
    }
    if (f.kind !== 'hours') continue;
    if (group === undefined || group.unplain) return undefined;
    pairs.push({ days: [...new Set(group.days)], from: group.from, hours: f });
    group = undefined;
  }
  if (pairs.length < 2) return undefined;
  for (const [i, later] of pairs.entries()) {
    for (const earlier of pairs.slice(0, i)) {
      const shared = later.days.filter((d) => earlier.days.includes(d));
      if (shared.length > 0 && !(shared.length === later.days.length && later.days.length < earlier.days.length)) return undefined;
    }
  }
  return pairs;
}

const clock = (f: Fact) => {
  const [opens = '', closes = ''] = f.key.split('-');
  return { opens, closes };
};

/**
 * Each day's hours, a later pair's over an earlier's; the usual hours are those of the most days (the
 * first written on a tie), the other days' are exceptions. The display is the sentence's own words from
 * the first day to the last hours, its lines ("Måndag–torsdag 08.00–16.30" / "Fredag 08.00–15.00")
 * joined as one list.
 */
function hoursOfDays(byDay: readonly DayHours[], sentence: string): NonNullable<ContactDraft['openingHours']> {
  const ofDay = new Map<WeekdayName, Fact>();
  for (const p of byDay) for (const d of p.days) ofDay.set(d, p.hours);
  const daysOfHours = new Map<string, number>();
  for (const f of ofDay.values()) daysOfHours.set(f.key, (daysOfHours.get(f.key) ?? 0) + 1);
  const usual = byDay
    .map((p) => p.hours)
    .reduce((a, b) => ((daysOfHours.get(b.key) ?? 0) > (daysOfHours.get(a.key) ?? 0) ? b : a));
  const days = WEEKDAYS.filter((d) => ofDay.has(d));
  const own = days.flatMap((d) => {
    const f = ofDay.get(d);
    return f === undefined || f.key === usual.key ? [] : [[d, clock(f)] as const];
  });
  const display = sentence
    .slice(byDay[0]?.from ?? 0, byDay.at(-1)?.hours.end ?? sentence.length)
    .replace(/[.,;]?[^\S\n]*\n\s*/gu, ', ')
    .replace(/, (Måndag|Tisdag|Onsdag|Torsdag|Fredag|Lördag|Söndag|Vardag)/gu, (_, day: string) => `, ${day.toLowerCase()}`)
    .replace(/\s*[–—-]\s*/gu, '–');
  return { value: display, sentence, ...clock(usual), days, ...(own.length === 0 ? {} : { exceptions: Object.fromEntries(own) }) };
}

/**
 * A line that only gives days and their hours ("Fredag 08.00–15.00", "Måndag–torsdag: 08.00–16.30"),
 * as pages list opening hours one day a line under "Öppettider:".
 */
function isDayLine(line: string): boolean {
  const facts = extractFacts(line);
  if (!facts.some((f) => f.kind === 'hours') || !facts.some((f) => f.kind === 'weekday' && f.end > f.start)) return false;
  if (facts.some((f) => f.kind !== 'hours' && f.kind !== 'weekday')) return false;
  let rest = line;
  for (const f of [...facts].sort((a, b) => b.start - a.start)) rest = rest.slice(0, f.start) + rest.slice(f.end);
  return /^[\s,.:;–—-]*(?:(?:och|samt|kl\.?|klockan)[\s,.:;–—-]*)*$/iu.test(rest);
}

/**
 * The text's sentences, with lines of days and hours that follow a sentence about hours ("Öppettider för
 * besök:" / "Måndag–torsdag 08.00–16.30" / "Fredag 08.00–15.00") kept with it as one sentence, lines
 * apart: they are one statement of the hours, and read apart each day's line would lose the others.
 */
function contactSentences(text: string): string[] {
  const out: string[] = [];
  let open = false;
  for (const line of text.split(/\n+/)) {
    const parts = sentences(line);
    const only = parts.length === 1 ? parts[0] : undefined;
    if (open && only !== undefined && out.length > 0 && isDayLine(only)) {
      out[out.length - 1] = `${out[out.length - 1] ?? ''}\n${only}`;
      continue;
    }
    out.push(...parts);
    open = HOURS_WORDS.test(parts.at(-1) ?? '');
  }
  return out;
}

/** `texts`: the page's text in order (answers and other paragraphs), personal data already removed. */
export function draftContact(texts: readonly string[]): ContactDraft {
  const found: { fact: Fact; sentence: string; score: number }[] = [];
  for (const text of texts) {
    for (const sentence of contactSentences(text)) {
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
    const namesDays = sentenceFacts.some((f) => f.kind === 'weekday' && f.end > f.start); // not a date's weekday
    const notOpen = namesDays && NOT_OPEN.test(hours.sentence);
    const byDay = notOpen ? undefined : hoursByDay(sentenceFacts, hours.sentence);
    const display = hours.fact.raw.replace(/\s*[–—-]\s*/u, '–');
    const severalHours = new Set(sentenceFacts.filter((f) => f.kind === 'hours').map((f) => f.key)).size > 1;
    if (byDay !== undefined) {
      openingHours = hoursOfDays(byDay, hours.sentence);
      for (const p of byDay) used.add(`hours:${p.hours.key}`);
    } else {
      // Days are written only when the sentence gives them plainly: one hours, and nothing said about closing.
      const unclear = !namesDays ? undefined : notOpen ? 'it also says when the reception is closed' : severalHours ? 'it gives other hours too, which the importer cannot place by day' : undefined;
      const days = unclear === undefined ? daysOf(sentenceFacts) : undefined;
      openingHours = {
        value: display, sentence: hours.sentence, ...clock(hours.fact),
        ...(days === undefined ? {} : { days }),
        ...(unclear === undefined ? {} : { daysUnclear: unclear }),
      };
    }
    // Phone hours are shown as written: "vardagar 08.00–16.30" from a sentence that goes on "fredagar
    // stänger vi 15.00" would tell callers a wrong Friday, so unclear days give none.
    if (PHONE_WORDS.test(hours.sentence) && openingHours.daysUnclear === undefined) {
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
