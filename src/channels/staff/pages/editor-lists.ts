import type { PublishedCorpusView } from '../../../content/index.js';
import { EDITOR_TEXT as T } from '../editor-text.js';
import { renderEditorPage } from './editor-entries.js';
import { at, editorForm, field, listAt } from './editor-form.js';
import type { PageViewer } from './layout.js';

const page = (viewer: PageViewer, heading: string, intro: string, form: string): string => renderEditorPage({ viewer, title: heading, heading, intro, form });

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
