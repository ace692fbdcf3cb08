import { createRequire } from 'node:module';

// The package's default export is mistyped under ESM + NodeNext (see ../shared/STACK.md pitfalls); require() gives the real class.
const Personnummer = createRequire(import.meta.url)('personnummer') as { valid(pin: string): boolean };

/**
 * Removes what identifies a resident from text we keep (debug logs, error context): personnummer and
 * samordningsnummer (checksum-validated by the `personnummer` package, so dates and order numbers
 * survive), phone numbers and e-mail addresses.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// 6 or 8 digits, optional - or +, then 4 digits: 900101-0017, 19900101-0017, 9001010017.
const PERSONNUMMER = /(?<!\d)(?:\d{2})?\d{6}[-+\s]?\d{4}(?!\d)/g;
// Swedish and international phone numbers: 011-15 00 00, 070 123 45 67, +46 70 123 45 67. They start
// with 0 or +, so dates (2022-12-06) and most reference numbers are left alone.
const PHONE = /(?<![\p{L}\p{N}+])(?:\+\d{1,3}[\s-]?\(?0?\)?|0)\d{1,4}(?:[\s-]?\d{2,4}){2,4}(?![\p{N}])/gu;

export function scrubPersonalData(text: string): string {
  return text
    .replace(EMAIL, '[e-post]')
    .replace(PERSONNUMMER, (m) => (isPersonnummer(m) ? '[personnummer]' : m))
    .replace(PHONE, (m) => (m.replace(/\D/g, '').length >= 7 ? '[telefon]' : m));
}

function isPersonnummer(candidate: string): boolean {
  try {
    return Personnummer.valid(candidate.replace(/\s/g, ''));
  } catch {
    return false;
  }
}
