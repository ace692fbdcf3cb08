import type { FaqEngine } from '../core/index.js';

/** The FAQ engine every channel holds: forwards each call to the engine of the corpus being served. */
export interface LiveEngine extends FaqEngine {
  /** The engine calls go to now. */
  readonly current: FaqEngine;
  /**
   * Serves `next` from the next call on. Atomic: a call is answered wholly by the engine it started on,
   * so channels never see half a corpus and need not be rebuilt.
   */
  swap(next: FaqEngine): void;
}

export interface LiveEngineOptions {
  /** Told how long each question took to answer, in seconds (the match-latency histogram). */
  readonly onAsk?: (seconds: number) => void;
}

/** A LiveEngine starting on `initial`. */
export function createLiveEngine(initial: FaqEngine, options: LiveEngineOptions = {}): LiveEngine {
  let engine = initial;
  const onAsk = options.onAsk;
  return {
    get corpus() {
      return engine.corpus;
    },
    get model() {
      return engine.model;
    },
    get current() {
      return engine;
    },
    ask(text, context) {
      if (onAsk === undefined) return engine.ask(text, context);
      const started = process.hrtime.bigint();
      const decision = engine.ask(text, context);
      onAsk(Number(process.hrtime.bigint() - started) / 1e9);
      return decision;
    },
    smallTalk: (text) => engine.smallTalk(text),
    entry: (id) => engine.entry(id),
    languageOf: (text) => engine.languageOf(text),
    swap(next) {
      engine = next;
    },
  };
}
