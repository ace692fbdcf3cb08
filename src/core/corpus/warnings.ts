import { CORPUS_ERRORS, type CorpusProblem } from '../errors.js';
import { normalizePhrase } from '../text/normalize.js';
import { MAX_RELATED_SHOWN, type Contact, type FaqEntry, type LANGS, type Timeline, type WrittenWelcome } from './schema.js';

/*
 * What the loader warns about, never blocking: text that will not do what the editor meant, or will not
 * fit where residents read it. `npm run faq:check` prints each; the service logs it as a corpus warning.
 */

/** The longest reply text, in characters, the web chat passes on: it drops a longer reply whole. */
export const MAX_REPLY_TEXT_CHARS = 20_000;

/**
 * What a reply holds beside the answer and its source line: the latest update (on the status entry), a
 * dated answer's version, the review date, and the links the bot makes of phone numbers and e-mail addresses.
 */
const REPLY_ROOM_CHARS = 2_000;

/**
 * An answer whose UTF-8 bytes, with its source line, are more than this may not reach residents: the web
 * chat drops a reply over MAX_REPLY_TEXT_CHARS characters (every character is at least one byte, so the
 * bytes bound them), and Teams refuses a message over about 28 KB (RequestEntityTooLarge).
 */
export const MAX_ANSWER_BYTES = MAX_REPLY_TEXT_CHARS - REPLY_ROOM_CHARS;

/**
 * The longest timeline update, in characters, that fits the room a reply keeps beside the answer: the
 * latest update is shown under the status entry's answer, with the version, review date and links.
 */
export const MAX_UPDATE_CHARS = 1_500;

/**
 * Weekday hours that will not say what the editor meant, never blocking: a day whose own hours are the
 * usual ones (it changes nothing), and a day's closing time that the written hours (`display`, what
 * residents read) do not show: with weekday hours the card shows `display` as written, so the open-now
 * line and the hours it prints would disagree.
 */
export function hoursWarnings(contact: Contact, file: string): CorpusProblem[] {
  const hours = contact.openingHours;
  const out: CorpusProblem[] = [];
  for (const [day, own] of Object.entries(hours.exceptions ?? {})) {
    if (own === undefined) continue;
    if (own.opens === hours.opens && own.closes === hours.closes) {
      out.push({ code: 'SAME_AS_USUAL_HOURS', file, message: CORPUS_ERRORS.SAME_AS_USUAL_HOURS(file, `openingHours.exceptions.${day}`, day) });
    }
  }
  const closings = new Set([hours.closes, ...Object.values(hours.exceptions ?? {}).flatMap((own) => (own === undefined ? [] : [own.closes]))]);
  if (closings.size < 2) return out;
  for (const lang of ['sv', 'en'] as const) {
    const missing = [...closings].filter((hhmm) => !showsTime(hours.display[lang], hhmm));
    if (missing.length > 0) out.push({ code: 'HOURS_NOT_SHOWN', file, message: CORPUS_ERRORS.HOURS_NOT_SHOWN(file, `openingHours.display.${lang}`, missing) });
  }
  return out;
}

/** Whether a text shows a time of day as people write it: "15:00", "15.00", "kl. 15" (for a whole hour), "9.30" for 09:30. */
function showsTime(text: string, hhmm: string): boolean {
  const [hh = '', mm = ''] = hhmm.split(':');
  const hour = String(Number(hh));
  const written = `(?:0?${hour})[.:]${mm}${mm === '00' ? '|(?:0?' + hour + ')(?![.:]?\\d)' : ''}`;
  return new RegExp(`(?<![\\d.:])(?:${written})`, 'u').test(text);
}

/** Timeline updates too long to stand under an answer (never blocking: the web chat shortens such a reply). */
export function updateWarnings(timeline: Timeline, file: string): CorpusProblem[] {
  const out: CorpusProblem[] = [];
  timeline.updates.forEach((update, i) => {
    for (const lang of ['sv', 'en'] as const) {
      const chars = [...update.text[lang]].length;
      if (chars > MAX_UPDATE_CHARS) out.push({ code: 'UPDATE_TOO_LONG', file, message: CORPUS_ERRORS.UPDATE_TOO_LONG(file, `updates.${i}.text.${lang}`, update.date, chars, MAX_UPDATE_CHARS) });
    }
  });
  return out;
}

