import type { PublishedCorpusView } from '../../../content/index.js';
import { EDITOR_TEXT as T } from '../editor-text.js';
import { escapeHtml as e } from '../http.js';
import { renderEditorPage } from './editor-entries.js';
import { editorForm, field, listAt, perLang, textAt } from './editor-form.js';
import type { PageViewer } from './layout.js';

const L = T.welcome;

/**
 * The welcome's editor: every field of welcome.yaml (faq-data/README.md), each left out of the file when
 * empty so the product's words stand in. The questions offered first are entry ids one a line, in the
 * order the buttons show them, with the published entries' ids listed beside them to choose from.
 */
export function renderWelcomeEditor(viewer: PageViewer, corpus: PublishedCorpusView, welcome: unknown, fromDraft?: number): string {
  const entries = corpus.entries
    .map((entry) => ({ id: textAt(entry, 'id'), question: textAt(entry, 'question.sv'), staffOnly: listAt(entry, 'audience').join() === 'staff' }))
    .filter((x) => x.id !== '');
  const body = `
      ${perLang('organisation', L.organisation, welcome, { group: 'organisation', optional: true, help: L.organisationHelp })}
      ${perLang('topic', L.topic, welcome, { group: 'topic', optional: true, help: L.topicHelp })}
      <fieldset><legend>${e(L.links)}</legend>
        ${field({ path: 'links.privacy', label: L.privacy, value: textAt(welcome, 'links.privacy'), type: 'url', optional: true })}
        ${field({ path: 'links.accessibility', label: L.accessibility, value: textAt(welcome, 'links.accessibility'), type: 'url', optional: true })}
      </fieldset>
      ${perLang('greeting', L.greeting, welcome, { group: 'greeting', optional: true, multiline: true, rows: 5, help: L.greetingHelp })}
      ${field({ path: 'starters', label: L.starters, value: listAt(welcome, 'starters').join('\n'), multiline: true, rows: 6, kind: 'lines', optional: true, help: L.startersHelp })}
      <details class="available-ids">
        <summary>${e(L.available)}</summary>
        <ul>${entries.map((x) => `<li><span class="entry-id">${e(x.id)}</span> – ${e(x.question || x.id)}${x.staffOnly ? ` (${e(L.staffOnly)})` : ''}</li>`).join('')}</ul>
      </details>
      ${field({ path: 'places', label: L.places, value: listAt(welcome, 'places').join('\n'), multiline: true, rows: 6, kind: 'lines', optional: true, help: L.placesHelp })}`;
  return renderEditorPage({
    viewer,
    title: L.title,
    heading: L.heading,
    intro: L.intro,
    form: editorForm({ kind: 'welcome', file: 'welcome.yaml', baseVersion: corpus.version, draftTitle: L.draftTitle, ...(fromDraft === undefined ? {} : { note: T.fromDraft(fromDraft, corpus.version) }), body }),
  });
}
