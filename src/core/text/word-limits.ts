/**
 * Longer than any real word a resident types, Swedish compounds included ("sjukskrivningsersättningarnas"
 * is 29 letters). A longer "word" is noise or an attack: it is not n-grammed, split, typo-corrected or
 * cached, so its cost stays linear in its length and nothing of it stays in memory (issue #18).
 */
export const MAX_WORD_LENGTH = 40;

/** Whether a token is longer than any real word. */
export function isOverlongWord(token: string): boolean {
  return token.length > MAX_WORD_LENGTH;
}
