import { MAX_RELATED_SHOWN } from '../../core/index.js';

/**
 * Limits of POST /api/messages and of the conversation (documented in docs/bot.md). Frozen here so the
 * route, the bot and the tests read the same numbers.
 */
export const BOT_LIMITS = Object.freeze({
  /** Largest request body accepted, in bytes; larger gets 413. Teams and Web Chat activities are a few KB. */
  maxBodyBytes: 256 * 1024,
  /**
   * Most JSON elements (objects, arrays and commas outside strings: about one per value) an activity may
   * have; more gets 413, before parsing. A Teams message or invoke has a few hundred. 256 KB of empty
   * arrays (83,000 values) cost ~20–40 ms of the one thread each to parse, check and copy, so a burst of
   * them within the rate limit stalled every other resident for seconds.
   */
  maxJsonElements: 5000,
  /** Longest wait for the whole body, in milliseconds; a body still arriving after it gets 408. */
  bodyTimeoutMs: 10_000,
  /** Longest `text` accepted at the HTTP edge, in characters; longer gets 413. */
  maxTextLength: 5000,
  /** Longest question the bot tries to answer; longer gets a polite "please shorten it" reply. */
  maxQuestionLength: 500,
  /** Most answers a message-extension search returns. */
  messageExtensionResults: 5,
  /** Most related questions offered as suggested actions under an answer (the corpus loader warns about more). */
  relatedQuestions: MAX_RELATED_SHOWN,
  /**
   * Most updates "Tidslinje" lists, newest first, the rest left to the corpus's updates page: the web chat
   * drops a reply over 20,000 characters, and 80 updates of a long incident came to more.
   */
  timelineUpdates: 10,
  /** Most characters of listed updates, so ten unusually long ones still leave the reply far below that limit. */
  timelineChars: 8000,
});

/** Where inline (expectReplies) turns claim to come from; never contacted, because replies are buffered. */
export const INLINE_SERVICE_URL = 'http://127.0.0.1/inline';
