import { z } from 'zod';
import { MAX_ID_LENGTH } from '../../core/index.js';
import type { SharedStore } from '../../state/index.js';

/**
 * The entry answered last in each conversation, so a follow-up ("och när kommer de då?") is read against
 * it. In the shared store (Redis when configured, like the "Menar du" offers), so whichever instance
 * answers the next message knows it; forgotten after a while, since a conversation that pauses for an hour
 * starts over.
 */
export interface ConversationTopics {
  /** The entry answered last, or undefined (none, expired, or the store is unreachable). */
  get(conversationId: string): Promise<string | undefined>;
  set(conversationId: string, entryId: string): Promise<void>;
  /** Forgets the topic (after a hand-over to the contact center). */
  forget(conversationId: string): Promise<void>;
}

/** The shared store's namespace of last answered topics. */
export const CONVERSATION_TOPIC_NAMESPACE = 'last-topic';
/** Seconds a conversation's topic is kept after its last answer. */
export const CONVERSATION_TOPIC_TTL_SECONDS = 30 * 60;
/** Conversations remembered at most in memory (without Redis). */
export const MAX_REMEMBERED_TOPICS = 10_000;

export function createConversationTopics(store: SharedStore, ttlSeconds = CONVERSATION_TOPIC_TTL_SECONDS): ConversationTopics {
  const topics = store.keyValue(CONVERSATION_TOPIC_NAMESPACE, {
    // An entry id as the corpus writes them; anything else read back is ignored.
    schema: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(MAX_ID_LENGTH),
    ttlSeconds,
    maxEntries: MAX_REMEMBERED_TOPICS,
  });
  return {
    get: (conversationId) => topics.get(conversationId),
    set: (conversationId, entryId) => topics.set(conversationId, entryId),
    forget: (conversationId) => topics.delete(conversationId),
  };
}
