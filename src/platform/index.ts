/**
 * What running the service in production needs besides its channels: metrics, rate limits, the live
 * corpus (a swappable engine and its reloader), graceful shutdown and the request scope of log lines.
 * See docs/operations.md.
 */
export { buildWarnings, corpusVersion, inProcessBuild, type CorpusBuild, type CorpusBuildProblem, type CorpusBuildResult } from './corpus-build.js';
export { processBuild } from './process-build.js';
export { createModelCache, type ModelCache, type ModelCacheOptions } from './model-cache.js';
export { createCorpusReloader, logCorpusWarnings, type CorpusReloader, type CorpusReloaderOptions, type CorpusStatus, type ReloadOutcome, type ReloadTrigger } from './corpus-reloader.js';
export { createLiveEngine, type LiveEngine, type LiveEngineOptions } from './live-engine.js';
export { channelLabel, createMetrics, type MetricsOptions, type ServiceMetrics } from './metrics.js';
export { createRateLimiters, type RateDecision, type RateLimiter, type RateLimiters, type RateLimitersOptions, type RateLimitSpec } from './rate-limits.js';
export { createRefusalReporter, type RefusalReporterOptions } from './refusals.js';
export { createRequestContext, requestIdFor, type RequestContext, type RequestScope } from './request-context.js';
export { drainHttpServer, type DrainResult } from './shutdown.js';
export { reuseModelBuild, trainingInput } from './model-reuse.js';
export { followStore, type StoreFollower, type StoreFollowerOptions } from './store-follower.js';
export { FeaturizerCache } from './featurizer-cache.js';
export { draftEngineBuilder, type DraftEngineBuilder } from './draft-engine.js';
