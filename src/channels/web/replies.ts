import { z } from 'zod';
import { MAX_REPLY_TEXT_CHARS } from '../../core/index.js';
import { WEB_BOT } from './request.js';

const shortText = (max: number) => z.string().max(max);

const cardActionSchema = z.object({
  type: shortText(32),
  title: shortText(500).optional(),
  text: shortText(2000).optional(),
  displayText: shortText(2000).optional(),
  value: z.json().optional(),
});

const attachmentSchema = z.object({
  contentType: shortText(200),
  content: z.json().optional(),
  name: shortText(200).optional(),
});

// Loose on purpose: the bot may add fields we do not forward; only the ones below reach the browser.
const replySchema = z.object({
  type: z.enum(['message', 'event', 'typing', 'endOfConversation', 'trace']),
  // faq:check warns about an answer that could not fit (MAX_ANSWER_BYTES).
  text: z.string().max(MAX_REPLY_TEXT_CHARS).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  speak: z.string().max(MAX_REPLY_TEXT_CHARS).optional(),
  inputHint: shortText(32).optional(),
  locale: shortText(35).optional(),
  attachmentLayout: z.enum(['list', 'carousel']).optional(),
  attachments: z.array(attachmentSchema).max(20).optional(),
  suggestedActions: z.object({ actions: z.array(cardActionSchema).max(20) }).optional(),
  name: shortText(200).optional(),
  value: z.json().optional(),
});

/** A reply activity as the browser receives it. */
export interface BrowserActivity {
  readonly type: 'message' | 'event';
  readonly id: string;
  readonly timestamp: string;
  readonly from: { readonly id: string; readonly name: string; readonly role: 'bot' };
  readonly conversation: { readonly id: string };
  readonly replyToId: string;
  readonly [field: string]: unknown;
}

export interface ShapedReplies {
  readonly activities: BrowserActivity[];
  /** Replies left out because they did not parse (the bot's bug; logged, never shown). */
  readonly dropped: number;
}

/**
 * Parses the bot's replies and rebuilds them for Web Chat: the bot identity, ids and strictly increasing
 * timestamps are set here so the order on screen is the order the bot replied, whatever the clocks say.
 * Typing, trace and end-of-conversation activities are not forwarded.
 */
export function shapeReplies(replies: readonly unknown[], ctx: { conversationId: string; replyToId: string; after: Date; bot?: { readonly id: string; readonly name: string } }): ShapedReplies {
  const bot = ctx.bot ?? WEB_BOT;
  const activities: BrowserActivity[] = [];
  let dropped = 0;
  for (const raw of replies) {
    const parsed = replySchema.safeParse(withTextThatFits(raw));
    if (!parsed.success) {
      dropped += 1;
      continue;
    }
    const { type, ...fields } = parsed.data;
    if (type !== 'message' && type !== 'event') continue;
    const seq = activities.length + 1;
    activities.push({
      ...dropUndefined(fields),
      type,
      id: `${ctx.replyToId}-r${seq}`,
      timestamp: new Date(ctx.after.getTime() + seq).toISOString(),
      from: { id: bot.id, name: bot.name, role: 'bot' },
      conversation: { id: ctx.conversationId },
      replyToId: ctx.replyToId,
    });
  }
  return { activities, dropped };
}

/**
 * A reply whose text is longer than the browser takes (an answer an editor made too long: faq:check
 * warns) is shortened rather than dropped, so the resident reads most of it and its last line, the
 * source to read the rest, instead of nothing: cut at a line's end, "…", then that last line.
 */
export function withTextThatFits(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const text: unknown = (raw as { text?: unknown }).text;
  if (typeof text !== 'string' || text.length <= MAX_REPLY_TEXT_CHARS) return raw;
  const last = text.slice(text.lastIndexOf('\n') + 1);
  const tail = last.length > 0 && last.length <= 1000 ? `\n\n…\n\n${last}` : '\n\n…';
  const head = text.slice(0, MAX_REPLY_TEXT_CHARS - tail.length);
  const lineEnd = head.lastIndexOf('\n');
  const cut = lineEnd > head.length / 2 ? head.slice(0, lineEnd) : head;
  const { speak: _speak, ...rest } = raw as Record<string, unknown>;
  return { ...rest, text: `${cut.trimEnd()}${tail}` };
}

function dropUndefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}
