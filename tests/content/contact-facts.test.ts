import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readCorpusFiles, validateChange } from '../../src/content/index.js';
import { loadCorpus, type Corpus } from '../../src/core/index.js';
import { copyOfFaqData, FAQ_DATA_DIR } from '../support/corpus.js';

const answersOf = (corpus: Corpus) => corpus.entries.flatMap((e) => e.versions.flatMap((v) => [v.answer.sv, v.answer.en, v.lattlast?.sv ?? '', v.lattlast?.en ?? '']));

function load(dir: string): Corpus {
  const loaded = loadCorpus(dir);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  return loaded.corpus;
}

describe('answers refer to the contact details instead of copying them', () => {
  test('when the corpus is served, every reference holds the value from contact.yaml and none is left unfilled', () => {
    const corpus = load(FAQ_DATA_DIR);
    const contact = corpus.entries.find((e) => e.id === 'contact')?.versions[0];
    expect(contact?.answer.sv).toContain(corpus.contact.phone.display);
    expect(contact?.answer.sv).toContain(corpus.contact.email);
    expect(contact?.answer.en).toContain(corpus.contact.visitingAddress.en);
    expect(answersOf(corpus).join('\n')).not.toMatch(/\{[\p{L}-]+\}/u);
  });

  test('when only contact.yaml changes the phone number, every answer shows the new one and none the old', () => {
    const dir = copyOfFaqData();
    try {
      const file = join(dir, 'contact.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('display: "011-15 00 00"', 'display: "011-15 12 34"').replace('tel: "+4611150000"', 'tel: "+4611151234"'));
      const answers = answersOf(load(dir)).join('\n');
      expect(answers).not.toContain('011-15 00 00');
      expect(answers.split('011-15 12 34').length - 1).toBeGreaterThanOrEqual(4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('when an answer copies the phone number or names a detail that does not exist, faq:check names the entry and field', () => {
    const dir = copyOfFaqData();
    try {
      const file = join(dir, 'entries', 'invoices.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^answer:\n  sv: \|\n/m, 'answer:\n  sv: |\n    Ring 011-15 00 00 eller skicka fax till {fax}.\n'));
      const loaded = loadCorpus(dir, { strictContactFacts: true });
      expect(loaded.ok).toBe(false);
      const messages = loaded.ok ? [] : loaded.problems.map((p) => `${p.code} ${p.message}`);
      expect(messages.some((m) => m.startsWith('COPIED_CONTACT_FACT') && m.includes('entry "invoices"') && m.includes('answer.sv') && m.includes('{telefon}'))).toBe(true);
      expect(messages.some((m) => m.startsWith('UNKNOWN_CONTACT_FACT') && m.includes('{fax}'))).toBe(true);
      // A folder on disk (faq-data/, an older incident's folder) with only a copied number loads, with a warning.
      writeFileSync(file, readFileSync(file, 'utf8').replace(' eller skicka fax till {fax}.', '.'));
      const lenient = loadCorpus(dir);
      expect(lenient.ok).toBe(true);
      expect(lenient.ok ? lenient.warnings?.map((w) => w.code) : []).toContain('COPIED_CONTACT_FACT');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('when the greeting refers to the phone number, residents read the number; a copy or an unknown detail there is named like one in an answer', () => {
    const dir = copyOfFaqData();
    try {
      const file = join(dir, 'welcome.yaml');
      const withGreeting = (sv: string) => readFileSync(file, 'utf8').replace(/^greeting:\n  sv: .*$/m, `greeting:\n  sv: "${sv}"`);
      writeFileSync(file, withGreeting('Hej! Ring {telefon} eller skriv till {e-post} om du inte hittar svaret här.'));
      const corpus = load(dir);
      expect(corpus.welcome.greeting?.sv).toBe(`Hej! Ring ${corpus.contact.phone.display} eller skriv till ${corpus.contact.email} om du inte hittar svaret här.`);

      writeFileSync(file, withGreeting('Hej! Ring 011-15 00 00 eller faxa {fax}.'));
      const strict = loadCorpus(dir, { strictContactFacts: true });
      const messages = strict.ok ? [] : strict.problems.map((p) => `${p.code} ${p.message}`);
      expect(messages).toContainEqual(expect.stringMatching(/^COPIED_CONTACT_FACT .*welcome\.yaml: welcome, field "greeting\.sv": copies the contact center's phone number\. Write \{telefon\}/));
      expect(messages).toContainEqual(expect.stringMatching(/^UNKNOWN_CONTACT_FACT .*welcome\.yaml: welcome, field "greeting\.sv": there is no contact detail "\{fax\}"/));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('when a draft copies the e-mail address into an answer, it is refused at that entry and field', () => {
    const files = readCorpusFiles(FAQ_DATA_DIR);
    if (!files.ok) throw new Error(files.problems.join('\n'));
    const invoices = files.files['entries/invoices.yaml'];
    const draft = { ...(typeof invoices === 'object' && invoices !== null ? invoices : {}), answer: { sv: 'Mejla norrkoping.kommun@norrkoping.se.', en: 'Write to {e-post}.' } };
    const result = validateChange(files.files, { put: { 'entries/invoices.yaml': draft }, remove: [] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toContainEqual(expect.objectContaining({ entry: 'invoices', field: 'answer.sv' }));
  });
});
