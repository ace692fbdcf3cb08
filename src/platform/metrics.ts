import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Channels that get their own label value; any other (caller-chosen) channel id counts as "other". */
const KNOWN_CHANNELS: ReadonlySet<string> = new Set(['webchat', 'msteams', 'emulator', 'directline', 'search', 'test']);

/** A bounded label for a channel id: callers choose channel ids, and every label value costs memory. */
export function channelLabel(channelId: string | undefined): string {
  return channelId !== undefined && KNOWN_CHANNELS.has(channelId) ? channelId : 'other';
}

export interface MetricsOptions {
  /** Node's process metrics (CPU, memory, event loop, GC); on in the service, off in most tests. */
  readonly defaultMetrics?: boolean;
}

/**
 * Every metric the service exposes on GET /metrics, in its own registry (nothing global). Names and
 * labels are documented in docs/operations.md. Label values are bounded: decisions and reasons are
 * enumerations, entry ids come from the corpus, channels go through channelLabel, routes are route
 * paths (never raw URLs).
 */
export function createMetrics(options: MetricsOptions = {}) {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    decisions: new Counter({ name: 'faq_decisions_total', help: 'Decisions shown to people, by decision (answer, clarify, escalate) and channel.', labelNames: ['decision', 'channel'] as const, registers }),
    escalations: new Counter({ name: 'faq_escalations_total', help: 'Hand-overs to the contact center, by reason and channel.', labelNames: ['reason', 'channel'] as const, registers }),
    answers: new Counter({ name: 'faq_answers_total', help: 'Vetted answers given, by FAQ entry id and channel.', labelNames: ['entry_id', 'channel'] as const, registers }),
    feedback: new Counter({ name: 'faq_feedback_total', help: '"Did this help?" clicks, by FAQ entry id and helpful (true, false).', labelNames: ['entry_id', 'helpful'] as const, registers }),
    matchSeconds: new Histogram({
      name: 'faq_match_duration_seconds',
      help: 'Time the engine takes to answer one question (matching and policy).',
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
      registers,
    }),
    httpSeconds: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration, by method, route (the route path, "unmatched" for 404s) and status.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    httpInFlight: new Gauge({ name: 'http_requests_in_flight', help: 'HTTP requests being served now.', registers }),
    rateLimitRefusals: new Counter({ name: 'rate_limit_refusals_total', help: 'Requests refused with 429, by limit.', labelNames: ['limit'] as const, registers }),
    corpusReloads: new Counter({ name: 'faq_corpus_reloads_total', help: 'Corpus reloads, by result (success, unchanged, failure).', labelNames: ['result'] as const, registers }),
    corpusLoadedAt: new Gauge({ name: 'faq_corpus_loaded_timestamp_seconds', help: 'When the corpus being served was loaded (Unix time).', registers }),
    corpusEntries: new Gauge({ name: 'faq_corpus_entries', help: 'FAQ entries in the corpus being served.', registers }),
    corpusInfo: new Gauge({ name: 'faq_corpus_info', help: 'The corpus being served: its version (content hash) as a label, value 1.', labelNames: ['version'] as const, registers }),
    storeErrors: new Counter({ name: 'shared_store_errors_total', help: 'Failed shared-store commands (the service fails open), by operation.', labelNames: ['operation'] as const, registers }),
    storeUp: new Gauge({ name: 'shared_store_up', help: '1 when the shared store (Redis, or memory) answered the last check, else 0.', registers }),
    // The official page (OFFICIAL_PAGE_URL): page labels are the configured addresses, so bounded.
    pageChecks: new Counter({ name: 'official_page_checks_total', help: 'Checks of the official page, by outcome (baseline, changed, unchanged, not-modified, failed, not-leader).', labelNames: ['outcome'] as const, registers }),
    pageFetchFailures: new Counter({ name: 'official_page_fetch_failures_total', help: 'Checks of the official page that failed, by reason (timeout, too-large, http-error, network, …).', labelNames: ['reason'] as const, registers }),
    pageUp: new Gauge({ name: 'official_page_up', help: '1 when the last check of the page succeeded (200 or 304), else 0.', labelNames: ['page'] as const, registers }),
  };
}

export type ServiceMetrics = ReturnType<typeof createMetrics>;
