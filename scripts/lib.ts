import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createFaqEngine, loadCorpus, type Corpus, type EngineOptions, type FaqEngine } from '../src/core/index.js';

export const FAQ_DATA_DIR = fileURLToPath(new URL('../faq-data', import.meta.url));

/**
 * The corpus folder every script reads, the same way: `--corpus DIR` on the command line, else the
 * environment's FAQ_DATA_DIR (as the service reads it), else the project's faq-data/. Takes `--corpus DIR`
 * out of process.argv so the script's own arguments are left.
 */
export function takeCorpusDir(): string {
  const at = process.argv.indexOf('--corpus');
  if (at !== -1) {
    const dir = process.argv[at + 1];
    if (dir === undefined || dir.startsWith('--')) {
      process.stderr.write('--corpus needs a folder, e.g. --corpus ../shared/eval/incident-dev/faq-data\n');
      process.exit(2);
    }
    process.argv.splice(at, 2);
    return dir;
  }
  return process.env['FAQ_DATA_DIR'] || FAQ_DATA_DIR;
}

/** Loads the corpus folder (see {@link takeCorpusDir}), or prints every problem and exits 1. */
export function loadCorpusOrExit(dir = takeCorpusDir()): Corpus {
  const loaded = loadCorpus(dir);
  if (!loaded.ok) {
    for (const p of loaded.problems) process.stderr.write(`${p.message}\n`);
    process.exit(1);
  }
  return loaded.corpus;
}

/** Loads the corpus and builds the engine (training its model), or prints every problem and exits 1. */
export function loadEngineOrExit(options: EngineOptions = {}, dir?: string): FaqEngine {
  return createFaqEngine(loadCorpusOrExit(dir), options);
}

export interface LabelledQuestion {
  readonly question: string;
  readonly expected: string;
}

export const ESCALATE = 'ESCALATE';

/** A labelled file's problem, said as the corpus's are: the file, the line, what to write. Exits 2, no stack trace. */
function labelledFileProblem(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function readLabelledText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : String(err);
    return labelledFileProblem(
      code === 'ENOENT' ? `${file}: no such file. Give a file of labelled messages (a header line, then question<TAB>id), e.g. eval/incidents/water-adala/questions.tsv` : `${file}: could not be read (${code})`,
    );
  }
}

const BAD_LINE = (file: string, line: number) => `${file}:${line}: expected "question<TAB>id" (the message, a tab, then the entry id or ESCALATE)`;

/** Reads a `question<TAB>id` file with a header line. */
export function readLabelledTsv(file: string): LabelledQuestion[] {
  const lines = readLabelledText(file).split(/\r?\n/);
  const rows: LabelledQuestion[] = [];
  lines.forEach((line, i) => {
    if (i === 0 || line.trim() === '') return;
    const [question, expected] = line.split('\t');
    if (question === undefined || expected === undefined) labelledFileProblem(BAD_LINE(file, i + 1));
    rows.push({ question: question.trim(), expected: expected.trim() });
  });
  return rows;
}

/**
 * Reads a conversations file: one turn per line (`question<TAB>id`, id may be ESCALATE), a blank line
 * between conversations, an optional `question<TAB>id` header.
 */
export function readConversations(file: string): LabelledQuestion[][] {
  const conversations: LabelledQuestion[][] = [[]];
  readLabelledText(file).split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') {
      if ((conversations.at(-1) ?? []).length > 0) conversations.push([]);
      return;
    }
    if (i === 0 && line.startsWith('question\t')) return;
    const [question, expected] = line.split('\t');
    if (question === undefined || expected === undefined) labelledFileProblem(BAD_LINE(file, i + 1));
    conversations.at(-1)?.push({ question: question.trim(), expected: expected.trim() });
  });
  return conversations.filter((c) => c.length > 0);
}

/** True when a labelled file holds conversations: turns separated by blank lines. */
export function isConversationsFile(file: string): boolean {
  const lines = readLabelledText(file).split(/\r?\n/);
  return lines.some((l, i) => l.trim() === '' && i > 0 && i < lines.length - 1 && (lines[i + 1] ?? '').trim() !== '');
}

export { freePort } from './free-port.js';
