import Fuse from 'fuse.js';
import type { FaqEntry, Lang } from '../corpus/schema.js';
import { LANGS } from '../corpus/schema.js';
import { Analyzer, CONCEPT_PREFIX, type Unit } from '../text/analyzer.js';
import { foldSwedishLetters, tokenize } from '../text/normalize.js';
import { boundedEditDistance } from './edit-distance.js';
import { DEFAULT_MATCH_OPTIONS, type MatchOptions } from './options.js';

/**
 * The matcher: a Swedish-aware index over every phrasing of every entry.
 *
 * Each phrasing and each query is reduced to units (folded stems, synonym concepts). A query unit that
 * the corpus does not know is tried as a compound ("leverantörsfakturor" → leverantör + faktura) and then
 * as a typo: fuse.js proposes near words from the corpus vocabulary and an edit-distance bound confirms
 * them. A phrasing scores by how much of the query it explains and how much of itself the query
 * explains, each weighted by how specific the words are (idf over entries).
 */

export interface MatchedTerm {
  /** The word(s) as the person wrote them. */
  readonly query: string;
  /** The corpus key it matched. */
  readonly key: string;
  /** How it matched. */
  readonly via: 'exact' | 'synonym' | 'compound' | 'typo';
}

export interface Candidate {
  readonly entry: FaqEntry;
  /** Similarity in 0–1: 1 means the query and a phrasing say the same thing. */
  readonly score: number;
  /** The language of the phrasing that matched best. */
  readonly lang: Lang;
  /** The phrasing that matched best. */
  readonly phrasing: string;
  readonly matched: readonly MatchedTerm[];
  /** Query words that no phrasing of this entry explains. */
  readonly unmatched: readonly string[];
}

export interface QueryAnalysis {
  /** Meaningful query words per language, after stop words. */
  readonly units: Readonly<Record<Lang, readonly Unit[]>>;
  /** Meaningful words the corpus does not know at all (neither exactly, as compound nor as typo), per language. */
  readonly unknown: Readonly<Record<Lang, readonly string[]>>;
}

export interface MatchResult {
  readonly candidates: readonly Candidate[];
  /** How closely the question resembles a known out-of-scope question, if at all. */
  readonly outOfScope: Candidate | undefined;
  readonly analysis: QueryAnalysis;
}

interface DocUnit {
  /** Primary key first, then compound parts. */
  readonly keys: readonly string[];
  readonly weight: number;
}

interface Doc {
  readonly entryIndex: number;
  readonly lang: Lang;
  readonly text: string;
  readonly units: readonly DocUnit[];
  readonly totalWeight: number;
}

interface QueryUnit {
  readonly token: string;
  readonly weight: number;
  /** Keys that count as a match, each with its credit. */
  readonly alternatives: readonly { readonly key: string; readonly credit: number; readonly via: MatchedTerm['via'] }[];
  /** Compound parts must all match for full credit. */
  readonly parts: number;
}

interface LangIndex {
  readonly analyzer: Analyzer;
  /** key → (doc, unit) postings; `part` is true when the key is one part of a compound in the doc. */
  readonly postings: Map<string, { doc: number; unit: number; part: boolean }[]>;
  /** key → number of entries using it. */
  readonly entryFrequency: Map<string, number>;
  /** Words fuse.js may correct a typo to: folded surface word → unit key. */
  readonly typoTargets: Map<string, string>;
  readonly fuseByLength: Map<number, Fuse<string>>;
}

export interface MatcherInput {
  readonly entries: readonly FaqEntry[];
  readonly synonymGroups: readonly (readonly string[])[];
  readonly extraStopwords: Readonly<Record<Lang, readonly string[]>>;
  readonly keepWords: readonly string[];
  /** Questions the FAQ must not answer (faq-data/out-of-scope.yaml), indexed as a class of their own. */
  readonly outOfScope?: Readonly<Record<Lang, readonly string[]>>;
}

/** Id of the pseudo-entry that holds the out-of-scope questions. Never served. */
export const OUT_OF_SCOPE_ID = '__out-of-scope';

