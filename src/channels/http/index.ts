export { clientAddress } from './client-address.js';
export { createHttpServer, markDraining, routeOf, type HttpServerOptions } from './server.js';
export { registerHealthRoute, registerOpsRoutes, registerSearchRoute, type CorpusHealth, type OpsRoutesOptions, type Readiness, type SearchRouteOptions } from './routes.js';
export { searchFaq, SEARCH_LIMITS, type SearchResponse } from './search-api.js';
export { describeQueryProblem, parseQueryString, type QueryParse, type QueryProblem } from './query-string.js';
export { parseJson, readRequestBody, type BodyProblem, type RawBody } from './request-body.js';
export { typedText } from './typed-text.js';
export { jsonElementsExceed } from './json-values.js';
