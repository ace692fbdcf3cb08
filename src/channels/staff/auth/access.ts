import type { IncomingMessage } from 'node:http';
import { sameSecret } from './cookies.js';
import { STAFF_ROLES, type SessionCookies, type StaffRole, type StaffSession } from './session.js';

/** Who is asking, as far as the staff side can tell. */
export type Caller =
  /**
   * `Authorization: Bearer <token>`: STAFF_TOKEN (every staff role, named "STAFF_TOKEN") or a named
   * STAFF_API_TOKENS token with its roles. No cookie involved, so no CSRF risk.
   */
  | { readonly kind: 'token'; readonly name: string; readonly roles: readonly StaffRole[] }
  /** A valid session cookie from Entra ID sign-in. */
  | { readonly kind: 'session'; readonly roles: readonly StaffRole[]; readonly session: StaffSession }
  /** An Authorization header that is not the token: refused, never retried as a cookie. */
  | { readonly kind: 'bad-token' }
  | { readonly kind: 'anonymous' };

const BEARER = /^Bearer[ ]+([!-~]{1,1024})$/;

export interface StaffAccessOptions {
  /** STAFF_TOKEN; absent turns it off. */
  readonly token?: string | undefined;
  /** Named API tokens with their roles (STAFF_API_TOKENS). */
  readonly apiTokens?: readonly { readonly name: string; readonly roles: readonly StaffRole[]; readonly token: string }[];
  /** Entra ID sessions; absent turns cookie sign-in off. */
  readonly cookies?: SessionCookies | undefined;
  /** This service's public origin: state-changing requests must come from it. */
  readonly origin?: string | undefined;
  /**
   * Without a public origin (the loopback sign-in), requests must come from http:// and the Host they
   * were sent to: the pages' own origin on this machine.
   */
  readonly sameHostOrigin?: boolean;
  readonly clock: () => Date;
}

/** Identifies callers and guards state-changing requests against CSRF. */
export class StaffAccess {
  constructor(private readonly options: StaffAccessOptions) {}

  identify(req: IncomingMessage): Caller {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const token = BEARER.exec(authorization)?.[1];
      if (token === undefined) return { kind: 'bad-token' };
      if (this.options.token !== undefined && sameSecret(token, this.options.token)) return { kind: 'token', name: 'STAFF_TOKEN', roles: STAFF_ROLES };
      // Every token is compared (constant time each), so the time taken does not tell which one matched.
      let match: Caller | undefined;
      for (const named of this.options.apiTokens ?? []) {
        if (sameSecret(token, named.token) && match === undefined) match = { kind: 'token', name: named.name, roles: named.roles };
      }
      return match ?? { kind: 'bad-token' };
    }
    const session = this.options.cookies?.session(req.headers.cookie, this.options.clock());
    return session ? { kind: 'session', roles: session.roles, session } : { kind: 'anonymous' };
  }

  /**
   * A cookie-authenticated state-changing request must come from our own pages: same origin (Origin
   * and Sec-Fetch-Site, when the browser sends them) and the session's CSRF token echoed in the
   * `x-csrf-token` header or the form's `_csrf` field.
   */
  csrfAllows(req: IncomingMessage, session: StaffSession, formToken?: string): boolean {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') return false;
    const origin = req.headers.origin;
    const expected = this.options.origin ?? (this.options.sameHostOrigin ? `http://${req.headers.host ?? ''}` : undefined);
    if (origin !== undefined && origin !== expected) return false;
    const header = req.headers['x-csrf-token'];
    const given = typeof header === 'string' ? header : formToken;
    return given !== undefined && sameSecret(given, session.csrf);
  }
}