/** The source line as the bot writes it under an answer, in its longer language. */
const sourceLineBytes = (source: FaqEntry['source']): number => Buffer.byteLength(`Source: [${source.title}](${source.url})`, 'utf8');

/**
 * The incident's own out-of-scope questions that are also an entry's question or phrasing: the editor
 * said both "answer this" and "never answer this", and the bot escalates. A copy of a product line (a
 * folder in the format before) is left to the product's set-aside rule.
 */
export function outOfScopeAnswered(
  own: { readonly sv?: readonly string[] | undefined; readonly en?: readonly string[] | undefined },
  product: Readonly<Record<'sv' | 'en', readonly string[]>> | undefined,
  entries: readonly { entry: FaqEntry }[],
  file: string,
): CorpusProblem[] {
  const asked = new Map<string, string>();
  for (const { entry } of entries) for (const lang of ['sv', 'en'] as const) for (const t of [entry.question[lang], ...entry.phrasings[lang]]) asked.set(normalizePhrase(t), entry.id);
  const out: CorpusProblem[] = [];
  for (const lang of ['sv', 'en'] as const) {
    const productLines = new Set((product?.[lang] ?? []).map(normalizePhrase));
    for (const q of own[lang] ?? []) {
      const key = normalizePhrase(q);
      const id = asked.get(key);
      if (id !== undefined && !productLines.has(key)) out.push({ code: 'OUT_OF_SCOPE_IS_PHRASING', file, message: CORPUS_ERRORS.OUT_OF_SCOPE_IS_PHRASING(file, lang, q, id) });
    }
  }
  return out;
}

/**
 * Entries' texts that will not do what the editor meant, never blocking: a phrasing written twice in the same entry
 * (a copy teaches the bot nothing new: the entry has fewer phrasings than the file shows), an entry with no English
 * phrasings (residents who write in English are answered from its question alone), more related entries
 * than an answer offers, and an answer too long for a web chat reply or a Teams message.
 */
export function phrasingWarnings(entries: readonly { entry: FaqEntry; file: string }[]): CorpusProblem[] {
  const out: CorpusProblem[] = [];
  for (const { entry, file } of entries) {
    for (const lang of ['sv', 'en'] satisfies (typeof LANGS)[number][]) {
      const seen = new Map<string, number>();
      for (const text of entry.phrasings[lang]) {
        const key = normalizePhrase(text);
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
      for (const [key, times] of seen) {
        if (times < 2) continue;
        const written = entry.phrasings[lang].find((t) => normalizePhrase(t) === key) ?? key;
        out.push({ code: 'REPEATED_PHRASING', file, message: CORPUS_ERRORS.REPEATED_PHRASING(file, entry.id, `phrasings.${lang}`, written, times) });
      }
    }
    if (entry.phrasings.en.length === 0) out.push({ code: 'NO_ENGLISH_PHRASINGS', file, message: CORPUS_ERRORS.NO_ENGLISH_PHRASINGS(file, entry.id) });
    if (entry.related.length > MAX_RELATED_SHOWN) {
      out.push({ code: 'RELATED_NOT_SHOWN', file, message: CORPUS_ERRORS.RELATED_NOT_SHOWN(file, entry.id, entry.related.slice(MAX_RELATED_SHOWN), MAX_RELATED_SHOWN) });
    }
    entry.versions.forEach((version, i) => {
      const at = entry.versions.length > 1 ? `versions.${i}.` : '';
      for (const [kind, texts] of [['answer', version.answer], ['lattlast', version.lattlast]] as const) {
        for (const lang of ['sv', 'en'] as const) {
          const bytes = texts === undefined ? 0 : Buffer.byteLength(texts[lang], 'utf8') + sourceLineBytes(entry.source);
          if (bytes > MAX_ANSWER_BYTES) out.push({ code: 'ANSWER_TOO_LONG', file, message: CORPUS_ERRORS.ANSWER_TOO_LONG(file, entry.id, `${at}${kind}.${lang}`, bytes, MAX_ANSWER_BYTES) });
        }
      }
    });
  }
  return out;
}

/**
 * The longest topic, in characters. The topic is said in the chat page's title ("Frågor om {topic} –
 * {organisation}", which a browser tab and a search result show about 60 characters of) and in the Teams
 * app: its short description ("Granskade svar om {topic} för personal och kontaktcenter.", at most 80
 * characters) holds 30 characters of topic; its short name ("Frågor om {topic}", at most 30) is shortened
 * at a word beyond 20 by npm run teams:package, which says so.
 */
export const MAX_TOPIC_CHARS = 30;

/**
 * English words that begin a topic in lower case mid-sentence ("chatbot about the IT incident"): articles,
 * demonstratives and possessives. Only these are warned about when capitalised, since an English topic may
 * well begin with a name ("Storm Tyra").
 */
const EN_LOWER_FIRST_WORDS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'our', 'its', 'their', 'your', 'my']);

