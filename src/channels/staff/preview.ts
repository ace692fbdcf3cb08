import type { Candidate, FaqEngine } from '../../core/index.js';

const round = (n: number) => Math.round(n * 1000) / 1000;
const brief = (c: Candidate) => ({ id: c.entry.id, question: c.entry.question.sv, confidence: round(c.score) });

/** "The bot would answer this with…": what the web chat bot decides for a resident's words, without recording anything. */
export type Preview =
  | { readonly decision: 'small-talk'; readonly intent: string }
  | {
      readonly decision: 'answer' | 'clarify' | 'escalate';
      readonly lang: string;
      readonly confidence: number;
      /** The answer's entry (answer), or null. */
      readonly entry: { id: string; question: string } | null;
      /** The "Menar du" options (clarify). */
      readonly options: readonly { id: string; question: string; confidence: number }[];
      /** Why it hands over (escalate), or null. */
      readonly reason: string | null;
      /** The best three candidates, whatever the decision. */
      readonly candidates: readonly { id: string; question: string; confidence: number }[];
      /** The engine's one-line explanation (English, for agents; never logged). */
      readonly summary: string;
    };

/** The decision the bot makes for a resident (web chat audience), as the console shows it. */
export function previewDecision(engine: FaqEngine, text: string): Preview {
  const small = engine.smallTalk(text);
  if (small) return { decision: 'small-talk', intent: small };
  const d = engine.ask(text, { audience: 'residents' });
  return {
    decision: d.kind,
    lang: d.lang,
    confidence: round(d.confidence),
    entry: d.kind === 'answer' ? { id: d.entry.id, question: d.entry.question.sv } : null,
    options: d.kind === 'clarify' ? d.options.map(brief) : [],
    reason: d.kind === 'escalate' ? d.reason : null,
    candidates: d.candidates.slice(0, 3).map(brief),
    summary: d.explanation.summary,
  };
}
