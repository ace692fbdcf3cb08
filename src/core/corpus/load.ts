import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { CORPUS_ERRORS, type CorpusProblem } from '../errors.js';
import { normalizePhrase } from '../text/normalize.js';
import { momentLabel, type Moment } from './moments.js';
import {
  contactSchema,
  intentsSchema,
  MISSING_FIELD,
  holdsWord,
  outOfScopeSchema,
  stopwordsSchema,
  synonymsSchema,
  faqEntrySchema,
  timelineSchema,
  welcomeSchema,
  DEFAULT_STARTER_COUNT,
  type Welcome,
  type Corpus,
  type FaqEntry,
  type LANGS,
  type Timeline,
} from './schema.js';
import { mergeVocabulary, PRODUCT_DATA_DIR, type SetAside, type Vocabulary } from './product-defaults.js';
import { displayPath } from './display-path.js';
import { plainIssue, readableIssues } from './issues.js';
import { timelineProblems } from './timeline.js';
import { versionProblems, type VersionProblem } from './versions.js';
import { hoursWarnings, outOfScopeAnswered, phrasingWarnings, updateWarnings, welcomeWarnings } from './warnings.js';

export type LoadResult =
  | { ok: true; corpus: Corpus; setAside: readonly SetAside[]; /** Worth fixing, never blocking (a copied contact fact). */ warnings?: readonly CorpusProblem[] }
  | { ok: false; problems: CorpusProblem[] };

export interface LoadOptions {
  /** The product's vocabulary (requests for a human, small talk, stop words, generic synonyms and off-topic questions). */
  readonly productDir?: string;
}

/**
 * Loads and validates an incident's corpus folder (`faq-data/`) on top of the product's vocabulary
 * (`product-data/`). Never throws for content problems: every problem is collected and returned, so an
 * editor sees all of them at once. The corpus is returned only when there are none.
 */
