import { understandMessage, type Corpus, type Lang } from '../core/index.js';
// Not on core's public surface (yet): the analyzer the engine's featurizer uses, so groups follow its reading.
import { Analyzer } from '../core/text/analyzer.js';
import { groupSimilarYielding, type KeysOf } from './grouping.js';
import type { KeptDecision, KeptQuestion } from './model.js';

/** One group of similar unanswered questions, for the editors' review, the API and `npm run review`. */
export interface ReviewGroup {
  /** The group's most frequent wording (the newest among equals), personal data already removed. */
  readonly text: string;
  /** Kept questions in the group. */
  readonly count: number;
  readonly lastSeen: Date;
  /** The group's most frequent outcome. */
  readonly decision: KeptDecision;
  /** How many of each outcome. */
  readonly decisions: Readonly<Record<KeptDecision, number>>;
  /** The entry the engine nearly chose most often, its question, and its mean confidence; null when it had none. */
  readonly nearest: { readonly id: string; readonly question: string | null; readonly confidence: number | null } | null;
  /** Other wordings in the group, most frequent first (at most five). */
  readonly examples: readonly string[];
  readonly lang: Lang;
  /** YAML to paste into faq-data/ as a new phrasing (the service never writes the corpus). */
  readonly snippet: string;
}

const analysers = new WeakMap<Corpus, Readonly<Record<Lang, Analyzer>>>();

/**
 * The engine's own reading of a text, for grouping: its message reader (greetings, sign-offs and
 * personal data set aside) and its analyzer (synonym concepts, stop words, stems, å/ä/ö folded), built
 * from the corpus as the engine builds it.
 */
export function engineKeys(corpus: Corpus): KeysOf {
  let byLang = analysers.get(corpus);
  if (!byLang) {
    const analyzer = (lang: Lang) => new Analyzer({ lang, synonymGroups: corpus.synonyms.groups, extraStopwords: corpus.stopwords[lang], keepWords: corpus.stopwords.keep });
    byLang = { sv: analyzer('sv'), en: analyzer('en') };
    analysers.set(corpus, byLang);
  }
  const analyzers = byLang;
  return (text, lang) => {
    const { segments } = understandMessage(text);
    const weighed = segments.filter((s) => s.weight > 0);
    const tokens = (weighed.length > 0 ? weighed : segments).flatMap((s) => s.tokens);
    return [...new Set(analyzers[lang].analyzeTokens(tokens).map((u) => u.key))];
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

function mostFrequent<K>(values: readonly K[]): K | undefined {
  const counts = new Map<K, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: K | undefined;
  let bestCount = 0;
  // Ties go to the value seen first (the newest, in the store's order).
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return best;
}

/**
 * YAML for the editor: a phrasing line under the nearest entry's `phrasings`, or an out-of-scope line
 * when the engine had no candidate. Double-quoted YAML (JSON string syntax) survives any character.
 */
export function yamlSnippet(text: string, lang: Lang, nearestId: string | undefined): string {
  const quoted = JSON.stringify(text);
  return nearestId === undefined
    ? `# faq-data/out-of-scope.yaml, under ${lang}: (if the question is not about the incident)\n  - ${quoted}\n`
    : `# faq-data/entries/${nearestId}.yaml, under phrasings: ${lang}:\n    - ${quoted}\n`;
}

/**
 * Each question's group number (1 = the largest group), as the review page numbers them. Asynchronous:
 * grouping hands the event loop back every few milliseconds, so residents are answered meanwhile.
 */
export async function groupNumbers(questions: readonly KeptQuestion[], corpus: Corpus): Promise<Map<KeptQuestion, number>> {
  const numbers = new Map<KeptQuestion, number>();
  (await groupSimilarYielding(questions, engineKeys(corpus))).forEach((group, i) => {
    for (const m of group.members) numbers.set(m, i + 1);
  });
  return numbers;
}

/** Groups the kept questions by similarity, largest groups first (yielding to other work as it goes). */
export async function buildReview(questions: readonly KeptQuestion[], corpus: Corpus, limit = 50): Promise<ReviewGroup[]> {
  const byId = new Map(corpus.entries.map((e) => [e.id, e]));
  return (await groupSimilarYielding(questions, engineKeys(corpus)))
    .slice(0, limit)
    .map((group): ReviewGroup => {
      const members = group.members;
      const byText = new Map<string, number>();
      for (const m of members) byText.set(m.text, (byText.get(m.text) ?? 0) + 1);
      const wordings = [...byText.entries()].sort((a, b) => b[1] - a[1]).map(([t]) => t);
      const text = wordings[0] ?? '';
      const decisions: Record<KeptDecision, number> = { clarify: 0, escalate: 0, 'none-of-these': 0, 'not-helpful': 0, answered: 0 };
      for (const m of members) decisions[m.decision]++;
      const nearestId = mostFrequent(members.flatMap((m) => m.candidateIds.slice(0, 1)));
      const confidences = members.filter((m) => m.candidateIds[0] === nearestId && m.confidence !== null).map((m) => m.confidence ?? 0);
      const lang = mostFrequent(members.map((m) => m.lang)) ?? 'sv';
      return {
        text,
        count: members.length,
        lastSeen: new Date(Math.max(...members.map((m) => m.askedAt.getTime()))),
        decision: mostFrequent(members.map((m) => m.decision)) ?? 'escalate',
        decisions,
        nearest:
          nearestId === undefined
            ? null
            : {
                id: nearestId,
                question: byId.get(nearestId)?.question[lang] ?? null,
                confidence: confidences.length > 0 ? round(confidences.reduce((s, c) => s + c, 0) / confidences.length) : null,
              },
        examples: wordings.slice(1, 6),
        lang,
        snippet: yamlSnippet(text, lang, nearestId),
      };
    });
}
