import type { Corpus, Lang } from '../corpus/schema.js';
import { foldSwedishLetters } from '../text/normalize.js';
import { mulberry32 } from './softmax.js';
import * as V from './voices.js';

/**
 * Training messages made from the corpus: each phrasing as an editor wrote it, and again as residents
 * write, inside a greeting, context about themselves, pasted personal data and a sign-off; typed in a
 * hurry without å/ä/ö, with typos and chat abbreviations; or asked beside another question with a
 * marker of which one matters. The classifier learns from these that the question carries the answer
 * and the rest does not, and its confidence is calibrated on messages shaped like real ones.
 * Deterministic for a given seed.
 */

export interface TrainingMessage {
  readonly text: string;
  /** The entry id, or null for a message the FAQ must not answer. */
  readonly label: string | null;
  /** The entry answered just before, when the message is a turn in a conversation. */
  readonly previous?: string;
  /** The language of the conversation, for the previous answer's topic. */
  readonly lang?: Lang;
  /** The phrasing it was made from (folded): variants of one phrasing are never split across folds. */
  readonly group: string;
  /** True for the phrasing exactly as the editor wrote it. */
  readonly original: boolean;
}

/** What a training message stands for: held-out predictions of each kind are weighed differently in calibration. */
export type MessageKind = 'phrasing' | 'variant' | 'out-of-scope' | 'follow-up' | 'fresh-start' | 'alone' | 'context' | 'answer';

export function messageKind(m: TrainingMessage): MessageKind {
  if (m.group.startsWith('__answer|')) return 'answer';
  if (m.group.startsWith('__follow|')) return 'follow-up';
  if (m.group.startsWith('__alone|')) return 'alone';
  if (m.group.startsWith('__context|')) return 'context';
  if (m.label === null) return 'out-of-scope';
  if (m.previous !== undefined) return 'fresh-start';
  return m.original ? 'phrasing' : 'variant';
}

export interface AugmentOptions {
  /** Resident-style variants made from each phrasing. */
  readonly variantsPerPhrasing: number;
  /** Variants made from each out-of-scope question. */
  readonly variantsPerOutOfScope: number;
  /** Messages of context alone (no question), which must escalate. */
  readonly contextOnly: number;
  /**
   * Conversation turns per entry and kind: a follow-up without a topic of its own after the entry's
   * answer (continues it), a question about another entry after it (starts fresh), an off-topic one
   * after it (escalates); and the same follow-ups with no answer before (about nothing in particular).
   */
  readonly followUps: number;
  /**
   * Sentences of each entry's answer (every version, and the easy-to-read text) are learned as weak
   * examples of the entry: residents write from the municipality's page, so they use the answer's words
   * ("is the library open?" is answered by a text that says the libraries are open).
   */
  readonly answerSentences: boolean;
  /** Each entry's category is learned as a weak example of it (see augmentCorpus). */
  readonly categories: boolean;
  readonly seed: number;
}

export const DEFAULT_AUGMENT_OPTIONS: AugmentOptions = Object.freeze({ variantsPerPhrasing: 2, variantsPerOutOfScope: 2, contextOnly: 120, followUps: 20, answerSentences: true, categories: true, seed: 2022 });

/** An answer sentence shared by more answers than this is not learned (see augmentCorpus). */
const MAX_ANSWERS_SHARING_A_SENTENCE = 2;

/** Classes a follow-up without context is taught for, at most (see below). */
const MAX_UNINFORMATIVE_LABELS = 16;

