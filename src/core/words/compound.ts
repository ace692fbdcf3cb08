/**
 * Swedish compounds: "leverantörsfakturor" is leverantör + faktura, "personuppgifter" person + uppgifter.
 * A compound is split into two words the corpus knows, allowing the linking -s- ("leverantörs-").
 */
export function splitCompound(
  token: string,
  keyOf: (word: string) => string,
  known: { has(key: string): boolean },
  ownKey: string,
  /** Accept a modifier the corpus does not use on its own ("vatten" in "vattenbolaget"): corpus side only. */
  anyModifier = false,
  /** A cheap test that a word may have a known key, checked before stemming it (optional). */
  mayBeKnown: (word: string) => boolean = () => true,
): string[] {
  if (token.length < 7 || token.includes(' ')) return [];
  // Longest head first: the head (last part) carries the meaning in Swedish compounds.
  for (let i = 3; i <= token.length - 3; i++) {
    const head = token.slice(i);
    if (!mayBeKnown(head)) continue;
    const headKey = keyOf(head);
    if (headKey === ownKey || !known.has(headKey)) continue;
    const modifier = token.slice(0, i);
    const candidates = modifier.endsWith('s') && modifier.length > 3 ? [modifier, modifier.slice(0, -1)] : [modifier];
    for (const m of candidates) {
      const key = keyOf(m);
      if (key !== ownKey && known.has(key)) return [key, headKey];
    }
    if (anyModifier && modifier.length >= 4) {
      const m = candidates[candidates.length - 1] ?? modifier;
      const key = keyOf(m);
      if (key !== ownKey && key.length >= 4) return [key, headKey];
    }
  }
  return [];
}
