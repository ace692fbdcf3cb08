import type { Activity, ChannelAccount } from 'botbuilder';
import { INLINE_SERVICE_URL } from './limits.js';
import { runtimeOf, type BotRuntimeSource } from './runtime-source.js';

interface InlineAccount {
  readonly id: string;
  readonly name?: string;
  readonly role?: string;
}

/**
 * The activity the self-hosted web chat endpoint hands over, already validated by it. A structural
 * subset of botbuilder's Activity (read-only, dates or ISO strings) so that channel needs no botbuilder.
 */
export interface InlineActivity {
  /** "message" (default) or "conversationUpdate". */
  readonly type?: string;
  readonly id?: string;
  readonly timestamp?: Date | string;
  /** A stable id per chat, so a typed "2" answers the last "Menar du …?". */
  readonly conversation?: { readonly id: string };
  readonly from?: InlineAccount;
  readonly recipient?: InlineAccount;
  readonly text?: string;
  /** A button's value (card click). */
  readonly value?: unknown;
  /** "sv-SE", "en-US": the reply language. */
  readonly locale?: string;
  readonly membersAdded?: readonly InlineAccount[];
  /** Ignored: always "webchat". */
  readonly channelId?: string;
}

/** Runs the bot on one activity and resolves to its reply activities (see createInlineRunner). */
export type InlineRunner = (activity: InlineActivity) => Promise<Partial<Activity>[]>;

const account = (a: InlineAccount | undefined, fallbackId: string): ChannelAccount => ({
  id: a?.id ?? fallbackId,
  name: a?.name ?? '',
  ...(a?.role === undefined ? {} : { role: a.role }),
});

/**
 * For the self-hosted web chat endpoint: runs the same bot on one already-validated activity,
 * anonymously and inline (`deliveryMode: "expectReplies"`, `channelId: "webchat"`, a fixed local
 * serviceUrl that is never contacted), and returns the bot's reply activities. No serviceUrl is taken
 * from the caller: replies never leave the process.
 */
export function createInlineRunner(source: BotRuntimeSource): InlineRunner {
  return async (input) => {
    const runtime = await runtimeOf(source);
    const activity: Activity = {
      type: input.type ?? 'message',
      ...(input.id === undefined ? {} : { id: input.id }),
      timestamp: input.timestamp === undefined ? new Date() : new Date(input.timestamp),
      channelId: 'webchat',
      serviceUrl: INLINE_SERVICE_URL,
      deliveryMode: 'expectReplies',
      from: account(input.from, 'webchat-user'),
      recipient: account(input.recipient, 'bot'),
      conversation: { id: input.conversation?.id ?? 'webchat', name: '', isGroup: false, conversationType: 'personal' },
      text: input.text ?? '',
      ...(input.value === undefined ? {} : { value: input.value }),
      ...(input.locale === undefined ? {} : { locale: input.locale }),
      ...(input.membersAdded === undefined ? {} : { membersAdded: input.membersAdded.map((m) => account(m, 'webchat-user')) }),
      localTimezone: '',
      callerId: '',
      label: '',
      valueType: '',
      listenFor: [],
    };
    const adapter = runtime.inlineAdapter;
    const auth = await adapter.authenticate(activity, '');
    if (!auth.ok) throw auth.error;
    // The turn's own buffer (the context is revoked after the turn): it also holds the error boundary's reply.
    let buffer: Partial<Activity>[] = [];
    await adapter.run(auth.result, activity, async (context) => {
      buffer = context.bufferedReplyActivities;
      await runtime.logic(context);
    });
    return [...buffer];
  };
}
