import { asPhrasing, type Suggestion } from '../../../content/index.js';
import type { Corpus, CorpusWeakness } from '../../../core/index.js';
import { EDITOR_SWEDISH, EDITOR_TEXT } from '../editor-text.js';
import { UNSETTLED_DECISIONS, type ReviewGroup, type StaffStats } from '../../../records/index.js';
import { escapeHtml as e } from '../http.js';
import { STAFF_TEXT } from '../text.js';
import { periodForm, renderLayout, type PageViewer } from './layout.js';

const T = STAFF_TEXT.review;
const R = EDITOR_TEXT.review;

const percent = (n: number | null) => (n === null ? '' : `${Math.round(n * 100)} %`);
const dateTime = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

/** A group of the review with what it suggests doing (see src/content/suggest.ts). */
export interface SuggestedGroup {
  readonly group: ReviewGroup;
  readonly suggestion: Suggestion;
}

/** The draft actions of one group: only what is likely right is offered. */
function actions(s: SuggestedGroup, index: number, corpus: Corpus | undefined): string {
  const { suggestion } = s;
  if (suggestion.kind === 'none' && suggestion.why !== 'already-off-topic') return `<p class="help">${e(suggestion.why === 'human' ? R.noneHuman : R.noneNothing)}</p>`;
  const buttons: string[] = [];
  if (suggestion.kind === 'phrasing') {
    const question = corpus?.entries.find((x) => x.id === suggestion.entry)?.question.sv ?? suggestion.entry;
    buttons.push(`<button type="button" class="review-draft" data-group="${index}" data-action="phrasing" data-entry="${e(suggestion.entry)}">${e(R.addPhrasing(question))}</button>`);
  }
  if (suggestion.kind === 'out-of-scope') buttons.push(`<button type="button" class="review-draft" data-group="${index}" data-action="out-of-scope">${e(R.outOfScope)}</button>`);
  buttons.push(`<button type="button" class="secondary new-entry" data-group="${index}">${e(R.newEntry)}</button>`);
  return `<div class="review-actions" role="group" aria-label="${e(`${R.actions}: ${s.group.text}`)}">${buttons.join(' ')}</div><p class="row-outcome" id="outcome-${index}"></p>`;
}

function groupRow(s: SuggestedGroup, index: number, corpus: Corpus | undefined): string {
  const g = s.group;
  const outcome = UNSETTLED_DECISIONS.filter((d) => g.decisions[d] > 0)
    .map((d) => `${e(STAFF_TEXT.outcome[d])} ${g.decisions[d]}`)
    .join(', ');
  const nearest = g.nearest
    ? `<span class="entry-id">${e(g.nearest.id)}</span> ${e(g.nearest.question ?? '')} <span class="confidence">${e(percent(g.nearest.confidence))}</span>`
    : e(T.noNearest);
  const examples = g.examples.length
    ? `<details><summary>${e(T.examples)} (${g.examples.length})</summary><ul>${g.examples.map((x) => `<li>${e(x)}</li>`).join('')}</ul></details>`
    : '';
  return `<tr>
          <td>${e(g.text)}${examples}</td>
          <td class="num">${g.count}</td>
          <td>${e(dateTime(g.lastSeen))}</td>
          <td>${outcome}</td>
          <td>${nearest}</td>
          <td>${actions(s, index, corpus)}</td>
        </tr>`;
}

