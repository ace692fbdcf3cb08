import { describe, expect, test } from 'vitest';
import { scrubPersonalData } from '../../src/logging/index.js';

describe('scrubbing personal data from text we keep', () => {
  test.each([
    ['mitt personnummer är 19900101-0017', 'mitt personnummer är [personnummer]'],
    ['pnr 900101-0017 tack', 'pnr [personnummer] tack'],
    ['9001010017', '[personnummer]'],
    // Residents mistype: a wrong check digit is still somebody's personnummer.
    ['mitt pnr är 19900101-0018', 'mitt pnr är [personnummer]'],
    ['19580417 2237', '[personnummer]'],
    ['900101+0017', '[personnummer]'],
    // Samordningsnummer: the day raised by 60.
    ['samordningsnummer 19900161-1234', 'samordningsnummer [personnummer]'],
    ['org.nr 556912-3480', 'org.nr [organisationsnummer]'],
    ['ring mig på 070-123 45 67', 'ring mig på [telefon]'],
    ['ring 0701234567', 'ring [telefon]'],
    ['nummer +46 70 123 45 67', 'nummer [telefon]'],
    ['kontaktcenter 011-15 00 00', 'kontaktcenter [telefon]'],
    ['mejla anna.andersson@exempel.se', 'mejla [e-post]'],
    ['jag bor på Storgatan 5B', 'jag bor på [adress]'],
    ['Södra Promenaden 45, lgh 1102', 'Södra [adress], [adress]'],
  ])('when the text is "%s", returns "%s"', (input, expected) => {
    expect(scrubPersonalData(input)).toBe(expected);
  });

  test.each([
    ['driftavbrottet 2022-12-06 på natten'],
    ['öppet 08.30–16.00'],
    ['den 6 december kl 14.30'],
    ['faktura nr 2022-318'],
    ['har mina personuppgifter läckt?'],
  ])('when the text is "%s" (no personal data), leaves it as it is', (input) => {
    expect(scrubPersonalData(input)).toBe(input);
  });
});