export function augmentCorpus(corpus: Corpus, options: Partial<AugmentOptions> = {}): TrainingMessage[] {
  const o = { ...DEFAULT_AUGMENT_OPTIONS, ...options };
  const random = mulberry32(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const chance = (p: number) => random() < p;
  const out: TrainingMessage[] = [];
  // The municipality's own districts (welcome.yaml) beside generic ones: residents name where they live.
  const places = [...V.PLACES, ...corpus.welcome.places];

  const fill = (template: string) =>
    template.replace(/\{(\w+)\}/g, (_, key: string) => {
      switch (key) {
        case 'name':
          return pick(V.FIRST_NAMES);
        case 'fullName':
          return `${pick(V.FIRST_NAMES)} ${pick(V.SURNAMES)}`;
        case 'place':
          return pick(places);
        case 'age':
          return String(19 + Math.floor(random() * 70));
        case 'n':
          return String(2 + Math.floor(random() * 30));
        case 'job':
          return pick(V.SV_JOBS);
        case 'pnr':
          return personnummer();
        case 'phone':
          return `07${Math.floor(random() * 10)}-${100 + Math.floor(random() * 900)} ${10 + Math.floor(random() * 90)} ${10 + Math.floor(random() * 90)}`;
        case 'email':
          return `${pick(V.FIRST_NAMES).toLowerCase()}.${pick(V.SURNAMES).toLowerCase()}@example.com`;
        default:
          return key;
      }
    });
  const personnummer = () => {
    const y = 1940 + Math.floor(random() * 65);
    const m = 1 + Math.floor(random() * 12);
    const d = 1 + Math.floor(random() * 28);
    const pad = (n: number) => String(n).padStart(2, '0');
    const tail = String(Math.floor(random() * 10000)).padStart(4, '0');
    return chance(0.5) ? `${y}${pad(m)}${pad(d)}-${tail}` : `${String(y).slice(2)}${pad(m)}${pad(d)}-${tail}`;
  };

  const asQuestion = (text: string) => (/[?.!]$/.test(text.trim()) ? text.trim() : `${text.trim()}?`);
  const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase('sv-SE') + text.slice(1);
  const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase('sv-SE') + text.slice(1).replace(/[?.!]+$/, '');

  /** Greeting, context, the question, personal data, sign-off: each part optional. */
  const wrap = (question: string, lang: Lang) => {
    const sv = lang === 'sv';
    const parts: string[] = [];
    if (chance(0.6)) parts.push(pick(sv ? V.SV_GREETINGS : chance(0.25) ? V.SV_GREETINGS : V.EN_GREETINGS));
    const contexts = Math.floor(random() * 3);
    for (let i = 0; i < contexts; i++) parts.push(fill(pick(sv ? V.SV_CONTEXT : V.EN_CONTEXT)));
    parts.push(capitalise(asQuestion(question)));
    if (chance(0.25)) parts.push(fill(pick(sv ? V.SV_PERSONAL : V.EN_PERSONAL)));
    if (chance(0.5)) parts.push(fill(pick(sv ? V.SV_SIGN_OFFS : V.EN_SIGN_OFFS)));
    // Personal data sometimes comes first, like a form: "Namn: … Personnummer: … Fråga: …".
    if (chance(0.1)) parts.unshift(fill(pick(sv ? V.SV_PERSONAL : V.EN_PERSONAL)));
    return parts.join(' ');
  };

  /** Typed in a hurry: lower case, little punctuation, chat forms, sometimes no å/ä/ö. */
  const chatty = (text: string) => {
    let t = text.toLocaleLowerCase('sv-SE').replace(/[?.!,]/g, chance(0.5) ? '' : ' ');
    for (const [form, short] of V.SV_CHAT_FORMS) if (chance(0.5)) t = t.replace(form, short);
    if (chance(0.5)) {
      const words = t.split(/\s+/).filter(Boolean);
      words.splice(Math.floor(random() * (words.length + 1)), 0, pick(V.SV_CHAT_FILLERS));
      t = words.join(' ');
    }
    if (chance(0.4)) t = foldSwedishLetters(t);
    return t;
  };

  /** One or two typing mistakes in longer words: a letter dropped, doubled, swapped or replaced. */
  const typos = (text: string) => {
    const words = text.split(' ');
    const long = words.map((w, i) => ({ w, i })).filter(({ w }) => /^\p{L}{6,}$/u.test(w));
    const n = Math.min(long.length, 1 + Math.floor(random() * 2));
    for (let k = 0; k < n; k++) {
      const { w, i } = pick(long);
      const at = 1 + Math.floor(random() * (w.length - 2));
      const kind = Math.floor(random() * 4);
      words[i] =
        kind === 0 ? w.slice(0, at) + w.slice(at + 1)
        : kind === 1 ? w.slice(0, at) + (w[at] ?? '') + w.slice(at)
        : kind === 2 ? w.slice(0, at) + (w[at + 1] ?? '') + (w[at] ?? '') + w.slice(at + 2)
        : w.slice(0, at) + pick('aeiouyntrslk'.split('')) + w.slice(at + 1);
    }
    return words.join(' ');
  };

  const variant = (question: string, lang: Lang) => {
    let t = chance(0.7) ? wrap(question, lang) : question;
    if (chance(0.35)) t = chatty(t);
    if (chance(0.3)) t = typos(t);
    return t;
  };

  const entries = corpus.entries;
  for (const entry of entries) {
    for (const lang of ['sv', 'en'] as const) {
      const phrasings = [...new Set([entry.question[lang], ...entry.phrasings[lang]])];
      for (const p of phrasings) {
        const group = `${entry.id}|${foldSwedishLetters(p.toLocaleLowerCase('sv-SE').replace(/[^\p{L}\p{N}]+/gu, ' ').trim())}`;
        out.push({ text: p, label: entry.id, group, original: true });
        for (let v = 0; v < o.variantsPerPhrasing; v++) {
          if (chance(0.15) && entries.length > 1) {
            // Asked beside a question about something else, marked as the one that matters.
            let other = pick(entries);
            while (other.id === entry.id) other = pick(entries);
            const aside = pick([other.question[lang], ...other.phrasings[lang]]);
            const template = pick(lang === 'sv' ? V.SV_ASIDE_THEN_FOCUS : V.EN_ASIDE_THEN_FOCUS);
            const text = template
              .replace('{main}', capitalise(asQuestion(p)))
              .replace('{mainLower}', `${lowerFirst(p)}?`)
              .replace('{aside}', capitalise(asQuestion(aside)))
              .replace('{asideLower}', lowerFirst(aside));
            out.push({ text: chance(0.3) ? chatty(text) : text, label: entry.id, group, original: false });
          } else {
            out.push({ text: variant(p, lang), label: entry.id, group, original: false });
          }
        }
      }
    }
  }
  if (o.answerSentences) {
    const sentencesOf = (entry: (typeof entries)[number], lang: Lang) =>
      new Set(entry.versions.flatMap((v) => [v.answer[lang], ...(v.lattlast ? [v.lattlast[lang]] : [])]).flatMap(answerSentencesOf));
    // A sentence that stands in several answers ("Du når kontaktcenter på …") says nothing about which
    // entry a question is for: only sentences of at most two answers are learned.
    const answersWith = new Map<string, number>();
    for (const entry of entries) for (const lang of ['sv', 'en'] as const) for (const s of sentencesOf(entry, lang)) answersWith.set(s, (answersWith.get(s) ?? 0) + 1);
    for (const entry of entries) {
      for (const lang of ['sv', 'en'] as const) {
        let i = 0;
        for (const sentence of sentencesOf(entry, lang)) {
          if ((answersWith.get(sentence) ?? 0) > MAX_ANSWERS_SHARING_A_SENTENCE) continue;
          out.push({ text: sentence, label: entry.id, group: `__answer|${entry.id}|${lang}|${i++}`, original: false });
        }
      }
    }
  }
  if (o.categories) {
    // The editor's category names the entry's topic ("Husdjur", "Sophämtning och återvinning"): a weak
    // example like an answer sentence, and like one only when at most two entries share it.
    const sharing = new Map<string, number>();
    for (const e of entries) sharing.set(e.category, (sharing.get(e.category) ?? 0) + 1);
    for (const e of entries) {
      if ((sharing.get(e.category) ?? 0) > MAX_ANSWERS_SHARING_A_SENTENCE) continue;
      out.push({ text: e.category, label: e.id, group: `__answer|${e.id}|category`, original: false });
    }
  }
  for (const lang of ['sv', 'en'] as const) {
    for (const q of corpus.outOfScope[lang]) {
      const group = `__oos|${foldSwedishLetters(q.toLocaleLowerCase('sv-SE').replace(/[^\p{L}\p{N}]+/gu, ' ').trim())}`;
      out.push({ text: q, label: null, group, original: true });
      for (let v = 0; v < o.variantsPerOutOfScope; v++) out.push({ text: variant(q, lang), label: null, group, original: false });
    }
  }
  // Turns in a conversation: what came before is a feature of its own, so the classifier learns when it
  // decides (a follow-up with no topic) and when it does not (a clear new question).
  const sv = (lang: Lang) => (lang === 'sv' ? V.SV_FOLLOW_UPS : V.EN_FOLLOW_UPS);
  for (const entry of entries) {
    for (let i = 0; i < o.followUps; i++) {
      const lang: Lang = chance(0.85) ? 'sv' : 'en';
      const followUp = pick(sv(lang));
      out.push({ text: chance(0.3) ? chatty(followUp) : followUp, label: entry.id, previous: entry.id, lang, group: `__follow|${entry.id}|${followUp}`, original: false });
      let other = pick(entries);
      while (other.id === entry.id && entries.length > 1) other = pick(entries);
      const fresh = pick(other.phrasings[lang].length > 0 ? other.phrasings[lang] : [other.question[lang]]);
      out.push({ text: variant(fresh, lang), label: other.id, previous: entry.id, lang, group: `${other.id}|${foldSwedishLetters(fresh.toLocaleLowerCase('sv-SE').replace(/[^\p{L}\p{N}]+/gu, ' ').trim())}`, original: false });
      const off = pick(corpus.outOfScope[lang].length > 0 ? corpus.outOfScope[lang] : corpus.outOfScope.sv);
      if (off !== undefined) out.push({ text: variant(off, lang), label: null, previous: entry.id, lang, group: `__oos|${foldSwedishLetters(off.toLocaleLowerCase('sv-SE').replace(/[^\p{L}\p{N}]+/gu, ' ').trim())}`, original: false });
    }
  }
  // The same follow-ups with nothing answered before say nothing about any topic: taught once for every
  // class, so their words carry no weight of their own (neither an entry nor "off-topic").
  for (const lang of ['sv', 'en'] as const) {
    for (const followUp of sv(lang)) {
      // Every class on a small corpus; a sample of them on a large one (the point is only that no class owns these words).
      const labels: (string | null)[] = [...entries.map((e) => e.id), null];
      const sample = labels.length <= MAX_UNINFORMATIVE_LABELS ? labels : Array.from({ length: MAX_UNINFORMATIVE_LABELS }, () => pick(labels));
      for (const label of sample) out.push({ text: followUp, label, group: `__alone|${followUp}`, original: false });
    }
  }
  // A greeting and context with no question: nothing to answer.
  for (let i = 0; i < o.contextOnly; i++) {
    const lang: Lang = chance(0.8) ? 'sv' : 'en';
    const sv = lang === 'sv';
    const parts = [pick(sv ? V.SV_GREETINGS : V.EN_GREETINGS), fill(pick(sv ? V.SV_CONTEXT : V.EN_CONTEXT))];
    if (chance(0.5)) parts.push(fill(pick(sv ? V.SV_CONTEXT : V.EN_CONTEXT)));
    if (chance(0.5)) parts.push(fill(pick(sv ? V.SV_SIGN_OFFS : V.EN_SIGN_OFFS)));
    out.push({ text: parts.join(' '), label: null, group: `__context|${i}`, original: false });
  }
  return out;
}

/** An answer's sentences of three words or more (a sentence ends at . ! ? or a line break). */
export function answerSentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/u)
    .map((t) => t.trim())
    .filter((t) => t.split(/\s+/u).length >= 3);
}
