/**
 * Unicode format characters (general category Cf): zero-width space, non-joiner and joiner, soft
 * hyphen, word joiner, byte-order mark, the bidirectional embeddings, overrides and isolates, tag
 * characters. They print as nothing, so a question means the same without them; inside a number or an
 * e-mail address they hid it from the personal-data patterns ("8112\u200b18-9876" and
 * "anna\u200b@gmail.com" were kept in the staff store and the export as typed), and a right-to-left
 * override shows an editor a stored question in another order than the one it holds.
 */
const FORMAT_CHARACTER = /\p{Cf}/u;
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/**
 * Typed text as the service reads it: composed (NFC) and without Unicode format characters. Applied
 * once, at each edge where someone's typed text comes in (the web chat, /api/messages, the agents'
 * search API), before anything reads it. Composed, because a letter and its accent written apart
 * (NFD, as text copied from a macOS file name or some PDFs has them) split a street name for the
 * personal-data patterns: "Tra\u0308dga\u030arsgatan 21" was kept as "Trädgå[adress]".
 */
export function typedText(text: string): string {
  const composed = text.normalize('NFC');
  return FORMAT_CHARACTER.test(composed) ? composed.replace(FORMAT_CHARACTERS, '') : composed;
}
