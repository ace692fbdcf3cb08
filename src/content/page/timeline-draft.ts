/**
 * Dated paragraphs become timeline updates: a heading with a date ("Uppdatering måndag 13 oktober")
 * makes one update of everything under it; elsewhere a paragraph whose first sentence has a date
 * ("Fredag den 2 december gick …") is one update. A time only when the page writes one next to the
 * date; the year only as dates.ts finds it. What cannot be dated is returned for the editor.
 */
import { collapse } from './blocks.js';
import { findDates, findTimeRanges, findTimes, isoDate, yearOf, type WrittenDate, type YearBasis, type YearContext } from './dates.js';
import { sentences } from './facts.js';
import type { OtherBlock } from './faq-pairs.js';

const PAGE_DATE_LINE = /^(?:publicerad|uppdaterad|senast uppdaterad|published|updated|last updated)\b/i;

export interface DraftUpdate {
  /** YYYY-MM-DD */
  readonly date: string;
  /** HH:MM, only when the page gives a time with the date. */
  readonly time?: string;
  readonly text: string;
  /** How the year was found: written on the page, from its publishing date, or from its weekdays. */
  readonly yearBasis: YearBasis;
  /** The date as the page writes it. */
  readonly written: string;
}

export interface Unplaced {
  readonly text: string;
  /** Why it was not placed, for the editor. */
  readonly reason: string;
}

export interface TimelineDraft {
  readonly updates: readonly DraftUpdate[];
  readonly unplaced: readonly Unplaced[];
}

/**
 * The time of the update when its sentence marks one ("kl. 14.00", "klockan 8"). Bare clock readings are
 * left alone: "öppet 08.30–16.00" says when a door is open, not when the update was written.
 */
function timeNear(sentence: string): string | undefined {
  return findTimes(sentence, findTimeRanges(sentence)).find((t) => /^(?:kl|klockan|at)\b/i.test(t.raw))?.time;
}

export function draftTimeline(rest: readonly OtherBlock[], years: YearContext): TimelineDraft {
  const updates: DraftUpdate[] = [];
  const unplaced: Unplaced[] = [];
  const sectionDates = new Set<string>();
  let section: { heading: string; date: WrittenDate; parts: string[]; time?: string } | undefined;

  const dateOf = (d: WrittenDate): { date: string; basis: YearBasis } | undefined => {
    const y = yearOf(d, years);
    return y === undefined ? undefined : { date: isoDate(y.year, d.month, d.day), basis: y.basis };
  };
  const closeSection = () => {
    if (section === undefined) return;
    const dated = dateOf(section.date);
    const text = collapse(section.parts.join(' '));
    if (text === '') {
      unplaced.push({ text: section.heading, reason: 'a dated heading with no text under it' });
    } else if (dated === undefined) {
      unplaced.push({ text: `${section.heading}: ${text}`, reason: `the page gives no year for "${section.date.raw}" (no publishing date, no weekday that settles it)` });
    } else {
      sectionDates.add(dated.date);
      updates.push({ date: dated.date, text, yearBasis: dated.basis, written: section.date.raw, ...(section.time === undefined ? {} : { time: section.time }) });
    }
    section = undefined;
  };

  // First the dated sections, so a paragraph elsewhere dated the same day is known to be covered.
  const loose: OtherBlock[] = [];
  for (const item of rest) {
    const b = item.block;
    if (b.kind === 'heading') {
      closeSection();
      const date = findDates(b.text)[0];
      if (date !== undefined) {
        const time = timeNear(b.text);
        section = { heading: b.text, date, parts: [], ...(time === undefined ? {} : { time }) };
      }
      continue;
    }
    if (section !== undefined) section.parts.push(b.kind === 'item' ? `${b.text}.`.replace(/\.\.$/, '.') : b.text);
    else loose.push(item);
  }
  closeSection();

  for (const { block } of loose) {
    if (block.kind === 'heading') continue;
    // "Publicerad …, uppdaterad …" is the page's own date line: read for the years, not an update.
    if (PAGE_DATE_LINE.test(block.text)) continue;
    const first = sentences(block.text)[0] ?? block.text;
    const date = findDates(first)[0];
    if (date === undefined) {
      unplaced.push({ text: block.text, reason: block.kind === 'item' ? 'a list item outside the questions, without a date' : 'a paragraph outside the questions, without a date in its first sentence' });
      continue;
    }
    const dated = dateOf(date);
    if (dated === undefined) {
      unplaced.push({ text: block.text, reason: `the page gives no year for "${date.raw}" (no publishing date, no weekday that settles it)` });
      continue;
    }
    if (sectionDates.has(dated.date)) {
      unplaced.push({ text: block.text, reason: `dated ${dated.date}, a day the page already has an update section for: not made a second update` });
      continue;
    }
    const time = timeNear(first);
    updates.push({ date: dated.date, text: block.text, yearBasis: dated.basis, written: date.raw, ...(time === undefined ? {} : { time }) });
  }
  updates.sort((a, b) => a.date.localeCompare(b.date) || (a.time ?? '').localeCompare(b.time ?? ''));
  return { updates, unplaced };
}
