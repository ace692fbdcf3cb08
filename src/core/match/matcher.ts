import type { FaqEntry, Lang } from '../corpus/schema.js';
import { LANGS } from '../corpus/schema.js';
import { Analyzer, CONCEPT_PREFIX, type Unit } from '../text/analyzer.js';
import { foldSwedishLetters, tokenize } from '../text/normalize.js';
import { splitCompound } from './compound.js';
import { DEFAULT_MATCH_OPTIONS, type MatchOptions } from './options.js';
import { TypoCorrector } from './typo-corrector.js';

/**
 * The matcher: a Swedish-aware index over every phrasing of every entry.
 *
 * Each phrasing and each query is reduced to units (folded stems, synonym concepts). A query unit the
 * corpus does not know is tried as a compound ("leverantörsfakturor" → leverantör + faktura) and then as
 * a typo (fuse.js proposes, an edit-distance bound confirms: see typo-corrector.ts). A phrasing scores by
 * how much of the query it explains and how much of itself the query explains, each weighted by how
 * specific the words are (idf over entries). An entry scores by its best phrasing, supported by its
 * runner-up phrasings.
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
  /** Meaningful query words per scored language, after stop words (empty for a language not scored). */
  readonly units: Readonly<Record<Lang, readonly Unit[]>>;
  /** Meaningful words the corpus does not know at all (not exactly, as compound nor as typo), per scored language. */
  readonly unknown: Readonly<Record<Lang, readonly string[]>>;
  /** The languages whose phrasings were scored. */
  readonly scored: readonly Lang[];
}

export interface MatchResult {
  readonly candidates: readonly Candidate[];
  /** How closely the question resembles a known out-of-scope question, if at all. */
  readonly outOfScope: Candidate | undefined;
  readonly analysis: QueryAnalysis;
}

export interface MatcherInput {
  readonly entries: readonly FaqEntry[];
  readonly synonymGroups: readonly (readonly string[])[];
  readonly extraStopwords: Readonly<Record<Lang, readonly string[]>>;
  readonly keepWords: readonly string[];
  /** Questions the FAQ must not answer (faq-data/out-of-scope.yaml), indexed as a class of their own. */
  readonly outOfScope?: Readonly<Record<Lang, readonly string[]>>;
}

export interface MatchQueryOptions {
  /** Leave phrasings out (leave-one-out calibration). */
  readonly excludeDoc?: ((text: string, entryId: string) => boolean) | undefined;
  /** Score only phrasings in these languages (the question's language, when known). */
  readonly langs?: readonly Lang[] | undefined;
}

/** Id of the pseudo-entry that holds the out-of-scope questions. Never served. */
export const OUT_OF_SCOPE_ID = '__out-of-scope';

/** Query units beyond this many (in a 1,000-character ramble) are not scored. */
const MAX_QUERY_UNITS = 40;

/** A query word with more postings than this only refines phrasings that rarer words found. */
const REFINE_ONLY_POSTINGS = 2000;

function postingCount(index: LangIndex, unit: QueryUnit): number {
  let n = 0;
  for (const alt of unit.alternatives) n += index.postings.get(alt.key)?.docs.length ?? 0;
  return n;
}

function concatInt(a: Int32Array, more: readonly number[]): Int32Array<ArrayBuffer> {
  const out = new Int32Array(a.length + more.length);
  out.set(a);
  out.set(more, a.length);
  return out;
}

function concatFloat(a: Float64Array, more: readonly number[]): Float64Array<ArrayBuffer> {
  const out = new Float64Array(a.length + more.length);
  out.set(a);
  out.set(more, a.length);
  return out;
}

interface DocUnit {
  /** Primary key first, then compound parts. */
  readonly keys: readonly string[];
  readonly weight: number;
}

interface Doc {
  readonly entryIndex: number;
  readonly text: string;
  readonly units: readonly DocUnit[];
  readonly totalWeight: number;
  /** Offset of this doc's units in the per-unit scratch arrays. */
  readonly unitOffset: number;
  /** This doc's keys in the flat docKey* arrays: [keyStart, keyEnd). */
  readonly keyStart: number;
  readonly keyEnd: number;
}

