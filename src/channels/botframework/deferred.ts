/**
 * The Bot Framework channel as the service wires it, without loading botbuilder at start-up: botbuilder
 * and its dependencies take about half a second of module loading on a small machine (more under tsx),
 * and nothing needs them before the first message. The runtime is built on first use, or by `load()`,
 * which the service calls once it listens, so the first resident rarely waits for it.
 *
 * Everything exported here is free of botbuilder at run time (type imports only); the rest of the
 * channel is in index.ts.
 */
import type { BotRuntime, BotRuntimeOptions } from './runtime.js';

export { BOT_LIMITS } from './limits.js';
export { createInlineRunner, type InlineRunner } from './inline-runner.js';
export { registerBotRoutes, type BotRoutesOptions } from './routes.js';
export type { TurnObserver } from './observer.js';
export type { BotRuntimeSource } from './runtime-source.js';

export interface DeferredBotRuntime {
  /** The runtime, loading botbuilder and building it the first time; the same promise afterwards. */
  readonly runtime: () => Promise<BotRuntime>;
  /** Starts loading now, in the background (the service calls it once it listens). */
  load(): void;
}

/** A runtime built from `options` when first needed; a failure to load is logged and retried on the next use. */
export function deferredBotRuntime(options: BotRuntimeOptions): DeferredBotRuntime {
  let loading: Promise<BotRuntime> | undefined;
  const runtime = () =>
    (loading ??= import('./runtime.js').then(
      (m) => m.createBotRuntime(options),
      (err: unknown) => {
        loading = undefined;
        options.logger.error({ err }, 'the Bot Framework channel could not be loaded (is botbuilder installed?): /api/messages and the web chat fail until it can');
        throw err;
      },
    ));
  return {
    runtime,
    load() {
      runtime().catch(() => undefined);
    },
  };
}
