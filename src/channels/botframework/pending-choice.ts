import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { foldSwedishLetters, LANGS, MAX_ID_LENGTH, normalizePhrase, type FaqEngine, type FaqEntry } from '../../core/index.js';
import type { I18n } from '../../i18n/index.js';
import type { KeyValue, SharedStore } from '../../state/index.js';

const pendingSchema = z.object({ ids: z.array(z.string().max(MAX_ID_LENGTH)).min(1).max(10), lang: z.enum(LANGS) });
type Pending = z.infer<typeof pendingSchema>;

/** What a typed reply to "Menar du …?" resolved to. */
export type TypedChoice = { kind: 'entry'; entry: FaqEntry } | { kind: 'none-of-these' };

const fold = (s: string) => foldSwedishLetters(normalizePhrase(s));

/**
 * Open offers kept at most in process memory. Anonymous web clients choose their own conversation ids,
 * so the oldest open offer is forgotten beyond this (its "2" then reads as a new question) rather than
 * memory growing. In Redis, offers are bounded by their TTL.
 */
export const MAX_OPEN_CHOICES = 10_000;
/** How long an unanswered offer is kept by default, in seconds (CLARIFY_OFFER_TTL_SECONDS). */
export const DEFAULT_OFFER_TTL_SECONDS = 1800;
/** The shared store's namespace of open offers. */
export const OFFER_NAMESPACE = 'clarify-offer';

export interface PendingChoicesOptions {
  /** Seconds an unanswered offer is kept. */
  readonly ttlSeconds?: number;
  /** Most offers kept in process memory. */
  readonly maxOpen?: number;
}

/** The key of a conversation's state in the shared store: channel and conversation id (ids are per channel). */
export const conversationKey = (context: TurnContext) => `${context.activity.channelId}\n${context.activity.conversation.id}`;

/**
 * The last "Menar du …?" of a conversation, so a person can answer "2" or type the question instead of
 * clicking. Kept in the shared store until the next message or the TTL, so the answer may reach any
 * instance of the service.
 */
export class PendingChoices {
  private readonly offers: KeyValue<Pending>;

  constructor(
    store: SharedStore,
    private readonly engine: FaqEngine,
    private readonly i18n: I18n,
    options: PendingChoicesOptions = {},
  ) {
    this.offers = store.keyValue(OFFER_NAMESPACE, {
      schema: pendingSchema,
      ttlSeconds: options.ttlSeconds ?? DEFAULT_OFFER_TTL_SECONDS,
      maxEntries: options.maxOpen ?? MAX_OPEN_CHOICES,
    });
  }

  /** Remembers the options just offered. */
  async offer(context: TurnContext, pending: Pending): Promise<void> {
    await this.offers.set(conversationKey(context), pending);
  }

  /**
   * Resolves a typed message against the options offered last, and forgets them either way: a message
   * that is not a choice is a new question.
   */
  async take(context: TurnContext, text: string): Promise<TypedChoice | undefined> {
    const pending = await this.offers.take(conversationKey(context));
    if (pending === undefined) return undefined;
    const { ids, lang } = pending;
    const number = NUMBER.exec(text);
    if (number) {
      // The numbers the resident saw: counted over the ids offered, even if a reload has retired one since.
      const n = Number(number[1]);
      if (n === ids.length + 1) return { kind: 'none-of-these' };
      const id = ids[n - 1];
      const entry = id === undefined ? undefined : this.engine.entry(id);
      return entry ? { kind: 'entry', entry } : undefined;
    }
    const entries = ids.map((id) => this.engine.entry(id)).filter((e): e is FaqEntry => e !== undefined);
    const typed = fold(text);
    if (typed === fold(this.i18n.translator(lang)('clarify.none'))) return { kind: 'none-of-these' };
    const entry = entries.find((e) => fold(e.question[lang]) === typed || fold(e.question.sv) === typed || fold(e.question.en) === typed);
    return entry ? { kind: 'entry', entry } : undefined;
  }
}

const NUMBER = /^\s*(\d{1,2})\s*[.)]?\s*$/;
