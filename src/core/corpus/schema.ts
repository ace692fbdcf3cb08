import { z } from 'zod';

/**
 * The corpus schema: what an editor may write in `faq-data/`.
 * Every file is parsed once at load; errors name the file, the entry and the field.
 */

export const LANGS = ['sv', 'en'] as const;
export const langSchema = z.enum(LANGS);
export type Lang = z.infer<typeof langSchema>;

export const AUDIENCES = ['residents', 'staff', 'suppliers', 'all'] as const;
export const audienceSchema = z.enum(AUDIENCES);
export type Audience = z.infer<typeof audienceSchema>;

const text = z.string().trim().min(1, 'must not be empty');
const isoDate = z.iso.date('must be a date written YYYY-MM-DD');
const faqId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case kebab-case, e.g. "personal-data"');

const perLang = <T extends z.ZodType>(value: T) => z.strictObject({ sv: value, en: value });

export const faqEntrySchema = z.strictObject({
  /** Stable id used by links, buttons, logs and the search API. Never change a published id. */
  id: faqId,
  /** Free-text grouping for editors and agents, e.g. "Personuppgifter". */
  category: text,
  /** Who the answer is written for. */
  audience: z.array(audienceSchema).min(1, 'name at least one audience'),
  /** The canonical question, shown in "did you mean" and as the agents' card title. */
  question: perLang(text),
  /** Other ways people ask the same thing: short, colloquial, misspelled, without å/ä/ö. */
  phrasings: perLang(z.array(text)),
  /** The vetted answer in plain language. Only facts from the source page. */
  answer: perLang(text),
  source: z.strictObject({ title: text, url: z.url('must be a full https:// address') }),
  /**
   * The day an editor last checked the answer against the source (YYYY-MM-DD). Optional: set it only
   * when a person has reviewed the entry; residents see it only when it is set.
   */
  lastReviewed: isoDate.optional(),
  /** Ids of entries offered as follow-up questions. */
  related: z.array(faqId).default([]),
  /**
   * The answer in easy-to-read Swedish (lättläst) and plain English: short sentences, common words,
   * one fact per sentence, the same facts as `answer` and nothing more. Optional.
   */
  lattlast: perLang(text).optional(),
});
export type FaqEntry = z.infer<typeof faqEntrySchema>;

/** Groups of words or phrases that mean the same thing to a resident, e.g. socialbidrag / försörjningsstöd. */
export const synonymsSchema = z.strictObject({
  groups: z.array(z.array(text).min(2, 'a synonym group needs at least two members')),
});
export type Synonyms = z.infer<typeof synonymsSchema>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written HH:MM, e.g. "08:30"');
const weekday = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
export type Weekday = z.infer<typeof weekday>;

/** Where a fact comes from: a page people can open. */
const sourceSchema = z.strictObject({ title: text, url: z.url('must be a full https:// address') });

/**
 * The contact center: where every escalation sends people. Phone, e-mail, address and visiting hours
 * come from `source`. Anything more (open days, public holidays, phone hours, advice) is optional and
 * shown only when it is written here together with its own source.
 */
export const contactSchema = z.strictObject({
  name: perLang(text),
  phone: z.strictObject({ display: text, tel: z.string().regex(/^\+\d{6,15}$/, 'must be E.164, e.g. "+4611150000"') }),
  email: z.email('must be an e-mail address'),
  visitingAddress: perLang(text),
  /** The hours for visits to the reception, as the source states them. */
  openingHours: z.strictObject({
    timeZone: text,
    opens: clock,
    closes: clock,
    /** How the hours are written for people, e.g. "08.30–16.00". */
    display: perLang(text),
    /** The weekdays visits are possible, only when a source states them. Without it no day is named. */
    days: z.strictObject({ list: z.array(weekday).min(1, 'name at least one day'), source: sourceSchema }).optional(),
    /** Whether the reception is closed on Swedish public holidays, only when a source states it. */
    publicHolidays: z.strictObject({ closed: z.boolean(), source: sourceSchema }).optional(),
  }),
  /** When the phone is answered, only when a source states it, e.g. "måndag–fredag 08.00–16.30". */
  phoneHours: z.strictObject({ display: perLang(text), source: sourceSchema }).optional(),
  /** Short advice shown on the contact card, each with the source that gives it. */
  advice: z.array(z.strictObject({ text: perLang(text), source: sourceSchema })).default([]),
  updatesUrl: z.url(),
  source: sourceSchema,
});
export type Contact = z.infer<typeof contactSchema>;

/** Phrases that mean "let me talk to a person", and small talk the bot answers with fixed replies. */
export const intentsSchema = z.strictObject({
  human: z.array(text).min(1),
  greeting: z.array(text),
  thanks: z.array(text),
  identity: z.array(text),
});
export type Intents = z.infer<typeof intentsSchema>;
export type IntentName = keyof Intents;

/**
 * Words that carry no meaning for matching, on top of the standard Swedish and English stop-word lists,
 * and words those standard lists drop that do carry meaning here ("över" in "är attacken över").
 */
export const stopwordsSchema = z.strictObject({
  sv: z.array(text),
  en: z.array(text),
  keep: z.array(text).default([]),
});
export type ExtraStopwords = z.infer<typeof stopwordsSchema>;

/** Questions the FAQ must not answer, per language: indexed as a class of their own (see out-of-scope.yaml). */
export const outOfScopeSchema = z.strictObject({ sv: z.array(text), en: z.array(text) });
export type OutOfScope = z.infer<typeof outOfScopeSchema>;

export interface Corpus {
  entries: readonly FaqEntry[];
  synonyms: Synonyms;
  contact: Contact;
  intents: Intents;
  stopwords: ExtraStopwords;
  outOfScope: OutOfScope;
}
