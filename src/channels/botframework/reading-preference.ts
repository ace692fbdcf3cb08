/**
 * How a conversation wants its answers: the vetted text, or the easy-to-read (lättläst) variant once the
 * resident has asked for it.
 */
export const READING_STYLES = ['standard', 'lattlast'] as const;
export type ReadingStyle = (typeof READING_STYLES)[number];

/**
 * The per-conversation reading preference, by conversation id. Asynchronous so it can live in a shared
 * store (Redis) when the service runs as several instances; `createMemoryReadingPreferences` keeps it in
 * this process.
 */
export interface ReadingPreferences {
  /** The style chosen in this conversation, or undefined when none was chosen. */
  get(conversationId: string): Promise<ReadingStyle | undefined>;
  /** Remembers the style for the rest of the conversation. */
  set(conversationId: string, style: ReadingStyle): Promise<void>;
}

/**
 * Conversations remembered at most by the in-memory store. Anonymous web clients choose their own
 * conversation ids, so the least recently used is forgotten beyond this rather than memory growing.
 */
export const MAX_REMEMBERED_PREFERENCES = 10_000;

/** Reading preferences in process memory, least recently used forgotten first. Right for one instance. */
export function createMemoryReadingPreferences(max: number = MAX_REMEMBERED_PREFERENCES): ReadingPreferences & { readonly size: number } {
  const styles = new Map<string, ReadingStyle>();
  return {
    get size() {
      return styles.size;
    },
    async get(conversationId) {
      const style = styles.get(conversationId);
      if (style !== undefined) {
        // Map keeps insertion order: re-inserting marks it recently used.
        styles.delete(conversationId);
        styles.set(conversationId, style);
      }
      return style;
    },
    async set(conversationId, style) {
      styles.delete(conversationId);
      styles.set(conversationId, style);
      while (styles.size > max) {
        const oldest = styles.keys().next().value;
        if (oldest === undefined) break;
        styles.delete(oldest);
      }
    },
  };
}
