import { stringify as stringifyYaml } from 'yaml';
import { entryIdOf, WELCOME_FILE, type DraftReview, type FieldChange, type StoredChange } from '../../../content/index.js';
import { EDITOR_SWEDISH, EDITOR_TEXT as T } from '../editor-text.js';
import { escapeHtml as e } from '../http.js';
import { renderLayout, type PageViewer } from './layout.js';
import { KIND as FACT_KIND } from './official-page.js';

const D = T.draft;
/** How the test pane and the impact preview name the bot's decisions. */
const DECISIONS = { answer: 'svarar med', clarify: 'frågar ”Menar du …?”', escalate: 'hänvisar till kontaktcentret', 'small-talk': 'småpratar' };
const dateTime = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

/** A value as an editor reads it: text as it is, anything else as YAML (the format of faq-data/); nothing said in words. */
export function readable(value: unknown): string {
  if (value === undefined) return D.absent;
  if (typeof value === 'string') return value;
  return stringifyYaml(value, { lineWidth: 0 }).trimEnd();
}

/**
 * A side of a changed field as an editor reads it. A field that is not there is said in words: one
 * added did not exist before, one removed is removed; a welcome field left out says what the bot says or
 * offers in its place (the product's words, the status entry and the first entries), with the questions
 * the welcome will offer when they are known.
 */
export function sideOf(change: FieldChange, side: 'before' | 'after', starters?: readonly string[]): string {
  const value = change[side];
  if (value !== undefined) return readable(value);
  if (change.file === WELCOME_FILE) {
    if (change.field === 'starters') return D.welcomeLeftOut.starters(starters ?? []);
    const own = (D.welcomeLeftOut as Readonly<Record<string, unknown>>)[change.field];
    if (typeof own === 'string') return own;
  }
  return side === 'before' ? D.absentBefore : D.absentAfter;
}


/** The page that edits a file: where "open in the editor" leads. */
export function editorPathOf(file: string): string | undefined {
  const id = entryIdOf(file);
  if (id !== undefined) return `/staff/entries/${encodeURIComponent(id)}`;
  return ({ 'timeline.yaml': '/staff/timeline', 'contact.yaml': '/staff/contact', 'out-of-scope.yaml': '/staff/out-of-scope', 'synonyms.yaml': '/staff/synonyms', 'welcome.yaml': '/staff/welcome' } as Record<string, string>)[file];
}

/** The drafts waiting, and the latest published ones. */
export function renderDraftsPage(viewer: PageViewer, drafts: readonly StoredChange[], published: readonly StoredChange[], withdrawn: readonly StoredChange[] = []): string {
  const L = T.drafts;
  const c = L.columns;
  const table = (items: readonly StoredChange[], caption: string) => `<table class="drafts">
      <caption>${e(caption)}</caption>
      <thead><tr><th scope="col">${e(c.id)}</th><th scope="col">${e(c.title)}</th><th scope="col">${e(c.author)}</th><th scope="col">${e(c.created)}</th><th scope="col">${e(c.base)}</th></tr></thead>
      <tbody>${items
        .map((d) => `<tr><td class="num">${d.id}</td><th scope="row"><a href="/staff/drafts/${d.id}">${e(d.title)}</a></th><td>${e(d.author)}</td><td>${e(dateTime(d.createdAt))}</td><td class="num">${d.baseVersion}</td></tr>`)
        .join('')}</tbody>
    </table>`;
  const body = `    <h1>${e(L.heading)}</h1>
    <p class="intro">${e(L.intro)}</p>
    ${drafts.length === 0 ? `<p>${e(L.none)}</p>` : table(drafts, L.heading)}
    ${published.length === 0 ? '' : `<h2>${e(L.published)}</h2>${table(published.slice(0, 10), L.published)}`}
    ${withdrawn.length === 0 ? '' : `<h2>${e(L.withdrawn)}</h2>${table(withdrawn.slice(0, 10), L.withdrawn)}`}`;
  return renderLayout({ title: `${L.title} ${T.site}`, active: 'drafts', viewer, body });
}

