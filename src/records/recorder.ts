import { createHmac, randomBytes } from 'node:crypto';
import { zonedTime } from '../core/index.js';
import { scrubPersonalData, type Logger } from '../logging/index.js';
import type { CountKey, CountOutcome, KeptQuestion } from './model.js';
import type { ResidentTurn, TurnRecorder } from './turn.js';
import type { WriteQueue } from './write-queue.js';

export interface TurnRecorderOptions {
  /** Where the writes go (off the reply path). */
  readonly queue: Pick<WriteQueue, 'add'>;
  /** Logs a failure to record (a bug), never the text. */
  readonly logger: Logger;
  /** The contact center's time zone, for the day and hour of each count. */
  readonly timeZone: string;
  /** Conversations remembered for "Inget av dessa" and "Nej" (the oldest is forgotten beyond). */
  readonly maxConversations?: number;
  /** How long a question is remembered for the follow-up, in ms. */
  readonly followUpMs?: number;
  /** The share of answered typed questions kept (0–1), to find confident mistakes; 0 keeps none. */
  readonly answeredSampleRate?: number;
  /** A number in [0, 1) per answered question (Math.random; tests pass their own). */
  readonly random?: () => number;
  /** The client address of the turn being recorded (from the request's scope), when known. */
  readonly sourceOf?: () => string | undefined;
  /** Key of the source hash; a random one per process when absent (sources then differ between instances). */
  readonly sourceSecret?: string | undefined;
  /** Questions one source may have kept per hour; beyond, its turns are only counted. */
  readonly maxKeptPerSourcePerHour?: number;
}

/** Sources whose hourly quota is tracked at once (the least recent is forgotten beyond). */
const MAX_TRACKED_SOURCES = 10_000;

/** Longest text kept, in characters (the bot answers at most 500). */
export const MAX_KEPT_TEXT = 500;

// C0 and C1 control characters: PostgreSQL refuses NUL in text (22021), and none belongs in a question.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Half of a surrogate pair alone is not UTF-8 either (String.prototype.toWellFormed is ES2024).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A resident's words as they may be kept: control characters and broken surrogate halves removed first
 * (one such character used to make the store refuse everyone's batch), then personal data, then spacing.
 */
export function keptText(raw: string): string {
  const clean = raw.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL_CHARACTERS, ' ');
  return scrubPersonalData(clean).replace(/\s+/g, ' ').trim().slice(0, MAX_KEPT_TEXT);
}

/** What the last question of a conversation was, for its follow-up; scrubbed text, memory only. */
interface Recent {
  readonly at: number;
  readonly kind: 'answer' | 'clarify';
  readonly text: string;
  readonly confidence: number | null;
  readonly candidateIds: readonly string[];
}

/** A corpus id (kebab-case, starting with a letter, as faq-data/ names entries): never a number someone typed. */
const ENTRY_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const CHANNEL = /^[a-z0-9-]{1,32}$/i;

/**
 * The bot's recorder: scrubs personal data first, then turns each resident turn into counts (every
 * turn) and a kept question (clarified, escalated, "Inget av dessa", "Nej"), handed to the write queue.
 * Answered questions are counted, not kept. Conversation ids are used in memory only, to tie a
 * follow-up click to the question before it; nothing identifying a person is stored.
 */