/**
 * Whether a topic begins with a capital where the sentence around it needs a small letter. Swedish: a first
 * word written with a capital and then small letters ("It-incidenten", "Stormen Tyra"); not an
 * abbreviation ("IT-attacken"), nor a word that begins with a name the welcome already writes (the
 * organisation's, a place's: "Sjöviks vattenverk", "Tallmyrabranden"). English: only a capitalised article,
 * demonstrative or possessive ("The IT incident"): "Storm Tyra" is a name.
 */
function capitalisedTopic(topic: string, lang: 'sv' | 'en', names: readonly string[]): boolean {
  const first = topic.trim().split(/\s+/u)[0] ?? '';
  if (lang === 'en') return /^\p{Lu}/u.test(first) && EN_LOWER_FIRST_WORDS.has(first.toLowerCase());
  return /^\p{Lu}\p{Ll}/u.test(first) && !names.some((name) => name.length >= 3 && first.startsWith(name));
}

/**
 * What the welcome and the contact details say that will not read or work as meant, never blocking (a
 * corpus written before these rules keeps loading): a topic written with a capital or too long for the
 * titles it is said in, and a link residents open (the welcome's pages, the contact details' source,
 * which the Teams app links as its support page) on http://.
 */
export function welcomeWarnings(welcome: WrittenWelcome | undefined, contact: Contact, welcomeFile: string, contactFile: string): CorpusProblem[] {
  const out: CorpusProblem[] = [];
  const topic = welcome?.topic;
  if (topic !== undefined) {
    // Names the welcome already writes with a capital: the organisation's words and the places.
    const names = [...(welcome?.organisation?.sv.split(/\s+/u) ?? []), ...(welcome?.places ?? []).map((p) => p.split(/\s+/u)[0] ?? '')].filter((w) => /^\p{Lu}/u.test(w));
    for (const lang of ['sv', 'en'] as const) {
      const written = topic[lang];
      if (capitalisedTopic(written, lang, names)) {
        const lowered = written.charAt(0).toLocaleLowerCase(lang === 'sv' ? 'sv-SE' : 'en-GB') + written.slice(1);
        out.push({ code: 'TOPIC_CAPITALISED', file: welcomeFile, message: CORPUS_ERRORS.TOPIC_CAPITALISED(welcomeFile, lang, written, lowered) });
      }
      const chars = [...written].length;
      if (chars > MAX_TOPIC_CHARS) out.push({ code: 'TOPIC_TOO_LONG', file: welcomeFile, message: CORPUS_ERRORS.TOPIC_TOO_LONG(welcomeFile, lang, chars, MAX_TOPIC_CHARS) });
    }
  }
  const insecure = (file: string, field: string, url: string | undefined, teams: boolean) => {
    if (url !== undefined && /^http:\/\//iu.test(url)) out.push({ code: 'INSECURE_LINK', file, message: CORPUS_ERRORS.INSECURE_LINK(file, field, url, teams) });
  };
  // Teams links the privacy page and the contact details' source (its support and home page); the
  // accessibility statement is the web chat's alone.
  insecure(welcomeFile, 'links.privacy', welcome?.links?.privacy, true);
  insecure(welcomeFile, 'links.accessibility', welcome?.links?.accessibility, false);
  insecure(contactFile, 'source.url', contact.source.url, true);
  return out;
}
