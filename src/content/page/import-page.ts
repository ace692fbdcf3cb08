/**
 * The importer: a page's text in, a draft corpus out. Pure (no network, no files, no clock: the caller
 * gives the date to reason about years from), so it is tested on fixtures alone. It never invents: every
 * question, answer, date and contact detail in the draft is on the page, and whatever it could not place
 * is listed for the editor. Refusals are values, not exceptions.
 */
import { blocksToText, type ReadPage } from './blocks.js';
import { draftContact, type ContactDraft } from './contact-draft.js';
import { findDates, yearFromWeekdays, type YearContext } from './dates.js';
import { uniqueIds } from './entry-id.js';
import { answerText, splitFaqs } from './faq-pairs.js';
import { readHtml } from './html-blocks.js';
import { MAX_PAGE_BYTES } from './limits.js';
import { withoutPersonalData, type RemovedKind } from './personal-data-filter.js';
import { readPlainText } from './text-blocks.js';
import { draftTimeline, type DraftUpdate, type Unplaced } from './timeline-draft.js';

export type PageFormat = 'html' | 'text';

export interface PageInput {
  /** The page as received (decoded text). */
  readonly body: string;
  readonly format: PageFormat;
  /** Where the page is published, as answers should cite it; else the page's own canonical address. */
  readonly url?: string;
  /** The address the page was fetched from: the source when neither `url` nor a canonical address is given. */
  readonly fetchedFrom?: string;
  /** Today (YYYY-MM-DD): the latest year a date without one may have, when only weekdays tell the year. */
  readonly today: string;
}

export interface DraftEntry {
  readonly id: string;
  readonly question: string;
  readonly answer: string;
  /** The heading the question stands under on the page, or the page's title. */
  readonly category: string;
}

export interface DraftCorpus {
  readonly page: {
    readonly title: string;
    readonly url: string;
    readonly published?: string;
    /** The page's text as lines: what the watcher hashes and the facts check reads. */
    readonly text: string;
  };
  readonly entries: readonly DraftEntry[];
  readonly timeline: readonly DraftUpdate[];
  readonly contact: ContactDraft;
  /** Text the importer could not place, each with why. */
  readonly unplaced: readonly Unplaced[];
  /** Personal data left out, by where and what (never the value). */
  readonly personalDataRemoved: readonly { readonly where: string; readonly kinds: readonly RemovedKind[] }[];
  /** How the years of dates without one were found. */
  readonly years: YearContext;
}

export type ImportRefusalCode = 'too-large' | 'not-text' | 'empty' | 'no-questions' | 'no-address';
export type ImportResult =
  | { readonly ok: true; readonly draft: DraftCorpus }
  | { readonly ok: false; readonly code: ImportRefusalCode; readonly message: string };

const refuse = (code: ImportRefusalCode, message: string): ImportResult => ({ ok: false, code, message });

/** Control characters other than tab and line breaks, or U+FFFD from a failed decode: not a text page. */
function looksBinary(body: string): boolean {
  const sample = body.slice(0, 65_536);
  if (sample.includes('\u0000')) return true;
  const bad = (sample.match(/[\u0001-\u0008\u000e-\u001f\ufffd]/g) ?? []).length;
  return bad > 8 && bad / Math.max(1, sample.length) > 0.01;
}

export function importPage(input: PageInput): ImportResult {
  const bytes = Buffer.byteLength(input.body, 'utf8');
  if (bytes > MAX_PAGE_BYTES) return refuse('too-large', `The page is ${(bytes / 1024 / 1024).toFixed(1)} MB; pages over ${MAX_PAGE_BYTES / 1024 / 1024} MB are refused. Check the address: it should be the incident's news page.`);
  if (looksBinary(input.body)) return refuse('not-text', 'The page is not HTML or text (it has binary content). Give the address of the incident page itself, or save it as .html or .txt.');
  if (input.body.trim() === '') return refuse('empty', 'The page is empty.');

  let read: ReadPage;
  try {
    read = input.format === 'html' ? readHtml(input.body) : readPlainText(input.body);
  } catch (err) {
    // The parser repairs malformed markup; this is a last guard so a page can never crash an import.
    return refuse('not-text', `The page could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  const url = input.url ?? read.url ?? input.fetchedFrom;
  if (url === undefined || !/^https?:\/\//i.test(url)) {
    return refuse('no-address', 'The page does not say its own address: give the address it is published at (--url https://…).');
  }
  const pageText = blocksToText(read.blocks);
  const split = splitFaqs(read.blocks);
  if (split.faqs.length === 0) {
    return refuse('no-questions', 'The page has no questions with answers (no heading, bold text, expandable block or line ending with "?" followed by an answer). Nothing to import: check that this is the incident page with its questions and answers.');
  }

  const allDates = findDates(pageText);
  const weekdayYear = read.published === undefined ? yearFromWeekdays(allDates, input.today) : undefined;
  const years: YearContext = { ...(read.published === undefined ? {} : { published: read.published }), ...(weekdayYear === undefined ? {} : { weekdayYear }) };

  const personalDataRemoved: { where: string; kinds: RemovedKind[] }[] = [];
  const clean = (text: string, where: string): string => {
    const result = withoutPersonalData(text, pageText);
    if (result.removed.length > 0) personalDataRemoved.push({ where, kinds: result.removed });
    return result.text;
  };

  const title = read.title ?? split.faqs[0]?.section ?? 'Sidan';
  const ids = uniqueIds(split.faqs.map((f) => f.question));
  const entries: DraftEntry[] = split.faqs.map((f, i) => {
    const id = ids[i] ?? `fraga-${i + 1}`;
    return {
      id,
      question: clean(f.question, `entry "${id}" question`),
      answer: clean(answerText(f.answer), `entry "${id}" answer`),
      category: f.section ?? title,
    };
  });

  const timeline = draftTimeline(split.rest, years);
  const updates = timeline.updates.map((u) => ({ ...u, text: clean(u.text, `timeline update ${u.date}`) }));
  const unplaced: Unplaced[] = [
    ...split.unanswered.map((q) => ({ text: clean(q, 'a question without an answer'), reason: 'a question with no answer under it' })),
    ...timeline.unplaced.map((u) => ({ ...u, text: clean(u.text, 'text not placed') })),
  ];
  // Contact details are read from the cleaned text, so a removed mobile number can never be chosen.
  const contact = draftContact([...entries.map((e) => e.answer), ...updates.map((u) => u.text), ...unplaced.map((u) => u.text)]);

  return {
    ok: true,
    draft: {
      // The page's text is kept (with corpus versions, by the watcher): without personal data too.
      page: { title, url, text: withoutPersonalData(pageText, pageText).text, ...(read.published === undefined ? {} : { published: read.published }) },
      entries,
      timeline: updates,
      contact,
      unplaced,
      personalDataRemoved,
      years,
    },
  };
}

/** HTML or plain text, from a content type or a file name, else from the text itself. */
export function guessFormat(body: string, hint?: string): PageFormat {
  const h = (hint ?? '').toLowerCase();
  if (/html|xhtml|\.html?$/.test(h)) return 'html';
  if (/text\/plain|\.txt$|\.md$|markdown/.test(h)) return 'text';
  return /<(?:html|body|p|div|h[1-6]|details|dl|article|main)[\s>]/i.test(body.slice(0, 4096)) ? 'html' : 'text';
}
