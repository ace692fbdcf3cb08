import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { parseButtonValue } from '../../src/channels/botframework/actions.js';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { loadCorpus, MAX_GREETING_CHARS, MAX_ID_LENGTH, MAX_LINK_CHARS, MAX_ORGANISATION_CHARS, openingStatus, TOPIC_HARD_LIMIT_CHARS, type CorpusErrorCode, type LoadResult } from '../../src/core/index.js';
import { copyOfFaqData } from '../support/corpus.js';
import { inSwedish } from '../support/staff-swedish.js';
import { startOnCorpus } from '../support/service-process.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

type Breakage = (dir: string) => void;
const edit = (dir: string, file: string, from: RegExp | string, to: string) => {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`fixture did not change ${file}`);
  writeFileSync(path, next);
};

/** One broken corpus per error kind, each made from a copy of the real faq-data/. */
const FIXTURES: readonly (readonly [name: string, code: CorpusErrorCode, mention: RegExp, breakIt: Breakage])[] = [
  ['a duplicate id', 'DUPLICATE_ID', /\.yaml: entry "payments": the id is already used in .*\.yaml/, (d) => edit(d, 'entries/invoices.yaml', /^id: invoices$/m, 'id: payments')],
  ['a phrasing shared by two entries', 'DUPLICATE_PHRASING', /entry "(invoices|personal-data)", field "phrasings": "Kan personuppgifter ha läckt\?" is also a question of entry "(invoices|personal-data)"/, (d) =>
    edit(d, 'entries/invoices.yaml', /^phrasings:\n  sv:\n/m, 'phrasings:\n  sv:\n    - "Kan personuppgifter ha läckt?"\n')],
  ['an unknown related id', 'UNKNOWN_RELATED', /payments.*"related".*"no-such-entry"/, (d) => edit(d, 'entries/payments.yaml', /^related:.*$/m, 'related: [no-such-entry]')],
  ['an empty answer', 'FIELD_INVALID', /contact\.yaml.*entry "contact".*"answer\.sv".*must not be empty/, (d) =>
    edit(d, 'entries/contact.yaml', /^answer:\n  sv: [|>]-?\n(    .*\n)+/m, 'answer:\n  sv: ""\n')],
  ['a missing field', 'FIELD_INVALID', /police-report.*"category"/, (d) => edit(d, 'entries/police-report.yaml', /^category:.*\n/m, '')],
  ['a malformed date', 'FIELD_INVALID', /employees.*"lastReviewed".*YYYY-MM-DD/, (d) => edit(d, 'entries/employees.yaml', /^related:/m, 'lastReviewed: 9 dec 2022\nrelated:')],
  ['an easy-to-read variant in one language only', 'FIELD_INVALID', /payments.*"lattlast\.en"/, (d) => edit(d, 'entries/payments.yaml', /^  en: \|\n(    .*\n|\n)+$/m, '')],
  ['contact advice without a source', 'FIELD_INVALID', /contact center.*"advice\.0\.source"/, (d) => edit(d, 'contact.yaml', /^    source:\n      title: .*\n      url: .*\n/m, '')],
  ['contact days without a source', 'FIELD_INVALID', /contact center.*"openingHours\.days\.source"/, (d) =>
    edit(d, 'contact.yaml', /^  display:\n/m, '  days:\n    list: [monday, friday]\n  display:\n')],
  ['broken YAML', 'YAML_SYNTAX', /personal-data\.yaml: is not valid YAML/, (d) => writeFileSync(join(d, 'entries/personal-data.yaml'), 'id: personal-data\nphrasings: [unclosed\n')],
  ['a file named differently from its id', 'FILE_NAME_MISMATCH', /renamed\.yaml.*"payments".*payments\.yaml/, (d) => {
    writeFileSync(join(d, 'entries/renamed.yaml'), readFileSync(join(d, 'entries/payments.yaml')));
    unlinkSync(join(d, 'entries/payments.yaml'));
  }],
  ['a missing contact file', 'FILE_MISSING', /contact\.yaml: file not found/, (d) => unlinkSync(join(d, 'contact.yaml'))],
  ['an invalid contact phone', 'FIELD_INVALID', /contact center.*"phone\.tel".*E\.164/, (d) => edit(d, 'contact.yaml', /tel: .*$/m, 'tel: "011-15 00 00"')],
];

