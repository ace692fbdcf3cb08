import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line written while serving one request carries. */
export interface RequestScope {
  /** x-request-id: the proxy's when trusted, else one made here. */
  readonly requestId: string;
  /** The client's address (the trusted proxy's hop when behind one): which source a kept question came from. */
  readonly client?: string;
}

// Ids a proxy generates (UUIDs, hex, base64url): anything else is replaced, so no text rides along.
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * The request being served, carried through async calls (botbuilder's turn included) so the logger can
 * add its id to every line without each function passing a child logger along.
 */
export function createRequestContext() {
  const storage = new AsyncLocalStorage<RequestScope>();
  return {
    /** Runs `fn` (and everything it starts) within the request's scope. */
    run<R>(scope: RequestScope, fn: () => R): R {
      return storage.run(scope, fn);
    },
    /** The scope of the request being served, if any. */
    current(): RequestScope | undefined {
      return storage.getStore();
    },
    /** For the logger: `{ reqId }` within a request, nothing outside one. */
    logFields(): Record<string, unknown> {
      const scope = storage.getStore();
      return scope === undefined ? {} : { reqId: scope.requestId };
    },
  };
}

export type RequestContext = ReturnType<typeof createRequestContext>;

/** The request id to use: the incoming one only when it comes from a trusted proxy and looks like an id. */
export function requestIdFor(incoming: string | string[] | undefined, trustIncoming: boolean): string {
  if (trustIncoming && typeof incoming === 'string' && REQUEST_ID.test(incoming)) return incoming;
  return randomUUID();
}
