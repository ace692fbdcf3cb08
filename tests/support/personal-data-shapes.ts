import type { PersonalDataKind } from '../../src/core/index.js';

/** One way residents write personal data, with the part of it that must never be kept anywhere. */
export interface PersonalDataShape {
  readonly written: string;
  readonly kind: PersonalDataKind;
  /** A fragment that identifies the person: it must appear in no store, export, log or reply. */
  readonly telltale: string;
}

/**
 * The shapes residents paste from documents and phones (issue #18, finding 4): Unicode dashes and
 * minus, spaces inside numbers, full-width characters, "(at)", area codes in parentheses, street
 * names with the endings of estates, property designations, a capitalised place after "bor på".
 */
export const PERSONAL_DATA_SHAPES: readonly PersonalDataShape[] = [
  { written: '811218–9876', kind: 'personnummer', telltale: '9876' },
  { written: '811218−9876', kind: 'personnummer', telltale: '9876' },
  { written: '81 12 18-98 76', kind: 'personnummer', telltale: '98 76' },
  { written: '1981 12 18 9876', kind: 'personnummer', telltale: '9876' },
  { written: '８１１２１８－９８７６', kind: 'personnummer', telltale: '９８７６' },
  { written: '(011) 12 34 56', kind: 'phone', telltale: '12 34 56' },
  { written: '070.123.45.67', kind: 'phone', telltale: '123.45' },
  { written: '070–123 45 67', kind: 'phone', telltale: '123 45' },
  { written: '070\u00a0123\u00a045\u00a067', kind: 'phone', telltale: '123\u00a045' },
  { written: 'anna (at) gmail.com', kind: 'email', telltale: 'gmail' },
  { written: 'anna＠gmail.com', kind: 'email', telltale: 'gmail' },
  { written: 'Björktorpet 3', kind: 'address', telltale: 'Björktorpet' },
  { written: 'Solgården 12', kind: 'address', telltale: 'Solgården' },
  { written: 'Kvarngången 7', kind: 'address', telltale: 'Kvarngången' },
  { written: 'Ekholmen 4', kind: 'address', telltale: 'Ekholmen' },
  { written: 'Norrstrand 5', kind: 'address', telltale: 'Norrstrand' },
  { written: 'Lindö 4:12', kind: 'address', telltale: 'Lindö' },
  // Round 8's sweep: separators and spacing the patterns missed.
  { written: '81-12-18-9876', kind: 'personnummer', telltale: '9876' },
  { written: '81.12.18-9876', kind: 'personnummer', telltale: '9876' },
  { written: '811218/9876', kind: 'personnummer', telltale: '9876' },
  { written: '811218_9876', kind: 'personnummer', telltale: '9876' },
  { written: '070/123 45 67', kind: 'phone', telltale: '123 45' },
  { written: '46701234567', kind: 'phone', telltale: '701234567' },
  { written: '46 70 123 45 67', kind: 'phone', telltale: '123 45' },
  { written: 'anna @ brevlada.se', kind: 'email', telltale: 'brevlada' },
  { written: 'anna.svensson@gmail', kind: 'email', telltale: 'svensson' },
  { written: 'anna snabel-a postlada punkt se', kind: 'email', telltale: 'postlada' },
  { written: 'anna (at) postlada (dot) com', kind: 'email', telltale: 'postlada' },
  { written: 'Storgatan12', kind: 'address', telltale: 'Storgatan' },
  { written: 'Kungsgatan 3-5', kind: 'address', telltale: 'Kungsgatan' },
  { written: 'Box 123', kind: 'address', telltale: 'Box 1' },
];

/** A capitalised place and a house number after "bor på" / "adress" is an address whatever it ends with. */
export const ADDRESS_AFTER_CUE: readonly { readonly written: string; readonly scrubbed: string; readonly telltale: string }[] = [
  { written: 'jag bor på Kneippen 3', scrubbed: 'jag bor på [adress]', telltale: 'Kneippen' },
  { written: 'min adress är Vrinnevi 14B', scrubbed: 'min adress är [adress]', telltale: 'Vrinnevi' },
  { written: 'adress: Gamla Övre 2', scrubbed: 'adress: [adress]', telltale: 'Övre' },
];

/**
 * Personal data with an invisible format character inside (zero-width space, soft hyphen, word joiner,
 * zero-width non-joiner, byte-order mark), as text copied from web pages, PDFs and chat apps carries
 * them. The channels drop such characters where text comes in (src/channels/http/typed-text.ts);
 * before that the patterns did not see these as numbers or addresses and they were kept as typed.
 */
export const HIDDEN_BY_INVISIBLE_CHARACTERS: readonly { readonly written: string; readonly telltale: string }[] = [
  { written: '19811218\u200b-9876', telltale: '9876' },
  { written: '811218\u00ad9876', telltale: '9876' },
  { written: '8112\ufeff18-9876', telltale: '9876' },
  { written: '070\u2060123 45 67', telltale: '123 45' },
  { written: 'anna\u200b@gmail.com', telltale: 'gmail' },
  { written: 'Björk\u200ctorpet 3', telltale: 'Björk' },
  // Decomposed (NFD): a letter and its accent apart split the street name, and its first half was kept.
  { written: 'Tra\u0308dga\u030arsgatan 21', telltale: 'Tra\u0308dg' },
];
