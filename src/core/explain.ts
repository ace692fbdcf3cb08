import type { Corpus, FaqEntry, Lang } from './corpus/schema.js';
import type { FaqClassifier } from './model/classifier.js';
import { GRAM_PREFIX, PAIR_PREFIX, type Featurizer, type MessageFeature } from './model/features.js';
import type { Candidate, MatchedTerm, MessagePart } from './policy/decision.js';
import { understandMessage, type UnderstoodMessage } from './understand/message.js';
import type { SegmentRole } from './understand/segments.js';

const ROLE_NOTES: Readonly<Record<SegmentRole, string>> = Object.freeze({
  greeting: 'set aside: a greeting',
  'sign-off': 'set aside: a sign-off or signature',
  'contact-details': 'set aside: a name or label beside personal data that was removed',
  introduction: 'counted lightly: the writer introducing themselves',
  report: 'counted lightly: what someone else said or wrote',
  statement: 'counted as context',
  question: 'used: the question',
  'previous-topic': 'context: the topic of the previous answer (the message reads as a follow-up)',
});

/** The message part by part, as the engine read it: for agents and editors, never logged. */
export function describeParts(message: UnderstoodMessage): MessagePart[] {
  return message.segments.map((s) => {
    let note = ROLE_NOTES[s.role];
    if (s.focus) note = 'used first: marked as what matters most';
    else if (s.aside && s.weight < 0.3 && s.weight > 0) note = 'counted lightly: asked in passing beside the main question';
    return { text: s.tokens.join(' '), role: s.role, weight: Math.round(s.weight * 100) / 100, note };
  });
}

/**
 * Each entry's phrasings as features, to name the phrasing closest to a message in an explanation.
 * Built once per corpus, the first time an explanation is read; an inverted index per entry, so naming
 * the closest phrasing costs one look-up per feature of the message.
 */
export class NearestPhrasing {
  private readonly byEntry = new Map<string, { phrasings: { text: string; lang: Lang; size: number }[]; postings: Map<string, number[]> }>();

  constructor(corpus: Corpus, featurizer: Featurizer) {
    for (const e of corpus.entries) {
      const phrasings: { text: string; lang: Lang; size: number }[] = [];
      const postings = new Map<string, number[]>();
      for (const lang of ['sv', 'en'] as const) {
        for (const text of new Set([e.question[lang], ...e.phrasings[lang]])) {
          const keys = new Set(featurizer.features(understandMessage(text).segments).map((f) => f.key));
          for (const key of keys) {
            let list = postings.get(key);
            if (!list) postings.set(key, (list = []));
            list.push(phrasings.length);
          }
          phrasings.push({ text, lang, size: keys.size });
        }
      }
      this.byEntry.set(e.id, { phrasings, postings });
    }
  }

  /** The phrasing of the entry sharing the most weight with the message (ties: the earlier one). */
  of(entryId: string, features: readonly MessageFeature[]): { text: string; lang: Lang } | undefined {
    const index = this.byEntry.get(entryId);
    if (!index) return undefined;
    const shared = new Float64Array(index.phrasings.length);
    for (const f of features) for (const i of index.postings.get(f.key) ?? []) shared[i] = (shared[i] as number) + f.weight;
    let best = -1;
    let bestScore = 0;
    index.phrasings.forEach((p, i) => {
      const score = (shared[i] as number) / Math.sqrt(1 + p.size);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    const found = index.phrasings[best];
    return found === undefined ? index.phrasings[0] : found;
  }
}

/** A candidate whose explanation is worked out only if someone reads it (most turns never do). */
export function lazyCandidate(entry: FaqEntry, score: number, lang: Lang, features: readonly MessageFeature[], classifier: FaqClassifier, nearest: () => NearestPhrasing): Candidate {
  return new LazyCandidate(entry, score, lang, features, classifier, nearest);
}

// A class, not an object literal with getters: one is made per ranked entry on every turn, and class
// getters cost nothing to create.
class LazyCandidate implements Candidate {
  private terms: { matched: MatchedTerm[]; unmatched: string[] } | undefined;
  private near: { text: string; lang: Lang } | undefined | null = null;

  constructor(
    readonly entry: FaqEntry,
    readonly score: number,
    private readonly askedLang: Lang,
    private readonly features: readonly MessageFeature[],
    private readonly classifier: FaqClassifier,
    private readonly nearest: () => NearestPhrasing,
  ) {}

  get lang(): Lang {
    return this.closest()?.lang ?? this.askedLang;
  }

  get phrasing(): string {
    return this.closest()?.text ?? this.entry.question[this.askedLang];
  }

  get matched(): readonly MatchedTerm[] {
    return this.explain().matched;
  }

  get unmatched(): readonly string[] {
    return this.explain().unmatched;
  }

  private closest(): { text: string; lang: Lang } | undefined {
    if (this.near === null) this.near = this.nearest().of(this.entry.id, this.features);
    return this.near;
  }

  private explain(): { matched: MatchedTerm[]; unmatched: string[] } {
    if (!this.terms) {
      const contributions = this.classifier.contributions(this.features, this.entry.id);
      this.terms = {
        matched: uniqueByQuery(
          contributions.flatMap((c) => (c.contribution > 0 && c.feature.via !== 'unknown' && c.feature.token !== '' && !c.feature.key.startsWith(PAIR_PREFIX) && !c.feature.key.startsWith(GRAM_PREFIX) ? [{ query: c.feature.token, key: c.feature.key, via: c.feature.via }] : [])),
        ),
        unmatched: [...new Set(contributions.filter((c) => c.contribution <= 0 && c.feature.token !== '' && !c.feature.key.startsWith(PAIR_PREFIX) && !c.feature.key.startsWith(GRAM_PREFIX)).map((c) => c.feature.token))],
      };
    }
    return this.terms;
  }
}

function uniqueByQuery(terms: MatchedTerm[]): MatchedTerm[] {
  const seen = new Set<string>();
  return terms.filter((t) => (seen.has(t.query) ? false : (seen.add(t.query), true)));
}
