import type { PublishedCorpusView } from '../../../content/index.js';
import { EDITOR_SWEDISH, EDITOR_TEXT as T } from '../editor-text.js';
import { escapeHtml as e } from '../http.js';
import { renderLayout, type PageViewer } from './layout.js';
import { at, checks, editorForm, field, listAt, nest, perLang, repeated, sourceFields, textAt } from './editor-form.js';

const E = T.entry;
const dateTime = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

/** The links to the other things an editor can change, beside the entries. */
export function otherContentLinks(): string {
  const L = T.entries;
  return `<ul class="other-content">
        <li><a href="/staff/timeline">${e(L.timeline)}</a></li>
        <li><a href="/staff/contact">${e(L.contact)}</a></li>
        <li><a href="/staff/out-of-scope">${e(L.outOfScope)}</a></li>
        <li><a href="/staff/synonyms">${e(L.synonyms)}</a></li>
        <li><a href="/staff/welcome">${e(L.welcome)}</a></li>
      </ul>`;
}

/** Every entry of the published version, each with a link to its editor. */
export function renderEntriesPage(viewer: PageViewer, corpus: PublishedCorpusView, openDrafts: number): string {
  const L = T.entries;
  const c = L.columns;
  const rows = corpus.entries
    .map((entry) => {
      const id = textAt(entry, 'id');
      const question = textAt(entry, 'question.sv');
      return `<tr><th scope="row"><a href="/staff/entries/${e(encodeURIComponent(id))}">${e(question || id)}</a></th><td><span class="entry-id">${e(id)}</span></td><td>${e(textAt(entry, 'category'))}</td><td>${e(textAt(entry, 'lastReviewed') || L.never)}</td></tr>`;
    })
    .join('');
  const body = `    <h1>${e(L.heading)}</h1>
    <p class="intro">${e(L.intro)} ${e(L.version(corpus.version, dateTime(corpus.publishedAt), corpus.publishedBy))}</p>
    ${openDrafts > 0 ? `<p><a href="/staff/drafts">${e(L.openDrafts(openDrafts))}</a></p>` : ''}
    <p><a class="button-link" href="/staff/entries/new">${e(L.newEntry)}</a></p>
    <table class="entries">
      <caption>${e(L.heading)}</caption>
      <thead><tr><th scope="col">${e(c.question)}</th><th scope="col">${e(c.id)}</th><th scope="col">${e(c.category)}</th><th scope="col">${e(c.reviewed)}</th></tr></thead>
      <tbody>${rows}</tbody>
    </table>
    <section aria-labelledby="other-heading">
      <h2 id="other-heading">${e(L.other)}</h2>
      ${otherContentLinks()}
    </section>`;
  return renderLayout({ title: `${L.title} ${T.site}`, active: 'entries', viewer, body });
}

/** What the editor of one entry starts from. */
export interface EntryEditorInput {
  readonly viewer: PageViewer;
  readonly corpus: PublishedCorpusView;
  /** The entry's written data; undefined for a new entry. */
  readonly entry: unknown;
  readonly isNew: boolean;
  /** Opened from a draft (after a conflict): its id. */
  readonly fromDraft?: number;
}

function answerVersion(prefix: string, data: unknown): string {
  const wrapped = nest(prefix, data);
  return `${field({ path: `${prefix}.validFrom`, label: E.validFrom, value: textAt(data, 'validFrom'), help: E.momentHelp, optional: true })}
          ${field({ path: `${prefix}.validUntil`, label: E.validUntil, value: textAt(data, 'validUntil'), help: E.momentHelp, optional: true })}
          ${perLang(`${prefix}.answer`, E.answer, wrapped, { multiline: true, rows: 6 })}
          ${perLang(`${prefix}.lattlast`, E.lattlast, wrapped, { multiline: true, rows: 4, group: `${prefix}.lattlast`, optional: true })}`;
}