/** employees.yaml (which no other file names) under another id, its file named after the id. */
const entryWithId = (dir: string, id: string) => {
  const text = readFileSync(join(dir, 'entries/employees.yaml'), 'utf8').replace(/^id: employees$/m, `id: ${id}`);
  unlinkSync(join(dir, 'entries/employees.yaml'));
  writeFileSync(join(dir, `entries/${id}.yaml`), text);
};
const messages = (result: LoadResult) => (result.ok ? [] : result.problems.map((p) => p.message));
const FIX = / Fix the field and run "npm run faq:check" again\.$/;


/**
 * Mistakes a tester made in folders that looked valid: each was accepted and failed later in front of
 * residents (an escalation that crashed, a click whose feedback was lost, hours shown wrongly, a
 * javascript: link). Each must be refused at load with one line naming the file and the field.
 */
const LATE_FAILURES: readonly (readonly [name: string, breakIt: Breakage, line: RegExp, swedish: RegExp])[] = [
  ['a misspelt time zone', (d) => edit(d, 'contact.yaml', 'timeZone: Europe/Stockholm', 'timeZone: Europe/Stockolm'),
    /field "openingHours\.timeZone": must be a time zone's name, "Europe\/Stockholm" for Swedish time; "Europe\/Stockolm" is not one \(check the spelling/,
    /^Ska vara namnet på en tidszon, ”Europe\/Stockholm” för svensk tid; ”Europe\/Stockolm” är ingen tidszon \(kontrollera stavningen/],
  ['a time zone written as an offset', (d) => edit(d, 'contact.yaml', 'timeZone: Europe/Stockholm', 'timeZone: "UTC+01:00"'),
    /field "openingHours\.timeZone": .*; "UTC\+01:00" is not one .*an offset such as "UTC\+01:00" does not follow summer time/,
    /”UTC\+01:00” är ingen tidszon .*följer inte sommartiden\)$/],
  ['a fixed offset that some runtimes accept', (d) => edit(d, 'contact.yaml', 'timeZone: Europe/Stockholm', 'timeZone: "+01:00"'),
    /field "openingHours\.timeZone": .*; "\+01:00" is not one/,
    /”\+01:00” är ingen tidszon/],
  [`an id longer than ${MAX_ID_LENGTH} characters`, (d) => entryWithId(d, `anstallda-${'a'.repeat(MAX_ID_LENGTH)}`),
    new RegExp(`entries/anstallda-a+\\.yaml: entry "anstallda-a+", field "id": must be at most ${MAX_ID_LENGTH} characters, because the chat's buttons carry the id`),
    new RegExp(`^Får vara högst ${MAX_ID_LENGTH} tecken, eftersom chattens knappar bär id:t; korta det till några ord$`)],
  ['hours past midnight', (d) => edit(d, 'contact.yaml', /opens: "08:30"\n  closes: "16:00"/, 'opens: "22:00"\n  closes: "06:00"'),
    /field "openingHours\.closes": must be later than opens: the hours must close after they open on the same day \(hours past midnight are not supported/,
    /^Måste vara senare än öppningstiden samma dag \(tider efter midnatt stöds inte; är det öppet till midnatt, skriv ”24:00”\)$/],
  ['hours that close when they open', (d) => edit(d, 'contact.yaml', /opens: "08:30"\n  closes: "16:00"/, 'opens: "00:00"\n  closes: "00:00"'),
    /field "openingHours\.closes": must be later than opens/,
    /^Måste vara senare än öppningstiden samma dag/],
  ['an office that opens at 24:00', (d) => edit(d, 'contact.yaml', /opens: "08:30"/, 'opens: "24:00"'),
    /field "openingHours\.opens": must be a time written HH:MM, e\.g\. "08:30"/,
    /^Ska vara ett klockslag skrivet TT:MM, t\.ex\. ”08:30”$/],
  ['a javascript: address as an entry\'s source', (d) => edit(d, 'entries/payments.yaml', /^  url: https:\/\/www\.norrkoping\.se\/$/m, '  url: "javascript:alert(1)"'),
    /payments\.yaml: entry "payments", field "source\.url": must be a full web address beginning with https:\/\/ \(or http:\/\/\), e\.g\. "https:\/\/www\.kommunen\.se\/kris"/,
    /^Ska vara en hel webbadress som börjar med https:\/\/ \(eller http:\/\/\), t\.ex\. ”https:\/\/www\.kommunen\.se\/kris”$/],
  ['a data: address as the updates page', (d) => edit(d, 'contact.yaml', /^updatesUrl: .*$/m, 'updatesUrl: "data:text/html,<script>alert(1)</script>"'),
    /field "updatesUrl": must be a full web address beginning with https:\/\//,
    /^Ska vara en hel webbadress som börjar med https:\/\//],
  ['a mailto: address as a timeline update\'s source', (d) => edit(d, 'timeline.yaml', /^      url: https:\/\/www\.norrkoping\.se\/$/m, '      url: "mailto:kommunen@example.se"'),
    /timeline\.yaml: timeline update 1 \(2022-12-01\), field "updates\.0\.source\.url": must be a full web address beginning with https:\/\//,
    /^Ska vara en hel webbadress som börjar med https:\/\//],
  ['a question without a word', (d) => edit(d, 'entries/payments.yaml', /^question:\n  sv: .*$/m, 'question:\n  sv: "🌻🌻 ???"'),
    /payments\.yaml: entry "payments", field "question\.sv": must hold a word \(letters or digits\): a line of only punctuation or emoji teaches the bot nothing/,
    /^Ska innehålla ett ord \(bokstäver eller siffror\)/],
  ['a reference to the contact file inside the contact file', (d) => edit(d, 'contact.yaml', /^(  display:\n    sv: )(.*)$/m, '$1"{besökstider}"'),
    /contact\.yaml: contact center, field "openingHours\.display\.sv": holds the reference \{besökstider\}, which is filled in from this very file/,
    /^Innehåller hänvisningen \{besökstider\}, som fylls i från just den här filen/],
  ['a question too long for a button', (d) => edit(d, 'entries/payments.yaml', /^question:\n  sv: .*$/m, `question:\n  sv: "${'Kommer utbetalningen i tid '.repeat(12)}?"`),
    /payments\.yaml: entry "payments", field "question\.sv": must be at most 300 characters: the question is shown on buttons/,
    /^Får vara högst 300 tecken: frågan visas på knappar/],
  ['an address without its "//"', (d) => edit(d, 'contact.yaml', /^source:\n  title: (.*)\n  url: .*$/m, 'source:\n  title: $1\n  url: "https:www.norrkoping.se"'),
    /field "source\.url": must be a full web address beginning with https:\/\//,
    /^Ska vara en hel webbadress som börjar med https:\/\//],
];

describe('mistakes that used to fail in front of residents', () => {
  test.each(LATE_FAILURES)('when the corpus has %s, is refused with one line naming the file and the field, which the editors\' pages say in Swedish', (_name, breakIt, line, swedish) => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    breakIt(dir);
    const found = messages(loadCorpus(dir));
    expect(found).toEqual([expect.stringMatching(line)]);
    expect(found[0]).toMatch(FIX);
    expect(inSwedish(found[0] ?? '')).toMatch(swedish);
  });

  test('when phrasings of two entries hold no word, the corpus loads without them, warning at each', () => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    edit(dir, 'entries/payments.yaml', /^phrasings:\n  sv:\n/m, 'phrasings:\n  sv:\n    - "🌻🌻"\n');
    edit(dir, 'entries/invoices.yaml', /^phrasings:\n  sv:\n/m, 'phrasings:\n  sv:\n    - "???"\n');
    const result = loadCorpus(dir);
    if (!result.ok) throw new Error(messages(result).join('\n'));
    const warned = (result.warnings ?? []).filter((w) => w.code === 'WORDLESS_PHRASING').map((w) => w.message);
    expect(warned).toEqual([
      expect.stringMatching(/invoices\.yaml: entry "invoices", field "phrasings\.sv\.0": "\?\?\?" holds no word \(letters or digits\), so it teaches the bot nothing and is left out/),
      expect.stringMatching(/payments\.yaml: entry "payments", field "phrasings\.sv\.0": "🌻🌻" holds no word/),
    ]);
    const phrasingsOf = (id: string) => result.corpus.entries.find((e) => e.id === id)?.phrasings.sv ?? [];
    expect(phrasingsOf('payments')).not.toContain('🌻🌻');
    expect(phrasingsOf('invoices')).not.toContain('???');
    expect(phrasingsOf('payments').length).toBeGreaterThan(5);
  });

  test('when an out-of-scope question of the incident is also a phrasing of an entry, the corpus loads with a warning naming both', () => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    writeFileSync(join(dir, 'out-of-scope.yaml'), 'sv:\n  - "Kan personuppgifter ha läckt?"\nen: []\n');
    const result = loadCorpus(dir);
    if (!result.ok) throw new Error(messages(result).join('\n'));
    const warned = (result.warnings ?? []).filter((w) => w.code === 'OUT_OF_SCOPE_IS_PHRASING').map((w) => w.message);
    expect(warned).toEqual([expect.stringMatching(/out-of-scope\.yaml: field "sv": "Kan personuppgifter ha läckt\?" is also the question or a phrasing of entry "personal-data", so residents who ask it are sent to the contact center/)]);
  });

  test('when contact.yaml has a misspelt time zone, faq:check exits 1 and the service will not start, both with the line and no stack trace', () => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    edit(dir, 'contact.yaml', 'timeZone: Europe/Stockholm', 'timeZone: Europe/Stockolm');
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/faq-check.ts', '--no-weakness', '--corpus', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/faq-data is invalid \(1 problem\):\n  - .*contact\.yaml: contact center, field "openingHours\.timeZone": must be a time zone's name, "Europe\/Stockholm" for Swedish time; "Europe\/Stockolm" is not one/);
    expect(check.stderr).not.toMatch(/RangeError|\n\s+at .+:\d+:\d+/);
    const start = startOnCorpus(dir);
    expect(start.status).toBe(1);
    expect(start.stderr).toMatch(/will not start[\s\S]*contact\.yaml: contact center, field "openingHours\.timeZone": must be a time zone's name/);
    expect(start.stderr).not.toMatch(/RangeError|\n\s+at .+:\d+:\d+/);
  });

  test('when a source is a plain http:// page (allowed before the address rule), the corpus still loads', () => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    edit(dir, 'timeline.yaml', /^      url: https:\/\/www\.norrkoping\.se\/$/m, '      url: http://www.norrkoping.se/');
    edit(dir, 'entries/payments.yaml', /^  url: https:\/\/www\.norrkoping\.se\/$/m, '  url: http://www.norrkoping.se/');
    expect(messages(loadCorpus(dir))).toEqual([]);
  });

  test(`when an id is ${MAX_ID_LENGTH} characters, the corpus loads and a feedback button can carry it`, () => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    const id = `anstallda-${'a'.repeat(MAX_ID_LENGTH - 'anstallda-'.length)}`;
    entryWithId(dir, id);
    const result = loadCorpus(dir);
    expect(messages(result)).toEqual([]);
    expect(result.ok && result.corpus.entries.some((e) => e.id === id)).toBe(true);
    expect(parseButtonValue({ action: 'feedback', id, helpful: true, lang: 'sv' })).toEqual({ action: 'feedback', id, helpful: true, lang: 'sv' });
  });

  test('when an office is open until midnight ("24:00"), the corpus loads; it is open at 23:30 and closed at 00:30', () => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    const source = '    source: { title: Kontakta kommunen, url: "https://www.norrkoping.se/" }\n';
    edit(dir, 'contact.yaml', /opens: "08:30"\n  closes: "16:00"\n/, `opens: "20:00"\n  closes: "24:00"\n  days:\n    list: [monday, tuesday, wednesday, thursday, friday, saturday, sunday]\n${source}  publicHolidays:\n    closed: false\n${source}`);
    const result = loadCorpus(dir);
    expect(messages(result)).toEqual([]);
    if (!result.ok) return;
    const hours = result.corpus.contact.openingHours;
    expect(hours.closes).toBe('24:00');
    // Wednesday 11 January 2023 in Stockholm (UTC+1).
    expect(openingStatus(hours, new Date('2023-01-11T22:30:00Z'))).toEqual({ kind: 'open', closes: { hour: 24, minute: 0 } });
    expect(openingStatus(hours, new Date('2023-01-11T23:30:00Z'))).toEqual({
      kind: 'closed',
      reason: 'before-opening',
      next: { when: 'today', weekday: 'thursday', date: '2023-01-12', time: { hour: 20, minute: 0 } },
    });
    // The last minute of the day, in summer time too (UTC+2).
    expect(openingStatus(hours, new Date('2023-07-12T21:59:00Z')).kind).toBe('open');
    expect(openingStatus(hours, new Date('2023-07-12T22:00:00Z')).kind).toBe('closed');
  });
});