export function loadCorpus(dir: string, options: LoadOptions = {}): LoadResult {
  const productDir = options.productDir ?? PRODUCT_DATA_DIR;
  const problems: CorpusProblem[] = [];
  const entriesDir = join(dir, 'entries');
  const display = displayPath;

  const folder = folderProblem(dir, display);
  if (folder !== undefined) return { ok: false, problems: [folder] };

  const readYaml = (file: string): unknown => {
    let text: string;
    try {
      text = decodeUtf8(readFileSync(file), display(file));
    } catch (err) {
      if (err instanceof NotUtf8) {
        problems.push({ code: 'FILE_NOT_UTF8', file: display(file), message: err.message });
        return undefined;
      }
      const code = err instanceof Error && 'code' in err ? String(err.code) : 'unknown error';
      problems.push(
        code === 'ENOENT'
          ? { code: 'FILE_MISSING', file: display(file), message: CORPUS_ERRORS.FILE_MISSING(display(file)) }
          : { code: 'FILE_UNREADABLE', file: display(file), message: CORPUS_ERRORS.FILE_UNREADABLE(display(file), String(code)) },
      );
      return undefined;
    }
    try {
      return parseYaml(text);
    } catch (err) {
      const why = err instanceof Error ? err.message.split('\n')[0] ?? err.message : String(err);
      problems.push({ code: 'YAML_SYNTAX', file: display(file), message: CORPUS_ERRORS.YAML_SYNTAX(display(file), why) });
      return undefined;
    }
  };

  const parseWith = <T>(schema: z.ZodType<T>, file: string, where: (data: unknown, path: readonly PropertyKey[]) => string, optional = false): T | undefined => {
    if (optional && !existsSync(file)) return undefined;
    const data = readYaml(file);
    if (data === undefined && problems.some((p) => p.file === display(file))) return undefined;
    // An empty file (or one with only comments): an optional file is as good as absent; a required one is named.
    if (data === null || data === undefined) {
      if (!optional) problems.push({ code: 'FILE_EMPTY', file: display(file), message: CORPUS_ERRORS.FILE_EMPTY(display(file), file.startsWith(entriesDir)) });
      return undefined;
    }
    const result = schema.safeParse(data, { error: plainIssue });
    if (result.success) return result.data;
    for (const issue of readableIssues(result.error.issues)) {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(whole file)';
      problems.push({
        code: 'FIELD_INVALID',
        file: display(file),
        message: CORPUS_ERRORS.FIELD_INVALID(display(file), where(data, issue.path), field, explainIssue(issue.path, issue.message)),
      });
    }
    return undefined;
  };

  let files: string[] = [];
  const warnings: CorpusProblem[] = [];
  try {
    const names = readdirSync(entriesDir).sort();
    // Hidden files are not entries: macOS writes "._name.yaml" beside every file it copies to a shared drive or zip.
    // Nor is a folder whose name ends in .yaml: it is named as a folder that is not read, not as a file that cannot be.
    const isEntry = (name: string) => isCorpusYamlName(name) && !isFolder(join(entriesDir, name));
    files = names.filter(isEntry);
    warnings.push(...unreadInEntries(entriesDir, names.filter((n) => !isEntry(n)), display));
  } catch {
    problems.push({ code: 'FILE_MISSING', file: display(entriesDir), message: CORPUS_ERRORS.FILE_MISSING(display(entriesDir)) });
  }
  if (files.length === 0 && problems.length === 0) {
    problems.push({ code: 'NO_ENTRIES', file: display(entriesDir), message: CORPUS_ERRORS.NO_ENTRIES(display(entriesDir)) });
  }

  const entries: { entry: FaqEntry; file: string }[] = [];
  // Ids of entries that failed to parse: other entries may still name them (their problem is reported once).
  const unparsed = new Set<string>();
  files.forEach((name, index) => {
    const file = join(entriesDir, name);
    const entry = parseWith(faqEntrySchema, file, (data) => {
      const id = idOf(data);
      if (id !== undefined) unparsed.add(id);
      return describeEntry(data, index);
    });
    if (entry) entries.push({ entry: withoutWordlessPhrasings(entry, display(file), warnings), file: display(file) });
    // A file that could not be read or parsed at all is named once; entries that name it by its file name are not faulted too.
    else unparsed.add(name.replace(/\.ya?ml$/i, ''));
  });

  const contact = parseWith(contactSchema, join(dir, 'contact.yaml'), () => 'contact center');
  if (contact) problems.push(...placeholdersIn(contact, display(join(dir, 'contact.yaml'))));
  const product = {
    synonyms: parseWith(synonymsSchema, join(productDir, 'synonyms.yaml'), () => 'synonyms'),
    intents: parseWith(intentsSchema, join(productDir, 'intents.yaml'), () => 'intents'),
    stopwords: parseWith(stopwordsSchema, join(productDir, 'stopwords.yaml'), () => 'stop words'),
    outOfScope: parseWith(outOfScopeSchema, join(productDir, 'out-of-scope.yaml'), () => 'out-of-scope questions'),
  };
  // The incident's own additions: each file optional (a folder with full copies of the product's files loads too).
  const incident: Partial<Vocabulary> = {};
  const synonymsOwn = parseWith(synonymsSchema, join(dir, 'synonyms.yaml'), () => 'synonyms', true);
  const intentsOwn = parseWith(intentsSchema.partial(), join(dir, 'intents.yaml'), () => 'intents', true);
  const stopwordsOwn = parseWith(stopwordsSchema.partial(), join(dir, 'stopwords.yaml'), () => 'stop words', true);
  const outOfScopeOwn = parseWith(outOfScopeSchema.partial(), join(dir, 'out-of-scope.yaml'), () => 'out-of-scope questions', true);
  if (synonymsOwn) Object.assign(incident, { synonyms: synonymsOwn });
  if (intentsOwn) Object.assign(incident, { intents: { human: intentsOwn.human ?? [], greeting: intentsOwn.greeting ?? [], thanks: intentsOwn.thanks ?? [], identity: intentsOwn.identity ?? [] } });
  if (stopwordsOwn) Object.assign(incident, { stopwords: { sv: stopwordsOwn.sv ?? [], en: stopwordsOwn.en ?? [], keep: stopwordsOwn.keep ?? [] } });
  if (outOfScopeOwn) Object.assign(incident, { outOfScope: { sv: outOfScopeOwn.sv ?? [], en: outOfScopeOwn.en ?? [] } });
  const welcomeFile = join(dir, 'welcome.yaml');
  const written = parseWith(welcomeSchema, welcomeFile, () => 'welcome', true);
  const timelineFile = join(dir, 'timeline.yaml');
  const timeline = parseWith(timelineSchema, timelineFile, describeUpdate);

  problems.push(...crossCheck(entries, unparsed));
  // Without any entry the timeline's "entry" cannot name one: the empty entries/ is the one problem to fix.
  if (timeline && files.length > 0) problems.push(...checkTimeline(timeline, display(timelineFile), new Set([...entries.map((e) => e.entry.id), ...unparsed])));

  const { synonyms, intents, stopwords, outOfScope } = product;
  if (problems.length > 0 || !synonyms || !contact || !intents || !stopwords || !outOfScope || !timeline) {
    return { ok: false, problems };
  }
  warnings.push(
    ...phrasingWarnings(entries),
    ...updateWarnings(timeline, display(timelineFile)),
    ...hoursWarnings(contact, display(join(dir, 'contact.yaml'))),
    ...welcomeWarnings(written, contact, display(welcomeFile), display(join(dir, 'contact.yaml'))),
  );
  if (outOfScopeOwn) warnings.push(...outOfScopeAnswered(outOfScopeOwn, product.outOfScope, entries, display(join(dir, 'out-of-scope.yaml'))));
  const faqEntries = Object.freeze(entries.map((e) => e.entry));
  const ids = new Set(faqEntries.map((e) => e.id));
  for (const id of written?.starters ?? []) {
    if (!ids.has(id)) problems.push({ code: 'UNKNOWN_STARTER', file: display(welcomeFile), message: CORPUS_ERRORS.UNKNOWN_STARTER(display(welcomeFile), id) });
    // The welcome greets residents on the website too: a question written for staff alone is theirs to ask in Teams.
    else if (isStaffOnly(faqEntries.find((e) => e.id === id))) warnings.push({ code: 'STAFF_STARTER', file: display(welcomeFile), message: CORPUS_ERRORS.STAFF_STARTER(display(welcomeFile), id) });
  }
  if (problems.length > 0) return { ok: false, problems };
  const welcome: Welcome = {
    ...(written?.organisation ? { organisation: written.organisation } : {}),
    ...(written?.topic ? { topic: written.topic } : {}),
    ...(written?.links ? { links: written.links } : {}),
    ...(written?.greeting ? { greeting: written.greeting } : {}),
    starters: written?.starters ?? defaultStarters(faqEntries, timeline.entry),
    places: written?.places ?? [],
  };
  const { vocabulary, setAside } = mergeVocabulary({ synonyms, intents, stopwords, outOfScope }, incident, faqEntries);
  return { ok: true, corpus: { entries: faqEntries, timeline, contact, welcome, ...vocabulary }, setAside, warnings };
}

