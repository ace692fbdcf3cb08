import { describe, expect, test } from 'vitest';
import { realCorpus, realEngine } from '../support/corpus.js';

/**
 * The golden table: the specification of what the engine answers. Written for this test suite (not
 * taken from any evaluation set): Swedish as residents type it (typos, no å/ä/ö, whole sentences) and
 * English. Off-topic and hard negatives must escalate.
 */
const ANSWERS: readonly (readonly [question: string, id: string])[] = [
  ['Vad har egentligen hänt med kommunens datorsystem?', 'incident-what-happened'],
  ['Blev ni utsatta för ett dataintrång?', 'incident-what-happened'],
  ['Vad betyder det att kommunen gick upp i stabsläge?', 'incident-what-happened'],
  ['Är allt tillbaka till det normala nu?', 'incident-status'],
  ['varför hade ni ett driftavbrott natten till 6 december', 'incident-status'],
  ['Vilka verksamheter är påverkade av it-attacken?', 'services-affected'],
  ['Har någon kommit åt mina personuppgifter?', 'personal-data'],
  ['har mitt personnumer läkt ut', 'personal-data'],
  ['Kommer försörjningsstödet att betalas ut som vanligt?', 'payments'],
  ['Vi är leverantör till kommunen, betalas våra fakturor i tid?', 'invoices'],
  ['leverantorsfakturor betalning', 'invoices'],
  ['Vad har kontaktcenter för telefonnummer?', 'contact'],
  ['Vilken e-postadress ska jag mejla till om telefonen inte fungerar?', 'contact'],
  ['Är polisen informerad om intrånget?', 'police-report'],
  ['Har MSB fått veta om incidenten?', 'police-report'],
  ['Vart vänder jag mig med frågor om de kommunala bolagen?', 'municipal-companies'],
  ['Jag är anställd i kommunen, var finns information till oss?', 'employees'],
  ['Was the municipality hacked?', 'incident-what-happened'],
  ['Is everything back to normal?', 'incident-status'],
  ['Has my personal information been stolen?', 'personal-data'],
  ['Will social assistance payments be delayed?', 'payments'],
  ['Will my invoice to the municipality be paid on time?', 'invoices'],
  ['What is the phone number of the contact center?', 'contact'],
  ['Have the police been informed?', 'police-report'],
];

const ESCALATIONS: readonly (readonly [question: string, reason: string])[] = [
  ['Hur gör jag en bygglovsansökan?', 'any'],
  ['Vad ska jag laga till middag ikväll?', 'any'],
  ['Vilka lag spelar i allsvenskan i år?', 'any'],
  ['How do I register my dog?', 'any'],
  ['Hur ansöker jag om försörjningsstöd?', 'any'],
  ['Jag har fått en faktura från kommunen, hur betalar jag den?', 'any'],
  ['Hur begär jag ut vilka personuppgifter kommunen har om mig?', 'any'],
  ['Jag vill prata med en handläggare', 'human'],
  ['Could I chat with a real person instead?', 'human'],
  ['', 'empty'],
  ['   ?!  ', 'empty'],
  ['12345 678', 'gibberish'],
];

describe('golden table', () => {
  const engine = realEngine();

  test('every id the table expects exists in the corpus', () => {
    const ids = new Set(realCorpus().entries.map((e) => e.id));
    for (const [, id] of ANSWERS) expect(ids, id).toContain(id);
  });

  test.each(ANSWERS)('when asked "%s" answers %s', (question, id) => {
    const d = engine.ask(question);
    expect(d.kind, d.explanation.summary).toBe('answer');
    if (d.kind === 'answer') expect(d.entry.id).toBe(id);
  });

  test.each(ESCALATIONS)('when asked "%s" escalates (%s)', (question, reason) => {
    const d = engine.ask(question);
    expect(d.kind, d.explanation.summary).toBe('escalate');
    if (d.kind === 'escalate' && reason !== 'any') expect(d.reason).toBe(reason);
  });

  test('answers English questions in English and Swedish ones in Swedish', () => {
    expect(engine.ask('Was my personal data leaked?').lang).toBe('en');
    expect(engine.ask('Har mina personuppgifter läckt?').lang).toBe('sv');
    expect(engine.ask('Was my personal data leaked?', { lang: 'sv' }).lang).toBe('sv');
  });

  test('when staff ask in Teams where to find information, prefers the intranet answer, with an explanation', () => {
    const staff = engine.ask('var hittar jag information?', { audience: 'staff' });
    expect(staff.candidates[0]?.entry.id).toBe('employees');
    expect(staff.kind).not.toBe('escalate');
    expect(staff.explanation.matchedTerms.length).toBeGreaterThan(0);
    const resident = engine.ask('var hittar jag information?', { audience: 'residents' });
    expect(resident.candidates[0]?.entry.id).toBe('contact');
  });

  test('is deterministic: the same question gives the same ranking every time', () => {
    const q = 'kommer mina pengar fran kommunen i tid trots attacken';
    const first = engine.ask(q).candidates.map((c) => [c.entry.id, c.score]);
    for (let i = 0; i < 5; i++) expect(engine.ask(q).candidates.map((c) => [c.entry.id, c.score])).toEqual(first);
  });
});
