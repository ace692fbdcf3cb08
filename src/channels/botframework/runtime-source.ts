import type { BotRuntime } from './runtime.js';

/** The runtime itself (tests, tools), or a function that builds it on first use (the service, see deferred.ts). */
export type BotRuntimeSource = BotRuntime | (() => Promise<BotRuntime>);

/** The runtime of `source`, built if it is deferred. */
export function runtimeOf(source: BotRuntimeSource): BotRuntime | Promise<BotRuntime> {
  return typeof source === 'function' ? source() : source;
}