/** Postings of one key, as parallel arrays precomputed for a tight scoring loop. */
interface Postings {
  readonly docs: Int32Array;
  /** The doc unit's slot in the per-unit scratch arrays. */
  readonly slots: Int32Array;
  readonly entries: Int32Array;
  /** The doc unit's weight. */
  readonly weights: Float64Array;
  /** Share of the doc unit this key explains: 1, or 1/parts for one part of a compound. */
  readonly shares: Float64Array;
}

interface LangIndex {
  readonly lang: Lang;
  readonly analyzer: Analyzer;
  readonly postings: ReadonlyMap<string, Postings>;
  /** key → number of entries using it. */
  readonly entryFrequency: ReadonlyMap<string, number>;
  /** Every key each entry uses, for explanations. */
  readonly entryKeys: readonly ReadonlySet<string>[];
  readonly typos: TypoCorrector;
  /** key → a small integer, for the flat per-doc key arrays. */
  readonly keyIds: ReadonlyMap<string, number>;
  /**
   * True when some prefix of the folded word is a known word key. Stemming only removes suffixes, so a
   * word whose prefixes are all unknown cannot stem to a known key: compound splitting skips it unstemmed.
   */
  readonly mayBeKnown: (word: string) => boolean;
}

interface QueryUnit {
  readonly token: string;
  readonly weight: number;
  /** Keys that count as a match, each with its credit. */
  readonly alternatives: readonly { readonly key: string; readonly credit: number; readonly via: MatchedTerm['via'] }[];
  /** Compound parts must all match for full credit. */
  readonly parts: number;
}

export class Matcher {
  private readonly entries: readonly FaqEntry[];
  private readonly docs: Doc[] = [];
  private readonly langs: Record<Lang, LangIndex>;
  private readonly options: MatchOptions;
  private readonly unknownWeight: number;
  private readonly scratch: Scratch;
  private readonly entryOrder: ReadonlyMap<FaqEntry, number>;
  // Every doc's keys, flat (both languages): key id, unit slot, unit weight, share of the unit.
  private docKeyIds = new Int32Array(0);
  private docKeySlots = new Int32Array(0);
  private docKeyWeights = new Float64Array(0);
  private docKeyShares = new Float64Array(0);

  constructor(input: MatcherInput, options: Partial<MatchOptions> = {}) {
    this.entries = input.outOfScope ? [...input.entries, outOfScopeEntry(input.outOfScope)] : input.entries;
    this.options = Object.freeze({ ...DEFAULT_MATCH_OPTIONS, ...options });
    this.unknownWeight = Math.log(1 + Math.max(1, input.entries.length)) * this.options.unknownWeightFactor;
    this.entryOrder = new Map(this.entries.map((e, i) => [e, i]));
    this.langs = { sv: this.buildLangIndex('sv', input), en: this.buildLangIndex('en', input) };
    const totalUnits = this.docs.reduce((s, d) => s + d.units.length, 0);
    this.scratch = new Scratch(this.docs.length, totalUnits, this.entries.length, this.options.maxCandidates + 1);
  }

  get documentCount(): number {
    return this.docs.length;
  }

