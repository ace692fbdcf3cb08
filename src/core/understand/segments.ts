import { writtenOut } from './colloquial.js';
import { ASIDE_PHRASES, ASKING_PHRASES, FOCUS_PHRASES, GREETING_WORDS, QUESTION_OPENERS, REPORTING_PHRASES, SELF_INTRODUCTION_PHRASES, SIGN_OFF_PHRASES } from './cues.js';
import { foldAll, PhraseSet } from './phrases.js';
import { allMatches } from '../text/matches.js';

/** What a part of a message does, as a contact-center agent would read it. */
export type SegmentRole =
  /** "Hej!", "God kväll." */
  | 'greeting'
  /** "Vänliga hälsningar, Margareta", "Skickat från min iPhone". */
  | 'sign-off'
  /** A name or label beside removed personal data: "Jonny Wik, …", "Avsändare: …". */
  | 'contact-details'
  /** "Jag heter Gunnel och bor i Haga." */
  | 'introduction'
  /** "Jag hörde att polisen är inkopplad": what someone else said. */
  | 'report'
  /** Any other statement: context for the question. */
  | 'statement'
  /** A sentence that asks. */
  | 'question'
  /** Not written by the resident: the topic answered just before, read as context for a follow-up. */
  | 'previous-topic';

export interface Segment {
  /** Where it stands in the message (character offsets). */
  readonly start: number;
  readonly end: number;
  /** Its words, lower-case, chat abbreviations written out, personal data removed. */
  readonly tokens: readonly string[];
  /** Words written with a capital letter inside the segment (names and places), lower-case. */
  readonly names: readonly string[];
  readonly role: SegmentRole;
  /** "men främst …", "det jag verkligen vill veta är …". */
  readonly focus: boolean;
  /** "… också", "lite nyfiken på …": asked in passing. */
  readonly aside: boolean;
  /** How much this part counts when the message is matched, 0–2. */
  readonly weight: number;
}

/** Relative weight of each role; focus doubles a question's, an aside beside a focus is cut. */
export const ROLE_WEIGHTS: Readonly<Record<SegmentRole, number>> = Object.freeze({
  greeting: 0,
  'sign-off': 0,
  'contact-details': 0,
  introduction: 0.3,
  report: 0.3,
  statement: 0.5,
  question: 1,
  'previous-topic': 0.7,
});
const FOCUS_FACTOR = 2;
const ASIDE_FACTOR = 0.35;
/** A plain question beside one the writer marked as the one that matters. */
const BESIDE_FOCUS_FACTOR = 0.7;

const SIGN_OFF = new PhraseSet(SIGN_OFF_PHRASES);
const ASKING = new PhraseSet(ASKING_PHRASES);
const FOCUS = new PhraseSet(FOCUS_PHRASES);
const ASIDE = new PhraseSet(ASIDE_PHRASES);
const REPORTING = new PhraseSet(REPORTING_PHRASES);
const INTRODUCTION = new PhraseSet(SELF_INTRODUCTION_PHRASES);