/** The editor of one entry: every field of faq-data/README.md's entry format. */
export function renderEntryEditor(o: EntryEditorInput): string {
  const data = o.entry ?? {};
  const id = textAt(data, 'id');
  const ids = o.corpus.entries.map((x) => textAt(x, 'id')).filter((x) => x !== '' && x !== id);
  const hasVersions = Array.isArray(at(data, 'versions'));
  const versions = hasVersions ? (at(data, 'versions') as unknown[]) : [{}];
  const heading = o.isNew ? E.titleNew : E.titleEdit(textAt(data, 'question.sv') || id);
  const audiences = (['residents', 'staff', 'suppliers', 'all'] as const).map((a) => ({ value: a, label: E.audiences[a] }));
  const body = `
      ${field({ path: 'id', label: E.id, value: id, help: E.idHelp, ...(o.isNew ? {} : { readonly: true }) })}
      ${field({ path: 'category', label: E.category, value: textAt(data, 'category') })}
      ${checks('audience', E.audience, audiences, o.isNew && o.entry === undefined ? ['residents'] : listAt(data, 'audience'))}
      <fieldset><legend>${e(E.question)}</legend>${perLang('question', E.question, data)}</fieldset>
      <fieldset><legend>${e(E.phrasings)}</legend>${perLang('phrasings', E.phrasings, data, { multiline: true, rows: 8, kind: 'lines', help: E.phrasingsHelp })}</fieldset>
      <fieldset class="answer-mode">
        <legend>${e(E.answerMode)}</legend>
        <p class="help" id="answer-help">${e(E.answerHelp)}</p>
        <span class="check"><input type="radio" name="answer-mode" id="mode-single" value="single"${hasVersions ? '' : ' checked'}> <label for="mode-single">${e(E.single)}</label></span>
        <span class="check"><input type="radio" name="answer-mode" id="mode-versions" value="versions"${hasVersions ? ' checked' : ''}> <label for="mode-versions">${e(E.versions)}</label></span>
      </fieldset>
      <fieldset id="answer-single" class="mode"${hasVersions ? ' disabled hidden' : ''}>
        <legend>${e(E.answer)}</legend>
        ${perLang('answer', E.answer, data, { multiline: true, rows: 6 })}
        ${perLang('lattlast', E.lattlast, data, { multiline: true, rows: 4, group: 'lattlast', optional: true, help: E.lattlastHelp })}
      </fieldset>
      <fieldset id="answer-versions" class="mode"${hasVersions ? '' : ' disabled hidden'}>
        <legend>${e(E.versions)}</legend>
        ${repeated({ list: 'versions', legend: E.version, items: versions, item: answerVersion, add: E.addVersion, remove: E.removeVersion })}
      </fieldset>
      ${sourceFields('source', E.source, data)}
      ${checks('related', E.related, ids.map((x) => ({ value: x, label: x })), listAt(data, 'related'))}
      ${field({ path: 'lastReviewed', label: E.lastReviewed, value: textAt(data, 'lastReviewed'), help: E.lastReviewedHelp, optional: true })}`;
  const remove = o.isNew ? '' : ` <button type="button" class="secondary" id="remove-entry" data-title="${e(E.removeTitle(id))}" data-id="${e(id)}">${e(E.removeEntry)}</button>`;
  const form = editorForm({
    kind: 'entry',
    file: o.isNew ? 'entries/' : `entries/${id}.yaml`,
    baseVersion: o.corpus.version,
    draftTitle: o.isNew ? E.draftTitleNew : E.draftTitleEdit(id),
    ...(o.fromDraft === undefined ? {} : { note: T.fromDraft(o.fromDraft, o.corpus.version) }),
    body,
    extraButtons: remove,
  });
  const intro = o.isNew ? `<p class="intro" id="from-review" hidden>${e(E.fromReview)}</p>` : '';
  return renderLayout({
    title: `${heading} ${T.site}`,
    active: 'entries',
    viewer: o.viewer,
    body: `    <p><a href="/staff/entries">← ${e(T.entries.heading)}</a></p>
    <h1>${e(heading)}</h1>
    ${intro}
    ${form}`,
    scripts: ['/staff/assets/swedish.js', '/staff/assets/editor.js'],
    // A new entry must not take a published entry's id: saving it would replace that entry.
    data: { ...editorData(o.viewer), takenIds: o.isNew ? o.corpus.entries.map((x) => textAt(x, 'id')) : [] },
  });
}

/** The frame of the timeline, contact, out-of-scope, synonyms and welcome editors: back link, heading, intro, form. */
export function renderEditorPage(o: { viewer: PageViewer; title: string; heading: string; intro: string; form: string }): string {
  return renderLayout({
    title: `${o.title} ${T.site}`,
    active: 'entries',
    viewer: o.viewer,
    body: `    <p><a href="/staff/entries">← ${e(T.entries.heading)}</a></p>
    <h1>${e(o.heading)}</h1>
    <p class="intro">${e(o.intro)}</p>
    ${o.form}`,
    scripts: ['/staff/assets/swedish.js', '/staff/assets/editor.js'],
    data: editorData(o.viewer),
  });
}

/** What editor.js reads from every editor page. */
export function editorData(viewer: PageViewer) {
  return {
    csrf: viewer.csrf ?? null,
    changesUrl: '/api/staff/changes',
    swedish: EDITOR_SWEDISH,
    text: { saving: T.saving, saved: T.saved, saveFailed: T.saveFailed, problemsIntro: T.problemsIntro, problemsOne: T.problemsHeading(1), problemsMany: T.problemsHeading(2).replace('2', '{n}'), csrf: T.script.csrf, filesMode: T.script.filesMode, unavailable: T.script.unavailable, idTaken: E.idTaken },
  };
}
