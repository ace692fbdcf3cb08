import type { PublishedCorpusView } from '../../../content/index.js';
import { EDITOR_TEXT as T } from '../editor-text.js';
import { escapeHtml as e } from '../http.js';
import { renderEditorPage } from './editor-entries.js';
import { at, editorForm, field, nest, perLang, repeated, sourceFields, textAt } from './editor-form.js';
import type { PageViewer } from './layout.js';

const L = T.timeline;

function update(prefix: string, data: unknown): string {
  const wrapped = nest(prefix, data);
  return `${field({ path: `${prefix}.date`, label: L.date, value: textAt(data, 'date'), help: L.dateHelp })}
          ${field({ path: `${prefix}.time`, label: L.time, value: textAt(data, 'time'), help: L.timeHelp, optional: true })}
          ${perLang(`${prefix}.text`, L.text, wrapped, { multiline: true, rows: 3 })}
          ${sourceFields(`${prefix}.source`, T.entry.source, wrapped)}
          ${field({ path: `${prefix}.validFrom`, label: T.entry.validFrom, value: textAt(data, 'validFrom'), help: T.entry.momentHelp, optional: true })}
          ${field({ path: `${prefix}.validUntil`, label: T.entry.validUntil, value: textAt(data, 'validUntil'), help: T.entry.momentHelp, optional: true })}`;
}

/** The timeline's editor: the status entry and every dated update; a new update is added with one button. */
export function renderTimelineEditor(viewer: PageViewer, corpus: PublishedCorpusView, timeline: unknown, fromDraft?: number): string {
  const updates = at(timeline, 'updates');
  const ids = corpus.entries.map((x) => textAt(x, 'id'));
  const current = textAt(timeline, 'entry');
  const select = `<div class="field">
          <label for="f-entry">${e(L.entry)}</label>
          <select id="f-entry" name="entry" data-field="entry" data-kind="text">${ids.map((id) => `<option value="${e(id)}"${id === current ? ' selected' : ''}>${e(id)}</option>`).join('')}</select>
        </div>`;
  const body = `
      ${select}
      ${repeated({ list: 'updates', legend: L.update, items: Array.isArray(updates) ? updates : [], item: update, add: L.addUpdate, remove: L.removeUpdate })}`;
  return renderEditorPage({ viewer, title: L.title, heading: L.heading, intro: L.intro, form: editorForm({ kind: 'timeline', file: 'timeline.yaml', baseVersion: corpus.version, draftTitle: L.draftTitle, ...(fromDraft === undefined ? {} : { note: T.fromDraft(fromDraft, corpus.version) }), body }) });
}
