import type { StaffStats } from '../../../records/index.js';
import { CHART_JS_PATH } from '../assets.js';
import { escapeHtml as e } from '../http.js';
import { STAFF_TEXT } from '../text.js';
import { periodForm, renderLayout, type PageViewer } from './layout.js';

const T = STAFF_TEXT.stats;
const percent = (n: number) => `${Math.round(n * 1000) / 10} %`.replace('.', ',');

function figure(id: string, title: string, table: string): string {
  return `<section class="chart" aria-labelledby="${id}-heading">
      <h2 id="${id}-heading">${e(title)}</h2>
      <div class="chart__canvas"><canvas id="${id}" role="img" aria-label="${e(`${title} (diagram; samma siffror finns i tabellen nedan)`)}"></canvas></div>
      ${table}
    </section>`;
}

const th = (s: string) => `<th scope="col">${e(s)}</th>`;

/** The numbers: charts drawn by chart.js (served by this server) with the same numbers in tables. */
export function renderStatsPage(viewer: PageViewer, days: number, stats: StaffStats | undefined): string {
  if (stats === undefined) {
    return renderLayout({ title: T.title, active: 'stats', viewer, body: `    <h1>${e(T.heading)}</h1>\n    <p>${e(STAFF_TEXT.storeUnavailable)}</p>` });
  }
  const t = stats.totals;
  const perDay = `<table><caption>${e(`${T.perDay}: ${T.table.toLowerCase()}`)}</caption><thead><tr>${th(T.day)}${th(T.answered)}${th(T.clarified)}${th(T.escalated)}</tr></thead><tbody>${stats.days
    .map((d) => `<tr><th scope="row">${e(d.day)}</th><td class="num">${d.answered}</td><td class="num">${d.clarified}</td><td class="num">${d.escalated}</td></tr>`)
    .join('')}</tbody></table>`;
  const shares = `<table><caption>${e(`${T.shares}: ${T.table.toLowerCase()}`)}</caption><thead><tr>${th(T.outcome)}${th(T.questions)}${th(T.share)}</tr></thead><tbody>
        <tr><th scope="row">${e(T.answered)}</th><td class="num">${t.answered}</td><td class="num">${percent(stats.shares.answered)}</td></tr>
        <tr><th scope="row">${e(T.clarified)}</th><td class="num">${t.clarified}</td><td class="num">${percent(stats.shares.clarified)}</td></tr>
        <tr><th scope="row">${e(T.escalated)}</th><td class="num">${t.escalated}</td><td class="num">${percent(stats.shares.escalated)}</td></tr>
        <tr><th scope="row">${e(T.totals)}</th><td class="num">${t.questions}</td><td class="num">${t.questions > 0 ? '100 %' : '–'}</td></tr>
      </tbody></table>`;
  const rated = stats.entries.filter((x) => x.helpful + x.notHelpful > 0);
  const helpfulness = `<table><caption>${e(`${T.helpfulness}: ${T.table.toLowerCase()}`)}</caption><thead><tr>${th(T.entry)}${th(T.yes)}${th(T.no)}</tr></thead><tbody>${rated
    .map((x) => `<tr><th scope="row">${e(x.question ?? x.id)}</th><td class="num">${x.helpful}</td><td class="num">${x.notHelpful}</td></tr>`)
    .join('')}</tbody></table>`;
  const hours = `<table><caption>${e(`${T.hours}: ${T.table.toLowerCase()}`)}</caption><thead><tr>${th(T.hour)}${th(T.questions)}</tr></thead><tbody>${stats.hours
    .map((h) => `<tr><th scope="row">${String(h.hour).padStart(2, '0')}–${String(h.hour + 1).padStart(2, '0')}</th><td class="num">${h.questions}</td></tr>`)
    .join('')}</tbody></table>`;
  const body = `    <h1>${e(T.heading)}</h1>
    <p class="intro">${e(T.intro)}</p>
    ${periodForm('/staff/stats', days, T.period, T.show)}
    <div class="charts">
    ${figure('chart-days', T.perDay, perDay)}
    ${figure('chart-shares', T.shares, shares)}
    ${figure('chart-helpfulness', T.helpfulness, helpfulness)}
    ${figure('chart-hours', T.hours, hours)}
    </div>`;
  return renderLayout({
    title: T.title,
    active: 'stats',
    viewer,
    body,
    scripts: [CHART_JS_PATH, '/staff/assets/stats.js'],
    data: { stats, labels: { answered: T.answered, clarified: T.clarified, escalated: T.escalated, yes: T.yes, no: T.no, questions: T.questions } },
  });
}
