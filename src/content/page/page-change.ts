/**
 * What changed between two readings of the official page, for the editors: the changed lines (and,
 * for a line that was rewritten, the words), the timeline updates the new reading drafts that the old
 * did not have, and the corpus entries to review because a sentence their answer rests on changed or a
 * fact in them is no longer on the page. Pure: two snapshots (and the corpus) in, a change out.
 */
import { createHash } from 'node:crypto';
import { diffLines, diffWords } from 'diff';
import type { Corpus } from '../../core/index.js';
import { collapse } from './blocks.js';
import { checkFacts, describeFinding, readPageForCheck, type FactFinding } from './facts-check.js';
import { sentences } from './facts.js';
import { importPage, type PageInput } from './import-page.js';
import { withoutPersonalData } from './personal-data-filter.js';
import type { DraftUpdate } from './timeline-draft.js';
import type { YearContext } from './dates.js';

/** One reading of the page: what is kept between checks. */
export interface PageSnapshot {
  readonly url: string;
  /** The page's text as lines, white space collapsed: markup, scripts and layout changes do not count. */
  readonly text: string;
  /** sha256 of `text`. */
  readonly hash: string;
  readonly years: YearContext;
  /** The timeline updates the importer drafts from this reading. */
  readonly updates: readonly DraftUpdate[];
}

export type LineChange = { readonly op: 'added' | 'removed'; readonly text: string };
export type WordPart = { readonly op: 'same' | 'added' | 'removed'; readonly text: string };

export interface PageChange {
  readonly url: string;
  readonly previousHash: string;
  readonly hash: string;
  /** Lines removed and added, in page order. */
  readonly lines: readonly LineChange[];
  /** A rewritten line (removed, then added in its place) word by word. */
  readonly rewritten: readonly { readonly before: string; readonly after: string; readonly words: readonly WordPart[] }[];
  /** Updates in the new reading that the old one did not have (new day, or new text for a day). */
  readonly draftedUpdates: readonly DraftUpdate[];
  /** Entries whose answer rests on a changed sentence, or has a fact no longer on the page. */
  readonly entriesToReview: readonly { readonly id: string; readonly reasons: readonly string[] }[];
  /** Facts in the corpus (answers, timeline, contact) that stood on the old reading and not on the new. */
  readonly factsGone: readonly FactFinding[];
}

const normalText = (text: string): string =>
  text
    .split('\n')
    .map(collapse)
    .filter((l) => l !== '')
    .join('\n');

/**
 * Reads the page into a snapshot; a page the importer refuses still has text to compare. The snapshot is
 * named by the page's own canonical address when it gives one (the address answers cite), else by the
 * address it was fetched from.
 */
export function snapshotPage(input: PageInput & { url: string }): PageSnapshot {
  const { url: fetchedFrom, ...unnamed } = input;
  const url = readPageForCheck(unnamed)?.url ?? fetchedFrom;
  const checked = readPageForCheck({ ...unnamed, url });
  // Snapshots are stored between checks: personal data on the page is not kept in them either.
  const raw = normalText(checked?.text ?? '');
  const text = withoutPersonalData(raw, raw).text;
  const imported = importPage({ ...unnamed, url });
  return {
    url,
    text,
    hash: createHash('sha256').update(text).digest('hex'),
    years: checked?.years ?? {},
    updates: imported.ok ? imported.draft.timeline : [],
  };
}

const words = (s: string): Set<string> => new Set(s.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
/** The share of `a`'s words that are in `b`. */
function containment(a: Set<string>, b: Set<string>): number {
  if (a.size === 0) return 0;
  let n = 0;
  for (const w of a) if (b.has(w)) n += 1;
  return n / a.size;
}
const SOURCE_SENTENCE = 0.6;

export function comparePages(before: PageSnapshot, after: PageSnapshot, corpus?: Corpus): PageChange | undefined {
  if (before.hash === after.hash) return undefined;
  const lines: LineChange[] = [];
  const rewritten: { before: string; after: string; words: WordPart[] }[] = [];
  const parts = diffLines(`${before.text}\n`, `${after.text}\n`);
  parts.forEach((p, i) => {
    if (!p.added && !p.removed) return;
    const texts = p.value.split('\n').filter((l) => l !== '');
    for (const text of texts) lines.push({ op: p.added ? 'added' : 'removed', text });
    const next = parts[i + 1];
    if (p.removed && next?.added === true) {
      const old = texts;
      const neu = next.value.split('\n').filter((l) => l !== '');
      old.forEach((o, k) => {
        const n = neu[k];
        if (n === undefined) return;
        const w = diffWords(o, n).map((c): WordPart => ({ op: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
        rewritten.push({ before: o, after: n, words: w });
      });
    }
  });

  const known = new Set(before.updates.map((u) => `${u.date}|${u.time ?? ''}|${u.text}`));
  const draftedUpdates = after.updates.filter((u) => !known.has(`${u.date}|${u.time ?? ''}|${u.text}`));

  const entriesToReview: { id: string; reasons: string[] }[] = [];
  let factsGone: FactFinding[] = [];
  if (corpus !== undefined) {
    const oldPage = { url: before.url, text: before.text, years: before.years };
    const newPage = { url: after.url, text: after.text, years: after.years };
    const oldFindings = new Set(checkFacts(corpus, [oldPage]).findings.map(describeFinding));
    factsGone = checkFacts(corpus, [newPage]).findings.filter((f) => !oldFindings.has(describeFinding(f)));

    const oldSentences = sentences(before.text).map((s) => ({ s, w: words(s) }));
    const newSentences = new Set(sentences(after.text));
    const changed = oldSentences.filter((o) => !newSentences.has(o.s));
    const samePage = (url: string) => url.replace(/\/+$/, '') === before.url.replace(/\/+$/, '');
    for (const entry of corpus.entries) {
      if (!samePage(entry.source.url)) continue;
      const reasons: string[] = [];
      const answerSentences = entry.versions.flatMap((v) => sentences(v.answer.sv)).map(words);
      for (const c of changed) {
        // The page sentence an answer sentence rests on: most of the answer sentence's words are in it.
        if (answerSentences.some((a) => containment(a, c.w) >= SOURCE_SENTENCE || containment(c.w, a) >= SOURCE_SENTENCE)) {
          reasons.push(`its source sentence changed: "${c.s}"`);
        }
      }
      for (const f of factsGone) {
        if (f.where === `entry "${entry.id}"`) reasons.push(`${f.kind} "${f.fact}" (${f.field}) is no longer on the page`);
      }
      if (reasons.length > 0) entriesToReview.push({ id: entry.id, reasons });
    }
  }
  return { url: after.url, previousHash: before.hash, hash: after.hash, lines, rewritten, draftedUpdates, entriesToReview, factsGone };
}
