import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { contactSchema, faqEntrySchema, findPersonalData, loadCorpus, plainIssue, readableIssues, timelineSchema, welcomeSchema, type Contact, type Corpus, type CorpusProblem } from '../core/index.js';
import { applyPatch, touchedPaths, type ChangePatch } from './change.js';
import { CONTACT_FILE, entryIdOf, TIMELINE_FILE, WELCOME_FILE, writeCorpusFiles, type CorpusFiles } from './corpus-files.js';

/** One problem of a draft, at its place: the entry (null for the timeline, contact details …), the field and what to do. */
export interface DraftProblem {
  readonly entry: string | null;
  /** The file the problem is in ("entries/contact.yaml", "timeline.yaml"). */
  readonly file: string;
  /** The field, dot-separated ("answer.sv"); "" when the problem is the whole file or spans files. */
  readonly field: string;
  /**
   * What kind of problem, for pages that speak another language than `message` (English, as faq:check
   * says it): the loader's code (FIELD_INVALID, DUPLICATE_PHRASING, COPIED_CONTACT_FACT …), or
   * ID_MISMATCH, PERSONAL_DATA, CORPUS_CHECK.
   */
  readonly code: string;
  readonly message: string;
}

export type ValidationResult = { readonly ok: true; readonly corpus: Corpus } | { readonly ok: false; readonly problems: readonly DraftProblem[] };

export interface ValidateOptions {
  /** What else a served corpus must satisfy (e.g. the bot's welcome questions exist); messages only. */
  readonly check?: (corpus: Corpus) => readonly string[];
  /**
   * The official page(s) as read: a phone number, e-mail address or street address that stands there is
   * the municipality's published fact (the absence line, the police's number), not a person's, and may
   * stand in an answer. So may one the published corpus already holds.
   */
  readonly publicTexts?: readonly string[];
}

/**
 * Judges the corpus a change would make by the same rules as `npm run faq:check` (the core's loader,
 * on the files written to a temporary folder), plus: no personal data in what the change touches. Every
 * problem is returned at once, at its entry and field.
 */
export function validateChange(base: CorpusFiles, patch: ChangePatch, options: ValidateOptions = {}): ValidationResult {
  const next = applyPatch(base, patch);
  const touched = touchedPaths(patch).filter((p) => p in next);
  const problems: DraftProblem[] = [];
  const structured = new Set<string>();
  for (const file of touched) {
    const found = fieldProblems(file, next[file]);
    if (found.length > 0) structured.add(file);
    problems.push(...found);
  }
  problems.push(...personalDataProblems(next, touched, publicFacts([...(options.publicTexts ?? []), ...Object.values(base).flatMap((v) => textsOf(v).map((t) => t.text))])));

  const loaded = loadFiles(next);
  if (!loaded.ok) {
    for (const p of loaded.problems) {
      // The same field problems were named above, with their paths.
      if (p.code === 'FIELD_INVALID' && structured.has(p.file)) continue;
      const field = fieldOf(p.message);
      problems.push({ entry: entryIdOf(p.file) ?? null, file: p.file, field: field === '(whole file)' ? '' : field, code: p.code, message: p.message });
    }
  } else {
    // A contact fact copied into what this change touches is refused (write {telefon} …); copies in
    // untouched entries of an older corpus are faq:check's warnings, not this editor's problem.
    for (const w of loaded.warnings) {
      if (w.code !== 'COPIED_CONTACT_FACT' || !touched.includes(w.file)) continue;
      problems.push({ entry: entryIdOf(w.file) ?? null, file: w.file, field: fieldOf(w.message), code: w.code, message: w.message });
    }
    if (problems.length === 0) {
      const extra = options.check?.(loaded.corpus) ?? [];
      if (extra.length === 0) return { ok: true, corpus: loaded.corpus };
      problems.push(...extra.map((message) => ({ entry: null, file: '', field: '', code: 'CORPUS_CHECK', message })));
    }
  }
  return { ok: false, problems };
}

/** What the loader says of a draft that does not stop it: read or fit not as the editor meant (see {@link draftReview}). */
export interface DraftReview {
  /** The loader's warnings the draft brings: those of the corpus it makes that the published corpus has not. */
  readonly warnings: readonly DraftProblem[];
  /** The questions the welcome offers with the draft (the loader's own choice when welcome.yaml names none). */
  readonly starters?: readonly string[];
  /** The questions the welcome offers now, likewise. */
  readonly publishedStarters?: readonly string[];
}

/**
 * The warnings a draft brings (a topic written with a capital, a link on http:// …), each at its file and
 * field as `npm run faq:check` names it: the corpus the draft makes is loaded as faq:check loads a folder,
 * and warnings the published corpus already has are left out (they are not this draft's). Nothing when
 * the draft's corpus does not load (saving refused it; a conflict shows why).
 */
export function draftReview(published: CorpusFiles, draft: CorpusFiles): DraftReview {
  const after = loadFiles(draft);
  if (!after.ok) return { warnings: [] };
  const before = loadFiles(published);
  const known = new Set((before.ok ? before.warnings : []).map((w) => `${w.code} ${w.message}`));
  const warnings = after.warnings
    .filter((w) => !known.has(`${w.code} ${w.message}`))
    .map((w) => ({ entry: entryIdOf(w.file) ?? null, file: w.file, field: fieldOf(w.message), code: w.code, message: w.message }));
  return { warnings, starters: after.corpus.welcome.starters, ...(before.ok ? { publishedStarters: before.corpus.welcome.starters } : {}) };
}

/** The field a loader message names ('field "answer.sv" …'), or "". */
const fieldOf = (message: string) => /field "([^"]+)"/.exec(message)?.[1] ?? '';

