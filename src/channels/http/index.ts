export { createHttpServer, type HttpServerOptions } from './server.js';
export { registerHealthRoute, registerSearchRoute, type SearchRouteOptions } from './routes.js';
export { searchFaq, SEARCH_LIMITS, type SearchResponse } from './search-api.js';
