/**
 * Every match of a global regular expression in a text, in order: what `text.matchAll(re)` yields, as
 * an array. matchAll copies the expression into a new RegExp on every call, which cost as much as the
 * matching itself on chat-length text; the message path runs a dozen of them per message. Each call
 * starts from the beginning and leaves `lastIndex` at 0, so a shared module-level expression is safe.
 */
export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  if (!re.global) throw new TypeError('allMatches needs a global regular expression (as matchAll does)');
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  try {
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      out.push(m);
      // An empty match would be found again at the same place: step over one character, as matchAll does.
      if (m[0] === '') re.lastIndex = advance(text, re.lastIndex, re.unicode);
    }
  } finally {
    re.lastIndex = 0;
  }
  return out;
}

/** The index after the character at `i` (a whole surrogate pair in unicode mode). */
function advance(text: string, i: number, unicode: boolean): number {
  if (!unicode || i + 1 >= text.length) return i + 1;
  const first = text.charCodeAt(i);
  if (first < 0xd800 || first > 0xdbff) return i + 1;
  const second = text.charCodeAt(i + 1);
  return second >= 0xdc00 && second <= 0xdfff ? i + 2 : i + 1;
}