/**
 * The corpus files loaded as faq:check loads a folder (written to a temporary one), with files and
 * messages named as in the corpus (welcome.yaml, entries/x.yaml): its problems, or the corpus and its warnings.
 */
function loadFiles(files: CorpusFiles): { ok: true; corpus: Corpus; warnings: readonly CorpusProblem[] } | { ok: false; problems: readonly CorpusProblem[] } {
  const dir = mkdtempSync(join(tmpdir(), 'faq-draft-'));
  try {
    writeCorpusFiles(files, dir);
    const loaded = loadCorpus(dir);
    const inCorpus = (p: CorpusProblem): CorpusProblem => ({ ...p, file: p.file.startsWith(dir) ? p.file.slice(dir.length + 1) : p.file, message: p.message.split(`${dir}/`).join('') });
    if (!loaded.ok) return { ok: false, problems: loaded.problems.map(inCorpus) };
    return { ok: true, corpus: loaded.corpus, warnings: (loaded.warnings ?? []).map(inCorpus) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fieldProblems(file: string, data: unknown): DraftProblem[] {
  const id = entryIdOf(file);
  const schema: z.ZodType | undefined = id !== undefined ? faqEntrySchema : file === TIMELINE_FILE ? timelineSchema : file === CONTACT_FILE ? contactSchema : file === WELCOME_FILE ? welcomeSchema : undefined;
  if (schema === undefined) return [];
  const parsed = schema.safeParse(data, { error: plainIssue });
  // The message as faq:check words it, after its field ("starters must name …"); an issue of the whole
  // file ('"x" is not a field here') says itself.
  const problems: DraftProblem[] = parsed.success
    ? []
    : readableIssues(parsed.error.issues).map((issue) => ({ entry: id ?? null, file, field: issue.path.join('.'), code: 'FIELD_INVALID', message: issue.path.length > 0 ? `${issue.path.join('.')} ${issue.message}` : issue.message }));
  if (id !== undefined && data !== null && typeof data === 'object' && 'id' in data && data.id !== id) {
    problems.push({ entry: id, file, field: 'id', code: 'ID_MISMATCH', message: `the id must be "${id}"` });
  }
  return problems;
}

const digits = (s: string) => s.replace(/\D/g, '');
const lower = (s: string) => s.toLocaleLowerCase('sv-SE');

/** The phone numbers (digits), e-mail and street addresses (lower case) that texts already publish. */
function publicFacts(texts: readonly string[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const text of texts) {
    for (const span of findPersonalData(text)) {
      const found = text.slice(span.start, span.end);
      if (span.kind === 'phone') out.add(`phone:${digits(found)}`);
      else if (span.kind === 'email' || span.kind === 'address') out.add(`${span.kind}:${lower(found)}`);
    }
  }
  return out;
}

/**
 * Personal data has no place in the vetted answers: a personnummer always is refused; a phone number,
 * e-mail or street address only when it is neither the contact center's own nor one the official page or
 * the published corpus already states (`published`, from {@link publicFacts}).
 */
function personalDataProblems(files: CorpusFiles, touched: readonly string[], published: ReadonlySet<string>): DraftProblem[] {
  const parsedContact = contactSchema.safeParse(files[CONTACT_FILE]);
  const contact: Contact | undefined = parsedContact.success ? parsedContact.data : undefined;
  const ownPhones = new Set(contact === undefined ? [] : [digits(contact.phone.display), `0${digits(contact.phone.tel).replace(/^46/, '')}`, digits(contact.phone.tel)]);
  const ownAddress = contact === undefined ? [] : [contact.visitingAddress.sv, contact.visitingAddress.en].map((s) => s.toLocaleLowerCase('sv-SE'));
  const allowed = (kind: string, found: string, file: string) => {
    if (kind === 'orgnr') return true;
    if (kind === 'personnummer') return false;
    if (published.has(kind === 'phone' ? `phone:${digits(found)}` : `${kind}:${lower(found)}`)) return true;
    if (kind === 'phone') return ownPhones.has(digits(found));
    if (kind === 'email') return contact !== undefined && found.toLowerCase() === contact.email.toLowerCase();
    // The contact center's own address, in its own file or quoted in an answer.
    return file === CONTACT_FILE || ownAddress.some((a) => a.includes(found.toLocaleLowerCase('sv-SE')));
  };
  const problems: DraftProblem[] = [];
  for (const file of touched) {
    for (const { field, text } of textsOf(files[file])) {
      // The contact center's own number and address are what contact.yaml is for.
      if (file === CONTACT_FILE && (field.startsWith('phone.') || field === 'email')) continue;
      for (const span of findPersonalData(text)) {
        const found = text.slice(span.start, span.end);
        if (allowed(span.kind, found, file)) continue;
        problems.push({
          entry: entryIdOf(file) ?? null,
          file,
          field,
          code: 'PERSONAL_DATA',
          message: `${field} holds what looks like personal data (${span.kind}). Answers must not name people: remove it${span.kind === 'phone' || span.kind === 'email' ? ", or use the contact center's own details" : ''}.`,
        });
      }
    }
  }
  return problems;
}

function textsOf(value: unknown, field = ''): { field: string; text: string }[] {
  if (typeof value === 'string') return [{ field, text: value }];
  if (value === null || typeof value !== 'object') return [];
  const at = (key: string | number) => (field === '' ? String(key) : `${field}.${key}`);
  if (Array.isArray(value)) return value.flatMap((v, i) => textsOf(v, at(i)));
  return Object.entries(value).flatMap(([k, v]) => textsOf(v, at(k)));
}
