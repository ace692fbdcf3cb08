import { findPersonalData, type PersonalDataKind, type PersonalDataSpan } from '../privacy/personal-data.js';
import { segmentMessage, type Segment } from './segments.js';

/** A resident's message as the engine reads it: personal data gone, parts weighed. */
export interface UnderstoodMessage {
  /** The kinds of personal data that were removed before anything else looked at the text. */
  readonly personalData: readonly PersonalDataKind[];
  /** The message's parts in order, each with its role and weight. */
  readonly segments: readonly Segment[];
}

// The label a resident writes before their data ("Personnummer:", "tel", "nå mig på") is part of it.
const LABEL_BEFORE = /(?:(?:mitt|min|mina|my|our|vårt|vart)\s+)?(?:personnummer|personnumret|personnr|pers\.?\s?nr|pnr|p-nr|född|samordningsnummer|telefonnummer|telefon|tel|tfn|mobilnummer|mobil|mobilen|nummer|e-post|epost|e-postadress|mejl|mejladress|mail|mailadress|e-mail|email|org\.?\s?nr|orgnr|organisationsnummer|adress|address|phone|number|kontakt|contact|nå mig på|nås på|nås|ring mig på|ring mig gärna på|ring gärna|ring gärna på|ring på|svara gärna till|svara till|mejla svaret till|mejla mig på|mejla till|skicka svaret till|reach me at|call me at|call me on|email me at)(?:\s+(?:är|is))?\s*[:.]?\s*$/iu;

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
    const label = LABEL_BEFORE.exec(before);
    const keep = label ? before.slice(0, label.index) : before;
    out += keep + '\u0001'.repeat(before.length - keep.length + (s.end - s.start));
    at = s.end;
  }
  return out + text.slice(at);
}
