import { beforeAll, describe, expect, test } from 'vitest';
import { findPersonalData, PERSONAL_DATA_KINDS } from '../../src/core/index.js';
import { scrubPersonalData } from '../../src/logging/index.js';
import { ADDRESS_AFTER_CUE, PERSONAL_DATA_SHAPES } from '../support/personal-data-shapes.js';
import { realEngine } from '../support/corpus.js';

const LABEL = { personnummer: '[personnummer]', phone: '[telefon]', email: '[e-post]', orgnr: '[organisationsnummer]', address: '[adress]' } as const;

describe('personal data as residents paste it', () => {
  // Training takes seconds (more on a busy machine): once, before the cases that ask the engine.
  beforeAll(() => void realEngine(), 120_000);

  test.each(PERSONAL_DATA_SHAPES)('when a message holds "$written", it is found as $kind and scrubbed whole', ({ written, kind }) => {
    const text = `Hej, gäller ${written} tack`;
    expect(findPersonalData(text).map((s) => s.kind)).toEqual([kind]);
    expect(scrubPersonalData(text)).toBe(`Hej, gäller ${LABEL[kind]} tack`);
  });

  test.each(ADDRESS_AFTER_CUE)('when "$written" names a place after a cue, it is scrubbed', ({ written, scrubbed }) => {
    expect(scrubPersonalData(written)).toBe(scrubbed);
  });

  test.each(PERSONAL_DATA_SHAPES)('when the engine reads "$written", the explanation and the decision carry none of it', ({ written, telltale, kind }) => {
    const decision = realEngine().ask(`Har mina personuppgifter läckt? ${written}`);
    expect(decision.personalData).toContain(kind);
    expect(JSON.stringify(decision.explanation)).not.toContain(telltale);
  });

  test.each([
    ['öppet 08.30–16.00'],
    ['öppet 08.30−16.00 på vardagar'],
    ['driftavbrottet 2022-12-06 på natten'],
    ['den 6 december kl 14.30'],
    ['faktura nr 2022-318'],
    ['läs kapitel 3 och avsnitt 4.2'],
    ['Jag bor på Ryd och undrar om skolan'],
    ['Det gäller 3 barn i Norrköping'],
    ['version 1.2.3 av appen'],
    ['From Monday 08:00 the police report is closed'],
    ['Måndag 8:30 öppnar kontaktcenter igen'],
    ['driftavbrottet 2022-12-06 1030 på natten'],
    ['brevet kom 05/12/2022'],
    ['vi möts 3-5 dec'],
    ['Hej @Kommunen, funkar sidan?'],
    ['läs punkt 3 i beslutet'],
    ['vi ses (at) kontoret'],
  ])('when the text is "%s" (no personal data), leaves it as it is', (input) => {
    expect(scrubPersonalData(input)).toBe(input);
  });

  test('every kind the detector names has a label in the table above', () => {
    expect(Object.keys(LABEL).sort()).toEqual([...PERSONAL_DATA_KINDS].sort());
  });
});
