import type { QueryProblem } from '../../http/query-string.js';
import type { StaffRole } from '../auth/session.js';
import { escapeHtml as e, jsonForScript } from '../http.js';
import { EDITOR_TEXT } from '../editor-text.js';
import { STAFF_TEXT as T } from '../text.js';

export type StaffPageId = 'console' | 'review' | 'stats' | 'entries' | 'drafts' | 'versions' | 'official-page';

export interface PageViewer {
  readonly name: string;
  readonly roles: readonly StaffRole[];
  /** The session's CSRF token; absent for bearer-token callers (who have no cookie to protect). */
  readonly csrf?: string | undefined;
}

export interface LayoutOptions {
  readonly title: string;
  readonly active?: StaffPageId;
  readonly viewer?: PageViewer;
  /** The page's own HTML inside <main>. */
  readonly body: string;
  /** Script URLs, loaded deferred, after the JSON data block. */
  readonly scripts?: readonly string[];
  /** Data for the scripts, as a non-executed JSON block (CSP-safe). */
  readonly data?: unknown;
}

/** The pages, each shown to whoever holds one of `roles` (everyone signed in when absent). */
const NAV: readonly { id: StaffPageId; href: string; label: string; roles?: readonly StaffRole[] }[] = [
  { id: 'console', href: '/staff', label: T.nav.console },
  { id: 'review', href: '/staff/review', label: T.nav.review, roles: ['editor'] },
  { id: 'entries', href: '/staff/entries', label: EDITOR_TEXT.nav.entries, roles: ['editor'] },
  { id: 'drafts', href: '/staff/drafts', label: EDITOR_TEXT.nav.drafts, roles: ['editor', 'publisher'] },
  { id: 'versions', href: '/staff/versions', label: EDITOR_TEXT.nav.versions, roles: ['editor', 'publisher'] },
  { id: 'official-page', href: '/staff/official-page', label: EDITOR_TEXT.nav.officialPage, roles: ['editor', 'publisher'] },
  { id: 'stats', href: '/staff/stats', label: T.nav.stats },
];

/** The frame of every staff page: Swedish, landmarks, skip link, navigation by role, sign-out form. */
export function renderLayout(o: LayoutOptions): string {
  const viewer = o.viewer;
  const nav = viewer
    ? `<nav class="nav" aria-label="${e(T.navLabel)}"><ul>${NAV.filter((n) => n.roles === undefined || n.roles.some((r) => viewer.roles.includes(r)))
        .map((n) => `<li><a href="${n.href}"${n.id === o.active ? ' aria-current="page"' : ''}>${e(n.label)}</a></li>`)
        .join('')}</ul></nav>`
    : '';
  const who = viewer
    ? `<div class="who"><span>${e(T.signedInAs)} ${e(viewer.name || '–')} (${viewer.roles.map((r) => e(T.roles[r])).join(', ')})</span>${
        viewer.csrf === undefined
          ? ''
          : `<form method="post" action="/staff/auth/logout" class="signout"><input type="hidden" name="_csrf" value="${e(viewer.csrf)}"><button type="submit">${e(T.signOut)}</button></form>`
      }</div>`
    : '';
  return `<!doctype html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="same-origin">
  <title>${e(o.title)}</title>
  <link rel="stylesheet" href="/staff/assets/staff.css">
  ${o.data === undefined ? '' : `<script type="application/json" id="staff-data">${jsonForScript(o.data)}</script>`}
  ${(o.scripts ?? []).map((s) => `<script src="${e(s)}" defer></script>`).join('\n  ')}
</head>
<body>
  <a class="skip-link" href="#main">${e(T.skipLink)}</a>
  <header class="site-header">
    <p class="site-name">${e(T.siteName)}</p>
    ${nav}
    ${who}
  </header>
  <main id="main" tabindex="-1">
${o.body}
  </main>
</body>
</html>
`;
}

/** A short message page (sign-in problems, no access, signed out). */
export function renderMessagePage(title: string, heading: string, message: string, link?: { href: string; label: string }, viewer?: PageViewer): string {
  return renderLayout({
    title,
    ...(viewer ? { viewer } : {}),
    body: `    <h1>${e(heading)}</h1>
    <p>${e(message)}</p>
    ${link ? `<p><a href="${e(link.href)}">${e(link.label)}</a></p>` : ''}`,
  });
}

/** The page for an address whose query string is refused (a parameter given twice, or malformed %-encoding): 400 with this page. */
export function renderBadAddressPage(title: string, problem: QueryProblem, link: { href: string; label: string }, viewer?: PageViewer): string {
  return renderMessagePage(title, T.badAddress.heading, T.badAddress[problem.problem](problem.parameter), link, viewer);
}

/** The period chooser (a GET form, so it works without JavaScript). */
export function periodForm(action: string, days: number, label: string, button: string): string {
  const options = T.periods.map((p) => `<option value="${p.days}"${p.days === days ? ' selected' : ''}>${e(p.label)}</option>`).join('');
  return `<form method="get" action="${e(action)}" class="period"><label for="days">${e(label)}</label> <select id="days" name="days">${options}</select> <button type="submit">${e(button)}</button></form>`;
}
