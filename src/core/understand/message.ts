import { findPersonalData, type PersonalDataKind, type PersonalDataSpan } from '../privacy/personal-data.js';
import type { FaqEntry, Lang } from '../corpus/schema.js';
import { tokenize } from '../text/normalize.js';
import { FOLLOW_UP_OPENERS, FOLLOW_UP_PHRASES, POINTING_WORDS } from './cues.js';
import { foldAll, PhraseSet } from './phrases.js';
import { ROLE_WEIGHTS, segmentMessage, type Segment } from './segments.js';

/** A resident's message as the engine reads it: personal data gone, parts weighed. */
export interface UnderstoodMessage {
  /** The kinds of personal data that were removed before anything else looked at the text. */
  readonly personalData: readonly PersonalDataKind[];
  /** The message's parts in order, each with its role and weight. */
  readonly segments: readonly Segment[];
}

// The label a resident writes before their data ("Personnummer:", "tel", "nå mig på") is part of it.
const LABEL_BEFORE = /(?:(?:mitt|min|mina|my|our|vårt|vart)\s+)?(?:personnummer|personnumret|personnr|pers\.?\s?nr|pnr|p-nr|född|samordningsnummer|telefonnummer|telefon|tel|tfn|mobilnummer|mobil|mobilen|nummer|e-post|epost|e-postadress|mejl|mejladress|mail|mailadress|e-mail|email|org\.?\s?nr|orgnr|organisationsnummer|adress|address|phone|number|kontakt|contact|nå mig på|nås på|nås|ring mig på|ring mig gärna på|ring gärna|ring gärna på|ring på|svara gärna till|svara till|mejla svaret till|mejla mig på|mejla till|skicka svaret till|reach me at|call me at|call me on|email me at)(?:\s+(?:är|is))?\s*[:.]?\s*$/iu;

/** Characters before a span searched for its label: the longest label with its spaces fits. */
const LABEL_WINDOW = 64;

/**
 * Reads a message: finds and masks personal data, then splits what is left into weighed segments.
 * Pure and fast (regular expressions over the text once); the text itself is not kept.
 */
export function understandMessage(raw: string): UnderstoodMessage {
  // Composed letters once (å typed as a + ring becomes å), so every offset below is in one text.
  const text = raw.normalize('NFC');
  const spans = findPersonalData(text);
  const masked = maskSpans(text, spans);
  return {
    personalData: [...new Set(spans.map((s) => s.kind))],
    segments: segmentMessage(masked),
  };
}

/** The text with each span (and the label just before it) overwritten by \u0001, offsets unchanged. */
function maskSpans(text: string, spans: readonly PersonalDataSpan[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const s of spans) {
    const before = text.slice(at, s.start);
    // Only the end of the text before can hold the label: an anchored pattern over all of it would
    // backtrack through long runs of spaces from every label-like word (quadratic, issue #18).
    const tail = before.slice(-LABEL_WINDOW);
    const label = LABEL_BEFORE.exec(tail);
    const keep = label ? before.slice(0, before.length - tail.length + label.index) : before;
    out += keep + '\u0001'.repeat(before.length - keep.length + (s.end - s.start));
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * The message as a turn in a conversation: the topic answered just before stands in front of it as
 * context (the entry's question, weighed like any context), so "och när kommer de då?" after the
 * payments answer reads as a question about payments, while a clear new question still outweighs it.
 */
export function afterAnswer(message: UnderstoodMessage, previous: FaqEntry, lang: Lang): UnderstoodMessage {
  const context: Segment = {
    start: 0,
    end: 0,
    tokens: tokenize(previous.question[lang]),
    names: [],
    role: 'previous-topic',
    focus: false,
    aside: false,
    weight: ROLE_WEIGHTS['previous-topic'],
  };
  return { personalData: message.personalData, segments: [context, ...message.segments] };
}

const FOLLOW_UP = new PhraseSet(FOLLOW_UP_PHRASES);
/** A follow-up is short: past this many words a message stands on its own. */
const FOLLOW_UP_MAX_WORDS = 8;

/**
 * Whether a message only makes sense after the previous answer: it opens with "och"/"men", points
 * back ("gäller det … också?"), or is short and leans on a pronoun ("när kommer de?", "hur länge då?").
 */
export function looksLikeFollowUp(message: UnderstoodMessage): boolean {
  const asked = message.segments.filter((s) => s.weight > 0 && s.role !== 'previous-topic');
  const first = asked[0];
  if (!first) return false;
  const folded = foldAll(first.tokens);
  if (FOLLOW_UP_OPENERS.has(folded[0] ?? '')) return true;
  if (FOLLOW_UP.occursIn(folded)) return true;
  const words = asked.reduce((n, s) => n + s.tokens.length, 0);
  return words <= FOLLOW_UP_MAX_WORDS && folded.some((w) => POINTING_WORDS.has(w));
}