export interface DraftPageInput {
  readonly viewer: PageViewer;
  readonly change: StoredChange;
  /** What it changes compared with the version published now. */
  readonly diff: readonly FieldChange[];
  /** Set when a newer version changed what the draft changes: both sides, by file. */
  readonly conflict?: { readonly latest: number; readonly paths: readonly string[]; readonly theirs: Readonly<Record<string, unknown>>; readonly mine: Readonly<Record<string, unknown>> } | undefined;
  /** What the loader warns of in the draft's corpus (not in the published one), and the questions the welcome offers. */
  readonly review?: DraftReview | undefined;
  readonly canPublish: boolean;
  /** The author, or a publisher, may withdraw a draft. */
  readonly canWithdraw?: boolean;
}

function conflictSection(change: StoredChange, c: NonNullable<DraftPageInput['conflict']>): string {
  const sides = c.paths
    .map((path) => {
      const editor = editorPathOf(path);
      return `<section class="conflict__file" aria-label="${e(path)}">
        <h3>${e(path)}</h3>
        <div class="sides">
          <div class="side-theirs"><h4>${e(D.theirs(c.latest))}</h4><pre class="value">${e(readable(c.theirs[path]))}</pre></div>
          <div class="side-mine"><h4>${e(D.mine)}</h4><pre class="value">${e(readable(c.mine[path]))}</pre></div>
        </div>
        ${editor === undefined || c.mine[path] === undefined ? '' : `<p><a href="${e(editor)}?draft=${change.id}">${e(D.openInEditor)}: ${e(path)}</a></p>`}
      </section>`;
    })
    .join('');
  return `<section id="konflikt" class="conflict" aria-labelledby="conflict-heading" tabindex="-1">
      <h2 id="conflict-heading">${e(D.conflictHeading)}</h2>
      <p>${e(D.conflictIntro(change.baseVersion, c.latest))}</p>
      ${sides}
    </section>`;
}

