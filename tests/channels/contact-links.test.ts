import { describe, expect, test } from 'vitest';
import { linkContactDetails, telUri } from '../../src/channels/botframework/contact-links.js';

describe('phone numbers and e-mail addresses in answers become links', () => {
  test.each([
    ['Ring 011-15 00 00.', 'Ring [011-15 00 00](tel:+4611150000).'],
    ['Ring 011‑15 00 00 (med hårt bindestreck).', 'Ring [011‑15 00 00](tel:+4611150000) (med hårt bindestreck).'],
    ['Växeln: 08-123 456 78, vardagar.', 'Växeln: [08-123 456 78](tel:+46812345678), vardagar.'],
    ['Ring 0771-25 25 25', 'Ring [0771-25 25 25](tel:+46771252525)'],
    ['Från utlandet: +46 11 15 00 00.', 'Från utlandet: [+46 11 15 00 00](tel:+4611150000).'],
    ['mejla till norrkoping.kommun@norrkoping.se.', 'mejla till [norrkoping.kommun@norrkoping.se](mailto:norrkoping.kommun@norrkoping.se).'],
    [
      'Ring 011-15 00 00 eller mejla kontakt@example.se.',
      'Ring [011-15 00 00](tel:+4611150000) eller mejla [kontakt@example.se](mailto:kontakt@example.se).',
    ],
  ])('when an answer says "%s" it becomes "%s"', (text, expected) => {
    expect(linkContactDetails(text)).toBe(expected);
  });

  test.each([
    'Kommunen har 2022 betalat 1 500 000 kronor.',
    'Ärendenummer 2022-004512 gäller bygglov.',
    'Öppettiderna för besök är 08.30–16.00.',
    'Läs mer på https://www.norrkoping.se/kontakt@nyheter eller https://example.se/011-15-00-00.',
    'Redan en länk: [ring oss](tel:+4611150000) och [011-15 00 00](tel:+4611150000).',
    'Källa: [Kontakt](https://www.norrkoping.se/)',
    'Håll koll på nyheterna på norrkoping.se.',
  ])('when there is nothing new to link, "%s" is left as it is', (text) => {
    expect(linkContactDetails(text)).toBe(text);
  });

  test('a number written in another way gets the same tel: URI as the contact card', () => {
    expect(telUri('011-15 00 00')).toBe('tel:+4611150000');
    expect(telUri('+46 (0)11 15 00 00')).toBe('tel:+4611150000');
    expect(telUri('+46 11 15 00 00')).toBe('tel:+4611150000');
  });
});
