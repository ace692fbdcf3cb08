/**
 * The text as the personal-data patterns read it: the same length as the original, so every offset
 * found in it is an offset in the original, with the look-alikes residents paste from documents and
 * phones folded to ASCII. Full-width forms (８１１２１８, ＠) become their ASCII letters as NFKC would
 * fold them; every Unicode dash and the minus sign become "-"; no-break and other wide spaces become
 * " ". A character whose NFKC form is longer than one unit (ligatures, fractions) stays as it is.
 */
export function textShape(text: string): string {
  // Most messages have nothing to fold: find the first character that changes before building anything
  // (building the text a character at a time cost more than reading it, on every message).
  let first = 0;
  while (first < text.length && shapeOf(text.charCodeAt(first)) === text.charCodeAt(first)) first++;
  if (first === text.length) return text;
  let out = text.slice(0, first);
  for (let i = first; i < text.length; i++) out += String.fromCharCode(shapeOf(text.charCodeAt(i)));
  return out;
}

function shapeOf(code: number): number {
  return code < 0x80 ? code : foldCode(code);
}

const DASHES = new Set([0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2043, 0x2212, 0xfe58, 0xfe63, 0xff0d]);
const SPACES = new Set([0x00a0, 0x1680, 0x202f, 0x205f, 0x3000]);

function foldCode(code: number): number {
  if (DASHES.has(code)) return 0x2d;
  if (SPACES.has(code) || (code >= 0x2000 && code <= 0x200a)) return 0x20;
  // Full-width ASCII (U+FF01–U+FF5E) is ASCII shifted by 0xFEE0: exactly what NFKC does to it.
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  // Other compatibility digits (superscripts, circled, mathematical) are not how anyone types a number.
  return code;
}