function outOfScopeEntry(questions: Readonly<Record<Lang, readonly string[]>>): FaqEntry {
  return {
    id: OUT_OF_SCOPE_ID,
    category: 'out of scope',
    audience: ['all'],
    question: { sv: 'Utanför det här stödets område', en: 'Outside what this assistant covers' },
    phrasings: { sv: [...questions.sv], en: [...questions.en] },
    answer: { sv: '-', en: '-' },
    source: { title: '-', url: 'https://invalid.example/' },
    lastReviewed: '1970-01-01',
    related: [],
  };
}

export interface MatchQueryOptions {
  /** Leave phrasings out (leave-one-out calibration). */
  readonly excludeDoc?: ((text: string, entryId: string) => boolean) | undefined;
  /** Score only phrasings in these languages (the question's language, when known). */
  readonly langs?: readonly Lang[] | undefined;
}

export class Matcher {
  private readonly entries: readonly FaqEntry[];
  private readonly docs: Doc[] = [];
  private readonly langs: Record<Lang, LangIndex>;
  private readonly options: MatchOptions;
  private readonly unknownWeight: number;
  // Scratch buffers reused across queries (the matcher is synchronous, so this is safe).
  private qMatched: Float64Array;
  private dMatched: Float64Array;
  private stamp: Uint32Array;
  private unitStamp: Uint32Array;
  private unitCredit: Float64Array;
  private generation = 0;

  constructor(input: MatcherInput, options: Partial<MatchOptions> = {}) {
    this.entries = input.outOfScope ? [...input.entries, outOfScopeEntry(input.outOfScope)] : input.entries;
    this.options = Object.freeze({ ...DEFAULT_MATCH_OPTIONS, ...options });
    const n = Math.max(1, input.entries.length);
    this.unknownWeight = Math.log(1 + n) * this.options.unknownWeightFactor;
    const langs = {} as Record<Lang, LangIndex>;
    for (const lang of LANGS) {
      langs[lang] = this.buildLangIndex(lang, input);
    }
    this.langs = langs;
    this.qMatched = new Float64Array(this.docs.length);
    this.dMatched = new Float64Array(this.docs.length);
    this.stamp = new Uint32Array(this.docs.length);
    const totalUnits = this.docs.reduce((s, d) => s + d.units.length, 0);
    this.unitStamp = new Uint32Array(totalUnits + 1);
    this.unitCredit = new Float64Array(totalUnits + 1);
    this.unitOffset = new Uint32Array(this.docs.length);
    let offset = 0;
    this.docs.forEach((d, i) => {
      this.unitOffset[i] = offset;
      offset += d.units.length;
    });
  }

  private unitOffset: Uint32Array;

  get documentCount(): number {
    return this.docs.length;
  }

  private idf(index: LangIndex, key: string): number {
    const df = index.entryFrequency.get(key);
    return df === undefined ? this.unknownWeight : Math.log(1 + this.entries.length / df);
  }

