import type { Audience, Corpus, FaqEntry, Lang } from './corpus/schema.js';
import { IntentDetector, type SmallTalk } from './intents.js';
import { FaqClassifier, type Classification, type TrainedModel } from './model/classifier.js';
import { Featurizer } from './model/features.js';
import { trainFaqModel, type TrainOptions } from './model/train.js';
import { describeParts, lazyCandidate, NearestPhrasing } from './explain.js';
import { decide } from './policy/decide.js';
import type { Candidate, Decision, EscalationReason, Explanation } from './policy/decision.js';
import { DEFAULT_POLICY_OPTIONS, type PolicyOptions } from './policy/options.js';
import { detectLanguageOfTokens } from './text/language.js';
import { understandMessage, type UnderstoodMessage } from './understand/message.js';

/** What the channel knows about the asker. All optional. */
export interface AskContext {
  /** Force the answer language (Web Chat locale, API `lang`); otherwise taken from the text. */
  readonly lang?: Lang | undefined;
  /** Who is asking: Teams users are staff, the website's users residents. */
  readonly audience?: Audience | undefined;
}

export interface EngineOptions {
  readonly policy?: Partial<PolicyOptions>;
  /** A model trained earlier (in a worker, or by a test that builds several engines); trained now if absent. */
  readonly model?: TrainedModel;
  /** Training settings, when the model is trained here. */
  readonly training?: Partial<TrainOptions>;
}

/** The FAQ engine: one instance per corpus, shared by every channel. Synchronous and side-effect free. */
export interface FaqEngine {
  readonly corpus: Corpus;
  /** What was learned from the corpus (plain data), with its held-out figures. */
  readonly model: TrainedModel;
  /** Answer, clarify or escalate one message. */
  ask(text: string, context?: AskContext): Decision;
  /** The small-talk intent of a message that is only small talk. */
  smallTalk(text: string): SmallTalk | undefined;
  /** An entry by id. */
  entry(id: string): FaqEntry | undefined;
  /** The language a message is written in (Swedish when unsure). */
  languageOf(text: string): Lang;
}

export function createFaqEngine(corpus: Corpus, options: EngineOptions = {}): FaqEngine {
  const policy: PolicyOptions = Object.freeze({ ...DEFAULT_POLICY_OPTIONS, ...options.policy });
  const featurizer = new Featurizer(corpus, options.training?.features);
  const model = options.model ?? trainFaqModel(corpus, options.training, featurizer);
  const classifier = new FaqClassifier(featurizer, model);
  const intents = new IntentDetector(corpus.intents);
  const byId = new Map(corpus.entries.map((e) => [e.id, e]));
  const nearest = new NearestPhrasing(corpus, featurizer);

  const languageOf = (message: UnderstoodMessage): Lang | undefined =>
    detectLanguageOfTokens(message.segments.filter((s) => s.weight > 0).flatMap((s) => s.tokens)) ??
    detectLanguageOfTokens(message.segments.flatMap((s) => s.tokens));

  return {
    corpus,
    model,
    entry: (id) => byId.get(id),
    smallTalk: (text) => intents.smallTalkOf(text),
    languageOf: (text) => languageOf(understandMessage(text)) ?? 'sv',
    ask(text, context = {}) {
      const message = understandMessage(text);
      const detected = languageOf(message);
      const lang = context.lang ?? detected ?? 'sv';
      const prior = priorFor(context.audience, corpus, policy);
      const result = classifier.classify(message, prior);
      const candidates = result.ranked.map((r): Candidate => {
        const entry = byId.get(r.id) as FaqEntry;
        const score = result.confidence * (r.probability / Math.max(result.summary.p1, 1e-12));
        return lazyCandidate(entry, score, lang, result.features, classifier, nearest);
      });
      const forced = forcedEscalation(message, result, intents);
      return decide(
        {
          lang,
          candidates,
          pairConfidence: result.pairConfidence,
          outOfScopeLeads: result.outOfScope >= result.summary.p1,
          forcedEscalation: forced,
          explanation: explanation(message, result, candidates[0], forced),
          personalData: message.personalData,
        },
        policy,
      );
    },
  };
}

/** Prior odds per entry for the asker's audience (staff prefer staff entries), or none. */
function priorFor(audience: Audience | undefined, corpus: Corpus, policy: PolicyOptions): ReadonlyMap<string, number> | undefined {
  const boost = audience === undefined ? undefined : policy.audienceBoost[audience];
  if (audience === undefined || boost === undefined || boost === 1) return undefined;
  return new Map(corpus.entries.filter((e) => e.audience.includes(audience)).map((e) => [e.id, boost]));
}

function forcedEscalation(message: UnderstoodMessage, result: Classification, intents: IntentDetector): EscalationReason | undefined {
  const weighed = message.segments.filter((s) => s.weight > 0);
  const tokens = message.segments.flatMap((s) => s.tokens);
  if (tokens.length === 0) return 'empty';
  // A request for a person in what the resident asks (not in a signature's "ring mig på …").
  if (weighed.some((s) => intents.asksForHuman(s.tokens))) return 'human';
  if (!tokens.some((t) => /\p{L}/u.test(t))) return 'gibberish';
  // Not one word the corpus knows, in either language: nothing to read.
  if (result.summary.features === 0 && !result.features.length) return 'gibberish';
  return undefined;
}

function explanation(message: UnderstoodMessage, result: Classification, top: Candidate | undefined, forced: EscalationReason | undefined): Explanation {
  const parts = describeParts(message);
  const removed = message.personalData.length > 0 ? `; personal data removed (${message.personalData.join(', ')})` : '';
  const setAside = parts.filter((p) => p.weight === 0).length;
  const reading = `${parts.length - setAside} part(s) used, ${setAside} set aside${removed}`;
  if (forced !== undefined) {
    return { summary: `escalated: ${forced}; ${reading}`, matchedTerms: [], unmatchedTerms: [], parts };
  }
  if (!top) return { summary: `no entry shares a meaningful word with the message; ${reading}`, matchedTerms: [], unmatchedTerms: [], parts };
  const terms = top.matched.slice(0, 6).map((m) => (m.via === 'exact' ? m.query : `${m.query} (${m.via})`)).join(', ');
  return {
    summary: `best ${top.entry.id} (${top.score.toFixed(2)}) on ${terms || 'nothing'}; off-topic ${result.outOfScope.toFixed(2)}; ${reading}`,
    matchedPhrasing: top.phrasing,
    matchedTerms: top.matched,
    unmatchedTerms: top.unmatched,
    parts,
  };
}
