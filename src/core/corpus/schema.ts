import { z } from 'zod';
import { endOfStockholmDay, isCalendarDate, startOfStockholmDay, stockholmInstant, type Moment } from './moments.js';

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

/** The message of a field that is absent; the loader names the language when it is `sv` or `en`. */
export const MISSING_FIELD = 'is missing';
const required = (otherwise: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? MISSING_FIELD : otherwise) });

/**
 * The longest organisation's name: it is said in the chat page's title ("Frågor om … – {organisation}",
 * of which a browser tab shows about 60 characters), its header and the Teams app's developer name.
 */
export const MAX_ORGANISATION_CHARS = 80;
/**
 * The longest topic accepted at all; faq:check warns from MAX_TOPIC_CHARS (30) on, the room the Teams
 * app's names leave. Beyond this the page's title and heading would fill the screen.
 */
export const TOPIC_HARD_LIMIT_CHARS = 80;
/** The longest greeting: it opens every conversation, above the questions offered; a few sentences. */
export const MAX_GREETING_CHARS = 1000;
/** The longest link: browsers, Teams and search engines handle addresses up to about 2,000 characters. */
export const MAX_LINK_CHARS = 2000;

/*
 * One rule per kind of text, shared by every field of that kind: a corpus text reaches residents in the
 * web chat (which renders markdown with inline HTML), the page's title, the bot's replies, the agents'
 * search API and the Teams app, so none may hold an HTML tag or an invisible character there.
 */

/**
 * Characters no corpus text may hold: C0 and C1 controls (NUL, BEL, ESC, NEL …; tab and line breaks
 * are judged by the kind of text), broken halves of surrogate pairs, and the bidi embeddings and
 * overrides (U+202A–U+202E, U+2066–U+2069) that turn a text around as it is read.
 */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/u;
/** The same, and a tab: a one-line text has no columns to line up. */
const INVISIBLE_IN_LINE = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/u;
/** Line breaks, which a one-line text (a title, a button, a name) may not hold. */
const LINE_BREAK = /[\n\r\u2028\u2029]/u;
/**
 * The start of an HTML tag, comment or declaration as markdown reads it: "<" before a letter, "/", "!"
 * or "?". A "<" before a space or a digit ("< 5 år", "<5 år") is text.
 */
