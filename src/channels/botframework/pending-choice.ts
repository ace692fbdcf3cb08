import type { ConversationState, StatePropertyAccessor, Storage, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { foldSwedishLetters, LANGS, normalizePhrase, type FaqEngine, type FaqEntry } from '../../core/index.js';
import type { I18n } from '../../i18n/index.js';

const pendingSchema = z.object({ ids: z.array(z.string()).min(1), lang: z.enum(LANGS) });
type Pending = z.infer<typeof pendingSchema>;

/** What a typed reply to "Menar du …?" resolved to. */
export type TypedChoice = { kind: 'entry'; entry: FaqEntry } | { kind: 'none-of-these' };

const fold = (s: string) => foldSwedishLetters(normalizePhrase(s));

/**
 * Open offers kept at most. Anonymous web clients choose their own conversation ids, so the oldest open
 * offer is forgotten beyond this (its "2" then reads as a new question) rather than memory growing.
 */
export const MAX_OPEN_CHOICES = 10_000;
const NUMBER = /^\s*(\d{1,2})\s*[.)]?\s*$/;

/**
 * The last "Menar du …?" of a conversation, so a person can answer "2" or type the question instead of
 * clicking. Kept in botbuilder conversation state (MemoryStorage) only until the next message.
 */
export class PendingChoices {
  private readonly accessor: StatePropertyAccessor<unknown>;
  // Conversations with an offer in storage: most messages answer no offer, and skipping the state load
  // for them keeps the hot path as cheap as a stateless bot.
  // Conversation id → its storage key, in insertion order (oldest first) for eviction.
  private readonly open = new Map<string, string>();

  constructor(
    private readonly state: ConversationState,
    private readonly storage: Storage,
    private readonly engine: FaqEngine,
    private readonly i18n: I18n,
    private readonly maxOpen: number = MAX_OPEN_CHOICES,
  ) {
    this.accessor = state.createProperty<unknown>('pendingChoice');
  }

  /** Remembers the options just offered. */
  async offer(context: TurnContext, pending: Pending): Promise<void> {
    await this.accessor.set(context, pending);
    await this.state.saveChanges(context);
    const id = context.activity.conversation.id;
    this.open.delete(id);
    this.open.set(id, this.state.getStorageKey(context) ?? '');
    while (this.open.size > this.maxOpen) {
      const [oldest, key] = this.open.entries().next().value ?? [];
      if (oldest === undefined) break;
      this.open.delete(oldest);
      if (key) await this.storage.delete([key]);
    }
  }

  /** How many conversations have an open offer (for tests and metrics). */
  get openCount(): number {
    return this.open.size;
  }

  /**
   * Resolves a typed message against the options offered last, and forgets them either way: a message
   * that is not a choice is a new question.
   */
  async take(context: TurnContext, text: string): Promise<TypedChoice | undefined> {
    if (!this.open.delete(context.activity.conversation.id)) return undefined;
    const parsed = pendingSchema.safeParse(await this.accessor.get(context));
    if (!parsed.success) return undefined;
    // Delete rather than clear, so storage holds only conversations with an open question.
    await this.state.delete(context);
    const { ids, lang } = parsed.data;
    const entries = ids.map((id) => this.engine.entry(id)).filter((e): e is FaqEntry => e !== undefined);
    const number = NUMBER.exec(text);
    if (number) {
      const n = Number(number[1]);
      if (n === entries.length + 1) return { kind: 'none-of-these' };
      const entry = entries[n - 1];
      return entry ? { kind: 'entry', entry } : undefined;
    }
    const typed = fold(text);
    if (typed === fold(this.i18n.translator(lang)('clarify.none'))) return { kind: 'none-of-these' };
    const entry = entries.find((e) => fold(e.question[lang]) === typed || fold(e.question.sv) === typed || fold(e.question.en) === typed);
    return entry ? { kind: 'entry', entry } : undefined;
  }
}
