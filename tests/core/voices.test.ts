import { describe, expect, test } from 'vitest';
import { findPersonalData, understandMessage } from '../../src/core/index.js';
import { realEngine } from '../support/corpus.js';

/**
 * Residents' messages as they really write them, in every voice the product meets: long and chatty
 * with greetings, context and sign-offs; chat slang; no å/ä/ö; typos; Swedish as a second language;
 * Swedish and English mixed; indirect questions without the topic word; pasted personal data; hard
 * negatives that share words with an entry. Written for this suite (none is taken from an evaluation
 * set). The expected decision is the specification.
 */
const ANSWERED: readonly (readonly [voice: string, message: string, id: string])[] = [
  ['chatty', 'Hej hej! Jag heter Britt-Marie och är 82 år, bor i en liten lägenhet i Hageby sedan maken dog. Min son ringde i går kväll och sa att kommunen blivit utsatt för något slags dataangrepp. Vad är det egentligen som har hänt? Vänliga hälsningar, Britt-Marie', 'incident-what-happened'],
  ['chatty', 'God morgon! Jag driver en liten målerifirma och har målat om två förskolor åt er i höstas. Nu har jag skickat fakturan och undrar om ni kan betala den i tid trots it-strulet? Mvh Kenneth', 'invoices'],
  ['chatty', 'Hallå där. Vi är en familj på fem i Navestad och lever på försörjningsstöd just nu. Pengarna till hyran brukar komma i slutet av månaden. Blir utbetalningen försenad på grund av hackerattacken? Tack på förhand', 'payments'],
  ['slang', 'e allt nere elr funkar e-tjänsterna typ', 'services-affected'],
  ['slang', 'asså har nån snott mina personuppgifter pga hacket', 'personal-data'],
  ['slang', 'har ni fattat vad som hänt elr, blev ni hackade på riktigt', 'incident-what-happened'],
  ['no å/ä/ö', 'har mina personuppgifter lackt efter attacken mot kommunen', 'personal-data'],
  ['no å/ä/ö', 'nar kommer forsorjningsstodet, paverkas det av it-incidenten', 'payments'],
  ['typos', 'har kommunen polisanmält intrånget elr inte, vilka myndigheter vet om det', 'police-report'],
  ['typos', 'vad ar telefonumret till kontaktcentret', 'contact'],
  ['second language', 'Hej, jag inte förstå. Kommunen har problem med datorer, mina pengar från socialtjänsten kommer ändå?', 'payments'],
  ['second language', 'Min fråga: jag bo i lägenhet av Hyresbostäder. Dom också har problem med attack?', 'municipal-companies'],
  ['mixed', 'Hej, I am a supplier till kommunen – will our invoices be paid on time efter attacken?', 'invoices'],
  ['mixed', 'Sorry my Swedish is bad, is my personal data safe efter hackerattacken?', 'personal-data'],
  ['English', 'Hi, I just moved here. Has the cyber attack been reported to the police?', 'police-report'],
  ['indirect', 'Kommer det in något på mitt konto från soc före jul?', 'payments'],
  ['indirect', 'Vi har levererat mat till ett av era äldreboenden, får vi betalt som vanligt nu?', 'invoices'],
  ['personal data', 'Mitt personnummer är 19780512-3391 och jag undrar om mina uppgifter kan ha läckt i intrånget. Ring mig på 070-555 12 34.', 'personal-data'],
  ['personal data', 'Namn: Sten Berg, pnr 19500101-1112, e-post sten.berg@example.com. Fråga: har polisen fått veta om dataintrånget?', 'police-report'],
  ['staff', 'Jag jobbar som undersköterska på ett av kommunens boenden och chefen vet ingenting. Var hittar vi anställda information om it-attacken?', 'employees'],
  ['status', 'Har ni fått kontroll över datorerna nu efter driftavbrottet, eller pågår det fortfarande?', 'incident-status'],
];

const LONG_WITH_QUESTION_LAST = [
  'Hej! Jag skriver till er för att jag är lite orolig.',
  'Jag heter Gunnar och har bott i Norrköping i över femtio år, först i Klingsberg och sedan i ett radhus i Eneby.',
  'Min fru och jag har tre barn och sju barnbarn som vi träffar varje söndag, och vi brukar prata om allt möjligt.',
  'I söndags kom samtalet in på att kommunen haft problem, och mitt äldsta barnbarn som pluggar data förklarade en massa saker som jag inte riktigt förstod.',
  'Vi har också en stuga ute på Vikbolandet där vi tillbringar somrarna, men det hör inte hit.',
  'Jag läser tidningen varje morgon men har inte hittat något som förklarar saken på ett enkelt sätt.',
  'Min granne sa att det var hackare, en annan granne sa att det var ett strömavbrott.',
  'Så nu undrar jag bara en sak: har det läckt ut några personuppgifter om oss som bor i kommunen?',
].join(' ');