/** One draft: what it changes, a conflict with both sides, the test pane, the impact preview, publishing. */
export function renderDraftPage(o: DraftPageInput): string {
  const { change } = o;
  const c = D.columns;
  const diffTable =
    o.diff.length === 0
      ? `<p>${e(D.noChanges)}</p>`
      : `<table class="diff">
        <caption>${e(D.changesHeading)}</caption>
        <thead><tr><th scope="col">${e(c.file)}</th><th scope="col">${e(c.field)}</th><th scope="col">${e(c.before)}</th><th scope="col">${e(c.after)}</th></tr></thead>
        <tbody>${o.diff
          .map((d) => `<tr><td>${e(d.file)}</td><td>${e(d.field)}</td><td><pre class="value">${e(sideOf(d, 'before', o.review?.publishedStarters))}</pre></td><td><pre class="value">${e(sideOf(d, 'after', o.review?.starters))}</pre></td></tr>`)
          .join('')}</tbody>
      </table>`;
  const isDraft = change.status === 'draft';
  // The loader's warnings, said in Swedish by swedish.js (draft.js); without script, by their code.
  const warnings = isDraft ? (o.review?.warnings ?? []) : [];
  const warningsSection =
    warnings.length === 0
      ? ''
      : `<section id="warnings" class="draft-warnings" aria-labelledby="warnings-heading">
      <h2 id="warnings-heading">${e(D.warningsHeading)}</h2>
      <p>${e(D.warningsIntro)}</p>
      <ul>${warnings
        .map((w) => {
          const editor = editorPathOf(w.file);
          const said = EDITOR_SWEDISH.codes[w.code] ?? EDITOR_SWEDISH.codes['other'] ?? '';
          return `<li><strong>${e(D.warningAt(w.file, w.field))}</strong>: <span class="warning-text" data-code="${e(w.code)}" data-message="${e(w.message)}">${e(said)}</span>${editor === undefined ? '' : ` <a href="${e(editor)}?draft=${change.id}">${e(D.fixInEditor)}</a>`}</li>`;
        })
        .join('')}</ul>
    </section>`;
  // Shown by draft.js when publishing answers facts_unconfirmed: the facts listed (as text), then the
  // publisher's acknowledgement and the second publish, which carries it.
  const factsWarning = `<section id="facts-warning" class="facts-warning" aria-labelledby="facts-heading" tabindex="-1" hidden>
        <h3 id="facts-heading">${e(D.factsHeading)}</h3>
        <p>${e(D.factsIntro)}</p>
        <ul id="facts-list" class="facts"></ul>
        <p id="facts-error" class="field-error" hidden></p>
        <p><span class="check"><input type="checkbox" id="facts-ack" aria-describedby="facts-error"> <label for="facts-ack">${e(D.factsAcknowledge)}</label></span></p>
        <button type="button" id="publish-anyway">${e(D.factsPublish)}</button>
      </section>`;
  const publish = !isDraft
    ? `<p>${e(change.status === 'withdrawn' ? D.withdrawnNote : change.publishedVersion === null ? D.notDraft : D.publishedAs(change.publishedVersion))}</p>`
    : o.canPublish
      ? `<p>${e(D.publishIntro)}</p><button type="button" id="publish">${e(D.publishButton)}</button>
      ${factsWarning}`
      : `<p>${e(D.notPublisher)}</p>`;
  const body = `    <p><a href="/staff/drafts">← ${e(T.drafts.heading)}</a></p>
    <h1>${e(D.heading(change.id, change.title))}</h1>
    <p class="intro">${e(D.meta(change.author, dateTime(change.createdAt), change.baseVersion))} <strong>${e(D.status[change.status])}</strong></p>
    <div id="outcome" class="outcome" role="alert" tabindex="-1"></div>
    ${o.conflict === undefined || !isDraft ? '' : conflictSection(change, o.conflict)}
    <section aria-labelledby="changes-heading">
      <h2 id="changes-heading">${e(D.changesHeading)}</h2>
      ${diffTable}
    </section>
    ${warningsSection}
    ${
      isDraft
        ? `<section aria-labelledby="test-heading">
      <h2 id="test-heading">${e(D.testHeading)}</h2>
      <form id="test-form" class="test-pane">
        <label for="test-text">${e(D.testLabel)}</label>
        <input type="text" id="test-text" maxlength="1000" autocomplete="off">
        <button type="submit">${e(D.testButton)}</button>
      </form>
      <div id="test-result" class="test-result" aria-live="polite"></div>
    </section>
    <section aria-labelledby="impact-heading">
      <h2 id="impact-heading">${e(D.impactHeading)}</h2>
      <p class="help">${e(D.impactIntro)}</p>
      <button type="button" id="impact">${e(D.impactButton)}</button>
      <div id="impact-result" class="impact-result" aria-live="polite"></div>
    </section>`
        : ''
    }
    <section aria-labelledby="publish-heading">
      <h2 id="publish-heading">${e(D.publishHeading)}</h2>
      ${publish}
    </section>${
      isDraft && o.canWithdraw === true
        ? `
    <section aria-labelledby="withdraw-heading">
      <h2 id="withdraw-heading">${e(D.withdrawHeading)}</h2>
      <p>${e(D.withdrawIntro)}</p>
      <button type="button" id="withdraw" aria-haspopup="dialog">${e(D.withdrawButton)}</button>
      <dialog id="withdraw-dialog" aria-labelledby="withdraw-question" aria-describedby="withdraw-explain">
        <h2 id="withdraw-question">${e(D.withdrawQuestion(change.id))}</h2>
        <p id="withdraw-explain">${e(D.withdrawExplain)}</p>
        <form method="dialog" class="dialog-actions">
          <button type="submit" value="confirm" id="withdraw-confirm">${e(D.withdrawConfirm)}</button>
          <button type="submit" value="cancel" id="withdraw-cancel" autofocus>${e(D.withdrawCancel)}</button>
        </form>
      </dialog>
    </section>`
        : ''
    }`;
  return renderLayout({
    title: `${D.title(change.id)} ${T.site}`,
    active: 'drafts',
    viewer: o.viewer,
    body,
    scripts: ['/staff/assets/swedish.js', '/staff/assets/draft.js'],
    data: {
      csrf: o.viewer.csrf ?? null,
      id: change.id,
      askUrl: `/api/staff/changes/${change.id}/ask`,
      impactUrl: `/api/staff/changes/${change.id}/impact`,
      publishUrl: `/api/staff/changes/${change.id}/publish`,
      withdrawUrl: `/api/staff/changes/${change.id}/withdraw`,
      swedish: EDITOR_SWEDISH,
      text: {
        ...T.script,
        testDraft: D.testDraft,
        testPublished: D.testPublished,
        impactRunning: D.impactRunning,
        impactNone: D.impactNone,
        impactSome: D.impactSome,
        impactColumns: D.impactColumns,
        decisions: DECISIONS,
        factKinds: FACT_KIND,
        factsNotAcknowledged: D.factsNotAcknowledged,
      },
    },
  });
}