describe('corpus validation', () => {
  test('when faq-data/ is the real corpus, loads with no problems', () => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    const result = loadCorpus(dir);
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([]);
  });

  test.each(FIXTURES)('when the corpus has %s, reports %s naming the file, entry and field', (_name, code, mention, breakIt) => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    breakIt(dir);
    const result = loadCorpus(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.code === code);
    expect(problem?.message, JSON.stringify(result.problems, null, 1)).toMatch(mention);
  });

  test('when faq:check runs on a broken corpus, exits 1 and prints the problem; on the real one exits 0', () => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    edit(dir, 'entries/payments.yaml', /^related:.*$/m, 'related: [no-such-entry]');
    const broken = spawnSync('npx', ['tsx', 'scripts/faq-check.ts', '--no-weakness', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/"no-such-entry"/);
    const ok = execFileSync('npx', ['tsx', 'scripts/faq-check.ts', '--no-weakness'], { cwd: ROOT, encoding: 'utf8' });
    expect(ok).toMatch(/faq-data is valid: 10 entries/);
  });

  test('when the service starts on a broken corpus, it refuses with exit code 1 and the message', () => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    edit(dir, 'entries/invoices.yaml', /^id: invoices$/m, 'id: payments');
    const run = startOnCorpus(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/will not start[\s\S]*already used/);
  });
});

