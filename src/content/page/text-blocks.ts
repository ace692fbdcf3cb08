/**
 * Reads a plain-text page (what a browser's "copy all" or a text export gives, or Markdown) into blocks:
 * paragraphs separated by blank lines, "•"/"-"/"*" lines as list items, short lines without a closing
 * stop as headings, "# …" as headings and "**…**" at a paragraph's start as its bold lead.
 */
import { collapse, type PageBlock, type ReadPage } from './blocks.js';
import { findDates, isoDate } from './dates.js';

const BULLET = /^\s*(?:[•●▪◦*–-]|\d{1,2}[.)])\s+/u;
const MARKDOWN_HEADING = /^(#{1,6})\s+(.*)$/;
const BOLD_LEAD = /^\*\*(.+?)\*\*\s*(.*)$/s;
const URL_LINE = /^https?:\/\/\S+$/;
const PUBLISHED_LINE = /^(?:publicerad|uppdaterad|published|updated)\b/i;

/** A line that reads as a heading: short, and not a sentence (no closing stop, question mark or colon). */
const isQuestionLine = (line: string): boolean => line.endsWith('?') && line.length <= 250;
const looksLikeHeading = (line: string): boolean => line.length <= 90 && !/[.?!:;,]$/.test(line) && /^\p{Lu}/u.test(line);

export function readPlainText(text: string): ReadPage {
  const blocks: PageBlock[] = [];
  let title: string | undefined;
  let url: string | undefined;
  let published: string | undefined;
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  for (const para of paragraphs) {
    const lines = para.split('\n').map((l) => l.replace(/[\s\u00a0]+$/u, '')).filter((l) => l.trim() !== '');
    let run: string[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const joined = collapse(run.join(' '));
      run = [];
      const bold = BOLD_LEAD.exec(joined);
      if (bold !== null) {
        const lead = collapse(bold[1] ?? '');
        const rest = collapse(bold[2] ?? '');
        blocks.push({ kind: 'paragraph', text: rest === '' ? lead : `${lead} ${rest}`, lead });
        return;
      }
      blocks.push({ kind: 'paragraph', text: joined });
    };
    for (const raw of lines) {
      const line = collapse(raw);
      const md = MARKDOWN_HEADING.exec(line);
      if (md !== null) {
        flush();
        const heading = collapse((md[2] ?? '').replace(/\*\*/g, ''));
        if (title === undefined) title = heading;
        blocks.push({ kind: 'heading', level: (md[1] ?? '#').length, text: heading });
        continue;
      }
      if (BULLET.test(raw)) {
        flush();
        blocks.push({ kind: 'item', text: collapse(raw.replace(BULLET, '')) });
        continue;
      }
      if (URL_LINE.test(line) && url === undefined && blocks.length <= 3) {
        flush();
        url = line;
        continue;
      }
      if (PUBLISHED_LINE.test(line) && published === undefined) {
        const date = findDates(line).find((d) => d.year !== undefined);
        if (date?.year !== undefined) {
          flush();
          // The last date on the line is the latest ("publicerad …, uppdaterad …"): the page's newest state.
          const dated = findDates(line).filter((d) => d.year !== undefined);
          const last = dated.at(-1) ?? date;
          published = isoDate(last.year ?? date.year, last.month, last.day);
          continue;
        }
      }
      // A question on its own line with its answer on the next ("Vad har hänt?\nMåndag den …"): its own block.
      if (lines.length > 1 && isQuestionLine(line)) {
        flush();
        blocks.push({ kind: 'paragraph', text: line });
        continue;
      }
      // A line alone in its paragraph, short and without a stop, is a heading.
      if (lines.length === 1 && looksLikeHeading(line)) {
        if (title === undefined && blocks.length === 0) title = line;
        blocks.push({ kind: 'heading', level: title === line && blocks.length === 0 ? 1 : 2, text: line });
        continue;
      }
      run.push(line);
    }
    flush();
  }
  return { blocks, ...(title === undefined ? {} : { title }), ...(url === undefined ? {} : { url }), ...(published === undefined ? {} : { published }) };
}