const isStaffOnly = (entry: FaqEntry | undefined): boolean => entry !== undefined && entry.audience.length === 1 && entry.audience[0] === 'staff';

/** Without welcome.yaml: the status entry first, then the entries in file order, residents' before staff's. */
function defaultStarters(entries: readonly FaqEntry[], statusEntry: string): string[] {
  const forResidents = entries.filter((e) => !isStaffOnly(e));
  const ordered = [...forResidents.filter((e) => e.id === statusEntry), ...forResidents.filter((e) => e.id !== statusEntry)];
  return ordered.slice(0, DEFAULT_STARTER_COUNT).map((e) => e.id);
}

/**
 * The folder itself, before its files: a path that does not exist, a file, or the incident's folder
 * around its corpus (eval/incidents/x instead of eval/incidents/x/faq-data) is one problem that says
 * so, not three "file not found" for entries/, contact.yaml and timeline.yaml.
 */
function folderProblem(dir: string, display: (file: string) => string): CorpusProblem | undefined {
  const shown = display(dir);
  let isFolder: boolean;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    return { code: 'CORPUS_FOLDER', file: shown, message: CORPUS_ERRORS.CORPUS_FOLDER(shown, 'there is no such folder') };
  }
  if (!isFolder) return { code: 'CORPUS_FOLDER', file: shown, message: CORPUS_ERRORS.CORPUS_FOLDER(shown, 'is a file, not a folder') };
  const inner = join(dir, 'faq-data');
  const holds = (d: string) => existsSync(join(d, 'entries')) || existsSync(join(d, 'contact.yaml')) || existsSync(join(d, 'timeline.yaml'));
  if (!holds(dir) && holds(inner)) {
    return { code: 'CORPUS_FOLDER', file: shown, message: CORPUS_ERRORS.CORPUS_FOLDER(shown, `holds no corpus, but ${display(inner)} does: use that folder`) };
  }
  return undefined;
}