/** The corpus file with one field set (a dotted path, numbers for list items), written back as YAML. */
const setField = (dir: string, file: string, path: string, value: unknown) => {
  const full = join(dir, file);
  const data: unknown = parseYaml(readFileSync(full, 'utf8'));
  const keys = path.split('.');
  let at: unknown = data;
  for (const key of keys.slice(0, -1)) {
    if (typeof at !== 'object' || at === null) throw new Error(`fixture: ${file} has no ${path}`);
    at = (at as Record<string, unknown>)[key] ??= {};
  }
  if (typeof at !== 'object' || at === null) throw new Error(`fixture: ${file} has no ${path}`);
  (at as Record<string, unknown>)[keys.at(-1) ?? ''] = value;
  writeFileSync(full, stringifyYaml(data));
};
/** The one problem of the copied corpus with the field set, as [faq:check's line, the editors' Swedish]. */
const refusedWith = (file: string, path: string, value: unknown): [string, string] => {
  const dir = copyOfFaqData();
  dirs.push(dir);
  setField(dir, file, path, value);
  const found = messages(loadCorpus(dir));
  expect(found, `${file} ${path} = ${JSON.stringify(value)}`).toHaveLength(1);
  expect(found[0]).toContain(`field "${path}": `);
  expect(found[0]).toMatch(FIX);
  return [found[0] ?? '', inSwedish(found[0] ?? '')];
};
const loadsWith = (...fields: readonly (readonly [file: string, path: string, value: unknown])[]) => {
  const dir = copyOfFaqData();
  dirs.push(dir);
  for (const [file, path, value] of fields) setField(dir, file, path, value);
  const result = loadCorpus(dir);
  expect(messages(result)).toEqual([]);
  if (!result.ok) throw new Error('did not load');
  return result.corpus;
};

