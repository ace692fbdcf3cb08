import type { Lang } from '../core/index.js';

/** How the bot ended one resident turn, as the bot reports it. */
export type TurnOutcome =
  /** The vetted answer was shown: to a typed question, or after a click (a starter, "Menar du", related). */
  | { readonly kind: 'answer'; readonly entryId: string; readonly via: 'question' | 'click'; readonly confidence?: number | undefined }
  /** "Menar du …?" with these options, best first. */
  | { readonly kind: 'clarify'; readonly confidence: number; readonly candidateIds: readonly string[] }
  /** Handed over to the contact center; the candidates the engine had, best first (possibly none). */
  | { readonly kind: 'escalate'; readonly reason: string; readonly confidence: number; readonly candidateIds: readonly string[] }
  /** "Inget av dessa" under a "Menar du …?". */
  | { readonly kind: 'none-of-these' }
  /** "Hjälpte svaret? Ja / Nej" on an answer. */
  | { readonly kind: 'feedback'; readonly entryId: string; readonly helpful: boolean };

/** One resident turn (web chat or Teams) handed to the recorder. */
export type ResidentTurn = TurnOutcome & {
  /** When the turn happened. */
  readonly at: Date;
  /** The Bot Framework channel id ("webchat", "msteams", …). */
  readonly channel: string;
  /** Ties "Inget av dessa" and "Nej" to the question before them, in memory only; never stored. */
  readonly conversationId?: string | undefined;
  /** The language the bot answered in. */
  readonly lang: Lang;
  /** The person's words as typed (a click's button title for clicks); scrubbed before anything else. */
  readonly text: string;
};

/**
 * What the bot calls on every resident turn. `record` returns at once and never throws: storing happens
 * later, off the reply path.
 */
export interface TurnRecorder {
  record(turn: ResidentTurn): void;
}
