/**
 * A draft corpus as the files of a faq-data/ folder (faq-data/README.md's format), and a notes file for
 * the editor. Pure: file name → text; the CLI writes them. The corpus needs English beside every Swedish
 * text and the page has none, so the English fields carry the page's Swedish words unchanged, never a
 * machine's guess; the notes list every one to translate before publishing.
 */
import { stringify } from 'yaml';
import type { DraftCorpus } from './import-page.js';

const STATUS_QUESTION: readonly RegExp[] = [/läget|status/i, /\bnu\b/i, /under kontroll/i, /hänt/i];
const q = (s: string) => JSON.stringify(s); // a JSON string is a valid double-quoted YAML scalar
const comment = (s: string) => `# ${s.replace(/\s+/g, ' ')}`;

/** The entry whose answer should carry the latest update: a question about the situation now, else the first. */
export function statusEntryId(draft: DraftCorpus): string {
  for (const pattern of STATUS_QUESTION) {
    const hit = draft.entries.find((e) => pattern.test(e.question));
    if (hit !== undefined) return hit.id;
  }
  return draft.entries[0]?.id ?? 'status';
}

export interface DraftFilesOptions {
  /** The day of the import (YYYY-MM-DD), written in the files' headers. */
  readonly today: string;
}

export function draftFiles(draft: DraftCorpus, options: DraftFilesOptions): Map<string, string> {
  const files = new Map<string, string>();
  const source = { title: draft.page.title, url: draft.page.url };
  const header = `# Imported from ${draft.page.url} on ${options.today} (npm run faq:import-page). A draft: review it before publishing.\n# English fields hold the page's Swedish text unchanged: translate them (see IMPORT-NOTES.md).\n`;

  for (const e of draft.entries) {
    const body = stringify(
      {
        id: e.id,
        category: e.category,
        audience: ['all'],
        question: { sv: e.question, en: e.question },
        phrasings: { sv: [e.question], en: [] },
        answer: { sv: e.answer, en: e.answer },
        source,
      },
      { lineWidth: 0, aliasDuplicateObjects: false },
    );
    files.set(`entries/${e.id}.yaml`, header + body);
  }

  const updates = draft.timeline.map((u) => ({
    date: u.date,
    ...(u.time === undefined ? {} : { time: u.time }),
    text: { sv: u.text, en: u.text },
    source,
  }));
  files.set(
    'timeline.yaml',
    `${header}# Dates as the page writes them; the year ${yearNote(draft)}. No time unless the page gives one.\n${stringify({ entry: statusEntryId(draft), updates }, { lineWidth: 0, aliasDuplicateObjects: false })}`,
  );

  files.set('contact.yaml', header + contactYaml(draft));
  files.set('IMPORT-NOTES.md', notes(draft, options));
  return files;
}

function yearNote(draft: DraftCorpus): string {
  if (draft.years.published !== undefined) return `from the page's publishing date (${draft.years.published})`;
  if (draft.years.weekdayYear !== undefined) return `from the page's weekdays (the latest year, not after the import, in which every weekday it names falls on its date: ${draft.years.weekdayYear})`;
  return 'only where the page writes it';
}