// Every text a resident reads, in each file: the same rules hold for all of them.
const RESIDENT_TEXTS: readonly (readonly [file: string, path: string])[] = [
  ['welcome.yaml', 'organisation.sv'],
  ['welcome.yaml', 'topic.en'],
  ['welcome.yaml', 'greeting.sv'],
  ['entries/payments.yaml', 'question.sv'],
  ['entries/payments.yaml', 'answer.en'],
  ['entries/payments.yaml', 'source.title'],
  ['contact.yaml', 'name.sv'],
  ['contact.yaml', 'visitingAddress.sv'],
  ['contact.yaml', 'phone.display'],
  ['timeline.yaml', 'updates.0.text.sv'],
];

describe("editors' text where residents read it (the web chat renders markdown with inline HTML)", () => {
  test.each(RESIDENT_TEXTS)('when %s %s holds an HTML tag, it is refused, naming the tag, in Swedish for editors', (file, path) => {
    for (const [written, tag] of [
      ['Hej <script>alert(1)</script>', '<script'],
      ['<img src=x onerror=alert(1)>', '<img'],
      ['Välkommen till <b>kommunen</b>', '<b'],
      ['Text <!-- dold --> här', '<!--'],
    ] as const) {
      const [line, swedish] = refusedWith(file, path, written);
      expect(line).toContain(`holds "${tag}", which the web chat would show as HTML, not as text; write the text without tags`);
      expect(swedish).toBe(`Innehåller ”${tag}”, som webbchatten skulle visa som HTML och inte som text; skriv texten utan taggar (ett ”<” följt av mellanslag, som i ”< 5 år”, går bra)`);
    }
  });

  test('when a text holds "<" before a space or a digit ("< 5 år"), the corpus loads with it', () => {
    const corpus = loadsWith(['entries/payments.yaml', 'answer.sv', 'Barn < 5 år och barn <3 år får hjälp först.'], ['welcome.yaml', 'greeting.sv', 'Hej! Väntetiden är < 10 minuter.']);
    expect(corpus.entries.find((e) => e.id === 'payments')?.versions[0]?.answer.sv).toBe('Barn < 5 år och barn <3 år får hjälp först.');
  });

  test.each(RESIDENT_TEXTS)('when %s %s holds a control character, a broken surrogate or a direction override, it is refused naming the character', (file, path) => {
    for (const [ch, code] of [
      ['\u0000', 'U+0000'],
      ['\u0007', 'U+0007'],
      ['\u001b', 'U+001B'],
      ['\u0085', 'U+0085'],
      ['\ud83d', 'U+D83D'],
      ['\u202e', 'U+202E'],
      ['\u2066', 'U+2066'],
    ] as const) {
      const [line, swedish] = refusedWith(file, path, `Norrköping${ch}kommun`);
      expect(line).toContain(`holds an invisible or broken character (${code}) that would reach residents' chat, the page's title and Teams as it stands`);
      expect(swedish).toBe(`Innehåller ett osynligt styrtecken eller trasigt tecken (${code}) som skulle nå invånarnas chatt, sidans rubrik och Teams som det står; ta bort det, eller skriv om texten runt det`);
    }
  });

  test.each([
    ['welcome.yaml', 'organisation.sv'],
    ['welcome.yaml', 'topic.sv'],
    ['entries/payments.yaml', 'question.en'],
    ['entries/payments.yaml', 'source.title'],
    ['contact.yaml', 'name.en'],
  ])('when the one-line %s %s holds a line break or a tab, it is refused', (file, path) => {
    const [line, swedish] = refusedWith(file, path, 'Norrköpings\nkommun');
    expect(line).toMatch(/must be one line: it is shown as a title, on a button or in a sentence; remove the line break/);
    expect(swedish).toBe('Ska vara en enda rad: texten visas som rubrik, på en knapp eller mitt i en mening; ta bort radbrytningen');
    expect(refusedWith(file, path, 'Norrköpings\tkommun')[0]).toMatch(/invisible or broken character \(U\+0009\)/);
  });

  test('when an answer, the greeting or an update runs over lines or holds a tab, the corpus loads with them', () => {
    const corpus = loadsWith(
      ['entries/payments.yaml', 'answer.sv', 'Första stycket.\n\nAndra stycket:\n\t- en punkt'],
      ['welcome.yaml', 'greeting.sv', 'Hej!\nJag svarar på frågor.'],
      ['timeline.yaml', 'updates.0.text.sv', 'Rad ett.\nRad två.'],
    );
    expect(corpus.welcome.greeting?.sv).toBe('Hej!\nJag svarar på frågor.');
  });
});