// Sentence ends, line breaks, dashes between spaces, "Fråga:" labels, pipes and semicolons, a
// contrastive "men"/"but" (what follows is often what the writer cares about), and removed personal data.
// The alternatives that begin with a run of spaces may only begin where the run begins (lookbehinds):
// tried from inside a long run they each rescanned it, a quadratic cost (issue #18).
const BOUNDARY = /(?<=[.!?…])\s+|[\r\n]+|\s[–—-]+\s|(?<!\s)\s*\|\s*|;\s*|:\s+|(?<!\s),?\s+(?=(?:men|but)\s)|(?<![\s,(])[\s,(]*\u0001+[\s,).:]*/giu;
// Words as tokenize() splits them (letters and digits), apostrophes inside words dropped.
const WORD = /[\p{L}\p{N}]+(?:['’`´][\p{L}\p{N}]+)*/gu;
const APOSTROPHES = /['’`´]/g;

interface Draft {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly tokens: readonly string[];
  readonly folded: readonly string[];
  readonly names: readonly string[];
  readonly besidePersonalData: boolean;
}

/**
 * Splits a message into segments and weighs them. `masked` is the message with personal data
 * overwritten by `\u0001` (offsets unchanged), so names and labels beside it can be recognised.
 */
export function segmentMessage(masked: string): Segment[] {
  const drafts: Draft[] = [];
  let at = 0;
  const push = (start: number, end: number) => {
    if (end <= start) return;
    const draft = readSegment(masked, start, end);
    if (draft.tokens.length > 0) drafts.push(draft);
  };
  for (const m of allMatches(BOUNDARY, masked)) {
    push(at, m.index);
    at = m.index + m[0].length;
  }
  push(at, masked.length);

  let signedOff = false;
  const segments = drafts.map((d, i) => {
    // After a sign-off only names and details follow: "Tack! / Johanna Ek".
    const trailing = signedOff && d.tokens.length <= 4 && !d.text.trimEnd().endsWith('?');
    const role: SegmentRole = trailing ? 'sign-off' : roleOf(d, i, drafts.length);
    signedOff = role === 'sign-off';
    const weighed = role !== 'greeting' && role !== 'sign-off' && role !== 'contact-details';
    return { d, role, focus: weighed && FOCUS.occursIn(d.folded), aside: ASIDE.occursIn(d.folded) };
  });

  // An aside counts less only beside a question the writer marked as the one that matters: "också"
  // alone is as often part of the main question ("Är Hyresbostäder också drabbade?").
  const hasFocus = segments.some((s) => s.focus);
  return segments.map(({ d, role, focus, aside }) => {
    let weight = ROLE_WEIGHTS[role];
    if (focus) weight = Math.max(weight, ROLE_WEIGHTS.question) * FOCUS_FACTOR;
    else if (aside && hasFocus) weight *= ASIDE_FACTOR;
    else if (hasFocus && role === 'question') weight *= BESIDE_FOCUS_FACTOR;
    return { start: d.start, end: d.end, tokens: d.tokens, names: d.names, role, focus, aside, weight };
  });
}

function readSegment(masked: string, start: number, end: number): Draft {
  const text = masked.slice(start, end);
  const tokens: string[] = [];
  const names: string[] = [];
  for (const m of allMatches(WORD, text)) {
    const word = m[0].includes("'") || m[0].includes('’') || m[0].includes('`') || m[0].includes('´') ? m[0].replace(APOSTROPHES, '') : m[0];
    // Plain lower-casing is exact for Swedish and English letters (locale rules matter only for Turkish i).
    const lower = word.toLowerCase();
    // A capital letter inside a segment marks a name or a place (not a misspelt corpus word).
    if (m.index > 0 && word !== lower && /^\p{Lu}\p{Ll}/u.test(word)) names.push(lower);
    const joined = text[m.index + word.length] === '-' || text[m.index - 1] === '-';
    const full = joined ? undefined : writtenOut(lower);
    if (full === undefined) tokens.push(lower);
    else for (const w of full.split(' ')) tokens.push(w);
  }
  const before = masked.slice(Math.max(0, start - 4), start);
  const after = masked.slice(end, end + 5);
  return {
    start,
    end,
    text,
    tokens,
    folded: foldAll(tokens),
    names,
    besidePersonalData: before.includes('\u0001') || /^[\s,().|:;–-]*\u0001/.test(after),
  };
}

function roleOf(d: Draft, index: number, count: number): SegmentRole {
  const trimmed = d.text.trim();
  const first = d.tokens[0] ?? '';
  const asks = trimmed.endsWith('?') || QUESTION_OPENERS.has(first) || ASKING.occursIn(d.folded);
  // "Tack på förhand" ends a message; "tack, men kommer pengarna?" does not.
  if ((trimmed.startsWith('/') || SIGN_OFF.begins(d.folded)) && !trimmed.endsWith('?')) return 'sign-off';
  if (d.besidePersonalData && !asks && d.tokens.length <= 3) return 'contact-details';
  if (GREETING_WORDS.has(first) && !asks && isOnlyGreeting(d)) return 'greeting';
  // A closing name: one to three capitalised words at the very end ("Roger", "Joakim Nilsson").
  if (index === count - 1 && index > 0 && !asks && d.tokens.length <= 3 && /^\p{Lu}/u.test(trimmed) && !/[.!?]$/.test(trimmed)) return 'sign-off';
  if (asks) return 'question';
  if (REPORTING.occursIn(d.folded)) return 'report';
  if (INTRODUCTION.occursIn(d.folded)) return 'introduction';
  return 'statement';
}

// "Hej!", "God kväll", "Tjenare kommunen, Patrik här": greeting words, then at most a name.
function isOnlyGreeting(d: Draft): boolean {
  let i = 0;
  while (i < d.tokens.length && GREETING_WORDS.has(d.tokens[i] as string)) i++;
  const rest = d.tokens.slice(i).filter((t) => t !== 'här' && t !== 'igen');
  return rest.length === 0 || (rest.length <= 2 && rest.every((t) => d.names.includes(t)));
}
