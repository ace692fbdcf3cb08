import type { AuditItem, VersionInfo } from '../../../content/index.js';
import { EDITOR_SWEDISH, EDITOR_TEXT as T } from '../editor-text.js';
import { escapeHtml as e } from '../http.js';
import { renderLayout, type PageViewer } from './layout.js';

const V = T.versions;
const dateTime = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

/** The published versions, newest first, with rollback for publishers, and the audit log. */
export function renderVersionsPage(viewer: PageViewer, versions: readonly VersionInfo[], audit: readonly AuditItem[], canRestore: boolean): string {
  const c = V.columns;
  const newest = versions.reduce((n, v) => Math.max(n, v.version), 0);
  const rows = versions
    .map((v) => {
      const how = `${V.actions[v.action]}${v.restoredFrom === null ? '' : ` ${V.restoredFrom(v.restoredFrom)}`}`;
      const restore =
        v.version === newest ? e(V.current) : canRestore ? `<button type="button" class="restore" data-version="${v.version}" data-confirm="${e(V.confirm(v.version))}">${e(V.restore(v.version))}</button>` : '';
      return `<tr><th scope="row" class="num">${v.version}</th><td>${e(dateTime(v.publishedAt))}</td><td>${e(v.publishedBy)}</td><td>${e(how)}</td><td>${v.changeId === null ? '' : `<a href="/staff/drafts/${v.changeId}">${v.changeId}</a>`}</td><td>${restore}</td></tr>`;
    })
    .join('');
  const a = V.auditColumns;
  const auditRows = audit
    .map((item) => {
      const fields = item.diff.map((d) => `${d.file}${d.field === '' ? '' : `: ${d.field}`}`);
      const shown = fields.slice(0, 8).join(', ') + (fields.length > 8 ? ` … (${fields.length})` : '');
      return `<tr><td>${e(dateTime(item.at))}</td><td>${e(item.who)}</td><td>${e(V.auditActions[item.action])}</td><td>${item.change === null ? '' : `<a href="/staff/drafts/${item.change}">${item.change}</a>`}</td><td class="num">${item.version ?? ''}</td><td>${e(shown)}</td></tr>`;
    })
    .join('');
  const body = `    <h1>${e(V.heading)}</h1>
    <p class="intro">${e(V.intro)}</p>
    <div id="outcome" class="outcome" role="alert" tabindex="-1"></div>
    <table class="versions">
      <caption>${e(V.heading)}</caption>
      <thead><tr><th scope="col">${e(c.version)}</th><th scope="col">${e(c.when)}</th><th scope="col">${e(c.who)}</th><th scope="col">${e(c.action)}</th><th scope="col">${e(c.change)}</th><th scope="col">${e(c.restore)}</th></tr></thead>
      <tbody>${rows}</tbody>
    </table>
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">${e(V.auditHeading)}</h2>
      <table class="audit">
        <caption>${e(V.auditHeading)}</caption>
        <thead><tr><th scope="col">${e(a.at)}</th><th scope="col">${e(a.who)}</th><th scope="col">${e(a.action)}</th><th scope="col">${e(a.change)}</th><th scope="col">${e(a.version)}</th><th scope="col">${e(a.diff)}</th></tr></thead>
        <tbody>${auditRows}</tbody>
      </table>
    </section>`;
  return renderLayout({
    title: `${V.title} ${T.site}`,
    active: 'versions',
    viewer,
    body,
    scripts: ['/staff/assets/swedish.js', '/staff/assets/versions.js'],
    data: { csrf: viewer.csrf ?? null, text: T.script, swedish: EDITOR_SWEDISH },
  });
}
