import type { FactFinding, LineChange, WordPart } from '../../../content/page/index.js';
import type { LoggedPageChange, PageWatchStatus } from '../../../platform/page-watch/index.js';
import { escapeHtml as e } from '../http.js';
import { renderLayout, type PageViewer } from './layout.js';

/** The page's words (staff-facing Swedish). */
export const OFFICIAL_PAGE_TEXT = Object.freeze({
  title: 'Officiella sidan – Incidentboten för personal',
  heading: 'Kommunens officiella sida',
  intro: 'Svaren ska bygga på kommunens egen incidentsida. Här ser du när sidan har ändrats, vilka svar som ska granskas, vilka fakta i de publicerade svaren som sidan inte bekräftar, och du kan importera sidan som ett utkast.',
  watchHeading: 'Bevakning',
  watchNone: 'Ingen sida bevakas (OFFICIAL_PAGE_URL är inte satt).',
  watchState: { 'not-checked': 'inte kontrollerad ännu', ok: 'läses som vanligt', failing: 'kan inte läsas' } as Record<string, string>,
  lastChecked: 'senast kontrollerad',
  changesHeading: 'Ändringar på sidan',
  changesNone: 'Inga ändringar har upptäckts sedan bevakningen började.',
  detected: 'Upptäckt',
  draft: (id: number) => `Utkast nr ${id} med de nya uppdateringarna väntar på granskning och publicering.`,
  noDraft: 'Inget utkast: ändringen gav ingen ny daterad uppdatering.',
  draftProblems: 'Utkastet kunde inte sparas som det är. Gör det för hand utifrån ändringen:',
  linesHeading: 'Ändrade rader',
  removed: 'Borttaget',
  added: 'Tillagt',
  rewrittenHeading: 'Omskrivna rader, ord för ord',
  updatesHeading: 'Föreslagna uppdateringar i tidslinjen',
  reviewHeading: 'Svar att granska',
  goneHeading: 'Fakta i svaren som inte längre står på sidan',
  factsHeading: 'Faktakontroll av de publicerade svaren',
  factsAllStand: (n: number) => `Alla ${n} kontrollerade fakta står på sidan.`,
  factsMissing: (n: number, of: number) => `${n} av ${of} fakta står inte på sin källsida:`,
  factsUnchecked: (n: number) => `${n} fält har en källa som inte har lästs och kontrollerades inte.`,
  factsNoPage: 'Ingen sida har lästs ännu: bevaka sidan eller importera den nedan, så kontrolleras svaren mot den.',
  importHeading: 'Importera sidan som ett utkast',
  importHelp: 'Ange sidans adress (https), eller klistra in sidans HTML eller text. Frågor med svar blir poster, daterade stycken blir uppdateringar i tidslinjen. Det som inte kunde placeras listas här. Utkastet publiceras först efter granskning.',
  addressLabel: 'Sidans adress',
  pastedLabel: 'Eller klistra in sidan (HTML eller text)',
  pastedAddressHelp: 'Har du klistrat in sidan, ange adressen ovan som källa; den hämtas då inte.',
  importButton: 'Importera som utkast',
  storeUnavailable: 'Personalens databas är inte tillgänglig just nu. Försök igen om en stund.',
  filesMode: 'Svaren redigeras i faq-data/ (CORPUS_SOURCE=files). Importera med npm run faq:import-page.',
});
const T = OFFICIAL_PAGE_TEXT;

export interface OfficialPageView {
  readonly viewer: PageViewer;
  /** Undefined when the store cannot be read. */
  readonly changes: readonly LoggedPageChange[] | undefined;
  readonly facts: { readonly checked: number; readonly findings: readonly (FactFinding & { readonly message: string })[]; readonly unchecked: readonly unknown[]; readonly pages: readonly unknown[] } | undefined;
  readonly watch: readonly PageWatchStatus[];
  readonly filesMode: boolean;
}

/** A fact's kind as the editors read it (the draft page's facts warning names them the same way). */
export const KIND: Readonly<Record<string, string>> = { phone: 'telefonnumret', email: 'e-postadressen', address: 'adressen', date: 'datumet', weekday: 'veckodagen', time: 'klockslaget', hours: 'öppettiderna' };

/** The welcome's texts as the facts check names them ('welcome greeting (sv)'), in Swedish. */
const WELCOME_PART: Readonly<Record<string, string>> = { greeting: 'hälsningen', topic: 'ämnet', organisation: 'kommunens namn' };

