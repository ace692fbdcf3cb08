import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createBotRuntime, registerBotRoutes, type BotAuthConfig, type BotRoutesOptions, type BotRuntime } from '../../src/channels/botframework/index.js';
import { createHttpServer } from '../../src/channels/http/index.js';
import { createFaqEngine, loadCorpus, type FaqEngine } from '../../src/core/index.js';
import { createI18n, type I18n } from '../../src/i18n/index.js';
import { createLogger, type Logger } from '../../src/logging/index.js';

const FAQ_DATA = fileURLToPath(new URL('../../faq-data', import.meta.url));
const LOCALES = fileURLToPath(new URL('../../locales', import.meta.url));

/** Wednesday 11 January 2023, 10:00 in Stockholm: the contact center is open. */
export const OPEN_CLOCK = () => new Date('2023-01-11T09:00:00Z');
/** Saturday 14 January 2023, 11:00 in Stockholm: closed until Monday. */
export const SATURDAY_CLOCK = () => new Date('2023-01-14T10:00:00Z');

let engine: FaqEngine | undefined;
export function testEngine(): FaqEngine {
  if (!engine) {
    const loaded = loadCorpus(FAQ_DATA);
    if (!loaded.ok) throw new Error(`faq-data is invalid: ${loaded.problems.map((p) => p.message).join('; ')}`);
    engine = createFaqEngine(loaded.corpus);
  }
  return engine;
}

let i18n: Promise<I18n> | undefined;
export const testI18n = () => (i18n ??= createI18n({ localesDir: LOCALES }));

export interface BotServer {
  readonly url: string;
  readonly runtime: BotRuntime;
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: unknown }>;
  postRaw(body: string, headers: Record<string, string>): Promise<{ status: number; json: unknown }>;
  close(): Promise<void>;
}

/**
 * The service's restify server with the bot's routes, as main.ts builds it, on a free loopback port;
 * over the shipped faq-data/ unless `engine` is given.
 */
export async function startBot(
  options: { auth?: BotAuthConfig; clock?: () => Date; logger?: Logger; emulatorReplies?: boolean; routes?: BotRoutesOptions; engine?: FaqEngine } = {},
): Promise<BotServer> {
  const logger = options.logger ?? createLogger('silent');
  const server = createHttpServer({ logger });
  const runtime = createBotRuntime({
    engine: options.engine ?? testEngine(),
    i18n: await testI18n(),
    logger,
    clock: options.clock ?? OPEN_CLOCK,
    auth: options.auth ?? {},
    emulatorReplies: options.emulatorReplies ?? false,
  });
  registerBotRoutes(server, runtime, options.routes);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const url = `http://127.0.0.1:${port}`;
  const postRaw = async (body: string, headers: Record<string, string>) => {
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };
  return {
    url,
    runtime,
    postRaw,
    post: (body, headers = {}) => postRaw(JSON.stringify(body), { 'content-type': 'application/json', ...headers }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A Bot Framework message activity as the Emulator or Web Chat sends it; inline replies by default. */
export function message(text: string | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'emulator',
    deliveryMode: 'expectReplies',
    from: { id: 'user-1', name: 'Invånare', role: 'user' },
    recipient: { id: 'bot-1', name: 'Kommunbot', role: 'bot' },
    conversation: { id: `conv-${randomUUID()}` },
    locale: 'sv-SE',
    ...(text === undefined ? {} : { text }),
    ...extra,
  };
}

const cardAction = z.looseObject({ type: z.string(), title: z.string(), value: z.unknown() });
export const replyActivity = z.looseObject({
  type: z.string(),
  name: z.string().optional(),
  text: z.string().optional(),
  attachments: z.array(z.looseObject({ contentType: z.string(), content: z.unknown() })).optional(),
  suggestedActions: z.object({ actions: z.array(cardAction) }).optional(),
  value: z.unknown().optional(),
});
export type ReplyActivity = z.infer<typeof replyActivity>;

/** The bot's replies from an expectReplies response; fails the test when the body is not one. */
export function repliesOf(response: { status: number; json: unknown }): ReplyActivity[] {
  if (response.status !== 200) throw new Error(`expected 200, got ${response.status}: ${JSON.stringify(response.json)}`);
  return z.object({ activities: z.array(replyActivity) }).parse(response.json).activities;
}

const heroCard = z.looseObject({
  title: z.string().optional(),
  subtitle: z.string().optional(),
  text: z.string().optional(),
  buttons: z.array(cardAction).default([]),
});
export type HeroCard = z.infer<typeof heroCard>;

/** The hero cards among a reply's attachments. */
export function heroCardsOf(activity: ReplyActivity): HeroCard[] {
  return (activity.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.hero').map((a) => heroCard.parse(a.content));
}

const textBlock = z.looseObject({ type: z.literal('TextBlock'), text: z.string() });
const openUrl = z.object({ type: z.literal('Action.OpenUrl'), title: z.string(), url: z.string() });
/** An Adaptive Card as this bot writes them: text blocks, and Action.OpenUrl buttons. */
export const adaptiveCard = z.looseObject({ type: z.literal('AdaptiveCard'), version: z.string(), body: z.array(textBlock), actions: z.array(openUrl).optional() });
export type AdaptiveCard = z.infer<typeof adaptiveCard>;

/** The Adaptive Cards among a reply's attachments. */
export function adaptiveCardsOf(activity: ReplyActivity): AdaptiveCard[] {
  return (activity.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => adaptiveCard.parse(a.content));
}

const extensionResponse = z.object({
  composeExtension: z.object({
    type: z.literal('result'),
    attachmentLayout: z.literal('list'),
    attachments: z.array(
      z.object({
        contentType: z.literal('application/vnd.microsoft.card.adaptive'),
        content: adaptiveCard,
        preview: z.object({ contentType: z.literal('application/vnd.microsoft.card.thumbnail'), content: z.object({ title: z.string() }) }),
      }),
    ),
  }),
});

/**
 * The Teams message extension's result cards in a composeExtension/query response, as an agent reads
 * them: the title (the first block), the text (the other blocks), the buttons and the preview.
 */
export function extensionCards(json: unknown) {
  return extensionResponse.parse(json).composeExtension.attachments.map((a) => ({
    title: a.content.body[0]?.text ?? '',
    text: a.content.body.slice(1).map((b) => b.text).join('\n\n'),
    actions: a.content.actions ?? [],
    preview: a.preview.content,
  }));
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

/** A stand-in Bot Connector: records what the bot POSTs to {serviceUrl}/v3/conversations/... */
export interface StandInConnector {
  /** Its base URL on loopback. */
  readonly url: string;
  /** Its base URL on a non-loopback address of this machine, when there is one. */
  readonly externalUrl: string | undefined;
  readonly requests: RecordedRequest[];
  /** Resolves once `n` requests have arrived. */
  waitFor(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startConnector(): Promise<StandInConnector> {
  const requests: RecordedRequest[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', path: req.url ?? '', body: raw === '' ? undefined : (JSON.parse(raw) as unknown) });
      // Two calls: restify patches ServerResponse process-wide and its writeHead returns nothing.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `sent-${requests.length}` }));
      for (const w of waiters.filter((w) => requests.length >= w.n)) w.resolve();
    });
  });
  // All interfaces, so a refused non-loopback serviceUrl would really reach it if the guard failed.
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  const { port } = server.address() as AddressInfo;
  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i !== undefined && !i.internal && i.family === 'IPv4');
  return {
    url: `http://127.0.0.1:${port}`,
    externalUrl: external ? `http://${external.address}:${port}` : undefined,
    requests,
    waitFor: (n) => (requests.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
