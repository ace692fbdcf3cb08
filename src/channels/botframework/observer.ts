/**
 * What the bot tells the service about each outcome, for metrics. Ids only; never the person's text.
 * `channel` is the activity's channelId as received (callers choose it: bound it before using it as a label).
 */
export interface TurnObserver {
  /** A decision shown: an answer (with its entry), a "Menar du …?", or a hand-over (with its reason). */
  decision(event: { readonly decision: 'answer' | 'clarify' | 'escalate'; readonly channel: string | undefined; readonly entryId?: string; readonly reason?: string }): void;
  /** A "Did this help?" click. */
  feedback(event: { readonly entryId: string; readonly helpful: boolean; readonly channel: string | undefined }): void;
}
