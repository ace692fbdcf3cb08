import { z } from 'zod';

/** Longest the whole delivery of one turn's replies may take, in ms. */
export const EMULATOR_DELIVERY_TIMEOUT_MS = 5000;

const replyActivity = z.looseObject({
  type: z.string(),
  replyToId: z.string().optional(),
  conversation: z.looseObject({ id: z.string() }).optional(),
});
export type BufferedActivity = z.infer<typeof replyActivity>;

const bufferedReplies = z.object({ activities: z.array(replyActivity) });

/** The activities of an expectReplies response body; none when it is not one. */
export function bufferedActivities(body: unknown): BufferedActivity[] {
  const parsed = bufferedReplies.safeParse(body);
  return parsed.success ? parsed.data.activities : [];
}

export type DeliveryResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Posts a turn's replies to the Bot Framework Emulator at a loopback serviceUrl, the way the Bot Connector
 * would ({serviceUrl}/v3/conversations/{id}/activities/{replyToId}), in order, within one deadline and
 * without retries or redirects: a dead or silent port fails the request in at most the deadline
 * instead of holding it through botbuilder's retries.
 */
export async function deliverToEmulator(serviceUrl: string, activities: readonly BufferedActivity[], timeoutMs = EMULATOR_DELIVERY_TIMEOUT_MS): Promise<DeliveryResult> {
  const base = serviceUrl.replace(/\/+$/, '');
  const signal = AbortSignal.timeout(timeoutMs);
  for (const activity of activities) {
    const conversation = activity.conversation?.id;
    if (conversation === undefined) continue;
    const path = `/v3/conversations/${encodeURIComponent(conversation)}/activities${activity.replyToId === undefined ? '' : `/${encodeURIComponent(activity.replyToId)}`}`;
    try {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...activity, serviceUrl }),
        redirect: 'error',
        signal,
      });
      await response.body?.cancel();
      if (!response.ok) return { ok: false, reason: `HTTP ${response.status}` };
    } catch (error) {
      return { ok: false, reason: error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'connection failed' };
    }
  }
  return { ok: true };
}