describe('how long the welcome and its links may be', () => {
  test.each([
    ['organisation.sv', MAX_ORGANISATION_CHARS, 'Norrköpings kommun ', /the organisation is said in the chat page's title and header and in the Teams app/, /^Får vara högst 80 tecken: organisationens namn står i chattsidans rubrik/],
    ['topic.sv', TOPIC_HARD_LIMIT_CHARS, 'it-incidenten ', /the topic is said in the chat page's title and heading/, /^Får vara högst 80 tecken: ämnet står i chattsidans rubriker/],
    ['greeting.en', MAX_GREETING_CHARS, 'Hello and welcome. ', /the greeting opens every conversation and the chat cuts a longer one short/, /^Får vara högst 1000 tecken: hälsningen inleder varje samtal/],
  ])('when the welcome\'s %s is longer than %i characters, it is refused with why; at the limit it loads', (path, max, words, why, swedish) => {
    const atLimit = words.repeat(Math.ceil(max / words.length)).slice(0, max - 1) + 'x';
    expect(atLimit).toHaveLength(max);
    loadsWith(['welcome.yaml', path, atLimit]);
    const [line, sv] = refusedWith('welcome.yaml', path, words.repeat(Math.ceil(100_000 / words.length)));
    expect(line).toContain(`must be at most ${max} characters: `);
    expect(line).toMatch(why);
    expect(sv).toMatch(swedish);
  });

  test(`when a link is longer than ${MAX_LINK_CHARS} characters, it is refused`, () => {
    const base = 'https://norrkoping.se/gdpr?';
    loadsWith(['welcome.yaml', 'links.privacy', base + 'a'.repeat(MAX_LINK_CHARS - base.length)]);
    const [line, swedish] = refusedWith('welcome.yaml', 'links.privacy', base + 'a'.repeat(50_000));
    expect(line).toMatch(/must be at most 2000 characters: a longer address is cut by browsers and Teams/);
    expect(swedish).toBe('Får vara högst 2000 tecken: en längre adress kortas av webbläsare och Teams; länka sidans egen, kortare adress');
  });
});

// Every link a resident opens.
const LINKS: readonly (readonly [file: string, path: string])[] = [
  ['welcome.yaml', 'links.privacy'],
  ['welcome.yaml', 'links.accessibility'],
  ['contact.yaml', 'source.url'],
  ['contact.yaml', 'updatesUrl'],
  ['entries/payments.yaml', 'source.url'],
  ['timeline.yaml', 'updates.0.source.url'],
];

describe('links residents open', () => {
  test.each(LINKS)('when %s %s has a space, a quote, "<", ">" or a control character in it, it is refused', (file, path) => {
    for (const url of ['https://www.kommun.se/kris sida', 'https://www.kommun.se/"onmouseover="x', "https://www.kommun.se/'x", 'https://www.kommun.se/<script>', 'https://www.kommun.se/a>b', 'https://www.kommun.se/\u0007', 'https://www.kommun.se/\u202e']) {
      const [line, swedish] = refusedWith(file, path, url);
      expect(line, url).toMatch(/must be one web address with no spaces, quotes, "<", ">" or invisible characters; copy the address from the browser's address bar/);
      expect(swedish).toBe('Ska vara en enda webbadress utan mellanslag, citattecken, ”<”, ”>” eller osynliga tecken; kopiera adressen från webbläsarens adressfält');
    }
  });

  test.each(LINKS)('when %s %s holds a user name and password, or names a host without a dot, it is refused', (file, path) => {
    for (const url of ['https://user:pw@www.kommun.se/', 'https://admin@www.kommun.se/']) {
      const [line, swedish] = refusedWith(file, path, url);
      expect(line).toMatch(/must not hold a user name or password \("name:password@"\): residents would see them in the link/);
      expect(swedish).toBe('Får inte innehålla användarnamn eller lösenord (”namn:lösenord@”): invånarna skulle se dem i länken; skriv sidans offentliga adress');
    }
    for (const [url, host] of [['https://intranet/kris', 'intranet'], ['http://localhost:8080/', 'localhost']]) {
      const [line, swedish] = refusedWith(file, path, url);
      expect(line).toContain(`must be the address of a public web site, e.g. "www.kommunen.se": "${host}" has no dot`);
      expect(swedish).toBe(`Ska peka på en offentlig webbplats, t.ex. ”www.kommunen.se”: ”${host}” saknar punkt och nås bara inom en organisations eget nät`);
    }
  });

  test('when links are public pages, on https:// or (warned) http://, with paths, queries and fragments, the corpus loads', () => {
    const corpus = loadsWith(
      ['welcome.yaml', 'links.privacy', 'http://norrkoping.se/gdpr'],
      ['contact.yaml', 'updatesUrl', 'https://www.norrkoping.se/kris/it-incident?lang=sv#senaste'],
      ['entries/payments.yaml', 'source.url', 'https://www.norrkoping.se/omsorg-och-stod/%C3%A4ldre.html'],
    );
    expect(corpus.welcome.links?.privacy).toBe('http://norrkoping.se/gdpr');
  });
});

describe('the contact center\'s days', () => {
  const days = (list: unknown, exceptions?: unknown) => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    setField(dir, 'contact.yaml', 'openingHours.days', { list, source: { title: 'Kontakta kommunen', url: 'https://www.norrkoping.se/' } });
    if (exceptions !== undefined) setField(dir, 'contact.yaml', 'openingHours.exceptions', exceptions);
    return messages(loadCorpus(dir));
  };

  test('when exceptions name "__proto__" or "constructor", each is refused as not a day of the week', () => {
    for (const key of ['__proto__', 'constructor']) {
      const found = days(['monday', 'friday'], { [key]: { opens: '08:00', closes: '15:00' } });
      expect(found, key).toEqual([expect.stringMatching(new RegExp(`field "openingHours\\.exceptions": "${key}" is not a day of the week: name each day as monday, tuesday, wednesday, thursday, friday, saturday or sunday`))]);
      expect(inSwedish(found[0] ?? '')).toBe(`”${key}” är ingen veckodag: skriv dagen som monday, tuesday, wednesday, thursday, friday, saturday eller sunday`);
    }
    expect(days(['monday', 'friday'], { friday: { opens: '08:00', closes: '15:00' } })).toEqual([]);
  });

  test('when days.list names a day twice, or 25,000 days, it is refused once', () => {
    for (const list of [['monday', 'tuesday', 'monday'], Array.from({ length: 25_000 }, (_, i) => ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][i % 7])]) {
      const found = days(list);
      expect(found).toEqual([expect.stringMatching(/field "openingHours\.days\.list": must hold each day once: a week has seven days; remove the repeated ones/)]);
      expect(inSwedish(found[0] ?? '')).toBe('Varje dag får väljas en gång: veckan har sju dagar; ta bort upprepningarna');
    }
    expect(days(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])).toEqual([]);
  });
});

