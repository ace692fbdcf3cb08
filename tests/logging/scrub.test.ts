import { describe, expect, test } from 'vitest';
import { scrubPersonalData } from '../../src/logging/index.js';

describe('scrubbing personal data from text we keep', () => {
  test.each([
    ['mitt personnummer är 19900101-0017', 'mitt personnummer är [personnummer]'],
    ['pnr 900101-0017 tack', 'pnr [personnummer] tack'],
    ['9001010017', '[personnummer]'],
    ['ring mig på 070-123 45 67', 'ring mig på [telefon]'],
    ['nummer +46 70 123 45 67', 'nummer [telefon]'],
    ['kontaktcenter 011-15 00 00', 'kontaktcenter [telefon]'],
    ['mejla anna.andersson@exempel.se', 'mejla [e-post]'],
  ])('when the text is "%s", returns "%s"', (input, expected) => {
    expect(scrubPersonalData(input)).toBe(expected);
  });

  test.each([
    ['driftavbrottet 2022-12-06 på natten'],
    ['ärende 20221206-1235'], // shaped like a personnummer, but the checksum fails
    ['Trädgårdsgatan 21, öppet 08.30–16.00'],
    ['har mina personuppgifter läckt?'],
  ])('when the text is "%s" (no personal data), leaves it as it is', (input) => {
    expect(scrubPersonalData(input)).toBe(input);
  });
});