  private buildLangIndex(lang: Lang, input: MatcherInput): LangIndex {
    const analyzer = new Analyzer({
      lang,
      synonymGroups: input.synonymGroups,
      extraStopwords: input.extraStopwords[lang],
      keepWords: input.keepWords,
    });
    const raw: { entryIndex: number; text: string; units: Unit[] }[] = [];
    const entryKeys: Set<string>[] = this.entries.map(() => new Set<string>());
    this.entries.forEach((entry, entryIndex) => {
      const texts = [entry.question[lang], ...entry.phrasings[lang]];
      const seen = new Set<string>();
      for (const text of texts) {
        if (seen.has(text)) continue;
        seen.add(text);
        const units = analyzer.analyze(text);
        if (units.length === 0) continue;
        raw.push({ entryIndex, text, units });
        for (const u of units) entryKeys[entryIndex]?.add(u.key);
      }
    });
    const vocabulary = new Set<string>();
    for (const keys of entryKeys) for (const k of keys) vocabulary.add(k);

    // Compound parts found on the corpus side: "personuppgifter" also counts as "uppgifter".
    const partsOf = (unit: Unit): string[] =>
      unit.key.startsWith(CONCEPT_PREFIX) ? [] : splitCompound(unit.token, analyzer, vocabulary, unit.key);
    const docUnitsRaw = raw.map((r) => r.units.map((u) => [u.key, ...partsOf(u)]));
    docUnitsRaw.forEach((units, i) => {
      const entryIndex = raw[i]?.entryIndex ?? 0;
      for (const keys of units) for (const k of keys) entryKeys[entryIndex]?.add(k);
    });
    const entryFrequency = new Map<string, number>();
    for (const keys of entryKeys) for (const k of keys) entryFrequency.set(k, (entryFrequency.get(k) ?? 0) + 1);

    const postings = new Map<string, { doc: number; unit: number; part: boolean }[]>();
    const index: LangIndex = {
      analyzer,
      postings,
      entryFrequency,
      typoTargets: new Map(),
      fuseByLength: new Map(),
    };
    raw.forEach((r, i) => {
      const docIndex = this.docs.length;
      const units: DocUnit[] = (docUnitsRaw[i] ?? []).map((keys) => ({
        keys,
        weight: this.idf(index, keys[0] ?? ''),
      }));
      units.forEach((u, unitIndex) => {
        u.keys.forEach((key, k) => {
          let list = postings.get(key);
          if (!list) postings.set(key, (list = []));
          list.push({ doc: docIndex, unit: unitIndex, part: k > 0 });
        });
      });
      this.docs.push({
        entryIndex: r.entryIndex,
        lang,
        text: r.text,
        units,
        totalWeight: units.reduce((s, u) => s + u.weight, 0),
      });
    });

    // Typos are corrected on surface words ("läkt" is one edit from "läckt", two from its stem "läck").
    const addSurface = (word: string, key: string) => {
      if (postings.has(key)) index.typoTargets.set(foldSwedishLetters(word), key);
    };
    for (const r of raw) {
      for (const t of tokenize(r.text)) if (!analyzer.isStopword(t)) addSurface(t, analyzer.resolveWord(t));
    }
    for (const [word, concept] of analyzer.synonymSurfaceWords()) addSurface(word, concept);
    // One fuse.js index per word length: a typo changes the length by at most two, and searching only
    // words of a similar length keeps fuse from ranking long words that merely contain the query first.
    const byLength = new Map<number, string[]>();
    for (const w of index.typoTargets.keys()) {
      if (w.length < this.options.minTypoLength - 1) continue;
      let list = byLength.get(w.length);
      if (!list) byLength.set(w.length, (list = []));
      list.push(w);
    }
    const fuseOptions = { includeScore: true, threshold: this.options.fuseThreshold, ignoreLocation: true, isCaseSensitive: true, shouldSort: true };
    for (const [length, words] of byLength) index.fuseByLength.set(length, new Fuse(words, fuseOptions));
    return index;
  }

  /** Analyses a query for one language: known words, compounds, typos and unknown words. */
  private queryUnits(lang: LangIndex, text: string): { units: QueryUnit[]; unknown: string[]; analyzed: Unit[] } {
    const analyzed = lang.analyzer.analyze(text);
    const units: QueryUnit[] = [];
    const unknown: string[] = [];
    for (const u of analyzed) {
      if (lang.postings.has(u.key)) {
        const via = u.key.startsWith(CONCEPT_PREFIX) ? 'synonym' : 'exact';
        units.push({ token: u.token, weight: this.idf(lang, u.key), alternatives: [{ key: u.key, credit: 1, via }], parts: 1 });
        continue;
      }
      if (!u.key.startsWith(CONCEPT_PREFIX)) {
        const parts = splitCompound(u.token, lang.analyzer, lang.postings, u.key);
        if (parts.length > 0) {
          const weight = Math.max(...parts.map((p) => this.idf(lang, p)));
          units.push({
            token: u.token,
            weight,
            alternatives: parts.map((key) => ({ key, credit: this.options.compoundCredit, via: 'compound' as const })),
            parts: parts.length,
          });
          continue;
        }
        const typo = this.correctTypo(lang, foldSwedishLetters(u.token));
        if (typo) {
          units.push({
            token: u.token,
            weight: this.idf(lang, typo.key),
            alternatives: [{ key: typo.key, credit: typo.credit, via: 'typo' }],
            parts: 1,
          });
          continue;
        }
      }
      unknown.push(u.token);
      units.push({ token: u.token, weight: this.unknownWeight, alternatives: [], parts: 1 });
    }
    return { units, unknown, analyzed };
  }

  private readonly typoCache = new Map<string, { key: string; credit: number } | null>();