  /** Ranks entries for a query (text, or its tokens), best first. Deterministic: ties keep corpus order. */
  match(text: string | readonly string[], options: MatchQueryOptions = {}): MatchResult {
    const langs = options.langs ?? LANGS;
    const tokens = typeof text === 'string' ? tokenize(text) : text;
    const byEntry = new Map<FaqEntry, Candidate>();
    const unitsByLang: Record<Lang, Unit[]> = { sv: [], en: [] };
    const unknownByLang: Record<Lang, string[]> = { sv: [], en: [] };
    const scored: Lang[] = [];
    for (const lang of LANGS) {
      if (!langs.includes(lang)) continue;
      const index = this.langs[lang];
      const analyzed = index.analyzer.analyzeTokens(tokens);
      unitsByLang[lang] = analyzed;
      if (analyzed.length === 0) continue;
      scored.push(lang);
      // When the language is unclear both are scored, but misspellings are corrected only against the
      // first (Swedish, the default): a typo-ridden question with no English words is not English.
      const units = this.queryUnits(index, analyzed.slice(0, MAX_QUERY_UNITS), scored.length === 1);
      unknownByLang[lang] = units.filter((u) => u.alternatives.length === 0).map((u) => u.token);
      for (const c of this.scoreLang(index, units, options.excludeDoc)) {
        const existing = byEntry.get(c.entry);
        if (!existing || c.score > existing.score) byEntry.set(c.entry, c);
      }
    }
    const ranked = [...byEntry.values()].sort(
      (a, b) => b.score - a.score || (this.entryOrder.get(a.entry) ?? 0) - (this.entryOrder.get(b.entry) ?? 0),
    );
    const outOfScope = ranked.find((c) => c.entry.id === OUT_OF_SCOPE_ID);
    const candidates = ranked.filter((c) => c.entry.id !== OUT_OF_SCOPE_ID).slice(0, this.options.maxCandidates);
    return { candidates, outOfScope, analysis: { units: unitsByLang, unknown: unknownByLang, scored } };
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
      for (const text of new Set([entry.question[lang], ...entry.phrasings[lang]])) {
        const units = analyzer.analyze(text);
        if (units.length === 0) continue;
        raw.push({ entryIndex, text, units });
        for (const u of units) entryKeys[entryIndex]?.add(u.key);
      }
    });
    const vocabulary = new Set<string>();
    for (const keys of entryKeys) for (const k of keys) vocabulary.add(k);

    // Compound parts on the corpus side too: "personuppgifter" also answers to "uppgifter".
    const keyOf = (w: string) => analyzer.resolveWord(w);
    const docKeys = raw.map((r) =>
      r.units.map((u) => (u.key.startsWith(CONCEPT_PREFIX) ? [u.key] : [u.key, ...splitCompound(u.token, keyOf, vocabulary, u.key, this.options.indexCompoundModifiers)])),
    );
    docKeys.forEach((units, i) => {
      const entryIndex = raw[i]?.entryIndex ?? 0;
      for (const keys of units) for (const k of keys) entryKeys[entryIndex]?.add(k);
    });
    const entryFrequency = new Map<string, number>();
    for (const keys of entryKeys) for (const k of keys) entryFrequency.set(k, (entryFrequency.get(k) ?? 0) + 1);
    const idf = (key: string) => {
      const df = entryFrequency.get(key);
      return df === undefined ? this.unknownWeight : Math.log(1 + this.entries.length / df);
    };

    const lists = new Map<string, { docs: number[]; slots: number[]; entries: number[]; weights: number[]; shares: number[] }>();
    const keyIds = new Map<string, number>();
    const flatIds: number[] = [];
    const flatSlots: number[] = [];
    const flatWeights: number[] = [];
    const flatShares: number[] = [];
    const flatStart = this.docKeyIds.length;
    let unitOffset = this.docs.reduce((s, d) => s + d.units.length, 0);
    raw.forEach((r, i) => {
      const docIndex = this.docs.length;
      const units: DocUnit[] = (docKeys[i] ?? []).map((keys) => ({ keys, weight: idf(keys[0] ?? '') }));
      const keyStart = flatStart + flatIds.length;
      units.forEach((u, unitIndex) => {
        u.keys.forEach((key, k) => {
          let list = lists.get(key);
          if (!list) lists.set(key, (list = { docs: [], slots: [], entries: [], weights: [], shares: [] }));
          const share = k > 0 ? 1 / (u.keys.length - 1) : 1;
          list.docs.push(docIndex);
          list.slots.push(unitOffset + unitIndex);
          list.entries.push(r.entryIndex);
          list.weights.push(u.weight);
          list.shares.push(share);
          let id = keyIds.get(key);
          if (id === undefined) keyIds.set(key, (id = keyIds.size));
          flatIds.push(id);
          flatSlots.push(unitOffset + unitIndex);
          flatWeights.push(u.weight);
          flatShares.push(share);
        });
      });
      this.docs.push({
        entryIndex: r.entryIndex,
        text: r.text,
        units,
        totalWeight: units.reduce((s, u) => s + u.weight, 0),
        unitOffset,
        keyStart,
        keyEnd: flatStart + flatIds.length,
      });
      unitOffset += units.length;
    });
    this.docKeyIds = concatInt(this.docKeyIds, flatIds);
    this.docKeySlots = concatInt(this.docKeySlots, flatSlots);
    this.docKeyWeights = concatFloat(this.docKeyWeights, flatWeights);
    this.docKeyShares = concatFloat(this.docKeyShares, flatShares);
    const postings = new Map<string, Postings>();
    for (const [key, l] of lists) {
      postings.set(key, {
        docs: Int32Array.from(l.docs),
        slots: Int32Array.from(l.slots),
        entries: Int32Array.from(l.entries),
        weights: Float64Array.from(l.weights),
        shares: Float64Array.from(l.shares),
      });
    }

    // Typos are corrected on surface words ("läkt" is one edit from "läckt", two from its stem "läck").
    const targets = new Map<string, string>();
    const addSurface = (word: string, key: string) => {
      if (postings.has(key)) targets.set(foldSwedishLetters(word), key);
    };
    for (const r of raw) {
      for (const t of tokenize(r.text)) if (!analyzer.isStopword(t)) addSurface(t, analyzer.resolveWord(t));
    }
    for (const [word, concept] of analyzer.synonymSurfaceWords()) addSurface(word, concept);
    const typos = new TypoCorrector(targets, {
      minLength: this.options.minTypoLength,
      twoEditLength: this.options.twoEditLength,
      fuseThreshold: this.options.fuseThreshold,
      penaltyPerEdit: this.options.typoPenaltyPerEdit,
    });
    const stems = new Set<string>([...postings.keys()].filter((k) => !k.startsWith(CONCEPT_PREFIX)));
    for (const k of analyzer.synonymWordKeys()) stems.add(k);
    const mayBeKnown = (word: string) => {
      const folded = foldSwedishLetters(word);
      for (let n = Math.min(folded.length, 30); n >= 2; n--) if (stems.has(folded.slice(0, n))) return true;
      return false;
    };
    return { lang, analyzer, postings, entryFrequency, entryKeys, typos, mayBeKnown, keyIds };
  }

  /** Resolves query words against one language's index: known, compound, typo or unknown. */
  private queryUnits(index: LangIndex, analyzed: readonly Unit[], correctTypos: boolean): QueryUnit[] {
    const keyOf = (w: string) => index.analyzer.resolveWord(w);
    return analyzed.map((u): QueryUnit => {
      if (index.postings.has(u.key)) {
        const via = u.key.startsWith(CONCEPT_PREFIX) ? 'synonym' : 'exact';
        return { token: u.token, weight: this.idf(index, u.key), alternatives: [{ key: u.key, credit: 1, via }], parts: 1 };
      }
      if (!u.key.startsWith(CONCEPT_PREFIX)) {
        const parts = splitCompound(u.token, keyOf, index.postings, u.key, false, index.mayBeKnown);
        if (parts.length > 0) {
          return {
            token: u.token,
            weight: Math.max(...parts.map((p) => this.idf(index, p))),
            alternatives: parts.map((key) => ({ key, credit: this.options.compoundCredit, via: 'compound' as const })),
            parts: parts.length,
          };
        }
        const typo = correctTypos ? index.typos.correct(foldSwedishLetters(u.token)) : null;
        if (typo) {
          return { token: u.token, weight: this.idf(index, typo.key), alternatives: [{ key: typo.key, credit: typo.credit, via: 'typo' }], parts: 1 };
        }
      }
      return { token: u.token, weight: this.unknownWeight, alternatives: [], parts: 1 };
    });
  }

  /** Scores every phrasing sharing a key with the query; returns one candidate per entry. */
  private scoreLang(
    index: LangIndex,
    units: readonly QueryUnit[],
    excludeDoc: MatchQueryOptions['excludeDoc'],
  ): Candidate[] {
    const s = this.scratch;
    const gen = s.nextGeneration();
    const nUnits = units.length;
    const queryWeight = units.reduce((sum, u) => sum + u.weight, 0);
    if (queryWeight === 0) return [];
    const excluded = excludeDoc ? this.excludedDocs(excludeDoc) : undefined;

    s.nTouchedDocs = 0;
    s.nTouchedEntries = 0;
    // At scale, a word in thousands of phrasings (the incident itself) only refines phrasings that rarer
    // words found; it does not bring in new ones. Applies only to postings longer than
    // REFINE_ONLY_POSTINGS, so never to the real corpus (about 1,400 phrasings in all), and never while
    // leaving phrasings out for calibration.
    const refineOnly = units.map((u) => excluded === undefined && postingCount(index, u) > REFINE_ONLY_POSTINGS);
    if (refineOnly.length > 0 && refineOnly.every(Boolean)) {
      // Every word is that common: the rarest one finds the phrasings, the others refine them.
      const counts = units.map((u) => postingCount(index, u));
      refineOnly[counts.indexOf(Math.min(...counts))] = false;
    }
    const order = units.map((_, qi) => qi).sort((x, y) => Number(refineOnly[x]) - Number(refineOnly[y]));

    for (const qi of order) {
      const qu = units[qi] as QueryUnit;
      const unitGen = s.nextGeneration();
      s.nUnitDocs = 0;
      for (const alt of qu.alternatives) {
        const p = index.postings.get(alt.key);
        if (!p) continue;
        const credit = alt.credit / qu.parts;
        const unitCredit = Math.min(1, alt.credit);
        if (refineOnly[qi]) {
          this.refine(index, alt.key, qi, credit, unitCredit, gen, unitGen);
          continue;
        }
        const { docs, slots, entries, weights, shares } = p;
        for (let j = 0; j < docs.length; j++) {
          const doc = docs[j] as number;
          if (excluded !== undefined && excluded.has(doc)) continue;
          s.hit(gen, unitGen, qi, doc, slots[j] as number, entries[j] as number, weights[j] as number, shares[j] as number, credit, unitCredit);
        }
      }
      for (let k = 0; k < s.nUnitDocs; k++) {
        const doc = s.unitDocs[k] as number;
        s.docF[doc * 3] = (s.docF[doc * 3] as number) + qu.weight * Math.min(1, s.docF[doc * 3 + 2] as number);
      }
    }
    const nTouchedDocs = s.nTouchedDocs;
    const nTouchedEntries = s.nTouchedEntries;

    for (let k = 0; k < nTouchedEntries; k++) {
      const e = s.touchedEntries[k] as number;
      let covered = 0;
      for (let qi = 0; qi < nUnits; qi++) {
        const ec = e * MAX_QUERY_UNITS + qi;
        if (s.entryUnitStamp[ec] === gen) covered += (units[qi] as QueryUnit).weight * (s.entryUnitCredit[ec] as number);
      }
      s.entryCovered[e] = covered / queryWeight;
      s.top1[e] = -1;
      s.top2[e] = 0;
      s.top3[e] = 0;
      s.top3Root[e] = -1;
    }

    const a = this.options.queryCoverageWeight;
    const share = this.options.entryCoverageShare;
    const invA = 1 / a;
    for (let k = 0; k < nTouchedDocs; k++) {
      const doc = s.touchedDocs[k] as number;
      const d = this.docs[doc] as Doc;
      if (d.totalWeight === 0) continue;
      const e = d.entryIndex;
      const cq = (1 - share) * ((s.docF[doc * 3] as number) / queryWeight) + share * (s.entryCovered[e] as number);
      // score ≤ cq^a because cp ≤ 1: a doc that cannot enter its entry's top three is skipped unscored.
      if (cq <= (s.top3Root[e] as number)) continue;
      const cp = Math.min(1, (s.docF[doc * 3 + 1] as number) / d.totalWeight);
      const score = Math.pow(cq, a) * Math.pow(cp, 1 - a);
      // Keep the three best phrasing scores per entry; ties keep the earlier phrasing.
      if (score > (s.top1[e] as number)) {
        s.top3[e] = Math.max(0, s.top2[e] as number);
        s.top2[e] = Math.max(0, s.top1[e] as number);
        s.top1[e] = score;
        s.bestDoc[e] = doc;
      } else if (score > (s.top2[e] as number)) {
        s.top3[e] = s.top2[e] as number;
        s.top2[e] = score;
      } else if (score > (s.top3[e] as number)) {
        s.top3[e] = score;
      } else {
        continue;
      }
      s.top3Root[e] = Math.pow(s.top3[e] as number, invA);
    }

    // Only the best few entries get a full candidate with an explanation.
    const support = this.options.supportShare;
    const best = s.topK;
    best.clear();
    for (let k = 0; k < nTouchedEntries; k++) {
      const e = s.touchedEntries[k] as number;
      const s1 = s.top1[e] as number;
      if (s1 < 0) continue;
      best.offer(e, (1 - support) * s1 + support * (((s.top2[e] as number) + (s.top3[e] as number)) / 2));
    }
    return best.items().map(({ e, score }) => this.candidate(index, units, e, score, s.bestDoc[e] as number));
  }

  /** A refine-only word: credit the phrasings already found that contain it, through their own keys. */
  private refine(index: LangIndex, key: string, qi: number, credit: number, unitCredit: number, gen: number, unitGen: number): void {
    const s = this.scratch;
    const id = index.keyIds.get(key);
    if (id === undefined) return;
    const found = s.nTouchedDocs;
    for (let k = 0; k < found; k++) {
      const doc = s.touchedDocs[k] as number;
      const d = this.docs[doc] as Doc;
      for (let j = d.keyStart; j < d.keyEnd; j++) {
        if (this.docKeyIds[j] !== id) continue;
        s.hit(gen, unitGen, qi, doc, this.docKeySlots[j] as number, d.entryIndex, this.docKeyWeights[j] as number, this.docKeyShares[j] as number, credit, unitCredit);
      }
    }
  }

  private candidate(index: LangIndex, units: readonly QueryUnit[], entryIndex: number, score: number, doc: number): Candidate {
    return new LazyCandidate(
      this.entries[entryIndex] as FaqEntry,
      score,
      index.lang,
      this.docs[doc]?.text ?? '',
      units,
      index.entryKeys[entryIndex] ?? new Set<string>(),
    );
  }

  private excludedDocs(excludeDoc: NonNullable<MatchQueryOptions['excludeDoc']>): Set<number> {
    const out = new Set<number>();
    this.docs.forEach((d, i) => {
      if (excludeDoc(d.text, this.entries[d.entryIndex]?.id ?? '')) out.add(i);
    });
    return out;
  }
}

