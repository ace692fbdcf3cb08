import type { PublishedCorpusView } from '../../../content/index.js';
import { EDITOR_TEXT as T } from '../editor-text.js';
import { escapeHtml as e } from '../http.js';
import { editorData } from './editor-entries.js';
import { at, editorForm, field, listAt } from './editor-form.js';
import { renderLayout, type PageViewer } from './layout.js';

function page(viewer: PageViewer, heading: string, intro: string, form: string): string {
  return renderLayout({
    title: `${heading} ${T.site}`,
    active: 'entries',
    viewer,
    body: `    <p><a href="/staff/entries">← ${e(T.entries.heading)}</a></p>
    <h1>${e(heading)}</h1>
    <p class="intro">${e(intro)}</p>
    ${form}`,
    scripts: ['/staff/assets/swedish.js', '/staff/assets/editor.js'],
    data: editorData(viewer),
  });
}

const note = (corpus: PublishedCorpusView, fromDraft: number | undefined) => (fromDraft === undefined ? {} : { note: T.fromDraft(fromDraft, corpus.version) });

/** The out-of-scope questions, one a line per language. */
export function renderOutOfScopeEditor(viewer: PageViewer, corpus: PublishedCorpusView, outOfScope: unknown, fromDraft?: number): string {
  const L = T.outOfScope;
  const lines = (lang: 'sv' | 'en') =>
    field({ path: lang, label: `${L.heading}, ${lang === 'sv' ? T.sv : T.en}`, value: listAt(outOfScope, lang).join('\n'), multiline: true, rows: 16, kind: 'lines', help: T.linesHelp });
  const body = `<div class="per-lang">${lines('sv')}${lines('en')}</div>`;
  return page(viewer, L.heading, L.intro, editorForm({ kind: 'outOfScope', file: 'out-of-scope.yaml', baseVersion: corpus.version, draftTitle: L.draftTitle, ...note(corpus, fromDraft), body }));
}

/** The synonyms: one group a line, its words separated by commas. */
export function renderSynonymsEditor(viewer: PageViewer, corpus: PublishedCorpusView, synonyms: unknown, fromDraft?: number): string {
  const L = T.synonyms;
  const groups = at(synonyms, 'groups');
  const value = Array.isArray(groups) ? groups.map((g) => (Array.isArray(g) ? g.map(String).join(', ') : '')).join('\n') : '';
  const body = field({ path: 'groups', label: L.groups, value, multiline: true, rows: 12, kind: 'groups', help: L.intro });
  return page(viewer, L.heading, L.intro, editorForm({ kind: 'synonyms', file: 'synonyms.yaml', baseVersion: corpus.version, draftTitle: L.draftTitle, ...note(corpus, fromDraft), body }));
}
