import type { Audience, Corpus, FaqEntry, Lang } from './corpus/schema.js';
import { IntentDetector, type SmallTalk } from './intents.js';
import { FaqClassifier, type Classification, type TrainedModel } from './model/classifier.js';
import { incidentWords, usesAnyWord } from './model/incident-words.js';
import { Featurizer } from './model/features.js';
import { trainFaqModel, type TrainOptions } from './model/train.js';
import { describeParts, lazyCandidate, NearestPhrasing } from './explain.js';
import { decide } from './policy/decide.js';
import type { Candidate, Decision, EscalationReason, Explanation, MatchedTerm, MessagePart } from './policy/decision.js';
import { DEFAULT_POLICY_OPTIONS, type PolicyOptions } from './policy/options.js';
import { detectLanguageOfTokens } from './text/language.js';
import { afterAnswer, looksLikeFollowUp, understandMessage, type UnderstoodMessage } from './understand/message.js';
import type { Segment } from './understand/segments.js';

/** What the channel knows about the asker. All optional. */
export interface AskContext {
  /** Force the answer language (Web Chat locale, API `lang`); otherwise taken from the text. */
  readonly lang?: Lang | undefined;
  /** Who is asking: Teams users are staff, the website's users residents. */
  readonly audience?: Audience | undefined;
  /** The entry answered last in this conversation, so a follow-up ("och när då?") is read against it. */
  readonly previous?: string | undefined;
}

export interface EngineOptions {
  readonly policy?: Partial<PolicyOptions>;
  /** A model trained earlier (in the build child process, or by a test that builds several engines); trained now if absent. */
  readonly model?: TrainedModel;
  /** Training settings, when the model is trained here. */
  readonly training?: Partial<TrainOptions>;
  /**
   * A featurizer built earlier from the same phrasings, out-of-scope questions, synonyms and stop words
   * (a reload that changed only answers reuses the served one instead of building it again).
   */
  readonly featurizer?: Featurizer;
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
  const featurizer = options.featurizer ?? new Featurizer(corpus, options.training?.features);
  const model = options.model ?? trainFaqModel(corpus, options.training, featurizer);
  const classifier = new FaqClassifier(featurizer, model);
  const intents = new IntentDetector(corpus.intents);
  const incident = incidentWords(corpus, featurizer);
  const byId = new Map(corpus.entries.map((e) => [e.id, e]));
  // Naming the nearest phrasing featurizes every phrasing once: done the first time an explanation is read.
  let nearestIndex: NearestPhrasing | undefined;
  const nearest = () => (nearestIndex ??= new NearestPhrasing(corpus, featurizer));

  const languageOf = (message: UnderstoodMessage): Lang | undefined =>
    detectLanguageOfTokens(tokensOf(message.segments, true)) ?? detectLanguageOfTokens(tokensOf(message.segments, false));

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
      const previous = context.previous === undefined ? undefined : byId.get(context.previous);
      const { result, read, usedPrevious } = classifyInConversation(classifier, message, prior, previous, lang, policy);
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
          aboutIncident: usesAnyWord(result.features, incident),
          forcedEscalation: forced,
          explanation: explanation(read, result, candidates[0], forced, usedPrevious),
          personalData: message.personalData,
        },
        policy,
      );
    },
  };
}

/** How much surer than its reading in context a follow-up alone must be to start a new topic. */
const FOLLOW_UP_OVERRIDE_MARGIN = 0.1;

/**
 * Reads a message in its conversation: alone, and after the previous answer's topic, each with its own
 * calibrated confidence. A message that points back is read in context; a follow-up never overrides a
 * clearly different question (one the message alone is sure of). Says whether the previous topic made
 * the difference.
 */
function classifyInConversation(
  classifier: FaqClassifier,
  message: UnderstoodMessage,
  prior: ReadonlyMap<string, number> | undefined,
  previous: FaqEntry | undefined,
  lang: Lang,
  policy: PolicyOptions,
): { result: Classification; read: UnderstoodMessage; usedPrevious: boolean } {
  const alone = classifier.classify(message, prior);
  if (previous === undefined) return { result: alone, read: message, usedPrevious: false };
  // A message that points back ("och …?", "gäller det …", a pronoun) is read in context. Any other message
  // that is sure of itself is a new question; otherwise the more certain reading wins.
  const followUp = looksLikeFollowUp(message);
  const aloneSure = alone.confidence >= policy.answerThreshold;
  if (!followUp && aloneSure) return { result: alone, read: message, usedPrevious: false };
  // A message that does not point back and has a topic of its own (alone, the bot would ask "Menar du …?"
  // between other entries) is a new question: "asså typ funkar nåt alls" after the invoices answer is about
  // whether anything works, not more about invoices.
  const ownTopic = alone.pairConfidence >= policy.clarifyThreshold && !alone.ranked.slice(0, 2).some((r) => r.id === previous.id);
  if (!followUp && ownTopic) return { result: alone, read: message, usedPrevious: false };
  const read = afterAnswer(message, previous, lang);
  const inContext = classifier.classify(read, prior);
  // A message that does not point back is read in context only when the previous topic is what makes it
  // clear; context never turns it into an answer about something else.
  if (!followUp && (inContext.confidence <= alone.confidence || alone.outOfScope >= alone.summary.p1 || inContext.ranked[0]?.id !== previous.id)) {
    return { result: alone, read: message, usedPrevious: false };
  }
  // A follow-up never overrides a clearly different question: "och hur gör jag med fakturan?" after the
  // personal-data answer is about invoices when the message alone is surer of that than of anything in context.
  if (followUp && aloneSure && alone.ranked[0]?.id !== previous.id && alone.confidence >= inContext.confidence + FOLLOW_UP_OVERRIDE_MARGIN) {
    return { result: alone, read: message, usedPrevious: false };
  }
  return { result: inContext, read, usedPrevious: inContext.ranked[0]?.id === previous.id };
}

