import { join } from 'node:path';
import { displayPath } from './display-path.js';
import { CORPUS_ERRORS, type CorpusProblem } from '../errors.js';
import type { Contact, Corpus, FaqEntry, Lang, Timeline } from './schema.js';

/**
 * One fact, one place: answers refer to the contact center's details with a reference instead of a
 * copy, so changing contact.yaml changes every answer. `{telefon}` becomes the phone number, and so on.
 */
export const CONTACT_FACTS: Readonly<Record<string, (contact: Contact, lang: Lang) => string>> = {
  telefon: (c) => c.phone.display,
  'e-post': (c) => c.email,
  besöksadress: (c, lang) => c.visitingAddress[lang],
  besökstider: (c, lang) => c.openingHours.display[lang],
};

const REFERENCE = /\{([\p{L}-]+)\}/gu;
const digits = (s: string) => s.replace(/\D/g, '');
// A phone number as people write it: starts with 0 or +, digits with spaces or dashes between.
const PHONE_LIKE = /(?:\+\d{1,3}[\s-]?|0)\d{1,4}(?:[\s-]?\d{1,4}){1,5}/gu;

/** The texts of a corpus an editor writes for people, with the file (in the corpus folder) and field each is in. */
function* writtenTexts(corpus: Corpus): Generator<{ file: string; where: string; field: string; lang: Lang; text: string }> {
  for (const e of corpus.entries) {
    for (const [i, v] of e.versions.entries()) {
      for (const lang of ['sv', 'en'] as const) {
        const at = e.versions.length === 1 ? '' : `versions.${i}.`;
        const place = { file: join('entries', `${e.id}.yaml`), where: `entry "${e.id}"`, lang };
        yield { ...place, field: `${at}answer.${lang}`, text: v.answer[lang] };
        if (v.lattlast) yield { ...place, field: `${at}lattlast.${lang}`, text: v.lattlast[lang] };
      }
    }
  }
  for (const [i, u] of corpus.timeline.updates.entries()) {
    for (const lang of ['sv', 'en'] as const) yield { file: 'timeline.yaml', where: 'timeline', field: `updates.${i}.text.${lang}`, lang, text: u.text[lang] };
  }
  // The greeting is the first thing residents read: its references are filled in like an answer's.
  const greeting = corpus.welcome.greeting;
  if (greeting) for (const lang of ['sv', 'en'] as const) yield { file: 'welcome.yaml', where: 'welcome', field: `greeting.${lang}`, lang, text: greeting[lang] };
}

/**
 * Copies of the contact center's phone number, e-mail or street address in answers, timeline updates and
 * the greeting
 * (write `{telefon}`, `{e-post}`, `{besöksadress}` instead), and references to facts that do not exist.
 */
export function contactFactProblems(corpus: Corpus, dir: string): CorpusProblem[] {
  const display = displayPath;
  const c = corpus.contact;
  const phone = digits(c.phone.display);
  const street = /[\p{L}]+ \d+\s?[A-Za-z]?\b/u.exec(c.visitingAddress.sv)?.[0];
  const problems: CorpusProblem[] = [];
  for (const t of writtenTexts(corpus)) {
    const file = display(join(dir, t.file));
    const { where } = t;
    const copied = (fact: string, reference: string) =>
      problems.push({ code: 'COPIED_CONTACT_FACT', file, message: CORPUS_ERRORS.COPIED_CONTACT_FACT(file, where, t.field, fact, reference) });
    if ([...t.text.matchAll(PHONE_LIKE)].some((m) => digits(m[0]) === phone)) copied("the contact center's phone number", '{telefon}');
    if (t.text.toLowerCase().includes(c.email.toLowerCase())) copied("the contact center's e-mail address", '{e-post}');
    if (street !== undefined && t.text.includes(street)) copied("the contact center's visiting address", '{besöksadress}');
    for (const m of t.text.matchAll(REFERENCE)) {
      const name = m[1] ?? '';
      if (CONTACT_FACTS[name] === undefined) {
        problems.push({ code: 'UNKNOWN_CONTACT_FACT', file, message: CORPUS_ERRORS.UNKNOWN_CONTACT_FACT(file, where, t.field, name, Object.keys(CONTACT_FACTS)) });
      }
    }
  }
  return problems;
}

const resolve = (text: string, contact: Contact, lang: Lang) => text.replace(REFERENCE, (whole, name: string) => CONTACT_FACTS[name]?.(contact, lang) ?? whole);

/** The corpus as served: every contact reference replaced by the fact from contact.yaml. */
export function resolveContactFacts(corpus: Corpus): Corpus {
  const c = corpus.contact;
  const perLang = (p: { sv: string; en: string }) => ({ sv: resolve(p.sv, c, 'sv'), en: resolve(p.en, c, 'en') });
  const entries = corpus.entries.map(
    (e): FaqEntry => ({ ...e, versions: e.versions.map((v) => ({ ...v, answer: perLang(v.answer), ...(v.lattlast === undefined ? {} : { lattlast: perLang(v.lattlast) }) })) }),
  );
  const timeline: Timeline = { ...corpus.timeline, updates: corpus.timeline.updates.map((u) => ({ ...u, text: perLang(u.text) })) };
  const { greeting } = corpus.welcome;
  const welcome = greeting === undefined ? corpus.welcome : { ...corpus.welcome, greeting: perLang(greeting) };
  return { ...corpus, entries: Object.freeze(entries), timeline, welcome };
}
