/** Corpus ids from questions: lower-case kebab-case, å/ä/ö as a/a/o, unique within the draft. */
import { MAX_ID_LENGTH } from '../../core/index.js';

const FOLD: Readonly<Record<string, string>> = { å: 'a', ä: 'a', ö: 'o', é: 'e', è: 'e', ü: 'u' };
const MAX_WORDS = 6;
/** Room left under the corpus's id limit for a "-2", "-3" … suffix. */
const MAX_BASE_LENGTH = MAX_ID_LENGTH - 4;

export function kebabId(question: string): string {
  const words = question
    .toLowerCase()
    .replace(/[åäöéèü]/g, (c) => FOLD[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  // Six long words (a German-length compound or a pasted URL) could pass the corpus's id limit, and the
  // draft would be refused: cut at a word's end, or inside the first word when it alone is too long.
  let id = '';
  for (const w of words.slice(0, MAX_WORDS)) {
    const next = id === '' ? w : `${id}-${w}`;
    if (next.length > MAX_BASE_LENGTH) {
      if (id === '') id = w.slice(0, MAX_BASE_LENGTH);
      break;
    }
    id = next;
  }
  return id === '' ? 'fraga' : id;
}

/** An id for each question, with "-2", "-3" … where two would be the same. */
export function uniqueIds(questions: readonly string[]): string[] {
  const used = new Set<string>();
  return questions.map((q) => {
    const base = kebabId(q);
    let id = base;
    for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
    used.add(id);
    return id;
  });
}