describe('fields of the wrong kind, in one plain line', () => {
  test.each([
    ['starters written as text', 'welcome.yaml', 'starters', 'incident-status', 'field "starters": must be a list (lines starting with "- ", or [a, b])', 'Ska vara en lista'],
    ['the welcome\'s links as a list', 'welcome.yaml', 'links', ['https://norrkoping.se/gdpr'], 'field "links": must be fields (name: value lines, indented under it)', 'Ska vara fält (namn och värde), inte en lista eller en text'],
    ['the exceptions as a list', 'contact.yaml', 'openingHours.exceptions', [{ opens: '08:00', closes: '15:00' }], 'field "openingHours.exceptions": must be fields (name: value lines, indented under it)', 'Ska vara fält (namn och värde), inte en lista eller en text'],
    ['an unknown field in welcome.yaml', 'welcome.yaml', 'kampanj', 'x', 'field "(whole file)": "kampanj" is not a field here; check the spelling', '”kampanj” är inget fält här; kontrollera stavningen'],
  ])('when a corpus has %s, says so in one line, in Swedish for editors', (_name, file, path, value, line, swedish) => {
    const dir = copyOfFaqData();
    dirs.push(dir);
    setField(dir, file, path, value);
    const found = messages(loadCorpus(dir));
    expect(found).toEqual([expect.stringContaining(line)]);
    expect(found[0]).not.toMatch(/Invalid input|expected \w+, received|Unrecognized key/);
    expect(inSwedish(found[0] ?? '')).toBe(swedish);
  });
});