  private correctTypo(lang: LangIndex, word: string): { key: string; credit: number } | null {
    const key = word;
    if (key.length < this.options.minTypoLength) return null;
    const cacheKey = lang.analyzer.lang + ':' + key;
    const cached = this.typoCache.get(cacheKey);
    if (cached !== undefined) return cached;
    const maxEdits = key.length >= this.options.twoEditLength ? 2 : 1;
    let best: { key: string; credit: number; dist: number } | null = null;
    // fuse.js proposes among words of a similar length; the edit-distance bound on whole words decides.
    for (let length = key.length - maxEdits; length <= key.length + maxEdits; length++) {
      const fuse = lang.fuseByLength.get(length);
      if (!fuse) continue;
      for (const hit of fuse.search(key, { limit: 5 })) {
        const dist = boundedEditDistance(key, hit.item, maxEdits);
        if (dist > maxEdits || (best && dist >= best.dist)) continue;
        const target = lang.typoTargets.get(hit.item);
        if (target !== undefined) best = { key: target, credit: 1 - this.options.typoPenaltyPerEdit * dist, dist };
      }
    }
    const result = best ? { key: best.key, credit: best.credit } : null;
    if (this.typoCache.size < 20_000) this.typoCache.set(cacheKey, result);
    return result;
  }

  /** Ranks entries for a query, best first. Deterministic: ties keep corpus order. */
  match(text: string, options: MatchQueryOptions = {}): MatchResult {
    const langs = options.langs ?? LANGS;
    const perEntry = new Map<number, Candidate>();
    const unitsByLang = {} as Record<Lang, Unit[]>;
    const unknownByLang = {} as Record<Lang, string[]>;
    for (const lang of LANGS) {
      const index = this.langs[lang];
      const { units, unknown, analyzed } = this.queryUnits(index, text);
      unitsByLang[lang] = analyzed;
      unknownByLang[lang] = unknown;
      if (units.length === 0 || !langs.includes(lang)) continue;
      this.scoreLang(lang, index, units, perEntry, options.excludeDoc);
    }
    const ranked = [...perEntry.values()].sort(
      (a, b) => b.score - a.score || this.entries.indexOf(a.entry) - this.entries.indexOf(b.entry),
    );
    const outOfScope = ranked.find((c) => c.entry.id === OUT_OF_SCOPE_ID);
    const candidates = ranked.filter((c) => c.entry.id !== OUT_OF_SCOPE_ID).slice(0, this.options.maxCandidates);
    return { candidates, outOfScope, analysis: { units: unitsByLang, unknown: unknownByLang } };
  }