function contactYaml(draft: DraftCorpus): string {
  const c = draft.contact;
  const src = `source:\n  title: ${q(draft.page.title)}\n  url: ${q(draft.page.url)}`;
  const indentedSource = (pad: string) => `${pad}source:\n${pad}  title: ${q(draft.page.title)}\n${pad}  url: ${q(draft.page.url)}`;
  const lines: string[] = [];
  const missing = (field: string) => lines.push(`# ${field}: not found on the page; the corpus needs it (see IMPORT-NOTES.md).`);
  if (c.name !== undefined) lines.push(comment(`From: "${c.name.sentence}"`), `name:\n  sv: ${q(c.name.value)}\n  en: ${q(c.name.value)}`);
  else missing('name');
  if (c.phone !== undefined) lines.push(comment(`From: "${c.phone.sentence}"`), `phone:\n  display: ${q(c.phone.value)}\n  tel: ${q(c.phone.tel)}`);
  else missing('phone');
  if (c.email !== undefined) lines.push(comment(`From: "${c.email.sentence}"`), `email: ${q(c.email.value)}`);
  else missing('email');
  if (c.visitingAddress !== undefined) {
    lines.push(comment(`From: "${c.visitingAddress.sentence}"`), `visitingAddress:\n  sv: ${q(c.visitingAddress.value)}\n  en: ${q(c.visitingAddress.value)}`);
  } else missing('visitingAddress');
  const h = c.openingHours;
  if (h !== undefined) {
    lines.push(
      comment(`From: "${h.sentence}"`),
      `openingHours:\n  timeZone: Europe/Stockholm\n  opens: ${q(h.opens)}\n  closes: ${q(h.closes)}\n  display:\n    sv: ${q(h.value)}\n    en: ${q(h.value.replace(/(\d{2})\.(\d{2})/g, '$1:$2'))}`,
    );
    if (h.days !== undefined) lines.push(`  days:\n    list: [${h.days.join(', ')}]\n${indentedSource('    ')}`);
    const own = Object.entries(h.exceptions ?? {});
    if (own.length > 0) lines.push('  exceptions:', ...own.map(([day, t]) => `    ${day}: { opens: ${q(t.opens)}, closes: ${q(t.closes)} }`));
    if (h.daysUnclear !== undefined) lines.push(comment(`The sentence names days, but ${h.daysUnclear}, so no days are written: add days: (and exceptions:) from the page.`).replace(/^/, '  '));
    else if (h.days === undefined) lines.push('  # The page names no days for these hours, so none are written.');
    lines.push('  # The page says nothing about public holidays, so publicHolidays is left out.');
  } else missing('openingHours');
  if (c.phoneHours !== undefined) {
    lines.push(comment(`From: "${c.phoneHours.sentence}"`), `phoneHours:\n  display:\n    sv: ${q(c.phoneHours.value)}\n    en: ${q(c.phoneHours.value)}\n${indentedSource('  ')}`);
  }
  lines.push('advice: []', `updatesUrl: ${q(draft.page.url)}`, src);
  return `${lines.join('\n')}\n`;
}

function notes(draft: DraftCorpus, options: DraftFilesOptions): string {
  const out: string[] = [];
  out.push(`# Import of ${draft.page.url} (${options.today})`, '');
  out.push(`${draft.entries.length} questions, ${draft.timeline.length} dated updates. The year of dates without one: ${yearNote(draft)}.`, '');
  out.push('## To do before publishing', '');
  out.push('- Translate every `en:` field: it holds the page\'s Swedish text unchanged.');
  out.push('- Add phrasings (how residents ask); each entry has only its question.');
  out.push(`- Check the timeline's status entry (\`entry: ${statusEntryId(draft)}\`) and shorten each update to one or two sentences.`);
  for (const field of ['name', 'phone', 'email', 'visitingAddress', 'openingHours'] as const) {
    if (draft.contact[field] === undefined) out.push(`- contact.yaml: the page gives no ${field}; the corpus needs one, from a page that states it.`);
  }
  const unclear = draft.contact.openingHours?.daysUnclear;
  if (unclear !== undefined) out.push(`- contact.yaml: the opening hours' sentence names days, but ${unclear}; write openingHours.days (and exceptions) from the page, or the bot cannot say on which days the reception is open.`);
  out.push('', '## Contact details and the sentences they come from', '');
  const c = draft.contact;
  const rows: [string, { value: string; sentence: string } | undefined][] = [
    ['name', c.name], ['phone', c.phone], ['e-mail', c.email], ['visiting address', c.visitingAddress], ['opening hours', c.openingHours], ['phone hours', c.phoneHours],
  ];
  // A sentence may span lines (hours one day a line): one line here, as in contact.yaml's comments.
  const oneLine = (sentence: string) => sentence.replace(/\s+/g, ' ');
  for (const [label, v] of rows) if (v !== undefined) out.push(`- ${label}: ${v.value} ← "${oneLine(v.sentence)}"`);
  if (c.others.length > 0) {
    out.push('', 'Also on the page, not used for the contact center:', '');
    for (const o of c.others) out.push(`- ${o.kind}: ${o.value} ← "${oneLine(o.sentence)}"`);
  }
  out.push('', '## Not placed', '');
  if (draft.unplaced.length === 0) out.push('Everything on the page was placed.');
  for (const u of draft.unplaced) out.push(`- ${u.reason}: "${u.text}"`);
  if (draft.personalDataRemoved.length > 0) {
    out.push('', '## Personal data left out', '');
    for (const p of draft.personalDataRemoved) out.push(`- ${p.where}: ${p.kinds.join(', ')} (replaced by a label; the value is not copied)`);
  }
  return `${out.join('\n')}\n`;
}
