import { createHash, createHmac } from 'node:crypto';
import { pino, type Logger, type LoggerOptions } from 'pino';
import { scrubPersonalData } from './scrub.js';

export type { Logger };

/** Extra options of the service's logger. */
export interface LoggerExtras {
  /** Fields added to every line, e.g. the request id of the request being served. */
  readonly mixin?: () => Record<string, unknown>;
  /** Key of the hashes of caller-chosen ids and client addresses (ID_HASH_SECRET, or one made at start-up). */
  readonly hashSecret?: string | undefined;
}

/**
 * A caller-chosen identifier (conversation id, user id, activity id, client address) as it may appear in a
 * log: a short hash, enough to follow one conversation through the log, never the value itself.
 */
export function hashForLog(value: unknown, secret?: string): string {
  return (secret === undefined ? createHash('sha256') : createHmac('sha256', secret)).update(String(value)).digest('hex').slice(0, 16);
}

// Ids that callers choose: anyone can put a personnummer in a conversation id.
const HASHED_FIELDS = ['conversationId', 'userId', 'activityId', 'replyToId', 'clientId'] as const;
const NAME_FIELDS = ['channel', 'activityType', 'type'] as const;
const NAME = /^[A-Za-z][A-Za-z0-9/_-]{0,39}$/;

/**
 * Structured JSON logs (pino). Residents' messages are never logged at info: channels log ids,
 * decisions and lengths; anything textual passes through scrubPersonalData first. Caller-chosen ids
 * are hashed, and error messages and stacks are scrubbed, whoever logs them.
 */
export function createLogger(level: LoggerOptions['level'], destination?: pino.DestinationStream, extras: LoggerExtras = {}): Logger {
  const serializers: Record<string, (value: unknown) => unknown> = {
    // Only the error's name, code, message and stack, scrubbed: other fields (a database driver's
    // "detail: Failing row contains (…)") can carry what a resident wrote.
    err: (err: unknown) => {
      if (!(err instanceof Error)) return typeof err === 'string' ? scrubPersonalData(err) : { type: typeof err };
      const code = 'code' in err && (typeof err.code === 'string' || typeof err.code === 'number') ? err.code : undefined;
      return { type: err.name, ...(code === undefined ? {} : { code }), message: scrubPersonalData(err.message), stack: scrubPersonalData(err.stack ?? '') };
    },
  };
  for (const field of HASHED_FIELDS) serializers[field] = (value) => (value === undefined ? value : hashForLog(value, extras.hashSecret));
  // Short names callers also choose (a Bot Framework channel id, an activity type): kept when they look
  // like one, else replaced, so no free text rides in them.
  for (const field of NAME_FIELDS) serializers[field] = (value) => (typeof value === 'string' && !NAME.test(value) ? 'other' : value);
  const options: LoggerOptions = {
    level: level ?? 'info',
    base: { service: 'incident-faq-bot' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.text', 'text', 'q'], censor: '[redacted]' },
    serializers,
    ...(extras.mixin === undefined ? {} : { mixin: extras.mixin }),
  };
  return destination ? pino(options, destination) : pino(options);
}
