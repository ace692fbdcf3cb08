import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { foldSwedishLetters, LANGS, normalizePhrase, type FaqEngine, type FaqEntry } from '../../core/index.js';
import type { I18n } from '../../i18n/index.js';

const pendingSchema = z.object({ ids: z.array(z.string()).min(1), lang: z.enum(LANGS) });
type Pending = z.infer<typeof pendingSchema>;

/** What a typed reply to "Menar du …?" resolved to. */
export type TypedChoice = { kind: 'entry'; entry: FaqEntry } | { kind: 'none-of-these' };

const fold = (s: string) => foldSwedishLetters(normalizePhrase(s));
const NUMBER = /^\s*(\d{1,2})\s*[.)]?\s*$/;

/**
 * The last "Menar du …?" of a conversation, so a person can answer "2" or type the question instead of
 * clicking. Kept in botbuilder conversation state (MemoryStorage) only until the next message.
 */
export class PendingChoices {
  private readonly accessor: StatePropertyAccessor<unknown>;
  // Conversations with an offer in storage: most messages answer no offer, and skipping the state load
  // for them keeps the hot path as cheap as a stateless bot.
  private readonly open = new Set<string>();

  constructor(
    private readonly state: ConversationState,
    private readonly engine: FaqEngine,
    private readonly i18n: I18n,
  ) {
    this.accessor = state.createProperty<unknown>('pendingChoice');
  }

  /** Remembers the options just offered. */
  async offer(context: TurnContext, pending: Pending): Promise<void> {
    await this.accessor.set(context, pending);
    await this.state.saveChanges(context);
    this.open.add(context.activity.conversation.id);
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