class NotUtf8 extends Error {}

/**
 * What an editor may have meant as entries but is not read: a folder inside entries/ (an "arkiv" of old
 * answers, a copy of the folder) and a file that is not YAML ("ny-fraga.txt", "x.yaml.txt" from Notepad).
 * Warnings, not problems: a folder kept aside on purpose must not stop the service. Hidden files and
 * documentation (README.md) are passed over in silence.
 */
function unreadInEntries(entriesDir: string, names: readonly string[], display: (file: string) => string): CorpusProblem[] {
  const out: CorpusProblem[] = [];
  for (const name of names) {
    if (name.startsWith('.') || /\.md$/i.test(name)) continue;
    const path = join(entriesDir, name);
    let folder = false;
    try {
      folder = statSync(path).isDirectory();
    } catch {
      continue;
    }
    const shown = display(path) + (folder ? '/' : '');
    out.push({ code: 'NOT_AN_ENTRY', file: shown, message: CORPUS_ERRORS.NOT_AN_ENTRY(shown, folder) });
  }
  return out;
}

/**
 * Whether a file in a corpus folder is one of its YAML files: hidden files (macOS's "._<id>.yaml" copies,
 * editors' locks) are not. The ending in any case: Windows shows "contact.YAML" and "contact.yaml" alike.
 */
export const isCorpusYamlName = (name: string): boolean => !name.startsWith('.') && /\.ya?ml$/i.test(name);

const isFolder = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** The entry without phrasings that hold no word, each named in a warning (they would read as one empty question). */
function withoutWordlessPhrasings(entry: FaqEntry, file: string, warnings: CorpusProblem[]): FaqEntry {
  let changed = false;
  const phrasings = { sv: [] as string[], en: [] as string[] };
  for (const lang of ['sv', 'en'] as const) {
    entry.phrasings[lang].forEach((p, i) => {
      if (holdsWord(p)) phrasings[lang].push(p);
      else {
        changed = true;
        warnings.push({ code: 'WORDLESS_PHRASING', file, message: CORPUS_ERRORS.WORDLESS_PHRASING(file, entry.id, `phrasings.${lang}.${i}`, p) });
      }
    });
  }
  return changed ? { ...entry, phrasings } : entry;
}

/**
 * A reference such as "{besöksadress}" written in contact.yaml itself: answers' references are filled in
 * from this file, so here it would reach residents as written, braces and all.
 */
function placeholdersIn(contact: unknown, file: string): CorpusProblem[] {
  const out: CorpusProblem[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      const found = /\{[^{}\s]{1,40}\}/u.exec(value);
      if (found) out.push({ code: 'FIELD_INVALID', file, message: CORPUS_ERRORS.FIELD_INVALID(file, 'contact center', path, `holds the reference ${found[0]}, which is filled in from this very file and would be shown to residents as written; write the detail itself`) });
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, path === '' ? String(i) : `${path}.${i}`));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path === '' ? k : `${path}.${k}`);
  };
  walk(contact, '');
  return out;
}

/**
 * A corpus file's text, or the problem: every reader of a corpus folder (this loader, the staff side's
 * import and seed) refuses a file that is not UTF-8 the same way. See {@link decodeUtf8}.
 */
export function decodeCorpusText(bytes: Buffer, file: string): { ok: true; text: string } | { ok: false; message: string } {
  try {
    return { ok: true, text: decodeUtf8(bytes, file) };
  } catch (err) {
    if (err instanceof NotUtf8) return { ok: false, message: err.message };
    throw err;
  }
}

/**
 * The file's text, or NotUtf8 naming the line of the first byte that is not UTF-8. A file saved as
 * Windows-1252 or Latin-1 (Notepad's "ANSI") would otherwise load with "�" in place of every å, ä and ö
 * and be served to residents like that. A UTF-8 byte-order mark is dropped; the text is returned in NFC.
 */