/** Prior odds per entry for the asker's audience (staff prefer staff entries), or none. */
function priorFor(audience: Audience | undefined, corpus: Corpus, policy: PolicyOptions): ReadonlyMap<string, number> | undefined {
  const boost = audience === undefined ? undefined : policy.audienceBoost[audience];
  if (audience === undefined || boost === undefined || boost === 1) return undefined;
  return new Map(corpus.entries.filter((e) => e.audience.includes(audience)).map((e) => [e.id, boost]));
}

/**
 * The words of a message's segments in order, only the weighed ones' with `weighedOnly`. A loop, not
 * flatMap: asked several times per message, and V8's flatMap costs several times a plain loop.
 */
function tokensOf(segments: readonly Segment[], weighedOnly: boolean): string[] {
  const out: string[] = [];
  for (const s of segments) if (!weighedOnly || s.weight > 0) for (const t of s.tokens) out.push(t);
  return out;
}

function forcedEscalation(message: UnderstoodMessage, result: Classification, intents: IntentDetector): EscalationReason | undefined {
  const weighed = message.segments.filter((s) => s.weight > 0);
  const tokens = tokensOf(message.segments, false);
  if (tokens.length === 0) return 'empty';
  // A request for a person in what the resident asks (not in a signature's "ring mig på …").
  if (weighed.some((s) => intents.asksForHuman(s.tokens))) return 'human';
  if (!tokens.some((t) => /\p{L}/u.test(t))) return 'gibberish';
  // Not one word the corpus knows, in either language: nothing to read.
  if (result.summary.features === 0 && !result.features.length) return 'gibberish';
  return undefined;
}

/**
 * The explanation of a decision, worked out only when read: most turns never read it, and naming the
 * nearest phrasing and each word's contribution costs more than the decision itself.
 */
function explanation(message: UnderstoodMessage, result: Classification, top: Candidate | undefined, forced: EscalationReason | undefined, usedPreviousTopic: boolean): Explanation {
  return new LazyExplanation(message, result, forced !== undefined ? undefined : top, forced, usedPreviousTopic);
}

const NO_TERMS: readonly never[] = Object.freeze([]);

// A class, not an object literal with getters: a literal's getters are closures of their own, so V8 gave
// every turn's explanation a hidden class of its own, kept until the next full collection (2.5 MB
// surviving each young-generation collection, which then took 10 ms instead of 1).
class LazyExplanation implements Explanation {
  private described: MessagePart[] | undefined;

  /** @param top the best candidate, absent when the message is escalated whatever matched */
  constructor(
    private readonly message: UnderstoodMessage,
    private readonly result: Classification,
    private readonly top: Candidate | undefined,
    private readonly forced: EscalationReason | undefined,
    readonly usedPreviousTopic: boolean,
  ) {}

  get summary(): string {
    if (this.forced !== undefined) return `escalated: ${this.forced}; ${this.reading()}`;
    if (!this.top) return `no entry shares a meaningful word with the message; ${this.reading()}`;
    const terms = this.top.matched.slice(0, 6).map((m) => (m.via === 'exact' ? m.query : `${m.query} (${m.via})`)).join(', ');
    return `best ${this.top.entry.id} (${this.top.score.toFixed(2)}) on ${terms || 'nothing'}; off-topic ${this.result.outOfScope.toFixed(2)}; ${this.reading()}`;
  }

  get matchedPhrasing(): string | undefined {
    return this.top?.phrasing;
  }

  get matchedTerms(): readonly MatchedTerm[] {
    return this.top?.matched ?? NO_TERMS;
  }

  get unmatchedTerms(): readonly string[] {
    return this.top?.unmatched ?? NO_TERMS;
  }

  get parts(): MessagePart[] {
    return (this.described ??= describeParts(this.message));
  }

  /** What JSON.stringify gives, as for a plain object: the getters live on the prototype, not the object. */
  toJSON(): Explanation {
    const { summary, matchedTerms, unmatchedTerms, parts, usedPreviousTopic } = this;
    if (!this.top) return { summary, matchedTerms, unmatchedTerms, parts, usedPreviousTopic };
    return { summary, matchedPhrasing: this.top.phrasing, matchedTerms, unmatchedTerms, parts, usedPreviousTopic };
  }

  private reading(): string {
    const setAside = this.parts.filter((p) => p.weight === 0).length;
    const removed = this.message.personalData.length > 0 ? `; personal data removed (${this.message.personalData.join(', ')})` : '';
    const previous = this.usedPreviousTopic ? '; read as a follow-up to the previous answer' : '';
    return `${this.parts.length - setAside} part(s) used, ${setAside} set aside${removed}${previous}`;
  }
}