const HTML_TAG = /<[A-Za-z/!?][^\s<>"']{0,15}/u;

const codePoint = (ch: string): string => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
const INVISIBLE_CHARACTER = (ch: string): string =>
  `holds an invisible or broken character (${codePoint(ch)}) that would reach residents' chat, the page's title and Teams as it stands; delete it, or retype the text around it`;
const ONE_LINE = 'must be one line: it is shown as a title, on a button or in a sentence; remove the line break';
const HTML_IN_TEXT = (tag: string): string =>
  `holds "${tag}", which the web chat would show as HTML, not as text; write the text without tags (a "<" followed by a space, as in "< 5 år", is fine)`;

/** `line`: one line (titles, questions, names); `prose`: may run over lines and hold tabs (answers, the greeting). */
type TextKind = 'line' | 'prose';
const textRules = (kind: TextKind) => (value: string, ctx: z.RefinementCtx) => {
  const invisible = (kind === 'line' ? INVISIBLE_IN_LINE : INVISIBLE).exec(value)?.[0];
  if (invisible !== undefined) ctx.addIssue({ code: 'custom', message: INVISIBLE_CHARACTER(invisible) });
  if (kind === 'line' && LINE_BREAK.test(value)) ctx.addIssue({ code: 'custom', message: ONE_LINE });
  const tag = HTML_TAG.exec(value)?.[0];
  if (tag !== undefined) ctx.addIssue({ code: 'custom', message: HTML_IN_TEXT(tag) });
};
const nonEmpty = z.string(required('must be text')).trim().min(1, 'must not be empty');
/** One line of text: a title, a question, a name, a phrasing. */
const line = nonEmpty.superRefine(textRules('line'));
/** Text that may run over several lines: an answer, the greeting, an update. */
const prose = nonEmpty.superRefine(textRules('prose'));
/** A one-line text of at most `max` characters, with the reason the limit is what it is. */
const lineUpTo = (max: number, why: string) => nonEmpty.max(max, `must be at most ${max} characters: ${why}`).superRefine(textRules('line'));
const isoDate = z.iso.date('must be a date written YYYY-MM-DD').refine(isCalendarDate, 'is not a day in the calendar');

/**
 * The longest id an entry may have: a chat button carries the id in its value, and the bot accepts a
 * button value's id only up to this length (a longer one would lose the resident's click and feedback).
 */
export const MAX_ID_LENGTH = 100;

const faqId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case kebab-case: only a–z, 0–9 and "-" between words (write å, ä, ö as a, a, o; no capitals or spaces), e.g. "personal-data"')
  .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters, because the chat's buttons carry the id and take no longer one; shorten it to a few words, e.g. "personal-data"`);

const WEB_ADDRESS = 'must be a full web address beginning with https:// (or http://), e.g. "https://www.kommunen.se/kris"';
const LINK_CHARACTERS = 'must be one web address with no spaces, quotes, "<", ">" or invisible characters; copy the address from the browser\'s address bar';
const LINK_CREDENTIALS = 'must not hold a user name or password ("name:password@"): residents would see them in the link; give the page\'s public address';
const LINK_HOST = (host: string): string =>
  `must be the address of a public web site, e.g. "www.kommunen.se": "${host}" has no dot, so it is reached only inside an organisation's own network`;
/**
 * An address residents open from a link: a public web page written out in full, so no "javascript:" or
 * "data:" text, no markup, no password and no intranet name reaches a link in the chat. Plain http://
 * stays allowed (faq:check warns): a corpus written before this rule, citing a municipality's page on
 * http://, keeps loading.
 */
const webUrl = z
  .string(required(WEB_ADDRESS))
  .trim()
  .max(MAX_LINK_CHARS, `must be at most ${MAX_LINK_CHARS} characters: a longer address is cut by browsers and Teams; link the page's own short address`)
  .superRefine((url, ctx) => {
    if (!/^https?:\/\//iu.test(url) || !URL.canParse(url)) return void ctx.addIssue({ code: 'custom', message: WEB_ADDRESS });
    // Checked as written: URL would percent-encode a space or a quote and so hide it.
    if (/[\s"'`<>]/u.test(url) || INVISIBLE.test(url)) return void ctx.addIssue({ code: 'custom', message: LINK_CHARACTERS });
    const parsed = new URL(url);
    if (parsed.username !== '' || parsed.password !== '') return void ctx.addIssue({ code: 'custom', message: LINK_CREDENTIALS });
    if (!parsed.hostname.replace(/\.$/u, '').includes('.')) ctx.addIssue({ code: 'custom', message: LINK_HOST(parsed.hostname) });
  });

const perLang = <T extends z.ZodType>(value: T) => z.strictObject({ sv: value, en: value }, required('must have sv: and en:'));
const textList = z.array(line, required('must be a list'));
/**
 * A question must hold a word (a letter or a digit): it is a button's title. A phrasing without one
 * ("???", "🌻🌻") teaches the bot nothing and every such line reads as the same empty question: the
 * loader leaves it out and warns, so a stray emoji never stops the service.
 */
export const holdsWord = (s: string): boolean => /[\p{L}\p{N}]/u.test(s);
/** The longest question: it is a button's title (the web chat drops a title over 500 characters) and a card's heading. */
export const MAX_QUESTION_LENGTH = 300;
const questionText = line
  .max(MAX_QUESTION_LENGTH, `must be at most ${MAX_QUESTION_LENGTH} characters: the question is shown on buttons and in "Menar du …?"; ask it in one sentence as the page does`)
  .refine(holdsWord, 'must hold a word (letters or digits): a line of only punctuation or emoji teaches the bot nothing; write how a resident would ask');

const MOMENT_FORMAT = /^(\d{4}-\d{2}-\d{2})(?: ([01]\d|2[0-3]):([0-5]\d))?$/;

/**
 * `validFrom` / `validUntil`: Stockholm time, "YYYY-MM-DD" or "YYYY-MM-DD HH:MM". A date alone means the
 * start of that day for validFrom and the end of it (up to midnight) for validUntil, so an editor can
 * write "valid until 9 December, from 10 December" without choosing a clock time.
 */
const momentSchema = (edge: 'from' | 'until') =>
  z.string({ error: 'must be a date "YYYY-MM-DD" or a date and time "YYYY-MM-DD HH:MM" (Stockholm time)' }).transform((written, ctx): Moment => {
    const match = MOMENT_FORMAT.exec(written.trim());
    const date = match?.[1];
    if (match === null || date === undefined || !isCalendarDate(date)) {
      ctx.issues.push({ code: 'custom', input: written, message: `must be a date "YYYY-MM-DD" or a date and time "YYYY-MM-DD HH:MM" (Stockholm time), e.g. "2022-12-10 08:00"; got "${written}"` });
      return z.NEVER;
    }
    if (match[2] === undefined) return { date, epochMs: edge === 'from' ? startOfStockholmDay(date) : endOfStockholmDay(date) };
    const time = `${match[2]}:${match[3]}`;
    const epochMs = stockholmInstant(date, time);
    if (epochMs === undefined) {
      ctx.issues.push({ code: 'custom', input: written, message: `${written} does not exist in Stockholm (the clocks skip that hour); choose another time` });
      return z.NEVER;
    }
    return { date, time, epochMs };
  });
export const validFromSchema = momentSchema('from');
export const validUntilSchema = momentSchema('until');

/**
 * One dated version of an entry's answer: valid from `validFrom` (or always before) until `validUntil`
 * (or for ever after). Versions are written oldest first and must not overlap or leave gaps.
 */
export const answerVersionSchema = z.strictObject({
  validFrom: validFromSchema.optional(),
  validUntil: validUntilSchema.optional(),
  /** The vetted answer while this version is valid. */
  answer: perLang(prose),
  /** Its easy-to-read variant; optional. */
  lattlast: perLang(prose).optional(),
});
export type AnswerVersion = z.infer<typeof answerVersionSchema>;

const WINDOW_ON_ENTRY = 'belongs on a version: write the answer under versions: with its validFrom/validUntil (see faq-data/README.md)';

/** An entry as an editor writes it: with either one `answer` (and `lattlast`) or dated `versions`. */
const writtenEntrySchema = z.strictObject({
  /** Stable id used by links, buttons, logs and the search API. Never change a published id. */
  id: faqId,
  /** Free-text grouping for editors and agents, e.g. "Personuppgifter". */
  category: line,
  /** Who the answer is written for. */
  audience: z.array(audienceSchema).min(1, 'name at least one audience'),
  /** The canonical question, shown in "did you mean" and as the agents' card title. */
  question: perLang(questionText),
  /** Other ways people ask the same thing: short, colloquial, misspelled, without å/ä/ö. */
  phrasings: perLang(textList),
  /** The vetted answer in plain language. Only facts from the source page. Absent when `versions` is given. */
  answer: perLang(prose).optional(),
  /** Dated versions of the answer, oldest first; instead of `answer` and `lattlast`. */
  versions: z.array(answerVersionSchema).min(1, 'list at least one version, or write answer: instead').optional(),
  validFrom: z.undefined({ error: WINDOW_ON_ENTRY }).optional(),
  validUntil: z.undefined({ error: WINDOW_ON_ENTRY }).optional(),
  source: z.strictObject({ title: line, url: webUrl }),
  /**
   * The day an editor last checked the answer against the source (YYYY-MM-DD). Optional: set it only
   * when a person has reviewed the entry; residents see it only when it is set.
   */
  lastReviewed: isoDate.optional(),
  /** Ids of entries offered as follow-up questions, in order; an answer offers the first {@link MAX_RELATED_SHOWN}. */
  related: z.array(faqId).default([]),
  /**
   * The answer in easy-to-read Swedish (lättläst) and plain English: short sentences, common words,
   * one fact per sentence, the same facts as `answer` and nothing more. Optional.
   */
  lattlast: perLang(prose).optional(),
});

/**
 * An entry as the bot serves it: a plain `answer` (valid at every moment) becomes the one version, so
 * every channel takes the answer through `answerAt(entry, now)` and none can skip the dates.
 */
export const faqEntrySchema = writtenEntrySchema.transform(({ answer, lattlast, versions, validFrom: _from, validUntil: _until, ...entry }, ctx) => {
  if (versions !== undefined && answer !== undefined) {
    ctx.issues.push({ code: 'custom', input: answer, path: ['answer'], message: 'cannot stand beside versions: move this answer into a version, or remove versions' });
  }
  if (versions !== undefined && lattlast !== undefined) {
    ctx.issues.push({ code: 'custom', input: lattlast, path: ['lattlast'], message: 'cannot stand beside versions: give each version its own lattlast' });
  }
  if (versions === undefined && answer === undefined) {
    ctx.issues.push({ code: 'custom', input: undefined, path: ['answer'], message: `${MISSING_FIELD}: write answer: (sv and en), or dated versions:` });
  }
  const written: AnswerVersion[] = versions ?? (answer === undefined ? [] : [lattlast === undefined ? { answer } : { answer, lattlast }]);
  return { ...entry, versions: written };
});
export type FaqEntry = z.output<typeof faqEntrySchema>;

/** Groups of words or phrases that mean the same thing to a resident, e.g. socialbidrag / försörjningsstöd. */
export const synonymsSchema = z.strictObject({
  groups: z.array(z.array(line).min(2, 'a synonym group needs at least two members')),
});
export type Synonyms = z.infer<typeof synonymsSchema>;

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const clock = z.string().regex(CLOCK, 'must be a time written HH:MM, e.g. "08:30"');
/** A closing time may also be midnight at the end of the day, "24:00". */
const CLOSING_CLOCK = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const closingClock = z.string().regex(CLOSING_CLOCK, 'must be a time written HH:MM, e.g. "16:00" (or "24:00" for midnight at the end of the day)');
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
// Compared only when both are times: a malformed one is named on its own, once.
const closesAfterOpens = (hours: { opens: string; closes: string }) =>
  !CLOCK.test(hours.opens) || !CLOSING_CLOCK.test(hours.closes) || minutesOf(hours.closes) > minutesOf(hours.opens);
const CLOSES_AFTER_OPENS = {
  path: ['closes'],
  message: 'must be later than opens: the hours must close after they open on the same day (hours past midnight are not supported; an office open until midnight closes at "24:00")',
};
/** One day's hours: the same rules as the usual day's. */
const dayHours = z.strictObject({ opens: clock, closes: closingClock }).refine(closesAfterOpens, CLOSES_AFTER_OPENS);

/**
 * Whether the runtime knows the time zone: every escalation reads the contact center's clock in it, so
 * an unknown one would fail each time a resident asks for a person.
 */
const isTimeZone = (name: string): boolean => {
  // A fixed offset ("+01:00") is refused even where Intl accepts it: it ignores summer time.
  if (/^[+\-−]/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('sv-SE', { timeZone: name });
    return true;
  } catch {
    return false;
  }
};
const timeZone = line.refine(isTimeZone, {
  error: (issue) =>
    `must be a time zone's name, "Europe/Stockholm" for Swedish time; "${String(issue.input)}" is not one (check the spelling; an offset such as "UTC+01:00" does not follow summer time)`,
});
const weekday = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
export type Weekday = z.infer<typeof weekday>;

/**
 * Weekdays with hours of their own, keyed by the weekday. Each day a field of its own: any other key
 * ("__proto__", "constructor", "mondag") is refused by name, where a record would drop "__proto__" in silence.
 */
const weekdayHours = z.strictObject(
  { monday: dayHours.optional(), tuesday: dayHours.optional(), wednesday: dayHours.optional(), thursday: dayHours.optional(), friday: dayHours.optional(), saturday: dayHours.optional(), sunday: dayHours.optional() },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${issue.keys.map((k) => `"${k}"`).join(', ')} ${issue.keys.length === 1 ? 'is not a day of the week' : 'are not days of the week'}: name each day as monday, tuesday, wednesday, thursday, friday, saturday or sunday`
        : undefined,
  },
);

/** Where a fact comes from: a page people can open. */
const sourceSchema = z.strictObject({ title: line, url: webUrl });

/**
 * The contact center: where every escalation sends people. Phone, e-mail, address and visiting hours
 * come from `source`. Anything more (open days, public holidays, phone hours, advice) is optional and
 * shown only when it is written here together with its own source.
 */
export const contactSchema = z.strictObject({
  name: perLang(line),
  phone: z.strictObject({ display: line, tel: z.string().regex(/^\+\d{6,15}$/, 'must be E.164, e.g. "+4611150000"') }),
  email: z.email('must be an e-mail address'),
  visitingAddress: perLang(prose),
  /** The hours for visits to the reception, as the source states them. */
  openingHours: z
    .strictObject({
      timeZone,
      /** The usual day's hours: every day in `days.list` that `exceptions` does not name. */
      opens: clock,
      /** After `opens` on the same day; "24:00" is midnight at the end of it. Hours past midnight are not supported. */
      closes: closingClock,
      /** How the hours are written for people, e.g. "08.30–16.00"; with `exceptions`, with the days, e.g. "mån–tors 08.00–16.30, fre 08.00–15.00". */
      display: perLang(prose),
      /** The weekdays visits are possible, only when a source states them. Without it no day is named. */
      days: z
        .strictObject({
          list: z
            .array(weekday)
            .min(1, 'name at least one day')
            // More than seven is always a repeat; the week has no more days.
            .refine((days) => new Set(days).size === days.length, 'must hold each day once: a week has seven days; remove the repeated ones'),
          source: sourceSchema,
        })
        .optional(),
      /**
       * Weekdays with hours of their own ("fredag 08.00–15.00"), keyed by the weekday. Only with `days`,
       * whose source states them too, and only for a day in `days.list`.
       */
      exceptions: weekdayHours.optional(),
      /** Whether the reception is closed on Swedish public holidays, only when a source states it. */
      publicHolidays: z.strictObject({ closed: z.boolean(), source: sourceSchema }).optional(),
    })
    .refine(closesAfterOpens, CLOSES_AFTER_OPENS)
    .superRefine((hours, ctx) => {
      if (hours.exceptions === undefined) return;
      const days = hours.days?.list;
      if (days === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['exceptions'],
          input: hours.exceptions,
          message: 'needs days: a day can have hours of its own only when the days are stated; write days: with list: and the source that gives them',
        });
        return;
      }
      for (const day of Object.keys(hours.exceptions)) {
        if (!days.some((d) => d === day)) {
          ctx.addIssue({
            code: 'custom',
            path: ['exceptions', day],
            input: hours.exceptions,
            message: `names ${day}, which is not in days.list: add ${day} to days.list, or remove its hours here`,
          });
        }
      }
    }),
  /** When the phone is answered, only when a source states it, e.g. "måndag–fredag 08.00–16.30". */
  phoneHours: z.strictObject({ display: perLang(prose), source: sourceSchema }).optional(),
  /** Short advice shown on the contact card, each with the source that gives it. */
  advice: z.array(z.strictObject({ text: perLang(prose), source: sourceSchema })).default([]),
  updatesUrl: webUrl,
  source: sourceSchema,
});
export type Contact = z.infer<typeof contactSchema>;

/** Phrases that mean "let me talk to a person", and small talk the bot answers with fixed replies. */
export const intentsSchema = z.strictObject({
  human: z.array(line).min(1),
  greeting: z.array(line),
  thanks: z.array(line),
  identity: z.array(line),
});
export type Intents = z.infer<typeof intentsSchema>;
export type IntentName = keyof Intents;

/**
 * Words that carry no meaning for matching, on top of the standard Swedish and English stop-word lists,
 * and words those standard lists drop that do carry meaning here ("över" in "är attacken över").
 */
export const stopwordsSchema = z.strictObject({
  sv: z.array(line),
  en: z.array(line),
  keep: z.array(line).default([]),
});
export type ExtraStopwords = z.infer<typeof stopwordsSchema>;

/** Questions the FAQ must not answer, per language: indexed as a class of their own (see out-of-scope.yaml). */
export const outOfScopeSchema = z.strictObject({ sv: z.array(line), en: z.array(line) });
export type OutOfScope = z.infer<typeof outOfScopeSchema>;

/**
 * One dated status update of the incident, as the source page dates it. `time` only when the source gives
 * one: a date alone is shown as a date, never with an invented time. Shown from its date (or `validFrom`)
 * until `validUntil`, if given.
 */
export const timelineUpdateSchema = z
  .strictObject({
    /** The day of the update in Stockholm, YYYY-MM-DD. */
    date: isoDate,
    /** The time of day in Stockholm, HH:MM, only when the source states it. */
    time: clock.optional(),
    /** One or two short sentences, only facts from the source. */
    text: perLang(prose),
    source: sourceSchema,
    validFrom: validFromSchema.optional(),
    validUntil: validUntilSchema.optional(),
  })
  .transform((update, ctx) => {
    const epochMs = update.time === undefined ? startOfStockholmDay(update.date) : stockholmInstant(update.date, update.time);
    if (epochMs === undefined) {
      ctx.issues.push({ code: 'custom', input: update.time, path: ['time'], message: `${update.date} ${update.time} does not exist in Stockholm (the clocks skip that hour); choose another time` });
      return z.NEVER;
    }
    const at: Moment = update.time === undefined ? { date: update.date, epochMs } : { date: update.date, time: update.time, epochMs };
    return { ...update, at };
  });
export type TimelineUpdate = z.output<typeof timelineUpdateSchema>;

/** `timeline.yaml`: the incident's dated updates, and the entry whose answer shows the latest one. */
export const timelineSchema = z.strictObject({
  /** The entry whose answer shows the latest update and offers the whole timeline (e.g. incident-status). */
  entry: faqId,
  /** The updates, in any order: they are shown newest first. */
  updates: z.array(timelineUpdateSchema),
});
export type Timeline = z.output<typeof timelineSchema>;

/**
 * `welcome.yaml` (optional): who the bot speaks for, what it is about, and the questions it offers when a
 * conversation starts. Without it the bot greets in the product's own words and offers the status entry
 * and the first entries.
 */
export const welcomeSchema = z.strictObject({
  /** The organisation the bot speaks for, e.g. "Exempelstads kommun". */
  organisation: perLang(lineUpTo(MAX_ORGANISATION_CHARS, "the organisation is said in the chat page's title and header and in the Teams app; write its name, e.g. \"Exempelstads kommun\"")).optional(),
  /**
   * What the bot is about, as the page's title and the bot's words name it ("Frågor om it-incidenten",
   * "Tidslinje för it-incidenten"): sv "it-incidenten", en "the IT incident".
   */
  topic: perLang(lineUpTo(TOPIC_HARD_LIMIT_CHARS, 'the topic is said in the chat page\'s title and heading; name the incident in a few words and say more in the greeting')).optional(),
  /**
   * The municipality's own pages the chat page links to: how it handles personal data, and the
   * accessibility statement that covers the chat (WEBCHAT_PRIVACY_URL / WEBCHAT_ACCESSIBILITY_URL override).
   */
  links: z.strictObject({ privacy: webUrl.optional(), accessibility: webUrl.optional() }).optional(),
  /** The welcome message, in the editor's words. */
  greeting: perLang(
    prose
      .max(MAX_GREETING_CHARS, `must be at most ${MAX_GREETING_CHARS} characters: the greeting opens every conversation and the chat cuts a longer one short; keep it to a few sentences and leave the rest to the answers`),
  ).optional(),
  /** Entry ids offered as buttons when a conversation starts, in order (at most six). */
  starters: z
    .array(faqId)
    .min(1, 'must name at least one entry')
    .max(6, 'must name at most 6 entries: the welcome offers at most 6 questions')
    // The same button twice helps no one (a tester offered "contact" twice).
    .refine((ids) => new Set(ids).size === ids.length, { message: 'must name each entry once: the welcome would offer the same question twice' })
    .optional(),
  /**
   * The municipality's districts and villages, as residents name where they live ("jag bor i Haga"):
   * read as places, never as a question's topic.
   */
  places: z.array(line).default([]),
});
export type WrittenWelcome = z.infer<typeof welcomeSchema>;

/** The welcome as the bot serves it: starters always resolved to entries of this corpus. */
export interface Welcome {
  readonly organisation?: { readonly sv: string; readonly en: string };
  /** What the bot is about (see welcomeSchema). */
  readonly topic?: { readonly sv: string; readonly en: string };
  /** The municipality's privacy page and accessibility statement (see welcomeSchema). */
  readonly links?: { readonly privacy?: string | undefined; readonly accessibility?: string | undefined };
  readonly greeting?: { readonly sv: string; readonly en: string };
  readonly starters: readonly string[];
  /** The municipality's districts and villages (see welcomeSchema). */
  readonly places: readonly string[];
}

/**
 * How many of an entry's related entries an answer offers as buttons: more would crowd a phone's screen
 * under every answer. The loader warns about the rest (they are never offered).
 */
export const MAX_RELATED_SHOWN = 3;

/** How many questions the welcome offers when the corpus does not say. */
export const DEFAULT_STARTER_COUNT = 4;

export interface Corpus {
  entries: readonly FaqEntry[];
  /** The welcome: the organisation, the greeting and the questions offered first. */
  welcome: Welcome;
  /** The incident's dated status updates. */
  timeline: Timeline;
  synonyms: Synonyms;
  contact: Contact;
  intents: Intents;
  stopwords: ExtraStopwords;
  outOfScope: OutOfScope;
}
