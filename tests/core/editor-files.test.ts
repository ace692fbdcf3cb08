import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { loadCorpus, MAX_RELATED_SHOWN, MAX_TOPIC_CHARS, MAX_UPDATE_CHARS, type LoadResult } from '../../src/core/index.js';
import { inSwedish } from '../support/staff-swedish.js';
import { copyOfFaqData } from '../support/corpus.js';
import { startOnCorpus } from '../support/service-process.js';

/**
 * Files as editors of the next incident really save them: from Notepad (Windows-1252, a byte-order mark,
 * CRLF), from a Mac copy (AppleDouble "._" files beside every file), half-written (an empty welcome.yaml
 * with only a comment). Each either loads as the same corpus or is refused with the file and what to do,
 * never with zod's own words.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const corpusCopy = () => {
  const dir = copyOfFaqData();
  dirs.push(dir);
  return dir;
};
const messages = (result: LoadResult) => (result.ok ? [] : result.problems.map((p) => p.message));
const loaded = (result: LoadResult) => {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.corpus;
};
const ENTRY_COUNT = readdirSync(join(ROOT, 'faq-data', 'entries')).filter((f) => f.endsWith('.yaml')).length;

describe('corpus files as editors save them', () => {
  test('when an entry is saved as Windows-1252, is refused naming the file and the line, instead of serving "�" for å/ä/ö', () => {
    const dir = corpusCopy();
    const file = join(dir, 'entries', 'payments.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, Buffer.from(text.replace(/[^\u0000-\u00ff]/g, '-'), 'latin1'));
    const firstLine = text.split('\n').findIndex((line) => /[åäöÅÄÖé]/.test(line)) + 1;
    const result = loadCorpus(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.code)).toEqual(['FILE_NOT_UTF8']);
    expect(result.problems[0]?.message).toMatch(new RegExp(`payments\\.yaml: is not saved as UTF-8 \\(line ${firstLine} `));
    expect(result.problems[0]?.message).toMatch(/save it with the encoding UTF-8/);
  });

  test('when faq:check and the service meet a Windows-1252 file, both print the message and no stack trace', () => {
    const dir = corpusCopy();
    writeFileSync(join(dir, 'contact.yaml'), Buffer.from(readFileSync(join(dir, 'contact.yaml'), 'utf8').replace(/[^\u0000-\u00ff]/g, '-'), 'latin1'));
    const check = spawnSync('npx', ['tsx', 'scripts/faq-check.ts', '--no-weakness', '--corpus', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/contact\.yaml: is not saved as UTF-8/);
    const start = startOnCorpus(dir);
    expect(start.status).toBe(1);
    expect(start.stderr).toMatch(/will not start[\s\S]*contact\.yaml: is not saved as UTF-8/);
    expect(`${check.stderr}${start.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  test('when files have a byte-order mark and CRLF line ends, loads the same corpus', () => {
    const plain = loaded(loadCorpus(corpusCopy()));
    const dir = corpusCopy();
    for (const file of ['contact.yaml', 'timeline.yaml', 'welcome.yaml', ...readdirSync(join(dir, 'entries')).map((f) => join('entries', f))]) {
      writeFileSync(join(dir, file), `\uFEFF${readFileSync(join(dir, file), 'utf8').replace(/\n/g, '\r\n')}`);
    }
    const windows = loaded(loadCorpus(dir));
    expect(windows.entries).toEqual(plain.entries);
    expect(windows.contact).toEqual(plain.contact);
    expect(windows.timeline).toEqual(plain.timeline);
    expect(windows.welcome).toEqual(plain.welcome);
  });

  test('when a file has å/ä/ö decomposed (NFD, as macOS may save it), references to contact details are filled in and the texts are the same', () => {
    const plain = loaded(loadCorpus(corpusCopy()));
    const dir = corpusCopy();
    const file = join(dir, 'entries', 'contact.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('{besöksadress}');
    writeFileSync(file, text.normalize('NFD'));
    const decomposed = loaded(loadCorpus(dir));
    const answer = decomposed.entries.find((e) => e.id === 'contact')?.versions[0]?.answer.sv ?? '';
    expect(answer).toContain(decomposed.contact.visitingAddress.sv);
    expect(answer).not.toMatch(/\{/);
    expect(decomposed.entries).toEqual(plain.entries);
  });

  test('when the optional files are empty or hold only a comment, loads as if they were absent', () => {
    const dir = corpusCopy();
    writeFileSync(join(dir, 'welcome.yaml'), '# the welcome: to be written\n');
    writeFileSync(join(dir, 'synonyms.yaml'), '');
    writeFileSync(join(dir, 'stopwords.yaml'), '# none yet\n');
    writeFileSync(join(dir, 'out-of-scope.yaml'), '\n');
    const empty = loaded(loadCorpus(dir));
    for (const file of ['welcome.yaml', 'synonyms.yaml', 'stopwords.yaml', 'out-of-scope.yaml']) unlinkSync(join(dir, file));
    const absent = loaded(loadCorpus(dir));
    expect(empty.welcome).toEqual(absent.welcome);
    expect(empty.welcome.starters[0]).toBe(empty.timeline.entry);
    expect(empty.synonyms).toEqual(absent.synonyms);
    expect(empty.stopwords).toEqual(absent.stopwords);
    expect(empty.outOfScope).toEqual(absent.outOfScope);
  });

  test('when a required file is empty, names it as empty', () => {
    const dir = corpusCopy();
    writeFileSync(join(dir, 'contact.yaml'), '# kontaktuppgifter\n');
    writeFileSync(join(dir, 'entries', 'new-entry.yaml'), '');
    const found = messages(loadCorpus(dir));
    expect(found).toEqual([
      expect.stringMatching(/entries\/new-entry\.yaml: is empty\. Write its fields \(see faq-data\/README\.md\), or delete the file if the entry is not wanted\./),
      expect.stringMatching(/contact\.yaml: is empty\. Write its fields \(see faq-data\/README\.md\)\.$/),
    ]);
  });

  test('when a Mac copy left "._" files in entries/, they are not read as entries', () => {
    const dir = corpusCopy();
    writeFileSync(join(dir, 'entries', '._payments.yaml'), Buffer.from([0, 5, 22, 7, 0, 2, 0, 0, 0x4d, 0x61, 0x63, 0x20, 0x4f, 0x53, 0xff, 0xfe]));
    writeFileSync(join(dir, 'entries', '.#contact.yaml'), 'user@host.1234:1700000000');
    expect(loaded(loadCorpus(dir)).entries).toHaveLength(ENTRY_COUNT);
  });

  test.each([
    ['a required block that is absent', 'contact.yaml', (t: string) => t.replace(/^openingHours:\n(  .*\n)+/m, ''), /contact\.yaml: contact center, field "openingHours": is missing\./],
    ['a list where fields belong', 'entries/payments.yaml', () => '- id: payments\n- category: Betalningar\n', /payments\.yaml: entry #\d+, field "\(whole file\)": must be fields \(name: value lines/],
    ['text where a list belongs', 'entries/payments.yaml', (t: string) => t.replace(/^related:.*$/m, 'related: invoices'), /entry "payments", field "related": must be a list \(lines starting with "- ", or \[a, b\]\)/],
    ['a misspelt field', 'entries/payments.yaml', (t: string) => t.replace(/^category:/m, 'kategori: x\ncategory:'), /entry "payments", field "\(whole file\)": "kategori" is not a field here; check the spelling/],
    ['timeline without updates', 'timeline.yaml', (t: string) => t.replace(/^updates:[\s\S]*$/m, ''), /timeline\.yaml: timeline, field "updates": is missing\./],
  ])('when a file has %s, says so in plain words, not zod\'s', (_name, file, change, mention) => {
    const dir = corpusCopy();
    writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
    const found = messages(loadCorpus(dir));
    expect(found.join('\n')).toMatch(mention);
    expect(found.join('\n')).not.toMatch(/Invalid input|expected \w+, received/);
  });

  test('when an entry has few Swedish phrasings, faq:check says so instead of "answered for only 100 %"', { timeout: 180_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'faq-few-'));
    dirs.push(dir);
    cpSync(join(ROOT, 'eval', 'incidents', 'water-adala', 'faq-data'), dir, { recursive: true });
    const file = join(dir, 'entries', 'water-tanks.yaml');
    const text = readFileSync(file, 'utf8');
    const kept = text.replace(/^phrasings:\n  sv:\n((?:    - .*\n)+)/m, (_all, lines: string) => `phrasings:\n  sv:\n${lines.split('\n').slice(0, 3).join('\n')}\n`);
    expect(kept).not.toBe(text);
    writeFileSync(file, kept);
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/faq-check.ts', '--corpus', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/weak: entry "water-tanks" has only 3 Swedish phrasings, too few to answer residents' own words with confidence \(\d+ % of its held-out questions answered\)/);
    expect(check.stdout).not.toMatch(/answered for only 100 %/);
  });

  test.each([
    ['a folder that does not exist', () => join(corpusCopy(), 'no-such-folder'), /no-such-folder: there is no such folder\. Give the incident's corpus folder/],
    ['a file', () => join(corpusCopy(), 'contact.yaml'), /contact\.yaml: is a file, not a folder\./],
    ['the incident\'s folder around its faq-data/', () => join(ROOT, 'eval', 'incidents', 'storm-sjovik'), /storm-sjovik: holds no corpus, but .*storm-sjovik\/faq-data does: use that folder\./],
  ])('when the corpus folder given is %s, one problem says so', (_name, folder, mention) => {
    const found = messages(loadCorpus(folder()));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(mention);
  });

  test('when the service is started on the incident\'s folder instead of its faq-data/, it refuses and names the folder to use', () => {
    const start = startOnCorpus(join(ROOT, 'eval', 'incidents', 'water-adala'));
    expect(start.status).toBe(1);
    expect(start.stderr).toMatch(/will not start[\s\S]*water-adala: holds no corpus, but .*water-adala\/faq-data does: use that folder/);
    expect(start.stderr).not.toMatch(/file not found/);
  });

  test('when two entries ask the same question, the problem is named at the question, not the phrasings', () => {
    const dir = corpusCopy();
    const question = /^question:\n  sv: .*\n  en: .*\n/m;
    const asked = question.exec(readFileSync(join(dir, 'entries', 'payments.yaml'), 'utf8'))?.[0];
    expect(asked).toBeDefined();
    const file = join(dir, 'entries', 'invoices.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(question, asked ?? ''));
    const found = messages(loadCorpus(dir));
    expect(found).toEqual([
      expect.stringMatching(/entry "(invoices|payments)", field "question\.sv": ".*" is also a question of entry "(invoices|payments)"\. A phrasing may belong to one entry only; ask the question in its own words in each entry\./),
      expect.stringMatching(/field "question\.en"/),
    ]);
  });

  test('when a phrasing repeats the question of an entry in a later file, the problem is named at the phrasing that was copied', () => {
    const dir = corpusCopy();
    const question = /^question:\n  sv: (.*)\n/m.exec(readFileSync(join(dir, 'entries', 'police-report.yaml'), 'utf8'))?.[1] ?? '';
    expect(question).not.toBe('');
    const file = join(dir, 'entries', 'invoices.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^phrasings:\n  sv:\n/m, `phrasings:\n  sv:\n    - ${JSON.stringify(question)}\n`));
    const result = loadCorpus(dir);
    expect(result.ok ? [] : result.problems.map((p) => [p.file.split('/').pop(), p.message.replace(/^.*?: entry/, 'entry')])).toEqual([
      ['invoices.yaml', expect.stringMatching(/^entry "invoices", field "phrasings": ".*" is also a question of entry "police-report"\. A phrasing may belong to one entry only; remove it from one of them\.$/)],
    ]);
  });

  test('when entries sit in a folder inside entries/ or in a file that is not .yaml, the corpus loads and faq:check warns that they are not read', () => {
    const dir = corpusCopy();
    const entries = join(dir, 'entries');
    mkdirSync(join(entries, 'arkiv'));
    renameSync(join(entries, 'employees.yaml'), join(entries, 'arkiv', 'employees.yaml'));
    writeFileSync(join(entries, 'ny-fraga.txt'), 'id: ny-fraga\n');
    writeFileSync(join(entries, 'README.md'), '# Våra svar\n');
    writeFileSync(join(entries, '._invoices.yaml'), Buffer.from([0, 5, 22, 7]));
    const result = loadCorpus(dir);
    expect(loaded(result).entries.map((e) => e.id)).not.toContain('employees');
    expect(loaded(result).entries).toHaveLength(ENTRY_COUNT - 1);
    const warnings = result.ok ? (result.warnings ?? []).filter((w) => w.code === 'NOT_AN_ENTRY') : [];
    expect(warnings.map((w) => w.file.split('/entries/').pop())).toEqual(['arkiv/', 'ny-fraga.txt']);
    expect(warnings[0]?.message).toMatch(/a folder inside entries\/ is not read, so its entries are not served/);
    expect(warnings[1]?.message).toMatch(/only \.yaml files in entries\/ are entries/);

    const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/faq-check.ts', '--no-weakness', '--corpus', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/warning: .*arkiv\/: a folder inside entries\/ is not read/);
    expect(check.stdout).toMatch(/warning: .*ny-fraga\.txt: not read/);
    expect(check.stdout).not.toMatch(/README\.md|\._invoices/);
  });

  test('when a file has old-Mac line ends (a lone CR), loads the same corpus instead of "not valid YAML at line 1"', () => {
    const plain = loaded(loadCorpus(corpusCopy()));
    const dir = corpusCopy();
    const file = join(dir, 'entries', 'payments.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n/g, '\r'));
    expect(loaded(loadCorpus(dir)).entries).toEqual(plain.entries);
  });

  test('when an entry file ends in .YAML (as Windows may save it), it is read as the entry', () => {
    const dir = corpusCopy();
    renameSync(join(dir, 'entries', 'payments.yaml'), join(dir, 'entries', 'payments.YAML'));
    const result = loadCorpus(dir);
    expect(loaded(result).entries.map((e) => e.id)).toContain('payments');
    expect(result.ok ? (result.warnings ?? []).filter((w) => w.code === 'NOT_AN_ENTRY') : []).toEqual([]);
  });

  test('when a folder inside entries/ has a name ending in .yaml, the corpus loads and it is named as a folder that is not read', () => {
    const dir = corpusCopy();
    mkdirSync(join(dir, 'entries', 'gamla.yaml'));
    const result = loadCorpus(dir);
    expect(loaded(result).entries).toHaveLength(ENTRY_COUNT);
    const warnings = result.ok ? (result.warnings ?? []).filter((w) => w.code === 'NOT_AN_ENTRY') : [];
    expect(warnings.map((w) => w.file.split('/entries/').pop())).toEqual(['gamla.yaml/']);
    expect(warnings[0]?.message).toMatch(/a folder inside entries\/ is not read/);
  });

  test('when an id is written with å/ä/ö, the message says which letters an id may have', () => {
    const dir = corpusCopy();
    const file = join(dir, 'entries', 'payments.yaml');
    writeFileSync(join(dir, 'entries', 'utbetalningar-på-ön.yaml'), readFileSync(file, 'utf8').replace(/^id: payments$/m, 'id: utbetalningar-på-ön'));
    unlinkSync(file);
    const found = messages(loadCorpus(dir)).join('\n');
    expect(found).toMatch(/utbetalningar-på-ön\.yaml: entry "utbetalningar-på-ön", field "id": must be lower-case kebab-case: only a–z, 0–9 and "-" between words \(write å, ä, ö as a, a, o; no capitals or spaces\)/);
  });

  test('when a phrasing is written twice in one entry, or an entry has no English phrasings, the corpus loads and faq:check warns at the entry', () => {
    const dir = corpusCopy();
    const file = join(dir, 'entries', 'payments.yaml');
    const text = readFileSync(file, 'utf8');
    const repeated = text.replace(/^phrasings:\n  sv:\n/m, 'phrasings:\n  sv:\n    - "påverkas utbetalningar"\n    - "Påverkas utbetalningar?"\n');
    writeFileSync(file, repeated.replace(/^(phrasings:\n  sv:\n(?:    - .*\n)+)  en:\n(?:    - .*\n)+/m, '$1  en: []\n'));
    const result = loadCorpus(dir);
    const payments = loaded(result).entries.find((e) => e.id === 'payments');
    expect(payments?.phrasings.en).toEqual([]);
    const warned = result.ok ? (result.warnings ?? []).filter((w) => w.file.endsWith('payments.yaml')).map((w) => [w.code, w.message.replace(/^.*?: entry/, 'entry')]) : [];
    expect(warned).toEqual([
      ['REPEATED_PHRASING', 'entry "payments", field "phrasings.sv": "påverkas utbetalningar" is written 3 times; a copy teaches the bot nothing new. Replace the copies with other ways residents ask the same thing.'],
      ['NO_ENGLISH_PHRASINGS', expect.stringMatching(/^entry "payments", field "phrasings\.en": has no English phrasings, so English questions are matched against its question alone\. Add 3–5/)],
    ]);
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/faq-check.ts', '--no-weakness', '--corpus', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/warning: .*payments\.yaml: entry "payments", field "phrasings\.sv": "påverkas utbetalningar" is written 3 times/);
    expect(check.stdout).toMatch(/warning: .*payments\.yaml: entry "payments", field "phrasings\.en": has no English phrasings/);
  });

  test('when an entry names more related entries than an answer offers, the corpus loads and faq:check names the ones never offered', () => {
    const dir = corpusCopy();
    const file = join(dir, 'entries', 'payments.yaml');
    const related = ['contact', 'services-affected', 'invoices', 'personal-data', 'police-report'];
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^related: .*$/m, `related: [${related.join(', ')}]`));
    const result = loadCorpus(dir);
    expect(loaded(result).entries.find((e) => e.id === 'payments')?.related).toEqual(related);
    const warned = result.ok ? (result.warnings ?? []).filter((w) => w.code === 'RELATED_NOT_SHOWN').map((w) => w.message.replace(/^.*?: entry/, 'entry')) : [];
    expect(warned).toEqual([
      `entry "payments", field "related": an answer offers its first ${MAX_RELATED_SHOWN} related entries, so "personal-data", "police-report" are never offered. Keep the ${MAX_RELATED_SHOWN} residents most likely need next, first.`,
    ]);
    // Three are offered: no warning.
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^related: .*$/m, `related: [${related.slice(0, MAX_RELATED_SHOWN).join(', ')}]`));
    const three = loadCorpus(dir);
    expect(three.ok && (three.warnings ?? []).some((w) => w.code === 'RELATED_NOT_SHOWN')).toBe(false);
  });

  test('when the welcome offers an entry written for staff alone, the corpus loads and faq:check says residents would be offered it', () => {
    const dir = corpusCopy();
    const file = join(dir, 'welcome.yaml');
    const written = readFileSync(file, 'utf8');
    const staffStarters = (result: LoadResult) => {
      loaded(result);
      return result.ok ? (result.warnings ?? []).filter((w) => w.code === 'STAFF_STARTER').map((w) => w.message.replace(/^.*?: field/, 'field')) : [];
    };
    expect(staffStarters(loadCorpus(dir))).toEqual([]);
    writeFileSync(file, written.replace(/^starters: \[(.*)\]$/m, 'starters: [$1, employees]'));
    const result = loadCorpus(dir);
    expect(loaded(result).welcome.starters).toContain('employees');
    expect(staffStarters(result)).toEqual([expect.stringMatching(/^field "starters": entry "employees" is written for staff only \(audience: \[staff\]\), yet the welcome offers it to every resident/)]);
  });

  test('when the topic begins with a capital the sentence does not need, or is too long for a title, the corpus loads and faq:check warns at the field', () => {
    const dir = corpusCopy();
    const file = join(dir, 'welcome.yaml');
    const written = readFileSync(file, 'utf8');
    const withTopic = (sv: string, en: string, extra = '') => {
      writeFileSync(file, written.replace(/^topic:\n  sv: .*\n  en: .*\n/m, `topic:\n  sv: "${sv}"\n  en: "${en}"\n`) + extra);
      const result = loadCorpus(dir);
      expect(loaded(result).welcome.topic).toEqual({ sv, en });
      return result.ok ? (result.warnings ?? []).filter((w) => w.code === 'TOPIC_CAPITALISED' || w.code === 'TOPIC_TOO_LONG').map((w) => w.message.replace(/^.*?: field/, 'field')) : [];
    };
    expect(withTopic('It-incidenten', 'The IT incident')).toEqual([
      'field "topic.sv": "It-incidenten" begins with a capital letter, but the topic is said mid-sentence ("Jag är … chattbot om It-incidenten", "Frågor om It-incidenten") in the greeting, the chat page\'s title and the Teams app. Write "it-incidenten", unless it begins with a name.',
      'field "topic.en": "The IT incident" begins with a capital letter, but the topic is said mid-sentence ("I am … chatbot about The IT incident", "Questions about The IT incident") in the greeting, the chat page\'s title and the Teams app. Write "the IT incident", unless it begins with a name.',
    ]);
    expect(withTopic('Stormen Tyra', 'storm Tyra')).toEqual([expect.stringMatching(/^field "topic\.sv": "Stormen Tyra" begins with a capital letter/)]);
    // A small first letter, an abbreviation, an English name, and a name the welcome writes (the organisation's, a place's) read right.
    expect(withTopic('stormen Tyra', 'Storm Tyra')).toEqual([]);
    expect(withTopic('IT-attacken', 'the IT attack')).toEqual([]);
    expect(withTopic('Norrköpings vattenverk', "Norrköping's waterworks")).toEqual([]);
    expect(withTopic('Hagebybranden', 'the fire in Hageby')).toEqual([]);
    const long = 'kokningsrekommendationen för dricksvattnet';
    expect(withTopic(long, 'the boil-water advice')).toEqual([
      `field "topic.sv": is ${long.length} characters long, more than the ${MAX_TOPIC_CHARS} a topic may have. It is said in the chat page's title and heading ("Frågor om …") and in the Teams app's name and description, which Teams cuts short. Name the incident in a few words, e.g. "it-incidenten", and say more in the greeting.`,
    ]);
    expect(withTopic('x'.repeat(MAX_TOPIC_CHARS), 'the outage')).toEqual([]);
    // faq:check prints them, and the editors' pages say them in Swedish.
    withTopic('Vattenläckan', 'the water leak');
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/faq-check.ts', '--no-weakness', '--corpus', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/warning: .*welcome\.yaml: field "topic\.sv": "Vattenläckan" begins with a capital letter/);
    const warning = /warning: (.*welcome\.yaml: field "topic\.sv".*)/.exec(check.stdout)?.[1] ?? '';
    expect(inSwedish(warning, 'TOPIC_CAPITALISED')).toBe('Ämnet ”Vattenläckan” börjar med stor bokstav, men det står mitt i en mening (”Jag är … chattbot om Vattenläckan”, ”Frågor om Vattenläckan”). Skriv ”vattenläckan”, om det inte börjar med ett namn.');
    expect(inSwedish(withTopic(long, 'the boil-water advice')[0] ?? '', 'TOPIC_TOO_LONG')).toBe(
      `Ämnet är ${long.length} tecken långt, fler än de ${MAX_TOPIC_CHARS} ett ämne får ha. Det står i chattsidans rubriker (”Frågor om …”) och i Teams-appens namn och beskrivning, som Teams kortar. Skriv händelsen med några få ord, t.ex. ”it-incidenten”, och säg mer i hälsningen.`,
    );
  });

  test('when a link residents open from the welcome or the contact details is on http://, the corpus loads and faq:check says Teams will refuse it', () => {
    const dir = corpusCopy();
    const welcome = join(dir, 'welcome.yaml');
    const contact = join(dir, 'contact.yaml');
    const insecure = () => {
      const result = loadCorpus(dir);
      loaded(result);
      return result.ok ? (result.warnings ?? []).filter((w) => w.code === 'INSECURE_LINK').map((w) => w.message.replace(/^.*?\/(\w+\.yaml): field/, '$1: field')) : [];
    };
    expect(insecure()).toEqual([]);
    writeFileSync(welcome, readFileSync(welcome, 'utf8').replace('privacy: https://norrkoping.se/gdpr', 'privacy: http://norrkoping.se/gdpr').replace('accessibility: https://', 'accessibility: http://'));
    writeFileSync(contact, readFileSync(contact, 'utf8').replace(/\nsource:\n  title: (.*)\n  url: https:/, '\nsource:\n  title: $1\n  url: http:'));
    expect(loaded(loadCorpus(dir)).welcome.links?.privacy).toBe('http://norrkoping.se/gdpr');
    const found = insecure();
    expect(found).toEqual([
      'welcome.yaml: field "links.privacy": "http://norrkoping.se/gdpr" begins with http://, so the web chat links a page that is not encrypted, and npm run teams:package refuses to build the Teams app (Teams takes only https:// links). Write the page\'s https:// address.',
      'welcome.yaml: field "links.accessibility": "http://norrkoping.se/om-webbplatsen/tillganglighetsredogorelse" begins with http://, so the web chat links a page that is not encrypted. Write the page\'s https:// address.',
      'contact.yaml: field "source.url": "http://www.norrkoping.se/" begins with http://, so the web chat links a page that is not encrypted, and npm run teams:package refuses to build the Teams app (Teams takes only https:// links). Write the page\'s https:// address.',
    ]);
    expect(inSwedish(found[0] ?? '', 'INSECURE_LINK')).toBe('Adressen ”http://norrkoping.se/gdpr” börjar med http://, så chattsidan länkar till en okrypterad sida, och Teams-appen kan inte byggas (Teams tar bara https://-länkar). Skriv sidans https://-adress.');
    expect(inSwedish(found[1] ?? '', 'INSECURE_LINK')).toBe('Adressen ”http://norrkoping.se/om-webbplatsen/tillganglighetsredogorelse” börjar med http://, så chattsidan länkar till en okrypterad sida. Skriv sidans https://-adress.');
  });

  test('when a timeline update is longer than fits under an answer, the corpus loads and faq:check names the update and its field', () => {
    const dir = corpusCopy();
    const file = join(dir, 'timeline.yaml');
    const timeline = z.object({ updates: z.array(z.looseObject({ date: z.string(), text: z.looseObject({ sv: z.string() }) })).min(1) }).loose().parse(parseYaml(readFileSync(file, 'utf8')));
    const long = 'Kommunen arbetar vidare med att återställa systemen. '.repeat(40).trim();
    const first = timeline.updates[0] as (typeof timeline.updates)[number];
    first.text.sv = long;
    writeFileSync(file, stringifyYaml(timeline));
    const result = loadCorpus(dir);
    expect(loaded(result).timeline.updates[0]?.text.sv).toBe(long);
    const warned = result.ok ? (result.warnings ?? []).filter((w) => w.code === 'UPDATE_TOO_LONG').map((w) => w.message.replace(/^.*?: field/, 'field')) : [];
    expect(warned).toEqual([
      `field "updates.0.text.sv" (the update of ${first.date}): is ${long.length.toLocaleString('en-GB')} characters long, more than the ${MAX_UPDATE_CHARS.toLocaleString('en-GB')} an update may have. The latest update is shown under the status answer, and a reply too long for the chat is cut short. Write the update as a short dated note and put the details in an entry's answer.`,
    ]);
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/faq-check.ts', '--no-weakness', '--corpus', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/warning: .*timeline\.yaml: field "updates\.0\.text\.sv"/);
  });

  test('when an answer is too long for a Teams message (5,000 words), the corpus loads and the warning names the entry and the field', () => {
    const dir = corpusCopy();
    const file = join(dir, 'entries', 'payments.yaml');
    const long = Array.from({ length: 5000 }, (_, i) => (i % 12 === 11 ? 'utbetalningarna.' : 'kommunen')).join(' ');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^answer:\n  sv: [|>]-?\n(?:    .*\n|\n)+/m, `answer:\n  sv: "${long}"\n`));
    const result = loadCorpus(dir);
    expect(loaded(result).entries.find((e) => e.id === 'payments')?.versions[0]?.answer.sv).toBe(long);
    const warned = result.ok ? (result.warnings ?? []).filter((w) => w.code === 'ANSWER_TOO_LONG').map((w) => w.message.replace(/^.*?: entry/, 'entry')) : [];
    expect(warned).toEqual([expect.stringMatching(/^entry "payments", field "answer\.sv": is \d\d,\d{3} bytes long with its source line, more than the 18,000 an answer may have\. The web chat shows no reply over 20,000 characters and Teams refuses a message over about 28 KB/)]);
  });

  test('when an answer with its source line would not fit a web chat reply (19,951 bytes, under the old 20,000), faq:check warns at the entry and the field', () => {
    const dir = corpusCopy();
    const file = join(dir, 'entries', 'payments.yaml');
    // The tester's answer: 19,951 bytes, which the web chat dropped once "Källa: …" was added to it.
    const long = 'Kommunen betalar ut pengarna som vanligt. '.repeat(500).slice(0, 19_951);
    expect(Buffer.byteLength(long)).toBe(19_951);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^answer:\n  sv: [|>]-?\n(?:    .*\n|\n)+/m, `answer:\n  sv: "${long}"\n`));
    const result = loadCorpus(dir);
    const warned = result.ok ? (result.warnings ?? []).filter((w) => w.code === 'ANSWER_TOO_LONG').map((w) => w.message.replace(/^.*?: entry/, 'entry')) : messages(result);
    expect(warned).toEqual([expect.stringMatching(/^entry "payments", field "answer\.sv": is 20,0\d\d bytes long with its source line, more than the 18,000 an answer may have\. The web chat shows no reply over 20,000 characters/)]);
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/faq-check.ts', '--no-weakness', '--corpus', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(check.stdout).toMatch(/warning: .*payments\.yaml: entry "payments", field "answer\.sv": is 20,0\d\d bytes long with its source line/);
  });

  test('when entries/ is empty (a new incident before its first answer), faq:check and the service name that one problem, not the timeline too', () => {
    const dir = corpusCopy();
    for (const name of readdirSync(join(dir, 'entries'))) unlinkSync(join(dir, 'entries', name));
    expect(messages(loadCorpus(dir))).toEqual([expect.stringMatching(/entries: holds no entries \(\*\.yaml\)\. Add at least one entry\.$/)]);
    const start = startOnCorpus(dir);
    expect(start.status).toBe(1);
    expect(start.stderr).toMatch(/will not start[\s\S]*entries: holds no entries/);
    expect(start.stderr).not.toMatch(/timeline\.yaml|\n\s+at .+:\d+:\d+/);
  });
});

describe('the contact file as faq-data/README.md shows it', () => {
  // An editor of the next incident found the contact file's required fields only by running faq:check
  // until it passed: the README showed only the optional ones. Its example must load as it stands.
  test('when a corpus gets the README’s minimal contact.yaml, it loads with those details', () => {
    const readme = readFileSync(join(ROOT, 'faq-data', 'README.md'), 'utf8');
    const block = /The file needs these fields[^\n]*\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const dir = corpusCopy();
    writeFileSync(join(dir, 'contact.yaml'), block ?? '');
    const corpus = loaded(loadCorpus(dir));
    expect(corpus.contact.phone).toEqual({ display: '011-15 00 00', tel: '+4611150000' });
    expect(corpus.contact.email).toBe('kontaktcenter@kommun.se');
    expect(corpus.contact.updatesUrl).toBe('https://www.kommun.se/storning');
  });
});