function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    // NFC: å/ä/ö written decomposed (a + ring, as macOS may save them) are the same letters as typed ones,
    // so "{besöksadress}" is a reference and "läckt" the same phrasing whichever way the file has them.
    // Line ends as any editor writes them: CRLF (Windows) and a lone CR (classic Mac, some exports) are read as LF,
    // which the YAML parser would otherwise take for one long first line.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes).normalize('NFC').replace(/\r\n?/g, '\n');
  } catch {
    let at = 0;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    // The first line that does not decode: lines are split on the byte 0x0A, which never occurs inside a UTF-8 sequence.
    const lines = bytes.toString('latin1').split('\n');
    let line = 1;
    for (const [i, raw] of lines.entries()) {
      try {
        decoder.decode(bytes.subarray(at, at + raw.length));
      } catch {
        line = i + 1;
        break;
      }
      at += raw.length + 1;
    }
    throw new NotUtf8(CORPUS_ERRORS.FILE_NOT_UTF8(file, line));
  }
}

const LANGUAGE_NAMES: Readonly<Record<string, string>> = { sv: 'Swedish', en: 'English' };

/** A missing sv/en text is named by its language: every answer, version and update needs both. */
function explainIssue(path: readonly PropertyKey[], message: string): string {
  const language = LANGUAGE_NAMES[String(path.at(-1))];
  if (message !== MISSING_FIELD || language === undefined) return message;
  return `the ${language} text is missing; every entry, answer version and timeline update needs its text in Swedish and English, with the same facts`;
}

function describeUpdate(data: unknown, path: readonly PropertyKey[]): string {
  const index = path[0] === 'updates' && typeof path[1] === 'number' ? path[1] : undefined;
  if (index === undefined) return 'timeline';
  const updates: unknown[] = typeof data === 'object' && data !== null && 'updates' in data && Array.isArray(data.updates) ? data.updates : [];
  const update: unknown = updates[index];
  const date = typeof update === 'object' && update !== null && 'date' in update && typeof update.date === 'string' ? ` (${update.date})` : '';
  return `timeline update ${index + 1}${date}`;
}

function checkTimeline(timeline: Timeline, file: string, entryIds: ReadonlySet<string>): CorpusProblem[] {
  return timelineProblems(timeline, entryIds).map((p): CorpusProblem => {
    if (p.kind === 'unknown-entry') return { code: 'UNKNOWN_TIMELINE_ENTRY', file, message: CORPUS_ERRORS.UNKNOWN_TIMELINE_ENTRY(file, p.id) };
    const from = p.fromIsDate ? `its date, ${momentLabel(p.from, 'from')}` : momentLabel(p.from, 'from');
    return {
      code: 'EMPTY_WINDOW',
      file,
      message: CORPUS_ERRORS.EMPTY_WINDOW(file, `timeline update ${p.update} (${p.date})`, `updates.${p.update - 1}.validUntil`, from, momentLabel(p.until, 'until')),
    };
  });
}

const span = (from: Moment | undefined, until: Moment | undefined): string => {
  if (from !== undefined && until !== undefined) return `from ${momentLabel(from, 'from')} until ${momentLabel(until, 'until')}`;
  if (from !== undefined) return `from ${momentLabel(from, 'from')} on`;
  if (until !== undefined) return `at every moment until ${momentLabel(until, 'until')}`;
  return 'at every moment';
};