/** Where a fact stands, as the facts check names it ('entry "x"', 'contact center', 'timeline update 3 (2022-12-09)', 'welcome greeting (sv)'), in Swedish. */
export function whereSv(where: string): string {
  const entry = /^entry "(.+)"$/.exec(where);
  if (entry) return `posten ”${entry[1]}”`;
  if (where === 'contact center') return 'kontaktuppgifterna';
  const update = /^timeline update (\d+) \((.+)\)$/.exec(where);
  if (update) return `uppdatering ${update[1]} (${update[2]}) i tidslinjen`;
  const welcome = /^welcome (\w+) \((sv|en)\)$/.exec(where);
  if (welcome) return `${WELCOME_PART[welcome[1] ?? ''] ?? welcome[1]} i välkomsten (${welcome[2]})`;
  return where;
}

/** A finding in Swedish: where, which field, the fact, and the page it should stand on. */
export const findingSv = (f: Pick<FactFinding, 'where' | 'field' | 'kind' | 'fact' | 'source'>) =>
  `${whereSv(f.where)}, fältet ${f.field}: ${KIND[f.kind] ?? f.kind} ”${f.fact}” står inte på ${f.source}`;

/** The reasons comparePages gives an entry to review, in Swedish. */
function reasonSv(reason: string): string {
  const sentence = /^its source sentence changed: "(.*)"$/s.exec(reason);
  if (sentence) return `meningen svaret bygger på har ändrats: ”${sentence[1]}”`;
  const gone = /^(\w+) "(.*)" \((.+)\) is no longer on the page$/s.exec(reason);
  if (gone) return `${KIND[gone[1] ?? ''] ?? gone[1]} ”${gone[2]}” (${gone[3]}) står inte längre på sidan`;
  return reason;
}

const dateTime = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

function lines(list: readonly LineChange[]): string {
  if (list.length === 0) return '';
  return `<h4>${e(T.linesHeading)}</h4><ul class="page-diff">${list
    .map((l) => (l.op === 'added' ? `<li><ins><span class="help">${e(T.added)}: </span>${e(l.text)}</ins></li>` : `<li><del><span class="help">${e(T.removed)}: </span>${e(l.text)}</del></li>`))
    .join('')}</ul>`;
}

const words = (parts: readonly WordPart[]) => parts.map((p) => (p.op === 'same' ? e(p.text) : p.op === 'added' ? `<ins>${e(p.text)}</ins>` : `<del>${e(p.text)}</del>`)).join('');

function changeSection(c: LoggedPageChange): string {
  const ch = c.change;
  const draft = c.draftId !== null ? `<p>${e(T.draft(c.draftId))}</p>` : c.problems.length > 0 ? `<p>${e(T.draftProblems)}</p><ul>${c.problems.map((p) => `<li>${e(p)}</li>`).join('')}</ul>` : `<p>${e(T.noDraft)}</p>`;
  const rewritten = ch.rewritten.length === 0 ? '' : `<h4>${e(T.rewrittenHeading)}</h4><ul class="page-diff">${ch.rewritten.map((r) => `<li>${words(r.words)}</li>`).join('')}</ul>`;
  const updates =
    ch.draftedUpdates.length === 0 ? '' : `<h4>${e(T.updatesHeading)}</h4><ul>${ch.draftedUpdates.map((u) => `<li><strong>${e(u.date)}${u.time === undefined ? '' : ` ${e(u.time)}`}</strong> ${e(u.text)}</li>`).join('')}</ul>`;
  const review =
    ch.entriesToReview.length === 0 ? '' : `<h4>${e(T.reviewHeading)}</h4><ul>${ch.entriesToReview.map((r) => `<li><span class="entry-id">${e(r.id)}</span><ul>${r.reasons.map((x) => `<li>${e(reasonSv(x))}</li>`).join('')}</ul></li>`).join('')}</ul>`;
  const gone = ch.factsGone.length === 0 ? '' : `<h4>${e(T.goneHeading)}</h4><ul>${ch.factsGone.map((f) => `<li>${e(`${whereSv(f.where)}, fältet ${f.field}: ${KIND[f.kind] ?? f.kind} ”${f.fact}”`)}</li>`).join('')}</ul>`;
  return `<article class="page-change" aria-labelledby="change-${c.id}">
        <h3 id="change-${c.id}">${e(T.detected)} ${e(dateTime(c.detectedAt))}: ${e(c.url)}</h3>
        ${draft}${updates}${review}${gone}${lines(ch.lines)}${rewritten}
      </article>`;
}

