import type { Audience, Corpus, FaqEntry, Lang } from './corpus/schema.js';
import { IntentDetector, type SmallTalk } from './intents.js';
import { Matcher, type Candidate, type MatchResult } from './match/matcher.js';
import type { MatchOptions } from './match/options.js';
import { decide } from './policy/decide.js';
import type { Decision, EscalationReason } from './policy/decision.js';
import { DEFAULT_POLICY_OPTIONS, type PolicyOptions } from './policy/options.js';
import { detectLanguage, detectLanguageOfTokens } from './text/language.js';
import { tokenize } from './text/normalize.js';

/** What the channel knows about the asker. All optional. */
export interface AskContext {
  /** Force the answer language (Web Chat locale, API `lang`); otherwise taken from the text. */
  readonly lang?: Lang | undefined;
  /** Who is asking: Teams users are staff, the website's users residents. */
  readonly audience?: Audience | undefined;
}

export interface EngineOptions {
  readonly match?: Partial<MatchOptions>;
  readonly policy?: Partial<PolicyOptions>;
}

/** The FAQ engine: one instance per corpus, shared by every channel. Synchronous and side-effect free. */
export interface FaqEngine {
  readonly corpus: Corpus;
  /** Answer, clarify or escalate one question. */
  ask(text: string, context?: AskContext): Decision;
  /** The small-talk intent of a message that is only small talk. */
  smallTalk(text: string): SmallTalk | undefined;
  /** An entry by id. */
  entry(id: string): FaqEntry | undefined;
  /** The language a question is written in (Swedish when unsure). */
  languageOf(text: string): Lang;
  /** Raw ranked candidates, for evaluation and calibration. */
  rank(text: string, excludeDoc?: (phrasing: string, entryId: string) => boolean): MatchResult;

}

export function createFaqEngine(corpus: Corpus, options: EngineOptions = {}): FaqEngine {
  const policy: PolicyOptions = Object.freeze({ ...DEFAULT_POLICY_OPTIONS, ...options.policy });
  const matcher = new Matcher(
    { entries: corpus.entries, synonymGroups: corpus.synonyms.groups, extraStopwords: corpus.stopwords, keepWords: corpus.stopwords.keep, outOfScope: corpus.outOfScope },
    options.match,
  );
  const intents = new IntentDetector(corpus.intents);
  const byId = new Map(corpus.entries.map((e) => [e.id, e]));

  // Score phrasings in the question's language when it is clear; both when it is not ("MSB?").
  const rankIn = (tokens: readonly string[], detected: Lang | undefined, excludeDoc?: (phrasing: string, entryId: string) => boolean) =>
    matcher.match(tokens, { excludeDoc, langs: detected ? [detected] : undefined });
  const rank: FaqEngine['rank'] = (text, excludeDoc) => {
    const tokens = tokenize(text);
    return rankIn(tokens, detectLanguageOfTokens(tokens), excludeDoc);
  };

  return {
    corpus,
    rank,
    entry: (id) => byId.get(id),
    smallTalk: (text) => intents.smallTalkOf(text),
    languageOf: (text) => detectLanguage(text) ?? 'sv',
    ask(text, context = {}) {
      const tokens = tokenize(text);
      const detected = detectLanguageOfTokens(tokens);
      const result = rankIn(tokens, detected);
      const candidates = adjustForAudience(result.candidates, context.audience, policy);
      const lang = context.lang ?? detected ?? candidates[0]?.lang ?? 'sv';
      return decide(
        { lang, candidates, outOfScope: result.outOfScope, forcedEscalation: forcedEscalation(tokens, result, intents) },
        policy,
      );
    },
  };
}

function forcedEscalation(tokens: readonly string[], result: MatchResult, intents: IntentDetector): EscalationReason | undefined {
  if (tokens.length === 0) return 'empty';
  if (intents.asksForHuman(tokens)) return 'human';
  // No letters at all, or nothing either language's analysis could match: not a question we can read.
  const words = tokens.filter((t) => /\p{L}/u.test(t));
  if (words.length === 0) return 'gibberish';
  const { units, unknown, scored } = result.analysis;
  const understood = scored.some((l) => units[l].length > unknown[l].length);
  if (scored.length > 0 && !understood && result.candidates.length === 0) return 'gibberish';
  return undefined;
}

function adjustForAudience(
  candidates: readonly Candidate[],
  audience: Audience | undefined,
  policy: PolicyOptions,
): Candidate[] {
  const boost = audience === undefined ? undefined : policy.audienceBoost[audience];
  if (audience === undefined || boost === undefined || boost === 1) return [...candidates];
  return candidates
    .map((c) => (c.entry.audience.includes(audience) ? withScore(c, Math.min(1, c.score * boost)) : c))
    .sort((x, y) => y.score - x.score);
}

/** The same candidate with another score; its explanation stays lazy (a spread would drop the getters). */
function withScore(c: Candidate, score: number): Candidate {
  return {
    entry: c.entry,
    score,
    lang: c.lang,
    phrasing: c.phrasing,
    get matched() {
      return c.matched;
    },
    get unmatched() {
      return c.unmatched;
    },
  };
}
