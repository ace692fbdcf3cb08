/** Corpus ids from questions: lower-case kebab-case, å/ä/ö as a/a/o, unique within the draft. */

const FOLD: Readonly<Record<string, string>> = { å: 'a', ä: 'a', ö: 'o', é: 'e', è: 'e', ü: 'u' };
const MAX_WORDS = 6;

export function kebabId(question: string): string {
  const words = question
    .toLowerCase()
    .replace(/[åäöéèü]/g, (c) => FOLD[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  const id = words.slice(0, MAX_WORDS).join('-');
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