/** A candidate whose explanation (matched and unmatched words) is worked out only if someone reads it. */
class LazyCandidate implements Candidate {
  private terms: { matched: MatchedTerm[]; unmatched: string[] } | undefined;

  constructor(
    readonly entry: FaqEntry,
    readonly score: number,
    readonly lang: Lang,
    readonly phrasing: string,
    private readonly units: readonly QueryUnit[],
    private readonly entryKeys: ReadonlySet<string>,
  ) {}

  get matched(): readonly MatchedTerm[] {
    return this.explain().matched;
  }

  get unmatched(): readonly string[] {
    return this.explain().unmatched;
  }

  private explain(): { matched: MatchedTerm[]; unmatched: string[] } {
    if (this.terms) return this.terms;
    const matched: MatchedTerm[] = [];
    const unmatched: string[] = [];
    for (const u of this.units) {
      const hits = u.alternatives.filter((alt) => this.entryKeys.has(alt.key));
      if (hits.length === 0) unmatched.push(u.token);
      for (const h of hits) matched.push({ query: u.token, key: h.key, via: h.via });
    }
    this.terms = { matched, unmatched };
    return this.terms;
  }
}

/** Scratch buffers reused across queries, reset lazily by generation stamps (the matcher is synchronous). */
class Scratch {
  private generation = 0;
  /** Per doc, interleaved so one touch is one cache line: [stamp, unit stamp]. */
  readonly docS: Uint32Array;
  /** Per doc: [query weight matched, doc weight matched, credit of the current query unit]. */
  readonly docF: Float64Array;
  readonly slotStamp: Uint32Array;
  readonly slotCredit: Float64Array;
  readonly entryStamp: Uint32Array;
  readonly entryCovered: Float64Array;
  readonly entryUnitStamp: Uint32Array;
  readonly entryUnitCredit: Float64Array;
  readonly top1: Float64Array;
  readonly top2: Float64Array;
  readonly top3: Float64Array;
  /** top3^(1/a): a doc whose query coverage is at or below it cannot enter the entry's top three. */
  readonly top3Root: Float64Array;
  readonly bestDoc: Int32Array;
  readonly touchedDocs: Int32Array;
  readonly unitDocs: Int32Array;
  readonly touchedEntries: Int32Array;

