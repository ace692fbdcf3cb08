import type { Activity, TurnContext } from 'botbuilder';
import { INLINE_SERVICE_URL } from './limits.js';
import type { BotRuntime } from './runtime.js';

/** Runs the bot on one activity and returns its replies (see createInlineRunner). */
export type InlineRunner = (activity: Partial<Activity>) => Promise<Partial<Activity>[]>;

/**
 * For the self-hosted web chat endpoint: runs the same bot on one already-validated message activity,
 * anonymously and inline (`deliveryMode: "expectReplies"`), and returns the bot's reply activities.
 * The caller's `serviceUrl`, `channelId` and `deliveryMode` are ignored: replies never leave the process.
 * Pass a stable `conversation.id` per chat so a typed "2" answers the last "Menar du …?".
 */
export function createInlineRunner(runtime: BotRuntime): InlineRunner {
  return async (input) => {
    const activity: Activity = {
      ...input,
      type: input.type ?? 'message',
      channelId: 'webchat',
      serviceUrl: INLINE_SERVICE_URL,
      deliveryMode: 'expectReplies',
      from: input.from ?? { id: 'webchat-user', name: '' },
      recipient: input.recipient ?? { id: 'bot', name: '' },
      conversation: input.conversation ?? { id: 'webchat', name: '', isGroup: false, conversationType: 'personal' },
      text: input.text ?? '',
      localTimezone: input.localTimezone ?? '',
      callerId: '',
      label: '',
      valueType: '',
      listenFor: [],
    };
    let turn: TurnContext | undefined;
    const adapter = runtime.inlineAdapter;
    const auth = await adapter.authenticate(activity, '');
    if (!auth.ok) throw auth.error;
    await adapter.run(auth.result, activity, async (context) => {
      turn = context;
      await runtime.logic(context);
    });
    // Read from the turn, not the response, so replies sent by the error boundary are included.
    return turn ? [...turn.bufferedReplyActivities] : [];
  };
}
