import type { PublishedCorpusView } from '../../../content/index.js';
import { EDITOR_TEXT as T } from '../editor-text.js';
import { escapeHtml as e } from '../http.js';
import { renderEditorPage } from './editor-entries.js';
import { at, checks, editorForm, field, listAt, nest, perLang, repeated, sourceFields, textAt, yesNo } from './editor-form.js';
import type { PageViewer } from './layout.js';

const L = T.contact;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

function advice(prefix: string, data: unknown): string {
  const wrapped = nest(prefix, data);
  return `${perLang(`${prefix}.text`, L.adviceText, wrapped, { multiline: true, rows: 2 })}
          ${sourceFields(`${prefix}.source`, T.entry.source, wrapped)}`;
}

/** One weekday's own hours: saved only when filled in, as openingHours.exceptions.<day>. */
function exceptionFields(day: (typeof WEEKDAYS)[number], contact: unknown): string {
  const path = `openingHours.exceptions.${day}`;
  const one = (edge: 'opens' | 'closes') =>
    field({ path: `${path}.${edge}`, label: L.exceptionTime[edge](L.weekdays[day]), value: textAt(contact, `${path}.${edge}`), group: path, optional: true });
  return `<div class="per-lang">${one('opens')}${one('closes')}</div>`;
}

/** The contact details' editor: every field of contact.yaml, the optional ones left out when empty. */
export function renderContactEditor(viewer: PageViewer, corpus: PublishedCorpusView, contact: unknown, fromDraft?: number): string {
  const adviceItems = at(contact, 'advice');
  const body = `
      ${perLang('name', L.name, contact)}
      <fieldset><legend>${e(L.phone)}</legend>
        ${field({ path: 'phone.display', label: L.phoneDisplay, value: textAt(contact, 'phone.display'), type: 'tel' })}
        ${field({ path: 'phone.tel', label: L.phoneTel, value: textAt(contact, 'phone.tel'), type: 'tel' })}
      </fieldset>
      ${field({ path: 'email', label: L.email, value: textAt(contact, 'email'), type: 'email' })}
      ${perLang('visitingAddress', L.address, contact)}
      <fieldset><legend>${e(L.hours)}</legend>
        ${field({ path: 'openingHours.timeZone', label: L.timeZone, value: textAt(contact, 'openingHours.timeZone') })}
        ${field({ path: 'openingHours.opens', label: L.opens, value: textAt(contact, 'openingHours.opens') })}
        ${field({ path: 'openingHours.closes', label: L.closes, value: textAt(contact, 'openingHours.closes') })}
        ${perLang('openingHours.display', L.hoursDisplay, contact)}
        <fieldset><legend>${e(L.days)}</legend>
          ${checks('openingHours.days.list', L.days, WEEKDAYS.map((d) => ({ value: d, label: L.weekdays[d] })), listAt(contact, 'openingHours.days.list'), { group: 'openingHours.days', optional: true })}
          ${sourceFields('openingHours.days.source', L.daysSource, contact, { group: 'openingHours.days', optional: true })}
        </fieldset>
        <fieldset><legend>${e(L.exceptions)}</legend>
          <p class="help">${e(L.exceptionsHelp)}</p>
          ${WEEKDAYS.map((d) => exceptionFields(d, contact)).join('\n          ')}
        </fieldset>
        <fieldset><legend>${e(L.holidays)}</legend>
          ${yesNo('openingHours.publicHolidays.closed', L.holidaysClosed, at(contact, 'openingHours.publicHolidays.closed'), { unknown: L.holidaysUnknown, yes: L.holidaysYes, no: L.holidaysNo }, 'openingHours.publicHolidays')}
          ${sourceFields('openingHours.publicHolidays.source', L.holidaysSource, contact, { group: 'openingHours.publicHolidays', optional: true })}
        </fieldset>
      </fieldset>
      <fieldset><legend>${e(L.phoneHours)}</legend>
        ${perLang('phoneHours.display', L.phoneHoursDisplay, contact, { group: 'phoneHours', optional: true })}
        ${sourceFields('phoneHours.source', L.phoneHoursSource, contact, { group: 'phoneHours', optional: true })}
      </fieldset>
      <fieldset><legend>${e(L.advice)}</legend>
        ${repeated({ list: 'advice', legend: L.adviceItem, items: Array.isArray(adviceItems) ? adviceItems : [], item: advice, add: L.addAdvice, remove: L.removeAdvice })}
      </fieldset>
      ${field({ path: 'updatesUrl', label: L.updatesUrl, value: textAt(contact, 'updatesUrl'), type: 'url' })}
      ${sourceFields('source', L.source, contact)}`;
  return renderEditorPage({ viewer, title: L.title, heading: L.heading, intro: L.intro, form: editorForm({ kind: 'contact', file: 'contact.yaml', baseVersion: corpus.version, draftTitle: L.draftTitle, ...(fromDraft === undefined ? {} : { note: T.fromDraft(fromDraft, corpus.version) }), body }) });
}