  private scoreLang(
    lang: Lang,
    index: LangIndex,
    units: readonly QueryUnit[],
    out: Map<number, Candidate>,
    excludeDoc: ((text: string, entryId: string) => boolean) | undefined,
  ): void {
    const gen = ++this.generation;
    const touched: number[] = [];
    const queryWeight = units.reduce((s, u) => s + u.weight, 0);
    // Entry-level coverage: the best credit each query unit gets anywhere in an entry.
    const entryCredit = new Map<number, Float64Array>();
    const matchedBy = new Map<number, MatchedTerm[][]>();

    units.forEach((qu, qi) => {
      const docCredit = new Map<number, number>();
      for (const alt of qu.alternatives) {
        const list = index.postings.get(alt.key);
        if (!list) continue;
        const credit = alt.credit / qu.parts;
        for (const { doc, unit, part } of list) {
          const d = this.docs[doc];
          if (!d) continue;
          if (excludeDoc && excludeDoc(d.text, this.entries[d.entryIndex]?.id ?? '')) continue;
          if (this.stamp[doc] !== gen) {
            this.stamp[doc] = gen;
            this.qMatched[doc] = 0;
            this.dMatched[doc] = 0;
            touched.push(doc);
          }
          docCredit.set(doc, (docCredit.get(doc) ?? 0) + credit);
          const slot = (this.unitOffset[doc] ?? 0) + unit;
          if (this.unitStamp[slot] !== gen) {
            this.unitStamp[slot] = gen;
            this.unitCredit[slot] = 0;
          }
          // A query word that meets only one part of the phrasing's compound explains part of it.
          const du = d.units[unit];
          const share = part && du ? 1 / (du.keys.length - 1) : 1;
          const already = this.unitCredit[slot] ?? 0;
          const add = Math.min(1 - already, Math.min(1, alt.credit) * share);
          if (add > 0) {
            this.unitCredit[slot] = already + add;
            this.dMatched[doc] = (this.dMatched[doc] ?? 0) + (du?.weight ?? 0) * add;
          }
          let ec = entryCredit.get(d.entryIndex);
          if (!ec) entryCredit.set(d.entryIndex, (ec = new Float64Array(units.length)));
          const c = Math.min(1, credit);
          if (c > (ec[qi] ?? 0)) ec[qi] = c;
          let mb = matchedBy.get(d.entryIndex);
          if (!mb) matchedBy.set(d.entryIndex, (mb = units.map(() => [])));
          const terms = mb[qi];
          if (terms && !terms.some((t) => t.key === alt.key)) terms.push({ query: qu.token, key: alt.key, via: alt.via });
        }
      }
      for (const [doc, credit] of docCredit) {
        this.qMatched[doc] = (this.qMatched[doc] ?? 0) + qu.weight * Math.min(1, credit);
      }
    });

    const a = this.options.queryCoverageWeight;
    const share = this.options.entryCoverageShare;
    const best = new Map<number, { doc: number; scores: number[] }>();
    for (const doc of touched) {
      const d = this.docs[doc];
      if (!d || queryWeight === 0 || d.totalWeight === 0) continue;
      const ec = entryCredit.get(d.entryIndex);
      let entryCovered = 0;
      if (ec) units.forEach((u, i) => (entryCovered += u.weight * (ec[i] ?? 0)));
      const cqDoc = (this.qMatched[doc] ?? 0) / queryWeight;
      const cq = (1 - share) * cqDoc + share * (entryCovered / queryWeight);
      const cp = Math.min(1, (this.dMatched[doc] ?? 0) / d.totalWeight);
      const score = Math.pow(cq, a) * Math.pow(cp, 1 - a);
      let b = best.get(d.entryIndex);
      if (!b) best.set(d.entryIndex, (b = { doc, scores: [] }));
      if (score > (b.scores[0] ?? -1)) b.doc = doc;
      insertTop3(b.scores, score);
    }
    const support = this.options.supportShare;
    for (const [entryIndex, b] of best) {
      const [s1 = 0, s2 = 0, s3 = 0] = b.scores;
      const score = (1 - support) * s1 + support * ((s2 + s3) / 2);
      const prev = out.get(entryIndex);
      if (prev && prev.score >= score) continue;
      const entry = this.entries[entryIndex];
      const d = this.docs[b.doc];
      if (!entry || !d) continue;
      const mb = matchedBy.get(entryIndex) ?? [];
      out.set(entryIndex, {
        entry,
        score,
        lang,
        phrasing: d.text,
        matched: mb.flat(),
        unmatched: units.filter((_, i) => (mb[i]?.length ?? 0) === 0).map((u) => u.token),
      });
    }
  }
}

/** Keeps the three highest scores, descending. */
function insertTop3(top: number[], score: number): void {
  let i = top.length;
  while (i > 0 && (top[i - 1] ?? 0) < score) i--;
  if (i >= 3) return;
  top.splice(i, 0, score);
  if (top.length > 3) top.length = 3;
}

/**
 * Splits a compound into two words the corpus knows ("leverantörsfakturor" → leverantör + faktur),
 * allowing the Swedish linking -s-. Returns the parts' keys, or [] when no split is known.
 */
function splitCompound(
  token: string,
  analyzer: Analyzer,
  known: { has(key: string): boolean },
  ownKey: string,
): string[] {
  if (token.length < 7 || token.includes(' ')) return [];
  for (let i = 3; i <= token.length - 3; i++) {
    const head = token.slice(i);
    const headKey = analyzer.resolveWord(head);
    if (headKey === ownKey || !known.has(headKey)) continue;
    const modifier = token.slice(0, i);
    const candidates = modifier.endsWith('s') && modifier.length > 3 ? [modifier, modifier.slice(0, -1)] : [modifier];
    for (const m of candidates) {
      const key = analyzer.resolveWord(m);
      if (key !== ownKey && known.has(key)) return [key, headKey];
    }
  }
  return [];
}
