import { readFileSync } from 'node:fs';
import { answerAt, type Decision, type FaqEngine } from '../core/index.js';

/** One question asked of both corpora: the residents' words (kept, scrubbed) or a golden test. */
export interface ImpactQuestion {
  readonly text: string;
  readonly source: 'resident' | 'golden';
}

/** What a corpus decides for a question, as the impact preview compares it. */
export interface DecisionSummary {
  readonly decision: Decision['kind'];
  /** The entry answered, or the first option / nearest candidate; null when there is none. */
  readonly id: string | null;
  readonly confidence: number;
}

export interface ImpactChange {
  readonly text: string;
  readonly source: ImpactQuestion['source'];
  readonly before: DecisionSummary;
  readonly after: DecisionSummary;
  /** True when the decision and entry stay but the answer text served changes. */
  readonly answerChanged: boolean;
}

export interface Impact {
  /** How many distinct questions were asked of both corpora. */
  readonly asked: number;
  readonly changed: readonly ImpactChange[];
}

const summary = (d: Decision): DecisionSummary => ({
  decision: d.kind,
  id: d.kind === 'answer' ? d.entry.id : (d.candidates[0]?.entry.id ?? null),
  confidence: Math.round(d.confidence * 1000) / 1000,
});

function servedText(engine: FaqEngine, d: Decision, at: Date): string | undefined {
  if (d.kind !== 'answer') return undefined;
  const entry = engine.entry(d.entry.id);
  const served = entry === undefined ? undefined : answerAt(entry, at);
  return served === undefined ? undefined : `${served.version.answer[d.lang]}\n${served.version.lattlast?.[d.lang] ?? ''}`;
}

/**
 * Asks every question of the published and the draft engine and lists each whose decision, entry or
 * served answer would change, residents' questions first. Pure: the engines are built by the caller.
 */
export function compareEngines(questions: readonly ImpactQuestion[], before: FaqEngine, after: FaqEngine, at: Date): Impact {
  const seen = new Set<string>();
  const changed: ImpactChange[] = [];
  for (const q of questions) {
    const key = q.text.trim().toLocaleLowerCase('sv-SE');
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    // As the residents' web chat asks.
    const b = before.ask(q.text, { audience: 'residents' });
    const a = after.ask(q.text, { audience: 'residents' });
    const sb = summary(b);
    const sa = summary(a);
    const answerChanged = sb.decision === sa.decision && sb.id === sa.id && servedText(before, b, at) !== servedText(after, a, at);
    if (sb.decision !== sa.decision || sb.id !== sa.id || answerChanged) changed.push({ text: q.text, source: q.source, before: sb, after: sa, answerChanged });
  }
  return { asked: seen.size, changed };
}

/**
 * The golden questions from a TSV file (a header line, then question<TAB>id; blank lines separate
 * conversations, and only each conversation's first question stands on its own).
 */
export function readGoldenQuestions(file: string): ImpactQuestion[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: ImpactQuestion[] = [];
  let startOfConversation = true;
  for (const line of text.split('\n').slice(1)) {
    if (line.trim() === '') {
      startOfConversation = true;
      continue;
    }
    const question = line.split('\t')[0]?.trim();
    if (startOfConversation && question !== undefined && question !== '') out.push({ text: question, source: 'golden' });
    startOfConversation = false;
  }
  return out;
}
