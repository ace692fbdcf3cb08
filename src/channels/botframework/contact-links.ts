/**
 * Phone numbers and e-mail addresses in a vetted answer become markdown links (tel:, mailto:), so a
 * resident on a phone can tap them: Web Chat and Teams render markdown links in message text and in
 * hero cards. Nothing else in the text changes, and text already inside a link or a URL is left alone.
 */

// A Swedish number as answers write it: area code with a dash, then groups ("011-15 00 00",
// "08-123 456 78", "0771-25 25 25"), or international ("+46 11 15 00 00"). Bare digit runs are not
// numbers to call (amounts, years, case numbers), so they are never linked.
const PHONE = /(?<![\d+])(?:\+46[ \u00a0]?\d{1,3}(?:[ \u00a0-]\d{2,4}){2,4}|0\d{1,3}[-\u2010\u2011\u2012\u2013][ \u00a0]?\d{2,3}(?:[ \u00a0]?\d{2,3}){1,3})(?![\d])/g;
const EMAIL = /(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w@])/g;
// Markdown links, autolinks and bare URLs: already links, or part of one.
const LINKED = /\[[^\]\n]*\]\([^)\n]*\)|<[^>\s]+>|https?:\/\/[^\s)]+/g;

/** "011-15 00 00", "+46 11 15 00 00" and "+46 (0)11 15 00 00" → "tel:+4611150000". */
export function telUri(display: string): string {
  const digits = display.replace(/[^\d+]/g, '');
  // The trunk 0 is dropped after the country code, however the number was written.
  return `tel:${digits.startsWith('+') ? digits.replace(/^\+460/, '+46') : `+46${digits.slice(1)}`}`;
}

function linkPlain(text: string): string {
  // E-mail first: its domain never looks like a phone number, and the phone pass skips what is linked.
  const withEmail = text.replace(EMAIL, (address) => `[${address}](mailto:${address})`);
  return splitLinked(withEmail, (plain) => plain.replace(PHONE, (number) => `[${number}](${telUri(number)})`));
}

/** Applies `transform` to the parts of `text` outside links and URLs. */
function splitLinked(text: string, transform: (plain: string) => string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(LINKED)) {
    out += transform(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + transform(text.slice(last));
}

/** The markdown `text` with its phone numbers and e-mail addresses as tel: and mailto: links. */
export function linkContactDetails(text: string): string {
  return splitLinked(text, linkPlain);
}

/** A phone number or e-mail address linked in a text: what it shows and the tel:/mailto: URL. */
export interface ContactLink {
  readonly kind: 'tel' | 'mailto';
  readonly display: string;
  readonly url: string;
}

const CONTACT_LINK = /\[([^\]\n]+)\]\(((?:tel|mailto):[^)\s]+)\)/g;

/**
 * The tel: and mailto: links in markdown `text` (as linkContactDetails writes them, or as an editor
 * did), each URL once, in order: for the card actions Teams can be relied on to open (it does not
 * always keep a tel: link inside text).
 */
export function contactLinksIn(text: string): ContactLink[] {
  const seen = new Set<string>();
  const links: ContactLink[] = [];
  for (const [, display = '', url = ''] of text.matchAll(CONTACT_LINK)) {
    if (seen.has(url)) continue;
    seen.add(url);
    links.push({ kind: url.startsWith('tel:') ? 'tel' : 'mailto', display, url });
  }
  return links;
}
