/**
 * The official page in the editors' workflow (docs/official-page.md): the facts check before publishing,
 * the page's text kept with each version, a page change as a draft, and an imported page as a draft.
 * Pure: corpus files and page readings in, findings or a change out.
 */
import { parse } from 'yaml';
import type { Corpus } from '../core/index.js';
import type { ChangeInput } from './change.js';
import { CONTACT_FILE, entryFile, TIMELINE_FILE, type CorpusFiles } from './corpus-files.js';
import { checkFacts, describeFinding, draftFiles, type CheckedPage, type DraftCorpus, type DraftUpdate, type FactFinding, type PageChange } from './page/index.js';
import { validateChange } from './validate.js';

/** One reading of a page, as kept with a published version: what the page said when it was published. */
export interface KeptPage {
  readonly url: string;
  /** sha256 of `text`. */
  readonly hash: string;
  /** The page's text as lines (no markup; personal data left out). */
  readonly text: string;
  readonly years: CheckedPage['years'];
  /** When the page was read (ISO). */
  readonly readAt: string;
}

/** The corpus the files make, or undefined when they do not make one (validation says why, elsewhere). */
export function corpusOfFiles(files: CorpusFiles): Corpus | undefined {
  const checked = validateChange(files, { put: {}, remove: [] });
  return checked.ok ? checked.corpus : undefined;
}

export interface PublishFactsCheck {
  /** Facts the draft brings that its source page does not state (those already published are not repeated). */
  readonly unconfirmed: readonly FactFinding[];
  /** How many facts were checked against a page. */
  readonly checked: number;
  /** Fields whose source page has not been read (not checked; listed, never passed). */
  readonly unchecked: number;
}

/**
 * The facts check before publishing: every fact in the corpus `after` against the pages read, less the
 * findings the published corpus `before` already had (acknowledged when they were published).
 */
export function factsToConfirm(before: CorpusFiles | undefined, after: CorpusFiles, pages: readonly CheckedPage[]): PublishFactsCheck {
  if (pages.length === 0) return { unconfirmed: [], checked: 0, unchecked: 0 };
  const next = corpusOfFiles(after);
  if (next === undefined) return { unconfirmed: [], checked: 0, unchecked: 0 };
  const result = checkFacts(next, pages);
  const old = before === undefined ? undefined : corpusOfFiles(before);
  const known = new Set(old === undefined ? [] : checkFacts(old, pages).findings.map(describeFinding));
  return { unconfirmed: result.findings.filter((f) => !known.has(describeFinding(f))), checked: result.checked, unchecked: result.unchecked.length };
}

const recordOf = (value: unknown): Record<string, unknown> | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
const updatesOf = (timeline: Record<string, unknown> | undefined): Record<string, unknown>[] =>
  Array.isArray(timeline?.['updates']) ? (timeline['updates'] as unknown[]).flatMap((u) => (recordOf(u) === undefined ? [] : [recordOf(u) as Record<string, unknown>])) : [];
const svOf = (value: unknown): string | undefined => {
  const sv = recordOf(value)?.['sv'];
  return typeof sv === 'string' ? sv : undefined;
};
const sameUrl = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/** The page's title as the corpus already cites it, else its host. */
function sourceFor(files: CorpusFiles, url: string): { title: string; url: string } {
  const candidates = [...updatesOf(recordOf(files[TIMELINE_FILE])).map((u) => u['source']), recordOf(files[CONTACT_FILE])?.['source'], ...Object.values(files).map((f) => recordOf(f)?.['source'])];
  for (const c of candidates) {
    const s = recordOf(c);
    if (typeof s?.['url'] === 'string' && typeof s['title'] === 'string' && sameUrl(s['url'], url)) return { title: s['title'], url: s['url'] };
  }
  let title = url;
  try {
    title = new URL(url).host;
  } catch {
    // kept as written
  }
  return { title, url };
}