  readonly topK: TopK;
  nTouchedDocs = 0;
  nUnitDocs = 0;
  nTouchedEntries = 0;

  constructor(docs: number, units: number, entries: number, k: number) {
    this.topK = new TopK(k);
    this.touchedDocs = new Int32Array(docs);
    this.unitDocs = new Int32Array(docs);
    this.touchedEntries = new Int32Array(entries);
    this.docS = new Uint32Array(docs * 2);
    this.docF = new Float64Array(docs * 3);
    this.slotStamp = new Uint32Array(units);
    this.slotCredit = new Float64Array(units);
    this.entryStamp = new Uint32Array(entries);
    this.entryCovered = new Float64Array(entries);
    this.entryUnitStamp = new Uint32Array(entries * MAX_QUERY_UNITS);
    this.entryUnitCredit = new Float64Array(entries * MAX_QUERY_UNITS);
    this.top1 = new Float64Array(entries);
    this.top2 = new Float64Array(entries);
    this.top3 = new Float64Array(entries);
    this.top3Root = new Float64Array(entries);
    this.bestDoc = new Int32Array(entries);
  }

  /**
   * One (query word, phrasing unit) match: how much of the query word the phrasing explains (compound
   * parts add up), how much of the phrasing's unit the query explains, and the entry-level coverage.
   */
  hit(gen: number, unitGen: number, qi: number, doc: number, slot: number, e: number, weight: number, share: number, credit: number, unitCredit: number): void {
    if (this.docS[doc * 2] !== gen) {
      this.docS[doc * 2] = gen;
      this.docF[doc * 3] = 0;
      this.docF[doc * 3 + 1] = 0;
      this.touchedDocs[this.nTouchedDocs++] = doc;
    }
    if (this.docS[doc * 2 + 1] !== unitGen) {
      this.docS[doc * 2 + 1] = unitGen;
      this.docF[doc * 3 + 2] = credit;
      this.unitDocs[this.nUnitDocs++] = doc;
    } else {
      this.docF[doc * 3 + 2] = (this.docF[doc * 3 + 2] as number) + credit;
    }
    if (this.slotStamp[slot] !== gen) {
      this.slotStamp[slot] = gen;
      this.slotCredit[slot] = 0;
    }
    const already = this.slotCredit[slot] as number;
    const add = Math.min(1 - already, unitCredit * share);
    if (add > 0) {
      this.slotCredit[slot] = already + add;
      this.docF[doc * 3 + 1] = (this.docF[doc * 3 + 1] as number) + weight * add;
    }
    if (this.entryStamp[e] !== gen) {
      this.entryStamp[e] = gen;
      this.touchedEntries[this.nTouchedEntries++] = e;
    }
    const ec = e * MAX_QUERY_UNITS + qi;
    const capped = Math.min(1, credit);
    if (this.entryUnitStamp[ec] !== gen) {
      this.entryUnitStamp[ec] = gen;
      this.entryUnitCredit[ec] = capped;
    } else if (capped > (this.entryUnitCredit[ec] as number)) {
      this.entryUnitCredit[ec] = capped;
    }
  }

