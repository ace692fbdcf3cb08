import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { typedText } from '../http/typed-text.js';
import type { WebChatActivity } from './options.js';

/** The bot as the browser sees it. Fixed here: the caller never chooses who it talks to. */
/** The bot's id in the web chat; its name is the organisation the corpus speaks for (see routes.ts), this one without a corpus. */
export const WEB_BOT = Object.freeze({ id: 'faq-bot', name: 'Kommunen', role: 'bot' as const });

// Ids the browser makes with crypto.randomUUID(); anything else could smuggle markup or paths into logs.
const safeId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, "-" or "_"');
const MAX_VALUE_CHARS = 2000;

/**
 * What the browser may send. Strict: unknown fields (serviceUrl, from, recipient, channelData …) are
 * refused, so a caller can never choose where replies go or who they are.
 */
export const webChatRequestSchema = (maxTextLength: number) =>
  z
    .strictObject({
      type: z.enum(['message', 'conversationUpdate'], { error: 'must be "message" or "conversationUpdate"' }),
      conversationId: safeId,
      userId: safeId,
      // Composed (NFC), and zero-width and bidirectional format characters dropped, before the bot, the log
      // or the store reads the text: either way of writing hid personal data from its patterns.
      text: z.string().max(maxTextLength, `must be at most ${maxTextLength} characters`).overwrite(typedText).optional(),
      // A card button's value (Action.Submit, postBack): any JSON, but small.
      value: z
        .json()
        .refine((v) => JSON.stringify(v).length <= MAX_VALUE_CHARS, `must be at most ${MAX_VALUE_CHARS} characters as JSON`)
        .optional(),
      // The version of the status line and contact details the page shows (see PageState in page.ts).
      pageVersion: z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 hexadecimal digits').optional(),
      locale: z
        .string()
        .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/, 'must be a language tag such as "sv-SE"')
        .optional(),
    })
    .superRefine((req, ctx) => {
      if (req.type === 'message' && req.text === undefined && req.value === undefined) {
        ctx.addIssue({ code: 'custom', path: ['text'], message: 'a message needs text or value' });
      }
      if (req.type === 'conversationUpdate' && (req.text !== undefined || req.value !== undefined)) {
        ctx.addIssue({ code: 'custom', path: ['type'], message: 'a conversationUpdate carries no text or value' });
      }
    });

export type WebChatRequest = z.infer<ReturnType<typeof webChatRequestSchema>>;

/** Builds the activity for the bot from a validated request: ids, roles and channel are ours. */
export function buildActivity(req: WebChatRequest, now: Date, id: string = `wc-${randomUUID()}`, bot: { readonly id: string; readonly name: string } = WEB_BOT): WebChatActivity {
  const base = {
    id,
    timestamp: now,
    channelId: 'webchat' as const,
    conversation: { id: req.conversationId, name: '', isGroup: false as const, conversationType: 'personal' as const },
    from: { id: req.userId, name: '', role: 'user' as const },
    recipient: { id: bot.id, name: bot.name, role: 'bot' as const },
    ...(req.locale === undefined ? {} : { locale: req.locale }),
  };
  if (req.type === 'conversationUpdate') {
    return { ...base, type: 'conversationUpdate', membersAdded: [{ id: req.userId, name: '', role: 'user' }] };
  }
  return {
    ...base,
    type: 'message',
    ...(req.text === undefined ? {} : { text: req.text }),
    ...(req.value === undefined ? {} : { value: req.value }),
  };
}

/** Turns a zod error into one line an integrator can act on, e.g. `"serviceUrl": unknown field`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => `"${k}" is not accepted`).join('; ');
      const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
      return `"${field}" ${issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message}`;
    })
    .join('; ');
}

/** Deepest JSON nesting the public endpoint accepts (a card button's value needs a handful). */
export const MAX_JSON_DEPTH = 32;

/** True when arrays and objects in `value` nest deeper than `max`; checked without recursion. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item.v === null || typeof item.v !== 'object') continue;
    if (item.depth >= max) return true;
    for (const child of Object.values(item.v)) stack.push({ v: child, depth: item.depth + 1 });
  }
  return false;
}