const ESCALATED: readonly (readonly [kind: string, message: string])[] = [
  ['hard negative: rules of the benefit', 'Vilka regler gäller för att få försörjningsstöd när man studerar?'],
  ['hard negative: sending an invoice', 'Vart skickar jag min faktura till kommunen, vilken fakturaadress gäller?'],
  ['hard negative: own account hacked', 'Min mejl blev hackad i helgen och nu skickas konstiga mejl i mitt namn, vad gör jag?'],
  ['hard negative: own case', 'Jag har sökt bygglov för ett uterum och fått ett ärendenummer, när får jag besked?'],
  ['hard negative: salary', 'När betalas lönen ut till oss som jobbar på kommunen i december?'],
  ['hard negative: GDPR request', 'Jag vill få ut alla uppgifter ni har om mig enligt GDPR, hur gör jag?'],
  ['off-topic, chatty', 'Hej! Jag heter Sofie och bor i Ljura. Vi har en hund som behöver springa lös. Finns det någon hundrastgård i närheten? Tack!'],
  ['off-topic, slang', 'när töms soporna på min gata elr har ni ändrat schemat'],
  ['human', 'Jag orkar inte skriva med en robot, kan jag få prata med en riktig människa?'],
];

describe('residents as they really write', () => {
  const engine = realEngine();

  test.each(ANSWERED)('when a resident writes (%s) "%s", answers %s', (_voice, message, id) => {
    const d = engine.ask(message);
    expect(d.kind === 'answer' ? d.entry.id : `${d.kind} (${d.explanation.summary})`).toBe(id);
  });

  test('when a long message ends with its question, answers the question and says what was set aside', () => {
    expect(LONG_WITH_QUESTION_LAST.length).toBeGreaterThan(700);
    const d = engine.ask(LONG_WITH_QUESTION_LAST);
    expect(d.kind === 'answer' && d.entry.id).toBe('personal-data');
    const parts = d.explanation.parts;
    expect(parts.at(-1)?.role).toBe('question');
    expect(parts.some((p) => p.weight === 0 && p.role === 'greeting')).toBe(true);
    const last = parts.at(-1)?.weight ?? 0;
    expect(last).toBeGreaterThanOrEqual(Math.max(...parts.map((p) => p.weight)));
    expect(parts.filter((p) => p.role === 'statement' || p.role === 'introduction').every((p) => p.weight < last)).toBe(true);
  });

  test.each(ESCALATED)('when the message is %s ("%s"), escalates', (_kind, message) => {
    const d = engine.ask(message);
    expect(d.kind, d.explanation.summary).toBe('escalate');
  });

  test('when a message holds a personnummer, a phone number and an e-mail, the engine reads none of the digits and says what it removed', () => {
    const message = 'Hej, jag heter Ali. Mitt personnummer är 19850214-2356, tel 0701234567, ali@example.com. Har mina uppgifter läckt?';
    const read = understandMessage(message);
    const words = read.segments.flatMap((s) => s.tokens);
    expect(words.some((w) => /\d/.test(w))).toBe(false);
    expect(words.join(' ')).not.toContain('example');
    expect([...read.personalData].sort()).toEqual(['email', 'personnummer', 'phone']);
    const d = engine.ask(message);
    expect(d.kind === 'answer' && d.entry.id).toBe('personal-data');
    expect([...d.personalData].sort()).toEqual(['email', 'personnummer', 'phone']);
    expect(JSON.stringify(d.explanation)).not.toMatch(/19850214|0701234567|ali@example/);
  });

  test('when a personnummer is mistyped (wrong check digit), it is still removed', () => {
    expect(findPersonalData('pnr 19850214-2357').map((s) => s.kind)).toEqual(['personnummer']);
  });

  test('when the greeting, introduction and sign-off are read, they are set aside or counted lightly, never as the question', () => {
    const read = understandMessage('Hej! Jag heter Karin och bor på Lindö. Kommer pengarna från soc i tid? Vänliga hälsningar, Karin');
    expect(read.segments.map((s) => s.role)).toEqual(['greeting', 'introduction', 'question', 'sign-off']);
    expect(read.segments.map((s) => s.weight)).toEqual([0, 0.3, 1, 0]);
  });

  test('when one of two questions is marked as the one that matters, that one decides', () => {
    const d = engine.ask('Jag hörde att polisen är inblandad, men det jag egentligen vill veta är om kommunen kan betala leverantörernas fakturor.');
    expect(d.kind === 'answer' && d.entry.id).toBe('invoices');
  });
});
