import type { TurnContext } from 'botbuilder';
import type { Decision, Lang } from '../../core/index.js';
import type { ResidentTurn, TurnOutcome } from '../../records/index.js';

/** What the engine decided on a typed question, as the recorder takes it. */
export function decisionOutcome(decision: Decision): TurnOutcome {
  const ids = (decision.kind === 'clarify' ? decision.options : decision.candidates).map((c) => c.entry.id);
  switch (decision.kind) {
    case 'answer':
      return { kind: 'answer', entryId: decision.entry.id, via: 'question', confidence: decision.confidence };
    case 'clarify':
      return { kind: 'clarify', confidence: decision.confidence, candidateIds: ids };
    case 'escalate':
      return { kind: 'escalate', reason: decision.reason, confidence: decision.confidence, candidateIds: ids.slice(0, 3) };
  }
}

/**
 * One turn for the recorder, from the activity: its channel (web chat or Teams) and conversation (kept
 * in memory only, to tie "Inget av dessa" and "Nej" to the question). The time is the bot's clock, not
 * the caller's timestamp.
 */
export function residentTurn(context: TurnContext, at: Date, lang: Lang, text: string, outcome: TurnOutcome): ResidentTurn {
  const { channelId, conversation } = context.activity;
  return { ...outcome, at, lang, text, channel: channelId ?? 'unknown', conversationId: conversation?.id };
}