function factsSection(facts: OfficialPageView['facts']): string {
  if (facts === undefined) return `<p>${e(T.storeUnavailable)}</p>`;
  if (facts.pages.length === 0) return `<p>${e(T.factsNoPage)}</p>`;
  const unchecked = facts.unchecked.length === 0 ? '' : `<p>${e(T.factsUnchecked(facts.unchecked.length))}</p>`;
  if (facts.findings.length === 0) return `<p>${e(T.factsAllStand(facts.checked))}</p>${unchecked}`;
  return `<p>${e(T.factsMissing(facts.findings.length, facts.checked))}</p><ul class="facts">${facts.findings.map((f) => `<li>${e(findingSv(f))}<br><span class="help">${e(`”${f.context}”`)}</span></li>`).join('')}</ul>${unchecked}`;
}

/** The editors' page for the official page: watch state, changes with their diff, facts check, import form. */
export function renderOfficialPage(v: OfficialPageView): string {
  const watch =
    v.watch.length === 0
      ? `<p>${e(T.watchNone)}</p>`
      : `<ul>${v.watch.map((w) => `<li>${e(w.url)}: ${e(T.watchState[w.state] ?? w.state)}${w.lastCheckedAt === undefined ? '' : `, ${e(T.lastChecked)} ${e(dateTime(w.lastCheckedAt))}`}${w.lastError === undefined || w.state !== 'failing' ? '' : ` (${e(w.lastError.message)})`}</li>`).join('')}</ul>`;
  const changes = v.filesMode ? `<p>${e(T.filesMode)}</p>` : v.changes === undefined ? `<p>${e(T.storeUnavailable)}</p>` : v.changes.length === 0 ? `<p>${e(T.changesNone)}</p>` : v.changes.map(changeSection).join('');
  const form = v.viewer.roles.includes('editor')
    ? `<form id="import-form" class="import-page" novalidate>
        <p>${e(T.importHelp)}</p>
        <p><label for="import-url">${e(T.addressLabel)}</label><br><input id="import-url" name="url" type="url" inputmode="url" autocomplete="off" size="60" placeholder="https://www.kommun.se/incident"></p>
        <p><label for="import-body">${e(T.pastedLabel)}</label><br><textarea id="import-body" name="body" rows="6" cols="60" aria-describedby="import-body-help"></textarea><br><span id="import-body-help" class="help">${e(T.pastedAddressHelp)}</span></p>
        <p><button type="submit">${e(T.importButton)}</button></p>
      </form>
      <div id="import-result" role="status" aria-live="polite"></div>`
    : '';
  const body = `    <h1>${e(T.heading)}</h1>
    <p class="intro">${e(T.intro)}</p>
    <section aria-labelledby="watch-heading">
      <h2 id="watch-heading">${e(T.watchHeading)}</h2>
      ${watch}
    </section>
    <section aria-labelledby="changes-heading">
      <h2 id="changes-heading">${e(T.changesHeading)}</h2>
      ${changes}
    </section>
    <section aria-labelledby="facts-heading">
      <h2 id="facts-heading">${e(T.factsHeading)}</h2>
      ${v.filesMode ? `<p>${e(T.filesMode)}</p>` : factsSection(v.facts)}
    </section>${
      form === ''
        ? ''
        : `
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">${e(T.importHeading)}</h2>
      ${form}
    </section>`
    }`;
  return renderLayout({
    title: T.title,
    active: 'official-page',
    viewer: v.viewer,
    body,
    scripts: ['/staff/assets/official-page.js'],
    data: {
      csrf: v.viewer.csrf ?? null,
      text: {
        working: 'Läser sidan …',
        needInput: 'Ange sidans adress eller klistra in sidan.',
        created: 'Utkast nr {id} skapat.',
        nothingNew: 'Sidan säger inget som de publicerade svaren inte redan säger. Inget utkast skapades.',
        refused: 'Sidan kunde inte importeras:',
        invalid: 'Utkastet bryter mot reglerna för svaren och sparades inte:',
        failed: 'Importen misslyckades. Försök igen om en stund.',
        added: 'Nya poster',
        matched: 'Frågor som redan finns (lämnade som de är)',
        differs: 'sidans svar skiljer sig: granska posten',
        updates: 'Nya uppdateringar i tidslinjen',
        unplaced: 'Kunde inte placeras',
        contact: 'Kontaktuppgifter på sidan',
        personal: 'Personuppgifter som lämnades utanför',
      },
    },
  });
}
