import { answerAt, type Contact, type FaqEngine } from '../../../core/index.js';
import type { StaffStats } from '../../../records/index.js';
import { escapeHtml as e } from '../http.js';
import { STAFF_TEXT } from '../text.js';
import { renderLayout, type PageViewer } from './layout.js';

const T = STAFF_TEXT.console;

/** One vetted answer as the console copies it (Swedish). */
export interface ConsoleEntry {
  readonly id: string;
  readonly question: string;
  readonly answer: string;
  readonly sourceTitle: string;
  readonly sourceUrl: string;
  /** The day an editor last checked it, when the corpus says. */
  readonly lastReviewed: string | null;
}

/** What console.js reads from the page. */
export interface ConsoleData {
  readonly csrf: string | null;
  readonly searchUrl: string;
  readonly previewUrl: string;
  readonly entries: Readonly<Record<string, ConsoleEntry>>;
  readonly text: typeof STAFF_TEXT.console & { readonly copied: string; readonly copyFailed: string; readonly searchFailed: string; readonly confidence: string; readonly decisions: Readonly<Record<string, string>> };
}

function contactBlock(contact: Contact): string {
  return `<dl class="contact">
        <dt>${e(T.phone)}</dt><dd><a href="tel:${e(contact.phone.tel)}">${e(contact.phone.display)}</a></dd>
        <dt>${e(T.email)}</dt><dd><a href="mailto:${e(contact.email)}">${e(contact.email)}</a></dd>
        <dt>${e(T.hours)}</dt><dd>${e(contact.openingHours.display.sv)}</dd>
        <dt>${e(T.address)}</dt><dd>${e(contact.visitingAddress.sv)}</dd>
      </dl>`;
}

/** The agents' console: search as you type, copy with source, the bot's decision, most used today, contact details. */
export function renderConsolePage(engine: FaqEngine, viewer: PageViewer, mostUsed: StaffStats['mostUsedToday'] | undefined, now: Date): string {
  const entries: Record<string, ConsoleEntry> = {};
  for (const entry of engine.corpus.entries) {
    // The version of the answer valid now, as residents are shown it.
    const served = answerAt(entry, now);
    if (!served) continue;
    entries[entry.id] = { id: entry.id, question: entry.question.sv, answer: served.version.answer.sv.trim(), sourceTitle: entry.source.title, sourceUrl: entry.source.url, lastReviewed: entry.lastReviewed ?? null };
  }
  const data: ConsoleData = {
    csrf: viewer.csrf ?? null,
    searchUrl: '/api/staff/search',
    previewUrl: '/api/staff/preview',
    entries,
    text: {
      ...T,
      copied: 'Kopierat: ',
      copyFailed: 'Kunde inte kopiera. Markera texten och kopiera med Ctrl+C.',
      searchFailed: 'Sökningen misslyckades. Försök igen.',
      confidence: 'säkerhet',
      decisions: {
        answer: 'Boten svarar direkt med',
        clarify: 'Boten frågar ”Menar du …?” med',
        escalate: 'Boten hänvisar till kontaktcentret',
        'small-talk': 'Boten svarar med småprat',
      },
    },
  };
  const most =
    mostUsed === undefined
      ? `<p>${e(STAFF_TEXT.storeUnavailable)}</p>`
      : mostUsed.length === 0
        ? `<p>${e(T.mostUsedEmpty)}</p>`
        : `<ol class="most-used">${mostUsed
            .map(
              (m) =>
                `<li><span class="most-used__question">${e(m.question ?? m.id)}</span> <span class="most-used__count">${m.count} ${e(T.timesShown)}</span> <button type="button" class="show-entry" data-entry-id="${e(m.id)}" aria-label="${e(`${T.mostUsedShow}: ${m.question ?? m.id}`)}">${e(T.mostUsedShow)}</button></li>`,
            )
            .join('')}</ol>`;

  const body = `    <h1>${e(T.heading)}</h1>
    <div class="console">
      <section class="search" aria-labelledby="search-label">
        <label id="search-label" for="q">${e(T.searchLabel)}</label>
        <input id="q" type="text" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="results" aria-describedby="search-help" autocomplete="off" spellcheck="false" maxlength="1000">
        <p id="search-help" class="help">${e(T.searchHelp)}</p>
        <p id="decision" class="decision" aria-live="polite"></p>
        <ul id="results" class="results" role="listbox" aria-label="${e(T.resultsLabel)}" hidden></ul>
        <section id="answer" class="answer" aria-labelledby="answer-heading" hidden>
          <h2 id="answer-heading">${e(T.answerHeading)}</h2>
          <p id="answer-question" class="answer__question"></p>
          <div id="answer-text" class="answer__text"></div>
          <p id="answer-source" class="answer__source"></p>
          <button type="button" id="copy">${e(T.copy)}</button>
        </section>
        <p id="status" class="status" role="status" aria-live="polite"></p>
      </section>
      <aside class="side">
        <section aria-labelledby="most-used-heading">
          <h2 id="most-used-heading">${e(T.mostUsedHeading)}</h2>
          ${most}
        </section>
        <section aria-labelledby="contact-heading">
          <h2 id="contact-heading">${e(T.contactHeading)}</h2>
          ${contactBlock(engine.corpus.contact)}
        </section>
      </aside>
      <section class="preview" aria-labelledby="preview-heading">
        <h2 id="preview-heading">${e(T.previewHeading)}</h2>
        <form id="preview-form">
          <label for="preview-text">${e(T.previewLabel)}</label>
          <textarea id="preview-text" rows="3" maxlength="1000"></textarea>
          <button type="submit">${e(T.previewButton)}</button>
        </form>
        <div id="preview-result" class="preview__result" aria-live="polite"></div>
      </section>
    </div>`;
  return renderLayout({ title: T.title, active: 'console', viewer, body, scripts: ['/staff/assets/console.js'], data });
}