/** Every moment must have exactly one valid version of each entry's answer. */
function checkVersions(entry: FaqEntry, file: string): CorpusProblem[] {
  const id = entry.id;
  return versionProblems(entry).map((p: VersionProblem): CorpusProblem => {
    switch (p.kind) {
      case 'empty':
        return {
          code: 'EMPTY_WINDOW',
          file,
          message: CORPUS_ERRORS.EMPTY_WINDOW(file, `entry "${id}"`, `versions.${p.version - 1}`, momentLabel(p.from, 'from'), momentLabel(p.until, 'until')),
        };
      case 'order':
        return { code: 'VERSIONS_OUT_OF_ORDER', file, message: CORPUS_ERRORS.VERSIONS_OUT_OF_ORDER(file, id, p.version) };
      case 'overlap':
        return { code: 'OVERLAPPING_VERSIONS', file, message: CORPUS_ERRORS.OVERLAPPING_VERSIONS(file, id, p.versions[0], p.versions[1], span(p.from, p.until)) };
      case 'before':
        return {
          code: 'NO_VALID_ANSWER',
          file,
          message: CORPUS_ERRORS.NO_VALID_ANSWER(file, id, `before ${momentLabel(p.from, 'from')} (when version 1 begins)`, 'Remove validFrom from version 1 so it holds from the start, or add an older version above it.'),
        };
      case 'gap':
        return {
          code: 'NO_VALID_ANSWER',
          file,
          message: CORPUS_ERRORS.NO_VALID_ANSWER(
            file,
            id,
            `from ${momentLabel(p.from, 'until')} until ${momentLabel(p.until, 'from')}, between versions ${p.after} and ${p.next}`,
            `Let version ${p.next} begin (validFrom) exactly where version ${p.after} ends (validUntil).`,
          ),
        };
      case 'after':
        return {
          code: 'NO_VALID_ANSWER',
          file,
          message: CORPUS_ERRORS.NO_VALID_ANSWER(
            file,
            id,
            `after ${momentLabel(p.from, 'until')} (when version ${p.after} ends)`,
            `Remove validUntil from version ${p.after} so it holds from then on, or add a newer version that begins then.`,
          ),
        };
    }
  });
}

const idOf = (data: unknown): string | undefined =>
  typeof data === 'object' && data !== null && 'id' in data && typeof data.id === 'string' ? data.id : undefined;

function describeEntry(data: unknown, index: number): string {
  const id = idOf(data);
  return id === undefined ? `entry #${index + 1}` : `entry "${id}"`;
}

/** Rules that span entries or fields: unique ids, unique phrasings, related ids that exist, one valid answer at every moment. */
export function crossCheck(entries: readonly { entry: FaqEntry; file: string }[], unparsed: ReadonlySet<string> = new Set()): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  const fileById = new Map<string, string>();
  for (const { entry, file } of entries) {
    const first = fileById.get(entry.id);
    if (first !== undefined) {
      problems.push({ code: 'DUPLICATE_ID', file, message: CORPUS_ERRORS.DUPLICATE_ID(file, entry.id, first) });
    } else {
      fileById.set(entry.id, file);
    }
    const stem = basename(file).replace(/\.ya?ml$/i, '');
    if (stem !== entry.id && first === undefined) {
      problems.push({ code: 'FILE_NAME_MISMATCH', file, message: CORPUS_ERRORS.FILE_NAME_MISMATCH(file, entry.id) });
    }
  }
  const ownerOf = new Map<string, { id: string; file: string; asQuestion: boolean; text: string }>();
  for (const { entry, file } of entries) {
    const own = new Set<string>();
    for (const lang of ['sv', 'en'] satisfies (typeof LANGS)[number][]) {
      for (const [i, text] of [entry.question[lang], ...entry.phrasings[lang]].entries()) {
        const key = normalizePhrase(text);
        if (own.has(key)) continue;
        own.add(key);
        const other = ownerOf.get(key);
        if (other !== undefined && other.id !== entry.id) {
          // Named where the copy is: at the phrasing that repeats another entry's question (whichever file
          // comes first), at the question only when both entries ask it as their question.
          const here = { id: entry.id, file, asQuestion: i === 0, text };
          const [at, owner] = here.asQuestion && !other.asQuestion ? [other, here] : [here, other];
          const field = at.asQuestion ? `question.${lang}` : 'phrasings';
          problems.push({ code: 'DUPLICATE_PHRASING', file: at.file, message: CORPUS_ERRORS.DUPLICATE_PHRASING(at.file, at.id, field, at.text, owner.id) });
        } else {
          ownerOf.set(key, { id: entry.id, file, asQuestion: i === 0, text });
        }
      }
    }
    problems.push(...checkVersions(entry, file));
    for (const related of entry.related) {
      if (related === entry.id) {
        problems.push({ code: 'SELF_RELATED', file, message: CORPUS_ERRORS.SELF_RELATED(file, entry.id) });
      } else if (!fileById.has(related) && !unparsed.has(related)) {
        problems.push({ code: 'UNKNOWN_RELATED', file, message: CORPUS_ERRORS.UNKNOWN_RELATED(file, entry.id, related) });
      }
    }
  }
  return problems;
}