  nextGeneration(): number {
    this.generation = (this.generation + 1) >>> 0;
    if (this.generation === 0) {
      // Wrapped after 4 billion queries: clear every stamp once.
      for (const a of [this.docS, this.slotStamp, this.entryStamp, this.entryUnitStamp]) a.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }
}

/** The k highest scores, best first; ties keep the lower entry index (corpus order). */
class TopK {
  private readonly e: Int32Array;
  private readonly score: Float64Array;
  private n = 0;

  constructor(private readonly k: number) {
    this.e = new Int32Array(k);
    this.score = new Float64Array(k);
  }

  clear(): void {
    this.n = 0;
  }

  offer(e: number, score: number): void {
    const { k } = this;
    if (this.n === k && !this.beats(e, score, this.n - 1)) return;
    let i = this.n < k ? this.n++ : k - 1;
    while (i > 0 && this.beats(e, score, i - 1)) {
      this.e[i] = this.e[i - 1] as number;
      this.score[i] = this.score[i - 1] as number;
      i--;
    }
    this.e[i] = e;
    this.score[i] = score;
  }

  items(): { e: number; score: number }[] {
    return Array.from({ length: this.n }, (_, i) => ({ e: this.e[i] as number, score: this.score[i] as number }));
  }

  private beats(e: number, score: number, at: number): boolean {
    const other = this.score[at] as number;
    return score > other || (score === other && e < (this.e[at] as number));
  }
}

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