/**
 * The timeline with `updates` added (those it does not hold already), in date order. With `newDaysOnly`,
 * a day the timeline already has an update for is left as the editors wrote it.
 */
function timelineWith(files: CorpusFiles, updates: readonly DraftUpdate[], source: { title: string; url: string }, statusEntry: string | undefined, newDaysOnly = false): Record<string, unknown> | undefined {
  const current = recordOf(files[TIMELINE_FILE]);
  const existing = updatesOf(current);
  const have = new Set(existing.map((u) => `${String(u['date'])}|${svOf(u['text']) ?? ''}`));
  const days = new Set(existing.map((u) => String(u['date'])));
  const added = updates
    .filter((u) => !have.has(`${u.date}|${u.text}`) && !(newDaysOnly && days.has(u.date)))
    // The page has no English: the Swedish words stand in both until an editor translates them.
    .map((u) => ({ date: u.date, ...(u.time === undefined ? {} : { time: u.time }), text: { sv: u.text, en: u.text }, source }));
  if (added.length === 0) return undefined;
  const key = (u: Record<string, unknown>) => `${String(u['date'])} ${typeof u['time'] === 'string' ? u['time'] : '00:00'}`;
  const all = [...existing, ...added].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { ...(current ?? {}), ...(current?.['entry'] === undefined && statusEntry !== undefined ? { entry: statusEntry } : {}), updates: all };
}

/** A page change as a draft: the drafted timeline updates on the published timeline; undefined when it drafts none. */
export function pageChangeDraft(change: PageChange, latest: { version: number; files: CorpusFiles }): ChangeInput | undefined {
  const timeline = timelineWith(latest.files, change.draftedUpdates, sourceFor(latest.files, change.url), undefined);
  if (timeline === undefined) return undefined;
  const review = change.entriesToReview.length === 0 ? '' : `; granska ${change.entriesToReview.map((e) => e.id).join(', ')}`;
  const dates = [...new Set(change.draftedUpdates.map((u) => u.date))].join(', ');
  return { title: `Officiella sidan ändrades: uppdatering ${dates}${review}`.slice(0, 200), baseVersion: latest.version, timeline };
}

export interface ImportPlan {
  /** The draft to store; undefined when the page says nothing the published corpus does not. */
  readonly change: ChangeInput | undefined;
  /** Questions new to the corpus, as the ids of the entries drafted for them. */
  readonly added: readonly string[];
  /** Questions the corpus has (by its question or a phrasing): page question → entry id, and whether the answers differ. */
  readonly matched: readonly { readonly question: string; readonly entry: string; readonly answerDiffers: boolean }[];
  /** What the importer could not place, and what the import left for the editor, each with why. */
  readonly unplaced: readonly { readonly text: string; readonly reason: string }[];
  readonly updates: number;
}

const normalQuestion = (s: string) =>
  s
    .toLocaleLowerCase('sv-SE')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Every question and phrasing of the published entries, normalised, to the entry's id. */
function knownQuestions(files: CorpusFiles): Map<string, { id: string; answer: string | undefined }> {
  const known = new Map<string, { id: string; answer: string | undefined }>();
  for (const [path, data] of Object.entries(files)) {
    const entry = recordOf(data);
    if (!path.startsWith('entries/') || typeof entry?.['id'] !== 'string') continue;
    const id = entry['id'];
    const answer = svOf(entry['answer']);
    const phrasings = recordOf(entry['phrasings']);
    const texts = [svOf(entry['question']), recordOf(entry['question'])?.['en'], ...(Array.isArray(phrasings?.['sv']) ? phrasings['sv'] : []), ...(Array.isArray(phrasings?.['en']) ? phrasings['en'] : [])];
    for (const t of texts) if (typeof t === 'string' && !known.has(normalQuestion(t))) known.set(normalQuestion(t), { id, answer });
  }
  return known;
}