/** The editors' review: grouped unanswered questions, per-entry counts, CSV export. */
export function renderReviewPage(
  viewer: PageViewer,
  days: number,
  groups: readonly SuggestedGroup[] | undefined,
  entries: StaffStats['entries'] | undefined,
  weakness?: CorpusWeakness,
  corpus?: Corpus,
): string {
  const c = T.columns;
  const ec = T.entryColumns;
  const groupsHtml =
    groups === undefined
      ? `<p>${e(STAFF_TEXT.storeUnavailable)}</p>`
      : groups.length === 0
        ? `<p>${e(T.none)}</p>`
        : `<table class="groups">
        <caption>${e(T.groupsHeading)}</caption>
        <thead><tr><th scope="col">${e(c.question)}</th><th scope="col">${e(c.count)}</th><th scope="col">${e(c.lastSeen)}</th><th scope="col">${e(c.outcome)}</th><th scope="col">${e(c.nearest)}</th><th scope="col">${e(R.actions)}</th></tr></thead>
        <tbody>${groups.map((g, i) => groupRow(g, i, corpus)).join('')}</tbody>
      </table>`;
  const entriesHtml =
    entries === undefined || entries.length === 0
      ? ''
      : `<table class="entries">
        <caption>${e(T.entriesHeading)}</caption>
        <thead><tr><th scope="col">${e(ec.entry)}</th><th scope="col">${e(ec.shown)}</th><th scope="col">${e(ec.yes)}</th><th scope="col">${e(ec.no)}</th><th scope="col">${e(ec.clarified)}</th><th scope="col">${e(ec.escalated)}</th></tr></thead>
        <tbody>${entries
          .map(
            (x) =>
              `<tr><th scope="row"><span class="entry-id">${e(x.id)}</span> ${e(x.question ?? '')}</th><td class="num">${x.shown}</td><td class="num">${x.helpful}</td><td class="num">${x.notHelpful}</td><td class="num">${x.clarified}</td><td class="num">${x.escalated}</td></tr>`,
          )
          .join('')}</tbody>
      </table>`;
  const body = `    <h1>${e(T.heading)}</h1>
    <p class="intro">${e(T.intro)}</p>
    <div class="toolbar">
      ${periodForm('/staff/review', days, T.period, T.show)}
      <p class="downloads"><a href="/api/staff/export.csv?days=${days}" download>${e(T.csv)}</a> · <a href="/api/staff/export.csv?days=${days}&amp;sep=semicolon" download>${e(T.csvExcel)}</a></p>
    </div>
    <p id="status" class="status" role="status" aria-live="polite"></p>
    <section aria-labelledby="groups-heading">
      <h2 id="groups-heading">${e(T.groupsHeading)}</h2>
      ${groupsHtml}
    </section>
    <section aria-labelledby="entries-heading">
      <h2 id="entries-heading">${e(T.entriesHeading)}</h2>
      ${entriesHtml}
    </section>${weakness === undefined ? '' : weaknessSection(weakness)}`;
  // What review.js needs per group: the wording for a draft, and the group's questions as phrasings of a new entry.
  const data = {
    csrf: viewer.csrf ?? null,
    draftUrl: '/api/staff/review/drafts',
    swedish: EDITOR_SWEDISH,
    groups: (groups ?? []).map((s) => ({ text: s.group.text, lang: s.group.lang, phrasings: [...new Set([s.group.text, ...s.group.examples].map(asPhrasing).filter((p) => p !== ''))] })),
    text: { created: R.created, open: R.open, failed: EDITOR_TEXT.script.failed, csrf: EDITOR_TEXT.script.csrf, filesMode: EDITOR_TEXT.script.filesMode, unavailable: EDITOR_TEXT.script.unavailable },
  };
  return renderLayout({ title: T.title, active: 'review', viewer, body, scripts: ['/staff/assets/swedish.js', '/staff/assets/review.js'], data });
}

/** Where the corpus is weak, from the engine's training (the same report as npm run faq:check). */
function weaknessSection(w: CorpusWeakness): string {
  const W = T.weakness;
  const pct = (x: number) => `${Math.round(100 * x)} %`;
  const items = [
    ...w.confusions.map((c) => `<li>${e(W.confused(c.entry, c.takenFor, pct(c.share)))}</li>`),
    ...w.thin.map((t) => `<li>${e(W.thin(t.entry, pct(t.answered), t.phrasings))}</li>`),
  ];
  return `
    <section aria-labelledby="weakness-heading">
      <h2 id="weakness-heading">${e(W.heading)}</h2>
      <p>${e(W.predicted(pct(w.forecast.right), pct(w.forecast.low), pct(w.forecast.high), pct(w.predictedAnswered), pct(w.predictedWrong)))}</p>
      ${items.length === 0 ? `<p>${e(W.none)}</p>` : `<ul class="weakness">${items.join('')}</ul>`}
    </section>`;
}
