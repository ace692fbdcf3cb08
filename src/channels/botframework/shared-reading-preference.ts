import { z } from 'zod';
import type { SharedStore } from '../../state/index.js';
import { MAX_REMEMBERED_PREFERENCES, READING_STYLES, type ReadingPreferences } from './reading-preference.js';

/** The shared store's namespace of reading preferences. */
export const READING_PREFERENCE_NAMESPACE = 'reading-level';
/** How long a conversation's choice is kept after it was made, in seconds (a day: longer than any chat). */
export const READING_PREFERENCE_TTL_SECONDS = 24 * 3600;

/**
 * Reading preferences ("Lättläst") in the shared store, so the choice holds whichever instance answers
 * the next message. In memory (without REDIS_URL) at most MAX_REMEMBERED_PREFERENCES conversations.
 */
export function createSharedReadingPreferences(store: SharedStore): ReadingPreferences {
  const styles = store.keyValue(READING_PREFERENCE_NAMESPACE, {
    schema: z.enum(READING_STYLES),
    ttlSeconds: READING_PREFERENCE_TTL_SECONDS,
    maxEntries: MAX_REMEMBERED_PREFERENCES,
  });
  return {
    get: (conversationId) => styles.get(conversationId),
    set: (conversationId, style) => styles.set(conversationId, style),
  };
}
