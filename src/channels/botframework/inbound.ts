import type { Activity, Attachment, ChannelAccount, ConversationAccount, Entity } from 'botbuilder';
import { z } from 'zod';
import { typedText } from '../http/typed-text.js';
import { INLINE_SERVICE_URL } from './limits.js';

const short = z.string().max(1000);
const account = z.looseObject({
  id: short,
  name: short.exactOptional(),
  role: short.exactOptional(),
  aadObjectId: short.exactOptional(),
});
const conversation = z.looseObject({
  id: short.min(1, 'must not be empty'),
  name: short.exactOptional(),
  isGroup: z.boolean().exactOptional(),
  conversationType: short.exactOptional(),
  tenantId: short.exactOptional(),
});

/**
 * What this bot reads from an inbound Bot Framework activity. Unknown fields pass through untouched
 * (channels add their own); the fields the bot relies on are checked here, once, at the edge.
 */
export const inboundActivitySchema = z.looseObject({
  type: z.string({ error: 'is required (e.g. "message")' }).min(1, 'must not be empty'),
  id: short.exactOptional(),
  channelId: short.min(1, 'must not be empty'),
  serviceUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).exactOptional(),
  from: account,
  recipient: account,
  conversation,
  // Composed (NFC), and zero-width and bidirectional format characters dropped, before the bot, the log
  // or the store reads the text: either way of writing hid personal data from its patterns.
  text: z.string().overwrite(typedText).exactOptional(),
  textFormat: short.exactOptional(),
  locale: z.string().max(35).exactOptional(),
  localTimezone: short.exactOptional(),
  value: z.unknown().exactOptional(),
  name: short.exactOptional(),
  replyToId: short.exactOptional(),
  deliveryMode: short.exactOptional(),
  attachments: z.array(z.looseObject({ contentType: short, contentUrl: z.string().exactOptional(), name: short.exactOptional(), content: z.unknown().exactOptional() })).max(50).exactOptional(),
  // botbuilder's mention removal reads mentioned.id: a mention without it is refused here, not a crash later.
  entities: z
    .array(
      z
        .looseObject({ type: short, mentioned: z.looseObject({ id: short }).exactOptional() })
        .refine((e) => e.type !== 'mention' || e.mentioned !== undefined, { message: 'a mention needs "mentioned.id"', path: ['mentioned'] }),
    )
    .max(50)
    .exactOptional(),
  membersAdded: z.array(account).max(100).exactOptional(),
  membersRemoved: z.array(account).max(100).exactOptional(),
  channelData: z.unknown().exactOptional(),
});

export type InboundActivity = z.infer<typeof inboundActivitySchema>;

/** True for replies the bot may send in anonymous mode: to this machine only. */
export function isLoopbackServiceUrl(serviceUrl: string | undefined): boolean {
  if (serviceUrl === undefined) return false;
  let host: string;
  try {
    host = new URL(serviceUrl).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * The botbuilder Activity for a validated inbound activity. botbuilder's type marks fields as required
 * that real channels omit (label, listenFor, ...); they get their empty values here instead of a cast.
 */
export function toActivity(inbound: InboundActivity): Activity {
  const { from, recipient, conversation: conv, attachments, entities, membersAdded, membersRemoved, timestamp: _t, localTimestamp: _lt, ...rest } = inbound;
  const activity: Activity = {
    ...rest,
    serviceUrl: inbound.serviceUrl ?? INLINE_SERVICE_URL,
    from: toAccount(from),
    recipient: toAccount(recipient),
    conversation: toConversation(conv),
    text: inbound.text ?? '',
    localTimezone: inbound.localTimezone ?? '',
    callerId: '',
    label: '',
    valueType: '',
    listenFor: [],
  };
  if (attachments) activity.attachments = attachments.map((a): Attachment => ({ ...a }));
  // A mention is cut out of the text by its own text: it is read the same way as the text.
  if (entities) activity.entities = entities.map((e): Entity => (typeof e['text'] === 'string' ? { ...e, text: typedText(e['text']) } : { ...e }));
  if (membersAdded) activity.membersAdded = membersAdded.map(toAccount);
  if (membersRemoved) activity.membersRemoved = membersRemoved.map(toAccount);
  return activity;
}

function toAccount(a: z.infer<typeof account>): ChannelAccount {
  return { ...a, name: a.name ?? '' };
}

function toConversation(c: z.infer<typeof conversation>): ConversationAccount {
  return { ...c, name: c.name ?? '', isGroup: c.isGroup ?? false, conversationType: c.conversationType ?? '' };
}
