import { fileURLToPath } from 'node:url';
import { createStemmer } from '../text/stem.js';
import { foldSwedishLetters, normalizePhrase, tokenize } from '../text/normalize.js';
import type { ExtraStopwords, FaqEntry, Intents, OutOfScope, Synonyms } from './schema.js';

/**
 * The product's own vocabulary: requests for a human, small talk, stop words, generic synonyms and the
 * generic off-topic errands. They live in `product-data/` beside `faq-data/` and hold nothing of one
 * incident; an incident's corpus folder adds to them (its own synonyms, stop words, off-topic questions),
 * and a folder that still carries its own full copies of these files loads the same.
 */
export const PRODUCT_DATA_DIR = fileURLToPath(new URL('../../../product-data/', import.meta.url));

/** The lists an incident's folder may extend. */
export interface Vocabulary {
  readonly intents: Intents;
  readonly stopwords: ExtraStopwords;
  readonly synonyms: Synonyms;
  readonly outOfScope: OutOfScope;
}

/** A generic off-topic question left out because the incident's corpus answers it. */
export interface SetAside {
  readonly question: string;
  readonly entry: string;
}

const union = (a: readonly string[], b: readonly string[]): string[] => {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of [...a, ...b]) {
    const key = normalizePhrase(t);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
};

/**
 * The product's vocabulary with the incident's additions. A generic off-topic question that one of the
 * incident's entries answers (a storm FAQ about waste collection against the generic "när töms mina
 * sopor?") is set aside, so the product never contradicts an editor; the incident's own off-topic
 * questions always stay.
 */
export function mergeVocabulary(product: Vocabulary, incident: Partial<Vocabulary>, entries: readonly FaqEntry[]): { vocabulary: Vocabulary; setAside: SetAside[] } {
  const intents: Intents = {
    human: union(product.intents.human, incident.intents?.human ?? []),
    greeting: union(product.intents.greeting, incident.intents?.greeting ?? []),
    thanks: union(product.intents.thanks, incident.intents?.thanks ?? []),
    identity: union(product.intents.identity, incident.intents?.identity ?? []),
  };
  const stopwords: ExtraStopwords = {
    sv: union(product.stopwords.sv, incident.stopwords?.sv ?? []),
    en: union(product.stopwords.en, incident.stopwords?.en ?? []),
    keep: union(product.stopwords.keep, incident.stopwords?.keep ?? []),
  };
  const groups = mergeSynonymGroups([...product.synonyms.groups, ...(incident.synonyms?.groups ?? [])]);

  const answered = answeredBy(entries, stopwords);
  const setAside: SetAside[] = [];
  const own = (lang: 'sv' | 'en') => new Set((incident.outOfScope?.[lang] ?? []).map(normalizePhrase));
  const generic = (lang: 'sv' | 'en') => new Set(product.outOfScope[lang].map(normalizePhrase));
  const outOfScope = {} as Record<'sv' | 'en', string[]>;
  for (const lang of ['sv', 'en'] as const) {
    const mine = own(lang);
    const productLines = generic(lang);
    outOfScope[lang] = union(product.outOfScope[lang], incident.outOfScope?.[lang] ?? []).filter((q) => {
      const key = normalizePhrase(q);
      // The incident's own question (not a copy of the product's) is the editor's word: it stays.
      if (mine.has(key) && !productLines.has(key)) return true;
      const entry = answered(q, lang);
      if (entry === undefined) return true;
      setAside.push({ question: q, entry });
      return false;
    });
  }
  return { vocabulary: { intents, stopwords, synonyms: { groups }, outOfScope }, setAside };
}

/**
 * Synonym groups that share a member become one group. The product's group of "äldreboende" and an
 * editor's group of "äldreboende, boendet" say together that all of them mean the same; kept apart,
 * "äldreboendet" would be read as the product's concept and "boendet" as the editor's, two different
 * things, and the editor's word would no longer find the entry. An exact copy of a product group (a
 * folder in the format before) merges into it. Members keep their first spelling, in order of first use.
 */
export function mergeSynonymGroups(groups: readonly (readonly string[])[]): string[][] {
  // Each member's group, merged by union-find over the members' normalized forms.
  const parent = groups.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const firstGroupOf = new Map<string, number>();
  groups.forEach((g, i) => {
    for (const member of g) {
      const key = normalizePhrase(member);
      const other = firstGroupOf.get(key);
      if (other === undefined) firstGroupOf.set(key, i);
      else {
        const a = find(other);
        const b = find(i);
        // The earlier group stays the root, so the merged group keeps its first member (its concept's name).
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const merged = new Map<number, { members: string[]; seen: Set<string> }>();
  groups.forEach((g, i) => {
    const root = find(i);
    const m = merged.get(root) ?? { members: [], seen: new Set<string>() };
    for (const member of g) {
      const key = normalizePhrase(member);
      if (m.seen.has(key)) continue;
      m.seen.add(key);
      m.members.push(member);
    }
    merged.set(root, m);
  });
  return [...merged.entries()].sort((a, b) => a[0] - b[0]).map(([, m]) => m.members);
}

/**
 * Which entry, if any, answers an off-topic question: one of its phrasings (or its question) holds most
 * of the question's content words, compared as folded Snowball stems.
 */
function answeredBy(entries: readonly FaqEntry[], stopwords: ExtraStopwords): (question: string, lang: 'sv' | 'en') => string | undefined {
  const stem = { sv: createStemmer('sv'), en: createStemmer('en') };
  const filler = new Set([...FUNCTION_WORDS, ...stopwords.sv, ...stopwords.en].map((w) => foldSwedishLetters(normalizePhrase(w))));
  const content = (text: string, lang: 'sv' | 'en') =>
    new Set(
      tokenize(text)
        .map(foldSwedishLetters)
        .filter((t) => t.length >= 3 && !filler.has(t) && !/^\d+$/.test(t))
        .map((t) => stem[lang](t)),
    );
  const phrasings = entries.flatMap((e) => (['sv', 'en'] as const).flatMap((lang) => [e.question[lang], ...e.phrasings[lang]].map((p) => ({ id: e.id, lang, stems: content(p, lang) }))));
  return (question, lang) => {
    const q = content(question, lang);
    if (q.size === 0) return undefined;
    for (const p of phrasings) {
      if (p.lang !== lang) continue;
      let shared = 0;
      for (const s of q) if (p.stems.has(s)) shared++;
      // Nearly the same question: most content words in common, both ways (a hard negative that only
      // shares the topic, "hur ansöker jag om ekonomiskt bistånd", stays).
      if (shared / (q.size + p.stems.size - shared) >= SAME_QUESTION) return p.id;
    }
    return undefined;
  };
}

/** Share of content words two questions must have in common (Jaccard) to be the same question. */
const SAME_QUESTION = 0.6;

/** Words that say nothing about a topic, for comparing off-topic questions with phrasings only. */
const FUNCTION_WORDS = [
  'och', 'att', 'det', 'som', 'för', 'med', 'jag', 'min', 'mitt', 'mina', 'har', 'kan', 'hur', 'vad', 'när', 'var', 'vart', 'vem', 'varför', 'vilken', 'vilka',
  'inte', 'den', 'ett', 'till', 'från', 'över', 'ska', 'skall', 'får', 'man', 'mig', 'oss', 'vår', 'våra', 'ni', 'er', 'era', 'finns', 'går', 'blir', 'kommer',
  'the', 'and', 'for', 'with', 'how', 'what', 'when', 'where', 'who', 'why', 'which', 'can', 'does', 'did', 'will', 'not', 'you', 'your', 'my', 'mine', 'are', 'was', 'there',
];