export function createTurnRecorder(options: TurnRecorderOptions): TurnRecorder {
  const maxConversations = options.maxConversations ?? 10_000;
  const followUpMs = options.followUpMs ?? 30 * 60_000;
  const recent = new Map<string, Recent>();
  const sampleRate = options.answeredSampleRate ?? 0;
  const random = options.random ?? Math.random;
  const secret = options.sourceSecret ?? randomBytes(32).toString('hex');
  const maxKeptPerHour = options.maxKeptPerSourcePerHour ?? 120;
  const quota = new Map<string, { hour: number; kept: number }>();

  // A keyed hash: the store never holds an address, and without the key nobody can test guesses against it.
  const sourceKey = (conversationId: string | undefined): string => {
    const client = options.sourceOf?.();
    const raw = client !== undefined ? `client:${client}` : conversationId !== undefined ? `conversation:${conversationId}` : undefined;
    return raw === undefined ? '' : createHmac('sha256', secret).update(raw).digest('base64url').slice(0, 22);
  };
  /** Whether this source may have one more question kept this hour (a flood is counted, not kept). */
  const mayKeep = (source: string, now: number): boolean => {
    if (source === '') return true;
    const hour = Math.floor(now / 3_600_000);
    const had = quota.get(source);
    const current = had !== undefined && had.hour === hour ? had : { hour, kept: 0 };
    quota.delete(source);
    quota.set(source, current);
    if (quota.size > MAX_TRACKED_SOURCES) {
      const oldest = quota.keys().next();
      if (!oldest.done) quota.delete(oldest.value);
    }
    if (current.kept >= maxKeptPerHour) return false;
    current.kept++;
    return true;
  };

  const remember = (conversationId: string | undefined, value: Recent) => {
    if (conversationId === undefined) return;
    recent.delete(conversationId);
    recent.set(conversationId, value);
    if (recent.size > maxConversations) {
      const oldest = recent.keys().next();
      if (!oldest.done) recent.delete(oldest.value);
    }
  };
  const recall = (conversationId: string | undefined, now: number): Recent | undefined => {
    if (conversationId === undefined) return undefined;
    const found = recent.get(conversationId);
    if (found === undefined || now - found.at > followUpMs) return undefined;
    return found;
  };

  return {
    record(turn: ResidentTurn): void {
      if ((turn.kind === 'answer' || turn.kind === 'feedback') && !ENTRY_ID.test(turn.entryId)) return;
      try {
        const text = keptText(turn.text);
        const local = zonedTime(turn.at, options.timeZone);
        const channel = CHANNEL.test(turn.channel) ? turn.channel.toLowerCase() : 'other';
        const count = (outcome: CountOutcome, entryId: string | undefined): CountKey => ({
          day: local.date,
          hour: Math.floor(local.minutes / 60),
          outcome,
          // Only an id shaped like the corpus's reaches the store: a forged button value never does.
          entryId: entryId !== undefined && ENTRY_ID.test(entryId) ? entryId : '',
          channel,
          lang: turn.lang,
        });
        const now = turn.at.getTime();
        const source = sourceKey(turn.conversationId);
        const keep = (k: Omit<KeptQuestion, 'askedAt' | 'channel' | 'lang' | 'source'>): KeptQuestion | undefined =>
          mayKeep(source, now) ? { ...k, askedAt: turn.at, channel, lang: turn.lang, source } : undefined;

        switch (turn.kind) {
          case 'answer': {
            // After "Menar du …?" the resident's own words are the clarified question's, not the button's.
            const before = turn.via === 'click' ? recall(turn.conversationId, now) : undefined;
            const asked = before?.kind === 'clarify' && before.candidateIds.includes(turn.entryId) ? before.text : text;
            const confidence = turn.confidence ?? before?.confidence ?? null;
            remember(turn.conversationId, { at: now, kind: 'answer', text: asked, confidence, candidateIds: [turn.entryId] });
            const sampled = turn.via === 'question' && sampleRate > 0 && random() < sampleRate;
            options.queue.add(sampled ? keep({ text, decision: 'answered', reason: null, confidence, candidateIds: [turn.entryId] }) : undefined, [count(turn.via === 'question' ? 'answer' : 'answer-click', turn.entryId)]);
            return;
          }
          case 'clarify': {
            const candidateIds = [...turn.candidateIds];
            remember(turn.conversationId, { at: now, kind: 'clarify', text, confidence: turn.confidence, candidateIds });
            options.queue.add(keep({ text, decision: 'clarify', reason: null, confidence: turn.confidence, candidateIds }), [count('clarify', candidateIds[0])]);
            return;
          }
          case 'escalate': {
            if (turn.conversationId !== undefined) recent.delete(turn.conversationId);
            const candidateIds = [...turn.candidateIds];
            options.queue.add(keep({ text, decision: 'escalate', reason: turn.reason, confidence: turn.confidence, candidateIds }), [count('escalate', candidateIds[0])]);
            return;
          }
          case 'none-of-these': {
            const before = recall(turn.conversationId, now);
            if (turn.conversationId !== undefined) recent.delete(turn.conversationId);
            const question =
              before?.kind === 'clarify'
                ? keep({ text: before.text, decision: 'none-of-these', reason: null, confidence: before.confidence, candidateIds: before.candidateIds })
                : undefined;
            options.queue.add(question, [count('none-of-these', before?.kind === 'clarify' ? before.candidateIds[0] : undefined)]);
            return;
          }
          case 'feedback': {
            const before = recall(turn.conversationId, now);
            const rated = before?.kind === 'answer' && before.candidateIds[0] === turn.entryId ? before : undefined;
            const question =
              !turn.helpful && rated ? keep({ text: rated.text, decision: 'not-helpful', reason: null, confidence: rated.confidence, candidateIds: [turn.entryId] }) : undefined;
            options.queue.add(question, [count(turn.helpful ? 'helpful' : 'not-helpful', turn.entryId)]);
            return;
          }
        }
      } catch (err) {
        // A recorder bug must never cost a resident their answer.
        options.logger.error({ err, event: 'record-turn-failed', kind: turn.kind }, 'could not record a turn');
      }
    },
  };
}
