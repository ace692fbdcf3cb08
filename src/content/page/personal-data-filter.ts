/**
 * Personal data on a page is not copied into the corpus. The municipality's own switchboard, functional
 * e-mail addresses and office addresses are the facts residents need; what is removed is what identifies
 * a person: personnummer and samordningsnummer always, mobile numbers (a municipality publishes
 * switchboard numbers, a mobile number belongs to someone), and e-mail addresses that spell a name the
 * page writes ("anna.svensson@…" beside "Anna Svensson"). Found with the project's detector.
 */
import { findPersonalData, PERSONAL_DATA_LABELS, replaceSpans, type PersonalDataSpan } from '../../core/privacy/personal-data.js';
import { phoneKey } from './facts.js';

export type RemovedKind = 'personnummer' | 'mobile' | 'personal-email';

const fold = (s: string) => s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

/** True for an address whose local part is "first.last" and the page names "First Last". */
function namesSomeone(email: string, pageText: string): boolean {
  const local = email.split('@')[0] ?? '';
  const parts = local.split(/[._-]/).filter((p) => p.length >= 2 && /^\p{L}+$/u.test(p));
  if (parts.length < 2) return false;
  const folded = fold(pageText);
  // A capitalised name on the page: the parts as consecutive words, the first letter upper-case there.
  const name = new RegExp(`(?<![\\p{L}])${parts.map((p) => fold(p)).join('\\s+')}(?![\\p{L}])`, 'u');
  const match = name.exec(folded);
  if (match === null) return false;
  const original = pageText.slice(match.index, match.index + match[0].length);
  return original.split(/\s+/).every((w) => /^\p{Lu}/u.test(w));
}

/** The text without personal data (each replaced by its label, e.g. "[personnummer]"), and what was removed. */
export function withoutPersonalData(text: string, pageText: string): { text: string; removed: RemovedKind[] } {
  const removed: RemovedKind[] = [];
  const spans: PersonalDataSpan[] = [];
  for (const span of findPersonalData(text)) {
    const raw = text.slice(span.start, span.end);
    if (span.kind === 'personnummer') {
      spans.push(span);
      removed.push('personnummer');
    } else if (span.kind === 'phone' && /^07\d/.test(phoneKey(raw))) {
      spans.push(span);
      removed.push('mobile');
    } else if (span.kind === 'email' && namesSomeone(raw, pageText)) {
      spans.push(span);
      removed.push('personal-email');
    }
  }
  return { text: spans.length === 0 ? text : replaceSpans(text, spans, (kind) => PERSONAL_DATA_LABELS[kind]), removed };
}