const wordsOf = (s: string) => new Set(normalQuestion(s).split(' ').filter((w) => w.length >= 2));
/** Shared words a reworded question must have with the corpus's, and the share of the shorter one's words. */
const NEAR_WORDS = 3;
const NEAR_SHARE = 0.75;

/**
 * The entry whose question or phrasing says the same in other words ("för mer information" and "för
 * ytterligare information"): most of the shorter one's words, and at least three, are in the other.
 */
function nearest(known: ReadonlyMap<string, { id: string; answer: string | undefined }>, question: string): { id: string; answer: string | undefined } | undefined {
  const q = wordsOf(question);
  let best: { score: number; hit: { id: string; answer: string | undefined } } | undefined;
  for (const [text, hit] of known) {
    const k = wordsOf(text);
    let shared = 0;
    for (const w of k) if (q.has(w)) shared += 1;
    const score = shared / Math.max(1, Math.min(k.size, q.size));
    if (shared >= NEAR_WORDS && score >= NEAR_SHARE && (best === undefined || score > best.score)) best = { score, hit };
  }
  return best?.hit;
}

/**
 * An imported page as a draft on the published version (merged, never replacing what editors wrote):
 * a question the corpus does not have (by its question or any phrasing) becomes an entry in
 * draftFiles' shape; a question it has is matched to its entry and left as written, with whether the
 * page's answer differs (for the editor to review); dated updates for days the timeline does not have
 * are added. The published contact details are kept (the facts check says where they differ from the
 * page). `leaveOut` names entries not to draft (the corpus rules refused them), each with why.
 */
export function importDraft(draft: DraftCorpus, latest: { version: number; files: CorpusFiles }, today: string, leaveOut: ReadonlyMap<string, string> = new Map()): ImportPlan {
  const files = draftFiles(draft, { today });
  const known = knownQuestions(latest.files);
  const entries: Record<string, unknown>[] = [];
  const added: string[] = [];
  const matched: { question: string; entry: string; answerDiffers: boolean }[] = [];
  const unplaced: { text: string; reason: string }[] = draft.unplaced.map((u) => ({ text: u.text, reason: u.reason }));
  for (const e of draft.entries) {
    const hit = known.get(normalQuestion(e.question)) ?? nearest(known, e.question);
    if (hit !== undefined) {
      matched.push({ question: e.question, entry: hit.id, answerDiffers: hit.answer !== undefined && normalQuestion(hit.answer) !== normalQuestion(e.answer) });
      continue;
    }
    const why = leaveOut.get(e.id);
    if (why !== undefined) {
      unplaced.push({ text: `${e.question} ${e.answer}`, reason: `not drafted: ${why}` });
      continue;
    }
    const written = recordOf(parse(files.get(entryFile(e.id)) ?? '') as unknown);
    if (written === undefined || latest.files[entryFile(e.id)] !== undefined) {
      unplaced.push({ text: e.question, reason: `an entry "${e.id}" exists already with another question; add this one by hand` });
      continue;
    }
    entries.push(written);
    added.push(e.id);
  }
  const timelineFile = recordOf(parse(files.get(TIMELINE_FILE) ?? '') as unknown);
  const statusEntry = typeof timelineFile?.['entry'] === 'string' ? timelineFile['entry'] : undefined;
  const timeline = timelineWith(latest.files, draft.timeline, { title: draft.page.title, url: draft.page.url }, statusEntry, true);
  const updates = timeline === undefined ? 0 : updatesOf(timeline).length - updatesOf(recordOf(latest.files[TIMELINE_FILE])).length;
  const change: ChangeInput | undefined =
    entries.length === 0 && timeline === undefined
      ? undefined
      : {
          title: `Import av ${draft.page.title}`.slice(0, 200),
          baseVersion: latest.version,
          ...(entries.length === 0 ? {} : { entries }),
          ...(timeline === undefined ? {} : { timeline }),
        };
  return { change, added, matched, unplaced, updates };
}
